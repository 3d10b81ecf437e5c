/// psql's `\pset` options, with psql 15's defaults, plus tidepool's own (json, streaming bounds).
public struct PrintSettings: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case aligned, asciidoc, csv, html, json, latex
        case latexLongtable = "latex-longtable"
        case troffMs = "troff-ms"
        case unaligned, wrapped
    }

    public enum Expanded: Sendable { case off, on, auto }

    public enum LineStyle: String, Sendable { case ascii, oldAscii = "old-ascii", unicode }

    public enum UnicodeLineStyle: String, Sendable { case single, double }

    public enum Pager: Int, Sendable { case off = 0, on = 1, always = 2 }

    public var format = Format.aligned
    public var border = 1
    public var expanded = Expanded.off
    public var tuplesOnly = false
    /// psql's `footer`: the default "(N rows)" footer.
    public var footer = true
    public var title: String? = nil
    public var nullDisplay = ""
    public var fieldSeparator = "|"
    public var recordSeparator = "\n"
    public var fieldSeparatorZero = false
    public var recordSeparatorZero = false
    public var csvFieldSeparator = ","
    public var lineStyle = LineStyle.ascii
    /// `\pset columns`; 0 means use `terminalWidth`.
    public var columns = 0
    /// The terminal's width when output goes to a terminal (or a pager); nil otherwise.
    public var terminalWidth: Int? = nil
    /// json format: one object per line without the enclosing array.
    public var jsonLines = false
    public var unicodeBorderLineStyle = UnicodeLineStyle.single
    public var unicodeColumnLineStyle = UnicodeLineStyle.single
    public var unicodeHeaderLineStyle = UnicodeLineStyle.single
    /// Accepted and listed like psql's, but not applied: numbers print as the server sends them.
    public var numericLocale = false
    /// Listed by `\pset`; the printers do not page (the caller decides where output goes).
    public var pager = Pager.on
    public var pagerMinLines = 0
    /// html format: attributes of the `<table>` tag; latex-longtable: the widths of left-aligned columns.
    public var tableAttr: String? = nil
    /// Footer lines that replace "(N rows)" (describe's), for the printers that place footers themselves
    /// (html, asciidoc, latex, troff-ms); the others get theirs from `FooterTable`.
    var explicitFooters: [String]? = nil
    /// Rows buffered to compute exact aligned/wrapped/expanded widths; beyond it the table prints in groups
    /// of this many rows, as psql does with FETCH_COUNT.
    public var streamingThreshold = 10_000
    /// Bytes of cell data buffered before a group is printed early, whatever its row count.
    public var streamingByteLimit = 64 * 1024 * 1024
    /// psql's FETCH_COUNT: when > 0 the aligned formats print groups of exactly this many rows.
    public var fetchCount = 0

    public init() {}

    /// The width psql aims at: `\pset columns`, else the terminal's, else 0 (unknown).
    var outputColumns: Int {
        if columns > 0 { return columns }
        return terminalWidth ?? 0
    }
}
