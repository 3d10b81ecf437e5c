/// The characters psql draws tables with (print.c's printTextFormat) for one line style.
struct TextFormat {
    /// One horizontal rule: its fill and the joints at the left edge, between columns, at the right edge.
    struct Rule {
        var fill: String
        var left: String
        var middle: String
        var right: String
    }

    var top: Rule
    var middle: Rule
    var bottom: Rule
    /// Vertical bars of data lines (`fill` unused).
    var data: Rule
    var midvruleNewline: String
    var midvruleWrap: String
    var midvruleBlank: String
    var headerNewlineLeft: String
    var headerNewlineRight: String
    var newlineLeft: String
    var newlineRight: String
    var wrapLeft: String
    var wrapRight: String
    var wrapRightBorder: Bool
    var isOldASCII = false

    func rule(_ position: RulePosition) -> Rule {
        switch position {
        case .top: return top
        case .middle: return middle
        case .bottom: return bottom
        case .data: return data
        }
    }

    enum RulePosition { case top, middle, bottom, data }

    static let ascii = TextFormat(
        top: Rule(fill: "-", left: "+", middle: "+", right: "+"),
        middle: Rule(fill: "-", left: "+", middle: "+", right: "+"),
        bottom: Rule(fill: "-", left: "+", middle: "+", right: "+"),
        data: Rule(fill: "", left: "|", middle: "|", right: "|"),
        midvruleNewline: "|", midvruleWrap: "|", midvruleBlank: "|",
        headerNewlineLeft: " ", headerNewlineRight: "+", newlineLeft: " ", newlineRight: "+",
        wrapLeft: ".", wrapRight: ".", wrapRightBorder: true)

    static let oldASCII = TextFormat(
        top: Rule(fill: "-", left: "+", middle: "+", right: "+"),
        middle: Rule(fill: "-", left: "+", middle: "+", right: "+"),
        bottom: Rule(fill: "-", left: "+", middle: "+", right: "+"),
        data: Rule(fill: "", left: "|", middle: "|", right: "|"),
        midvruleNewline: ":", midvruleWrap: ";", midvruleBlank: " ",
        headerNewlineLeft: "+", headerNewlineRight: " ", newlineLeft: " ", newlineRight: " ",
        wrapLeft: " ", wrapRight: " ", wrapRightBorder: false, isOldASCII: true)

    /// psql's refresh_utf8format: single or double lines for the border, the columns and the header rule.
    static func unicode(border: PrintSettings.UnicodeLineStyle, column: PrintSettings.UnicodeLineStyle,
                        header: PrintSettings.UnicodeLineStyle) -> TextFormat {
        let b = border == .double ? 1 : 0
        let h = header == .double ? 1 : 0
        let c = column == .double ? 1 : 0
        // Border pieces: up-and-right, vertical, down-and-right, horizontal, down-and-left, up-and-left.
        let borderStyle = [["└", "│", "┌", "─", "┐", "┘"], ["╚", "║", "╔", "═", "╗", "╝"]][b]
        // Header rule: horizontal, vertical-and-right[border], vertical-and-left[border].
        let headerHorizontal = ["─", "═"][h]
        let headerRight = [["├", "╟"], ["╞", "╠"]][h][b]
        let headerLeft = [["┤", "╢"], ["╡", "╣"]][h][b]
        // Column pieces: vertical, vertical-and-horizontal[], up-and-horizontal[], down-and-horizontal[].
        let columnVertical = ["│", "║"][c]
        let columnCross = [["┼", "╪"], ["╫", "╬"]][c]
        let columnUp = [["┴", "╧"], ["╨", "╩"]][c]
        let columnDown = [["┬", "╤"], ["╥", "╦"]][c]
        return TextFormat(
            top: Rule(fill: borderStyle[3], left: borderStyle[2], middle: columnDown[b], right: borderStyle[4]),
            middle: Rule(fill: headerHorizontal, left: headerRight, middle: columnCross[h], right: headerLeft),
            bottom: Rule(fill: borderStyle[3], left: borderStyle[0], middle: columnUp[b], right: borderStyle[5]),
            data: Rule(fill: "", left: borderStyle[1], middle: columnVertical, right: borderStyle[1]),
            midvruleNewline: columnVertical, midvruleWrap: columnVertical, midvruleBlank: columnVertical,
            headerNewlineLeft: " ", headerNewlineRight: "↵", newlineLeft: " ", newlineRight: "↵",
            wrapLeft: "…", wrapRight: "…", wrapRightBorder: true)
    }

    static func of(_ settings: PrintSettings) -> TextFormat {
        switch settings.lineStyle {
        case .ascii: return .ascii
        case .oldAscii: return .oldASCII
        case .unicode:
            return .unicode(border: settings.unicodeBorderLineStyle, column: settings.unicodeColumnLineStyle,
                            header: settings.unicodeHeaderLineStyle)
        }
    }
}
