/// `\set AUTOCOMMIT off`: psql opens a transaction block before any statement sent outside one, except the
/// statements that control transactions or may not run inside a block (psql's command_no_begin, which
/// mirrors the server's PreventInTransactionBlock callers).
enum ImplicitTransaction {
    /// True when `sql` must be sent without an implicit BEGIN.
    static func commandNoBegin(_ sql: [UInt8]) -> Bool {
        var words = Words(sql)
        let first = words.next()
        switch first {
        case "abort", "begin", "start", "commit", "end", "rollback":
            return true
        case "prepare":
            return words.next() == "transaction"
        case "vacuum":
            return true
        case "cluster":
            return !words.followedByLetter()  // CLUSTER alone; with arguments it may run in a block
        case "create":
            var second = words.next()
            if second == "database" || second == "tablespace" { return true }
            if second == "unique" { second = words.next() }
            return second == "index" && words.next() == "concurrently"
        case "alter":
            return words.next() == "system"
        case "drop", "reindex":
            let second = words.next()
            if second == "database" || second == "system" || second == "tablespace" { return true }
            if second == "index" || second == "table" {
                // REINDEX {INDEX|TABLE} CONCURRENTLY and DROP INDEX CONCURRENTLY.
                return words.next() == "concurrently"
            }
            return false
        case "discard":
            return words.next() == "all"
        default:
            return false
        }
    }

    /// The leading words of a statement, lower-cased, skipping white space and comments between them (psql
    /// reads a word as a run of letters).
    private struct Words {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> String? {
            skipSpaceAndComments()
            let start = position
            while position < bytes.count, Self.isLetter(bytes[position]) { position += 1 }
            guard position > start else { return nil }
            return String(decoding: bytes[start..<position], as: UTF8.self).lowercased()
        }

        mutating func followedByLetter() -> Bool {
            skipSpaceAndComments()
            return position < bytes.count && Self.isLetter(bytes[position])
        }

        private static func isLetter(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
        }

        private mutating func skipSpaceAndComments() {
            while position < bytes.count {
                let byte = bytes[position]
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    position += 1
                } else if byte == UInt8(ascii: "-"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "-") {
                    while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                    // Block comments nest, as the server's lexer has them.
                    var depth = 1
                    position += 2
                    while position < bytes.count, depth > 0 {
                        if bytes[position] == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                            depth += 1; position += 2
                        } else if bytes[position] == UInt8(ascii: "*"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                            depth -= 1; position += 2
                        } else {
                            position += 1
                        }
                    }
                } else {
                    return
                }
            }
        }
    }
}
