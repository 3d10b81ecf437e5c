import Glibc

/// psql's single-step mode (`-s`, `\set SINGLESTEP on`): before each query the user types, show it and
/// wait for a line on standard input — Return runs it, a line starting with `x` cancels it.
enum SingleStep {
    /// What psql's stdio buffer for stdin would hold: bytes read from fd 0 by an earlier question but not
    /// yet taken. Only the main thread, which runs the foreground session, asks.
    nonisolated(unsafe) private static var buffered: [UInt8] = []

    /// True when the query may run. The answer is read as psql's `fgets(buf, 3, stdin)` reads it: at most
    /// two bytes up to a newline, the rest of the line left for the next question (at a terminal, read
    /// one line at a time, the line editor never sees it). End of input runs the query.
    static func confirm(_ sql: [UInt8], output: OutputStream) -> Bool {
        output.write("***(Single step mode: verify command)*******************************************\n")
        output.write(sql)
        output.write("\n***(press return to proceed or enter x and return to cancel)********************\n")
        output.flush()
        var answer: [UInt8] = []
        while answer.count < 2 {
            if buffered.isEmpty && !fill() { break }
            let byte = buffered.removeFirst()
            answer.append(byte)
            if byte == 0x0A { break }
        }
        return answer.first != UInt8(ascii: "x")
    }

    /// One read of standard input into the buffer, as stdio refills it; false at end of input or error.
    private static func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = read(0, &chunk, chunk.count)
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return false }
            buffered.append(contentsOf: chunk[..<got])
            return true
        }
    }
}
