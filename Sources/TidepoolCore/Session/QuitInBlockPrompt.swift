import Glibc

/// `\q` at a terminal inside a transaction block asks first, as pgcli does: commit, roll back, or stay.
/// (Ctrl-D leaves at once, rolling back with a warning, so a quick exit is never trapped.)
enum QuitInBlockPrompt {
    /// True when the shell should quit (after committing or rolling back); false to stay.
    static func confirm(_ session: Session) -> Bool {
        let n = session.transactions.statements
        let question = "A transaction block is open (\(n) statement\(n == 1 ? "" : "s")). [c]ommit, [r]oll back, or [s]tay? "
        session.output.flush()
        writeStderr(question)
        var byte: UInt8 = 0
        var answer: UInt8 = 0
        while Glibc.read(0, &byte, 1) == 1 {
            if byte == 0x0A { break }
            if answer == 0 && byte != 0x20 { answer = byte | 0x20 }
        }
        switch answer {
        case UInt8(ascii: "c"):
            return session.run(Array("COMMIT".utf8)) == .succeeded
        case UInt8(ascii: "r"):
            session.run(Array("ROLLBACK".utf8))
            return true
        default:
            return false
        }
    }
}
