extension StatementScanner {
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The line without a leading UTF-8 byte-order mark.
    ///
    /// psql 15 removes a BOM from the first line of each script file when the client encoding is
    /// UTF8 (measured: with PGCLIENTENCODING=LATIN1 the BOM is sent and the server reports a syntax
    /// error). Call this for the first line of every file or stdin script, not for terminal input.
    public static func stripBOM<Line: Collection<UInt8>>(_ line: Line) -> Line.SubSequence {
        line.starts(with: byteOrderMark) ? line.dropFirst(3) : line[...]
    }
}
