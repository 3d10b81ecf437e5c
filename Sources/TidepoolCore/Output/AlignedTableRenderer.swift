/// Prints one group of rows as psql's aligned and wrapped formats do (print.c, print_aligned_text),
/// switching to the expanded layout when `\x auto` finds the table too wide.
struct AlignedTableRenderer {
    let layout: TableLayout
    /// One reusable formatting buffer per column.
    var scratch: [FormattedText]

    init(layout: TableLayout) {
        self.layout = layout
        scratch = Array(repeating: FormattedText(), count: layout.columnCount)
    }

    private enum Wrap { case none, wrap, newline }

    mutating func render(_ rows: RowBuffer, at position: GroupPosition, to out: OutputStream) {
        let settings = layout.settings
        let format = layout.format
        let border = layout.border
        let columnCount = layout.columnCount
        let tuplesOnly = settings.tuplesOnly

        var maxWidth = [Int](repeating: 0, count: columnCount)
        var widthHeader = [Int](repeating: 0, count: columnCount)
        var widthAverage = [Int](repeating: 0, count: columnCount)
        for i in 0..<columnCount {
            widthHeader[i] = layout.headerMetrics[i].width
            maxWidth[i] = max(widthHeader[i], rows.maxWidth[i])
            if rows.rowCount > 0 { widthAverage[i] = rows.widthSum[i] / rows.rowCount }
        }

        var widthTotal: Int
        switch border {
        case 0: widthTotal = columnCount
        case 1: widthTotal = columnCount * 3 - (columnCount > 0 ? 1 : 0)
        default: widthTotal = columnCount * 3 + 1
        }
        var totalHeaderWidth = widthTotal
        for i in 0..<columnCount {
            widthTotal += maxWidth[i]
            totalHeaderWidth += widthHeader[i]
        }
        var widthWrap = maxWidth
        let outputColumns = settings.outputColumns

        if settings.format == .wrapped, outputColumns > 0, outputColumns >= totalHeaderWidth {
            // Shrink the column with the highest max/average ratio, one column at a time.
            while widthTotal > outputColumns {
                var maxRatio = 0.0
                var worst = -1
                for i in 0..<columnCount where widthAverage[i] != 0 && widthWrap[i] > widthHeader[i] {
                    let ratio = Double(widthWrap[i]) / Double(widthAverage[i]) + Double(maxWidth[i]) * 0.01
                    if ratio > maxRatio {
                        maxRatio = ratio
                        worst = i
                    }
                }
                if worst == -1 { break }
                widthWrap[worst] -= 1
                widthTotal -= 1
            }
        }

        if settings.expanded == .auto, outputColumns > 0, columnCount > 1,
           outputColumns < totalHeaderWidth || outputColumns < widthTotal {
            var expanded = ExpandedRenderer(layout: layout)
            expanded.render(rows, at: position, to: out)
            return
        }

        if position.isFirst {
            if let title = settings.title, !tuplesOnly {
                let width = Array(title.utf8).withUnsafeBufferPointer { CellText.measure($0).width }
                if width < widthTotal { out.spaces((widthTotal - width) / 2) }
                out.write(title)
                out.write(byte: 0x0A)
            }
            if !tuplesOnly {
                if border == 2 { horizontalLine(widthWrap, .top, out) }
                printHeaders(widthWrap, out)
                horizontalLine(widthWrap, .middle, out)
            }
        }

        let data = format.data
        var wrap = [Wrap](repeating: .none, count: columnCount)
        var currentLine = [Int](repeating: 0, count: columnCount)
        var bytesOutput = [Int](repeating: 0, count: columnCount)

        // psql walks cells, not rows: rows without columns print nothing.
        for row in 0..<(columnCount == 0 ? 0 : rows.rowCount) {
            for j in 0..<columnCount {
                rows.withCell(row: row, column: j) { scratch[j].format($0) }
                currentLine[j] = 0
                bytesOutput[j] = 0
            }
            var moreLines: Bool
            repeat {
                moreLines = false
                if border == 2 { out.write(data.left) }
                for j in 0..<columnCount {
                    let cell = scratch[j]
                    let hasLine = currentLine[j] < cell.lineCount
                    var charsToOutput = widthWrap[j]
                    let finalSpaces = border == 2 || j < columnCount - 1

                    if border != 0 {
                        switch wrap[j] {
                        case .wrap: out.write(format.wrapLeft)
                        case .newline: out.write(format.newlineLeft)
                        case .none: out.write(byte: UInt8(ascii: " "))
                        }
                    }

                    if !hasLine {
                        if finalSpaces { out.spaces(charsToOutput) }
                    } else {
                        let line = currentLine[j]
                        let (count, width) = cell.withLine(line) { text -> (Int, Int) in
                            let fit = CellText.prefix(of: text, from: bytesOutput[j], fitting: widthWrap[j])
                            let shown = min(fit.width, widthWrap[j])
                            if layout.rightAligned[j] { out.spaces(widthWrap[j] - shown) }
                            out.write(UnsafeBufferPointer(rebasing: text[bytesOutput[j]..<(bytesOutput[j] + fit.bytes)]))
                            return (fit.bytes, shown)
                        }
                        charsToOutput = width
                        bytesOutput[j] += count
                        if bytesOutput[j] < cell.lineEnd(line) - cell.lineStart[line] {
                            moreLines = true
                        } else {
                            currentLine[j] += 1
                            if currentLine[j] < cell.lineCount { moreLines = true }
                            bytesOutput[j] = 0
                        }
                    }

                    wrap[j] = .none
                    if currentLine[j] < cell.lineCount {
                        if bytesOutput[j] != 0 {
                            wrap[j] = .wrap
                        } else if currentLine[j] != 0 {
                            wrap[j] = .newline
                        }
                    }

                    if !layout.rightAligned[j], finalSpaces || wrap[j] != .none {
                        out.spaces(widthWrap[j] - charsToOutput)
                    }

                    switch wrap[j] {
                    case .wrap: out.write(format.wrapRight)
                    case .newline: out.write(format.newlineRight)
                    case .none: if border == 2 || j < columnCount - 1 { out.write(byte: UInt8(ascii: " ")) }
                    }

                    if border != 0 && j < columnCount - 1 {
                        switch wrap[j + 1] {
                        case .wrap: out.write(format.midvruleWrap)
                        case .newline: out.write(format.midvruleNewline)
                        case .none:
                            if currentLine[j + 1] >= scratch[j + 1].lineCount {
                                out.write(format.midvruleBlank)
                            } else {
                                out.write(data.middle)
                            }
                        }
                    }
                }
                if border == 2 { out.write(data.right) }
                out.write(byte: 0x0A)
            } while moreLines
        }

        if position.isLast {
            if border == 2 { horizontalLine(widthWrap, .bottom, out) }
            if settings.footer && !tuplesOnly { out.rowCountFooter(position.priorRows + rows.rowCount) }
            out.write(byte: 0x0A)
        }
    }

    private func horizontalLine(_ widths: [Int], _ position: TextFormat.RulePosition, _ out: OutputStream) {
        let rule = layout.format.rule(position)
        let border = layout.border
        if border == 1 {
            out.write(rule.fill)
        } else if border == 2 {
            out.write(rule.left)
            out.write(rule.fill)
        }
        for (i, width) in widths.enumerated() {
            for _ in 0..<width { out.write(rule.fill) }
            if i < widths.count - 1 {
                if border == 0 {
                    out.write(byte: UInt8(ascii: " "))
                } else {
                    out.write(rule.fill)
                    out.write(rule.middle)
                    out.write(rule.fill)
                }
            }
        }
        if border == 2 {
            out.write(rule.fill)
            out.write(rule.right)
        } else if border == 1 {
            out.write(rule.fill)
        }
        out.write(byte: 0x0A)
    }

    private mutating func printHeaders(_ widthWrap: [Int], _ out: OutputStream) {
        let format = layout.format
        let border = layout.border
        let columnCount = layout.columnCount
        for i in 0..<columnCount { layout.withHeader(i) { scratch[i].format($0) } }
        var remaining = columnCount
        var done = [Bool](repeating: false, count: columnCount)
        var line = 0
        while remaining > 0 {
            if border == 2 { out.write(format.data.left) }
            for i in 0..<columnCount {
                if border != 0 || (!format.wrapRightBorder && i > 0) {
                    out.write(line > 0 ? format.headerNewlineLeft : " ")
                }
                if !done[i] {
                    let text = scratch[i]
                    let space = widthWrap[i] - text.lineWidth[line]
                    out.spaces(space / 2)
                    text.withLine(line) { out.write($0) }
                    out.spaces((space + 1) / 2)
                    if line + 1 >= text.lineCount {
                        remaining -= 1
                        done[i] = true
                    }
                } else {
                    out.spaces(widthWrap[i])
                }
                if border != 0 || format.wrapRightBorder {
                    out.write(!done[i] ? format.headerNewlineRight : " ")
                }
                if border != 0 && i < columnCount - 1 { out.write(format.data.middle) }
            }
            line += 1
            if border == 2 { out.write(format.data.right) }
            out.write(byte: 0x0A)
        }
    }
}
