/// Prints one group of rows in psql's expanded aligned layout (`\x`; print.c, print_aligned_vertical):
/// a `-[ RECORD n ]` rule above each row, then one line per column, header on the left, value on the right.
struct ExpandedRenderer {
    let layout: TableLayout
    private var headerText = FormattedText()
    private var dataText = FormattedText()

    init(layout: TableLayout) {
        self.layout = layout
    }

    mutating func render(_ rows: RowBuffer, at position: GroupPosition, to out: OutputStream) {
        let settings = layout.settings
        let format = layout.format
        let border = layout.border
        let columnCount = layout.columnCount
        let tuplesOnly = settings.tuplesOnly
        let oldASCII = format.isOldASCII

        if rows.rowCount * columnCount == 0 && position.isFirst && position.isLast {
            if !tuplesOnly && settings.footer { out.rowCountFooter(rows.rowCount) }
            out.write(byte: 0x0A)
            return
        }

        var hwidth = 0, hheight = 1, hmultiline = false
        for m in layout.headerMetrics {
            hwidth = max(hwidth, m.width)
            if m.height > hheight {
                hheight = m.height
                hmultiline = true
            }
        }
        var dwidth = 0, dmultiline = false
        if rows.rowCount > 0 {
            for i in 0..<columnCount {
                dwidth = max(dwidth, rows.maxWidth[i])
                if rows.maxHeight[i] > 1 { dmultiline = true }
            }
        }

        if position.isFirst, !tuplesOnly, let title = settings.title {
            out.write(title)
            out.write(byte: 0x0A)
        }

        // Wrapped mode fits the data to the output width (psql 15 leaves aligned mode alone).
        if settings.format == .wrapped {
            var swidth: Int
            switch border {
            case 0: swidth = hmultiline ? 2 : 1
            case 1: swidth = (hmultiline && oldASCII) ? 4 : 3
            default: swidth = 7
            }
            if dmultiline && border < 2 && !oldASCII { swidth += 1 }
            var rwidth = 0
            if !tuplesOnly {
                if rows.rowCount > 0 { rwidth = decimalDigits(rows.rowCount) }
                rwidth += border == 0 ? 9 : (border == 1 ? 12 : 15)
            }
            let outputColumns = settings.outputColumns
            var newdwidth: Int
            while true {
                let width = max(hwidth + swidth + dwidth, rwidth)
                if outputColumns > 0 {
                    let minWidth = max(hwidth + swidth + 3, rwidth)
                    if outputColumns >= width {
                        newdwidth = width - hwidth - swidth
                    } else if outputColumns < minWidth {
                        newdwidth = minWidth - hwidth - swidth
                    } else {
                        newdwidth = outputColumns - hwidth - swidth
                    }
                } else {
                    newdwidth = width - hwidth - swidth
                }
                if newdwidth < dwidth && !dmultiline && border < 2 && !oldASCII {
                    dmultiline = true
                    swidth += 1
                } else {
                    break
                }
            }
            dwidth = newdwidth
        }

        var record = position.priorRows + 1
        for row in 0..<rows.rowCount {
            for column in 0..<columnCount {
                let isFirstCell = row == 0 && column == 0
                if column == 0 {
                    let rulePosition: TextFormat.RulePosition = isFirstCell ? .top : .middle
                    var lhwidth = hwidth
                    if border < 2 && hmultiline && oldASCII { lhwidth += 1 }
                    if !tuplesOnly {
                        recordLine(record: record, hwidth: lhwidth, dwidth: dwidth, rulePosition, out)
                        record += 1
                    } else if !isFirstCell || !position.isFirst || border == 2 {
                        recordLine(record: 0, hwidth: lhwidth, dwidth: dwidth, rulePosition, out)
                    }
                }
                layout.withHeader(column) { headerText.format($0) }
                rows.withCell(row: row, column: column) { dataText.format($0) }
                printField(hwidth: hwidth, dwidth: dwidth, hmultiline: hmultiline, dmultiline: dmultiline, out)
            }
        }

        if position.isLast {
            if border == 2 { recordLine(record: 0, hwidth: hwidth, dwidth: dwidth, .bottom, out) }
            out.write(byte: 0x0A)
        }
    }

    private func printField(hwidth: Int, dwidth: Int, hmultiline: Bool, dmultiline: Bool, _ out: OutputStream) {
        let format = layout.format
        let border = layout.border
        let oldASCII = format.isOldASCII
        var dline = 0, hline = 0
        var dcomplete = false, hcomplete = false
        var offset = 0
        var charsToOutput = dataText.lineWidth[0]
        while !dcomplete || !hcomplete {
            if border == 2 { out.write(format.data.left) }
            if !hcomplete {
                if border == 2 || (hmultiline && oldASCII) {
                    out.write(hline != 0 ? format.headerNewlineLeft : " ")
                }
                let shown = headerText.withLine(hline) { text -> Int in
                    out.write(text)
                    return CellText.prefix(of: text, from: 0, fitting: hwidth).width
                }
                out.spaces(hwidth - shown)
                let marks = border > 0 || (hmultiline && !oldASCII)
                if hline + 1 < headerText.lineCount {
                    if marks { out.write(format.headerNewlineRight) }
                    hline += 1
                } else {
                    if marks { out.write(byte: UInt8(ascii: " ")) }
                    hcomplete = true
                }
            } else {
                var swidth = hwidth + border
                if border < 2 && hmultiline && oldASCII { swidth += 1 }
                if border == 0 && !oldASCII && hmultiline { swidth += 1 }
                out.spaces(max(swidth, 1))
            }

            if border > 0 {
                if offset != 0 {
                    out.write(format.midvruleWrap)
                } else if dline == 0 {
                    out.write(format.data.middle)
                } else {
                    out.write(format.midvruleNewline)
                }
            }

            if !dcomplete {
                out.write(offset == 0 ? " " : format.wrapLeft)
                let fit = dataText.withLine(dline) { text -> (bytes: Int, width: Int) in
                    let fit = CellText.prefix(of: text, from: offset, fitting: dwidth)
                    out.write(UnsafeBufferPointer(rebasing: text[offset..<(offset + fit.bytes)]))
                    return fit
                }
                charsToOutput -= fit.width
                offset += fit.bytes
                let swidth = dwidth - fit.width
                let marks = border > 1 || (dmultiline && !oldASCII)
                if charsToOutput != 0 {
                    if marks {
                        out.spaces(swidth)
                        out.write(format.wrapRight)
                    }
                } else if dline + 1 < dataText.lineCount {
                    if marks {
                        out.spaces(swidth)
                        out.write(format.newlineRight)
                    }
                    dline += 1
                    offset = 0
                    charsToOutput = dataText.lineWidth[dline]
                } else {
                    if border > 1 {
                        out.spaces(swidth)
                        out.write(byte: UInt8(ascii: " "))
                    }
                    dcomplete = true
                }
                if border == 2 { out.write(format.data.right) }
                out.write(byte: 0x0A)
            } else {
                if border < 2 {
                    out.write(byte: 0x0A)
                } else {
                    out.spaces(dwidth + 2)
                    out.write(format.data.right)
                    out.write(byte: 0x0A)
                }
            }
        }
    }

    /// psql's print_aligned_vertical_line: the rule above a record, with `[ RECORD n ]` (or `* Record n`
    /// without borders) when `record` is not 0.
    private func recordLine(record: Int, hwidth: Int, dwidth: Int, _ position: TextFormat.RulePosition,
                            _ out: OutputStream) {
        let border = layout.border
        let rule = layout.format.rule(position)
        if border == 2 {
            out.write(rule.left)
            out.write(rule.fill)
        } else if border == 1 {
            out.write(rule.fill)
        }
        var reclen = 0
        if record != 0 {
            if border == 0 {
                out.write("* Record ")
                reclen = 9
            } else {
                out.write("[ RECORD ")
                reclen = 11
            }
            out.write(decimal: record)
            if border != 0 { out.write(" ]") }
            reclen += decimalDigits(record)
        }
        if border != 2 { reclen += 1 }
        func fill(_ n: Int) {
            guard n > 0 else { return }
            if border > 0 {
                for _ in 0..<n { out.write(rule.fill) }
            } else {
                out.spaces(n)
            }
        }
        fill(hwidth - reclen)
        reclen -= hwidth
        if border > 0 {
            if reclen <= 0 { out.write(rule.fill) }
            reclen -= 1
            if reclen <= 0 { out.write(rule.middle) }
            reclen -= 1
            if reclen <= 0 { out.write(rule.fill) }
            reclen -= 1
        } else {
            if reclen <= 0 { out.write(byte: UInt8(ascii: " ")) }
            reclen -= 1
        }
        if reclen < 0 { reclen = 0 }
        fill(dwidth - reclen)
        if border == 2 {
            out.write(rule.fill)
            out.write(rule.right)
        }
        out.write(byte: 0x0A)
    }
}

func decimalDigits(_ n: Int) -> Int {
    var digits = 1
    var v = n
    while v >= 10 {
        v /= 10
        digits += 1
    }
    return digits
}
