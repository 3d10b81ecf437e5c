import Glibc

/// psql's single-step mode (`-s`, `\set SINGLESTEP on`): before each query the user types, show it and
/// wait for a line on standard input — Return runs it, a line starting with `x` cancels it.
enum SingleStep {
    /// True when the query may run. As psql's fgets into a 3-byte buffer, at most two bytes of the
    /// answer are read; the rest of a longer answer is left for the next question. End of input runs.
    static func confirm(_ sql: [UInt8], output: OutputStream) -> Bool {
        output.write("***(Single step mode: verify command)*******************************************\n")
        output.write(sql)
        output.write("\n***(press return to proceed or enter x and return to cancel)********************\n")
        output.flush()
        var answer: [UInt8] = []
        while answer.count < 2 {
            var byte: UInt8 = 0
            let got = read(0, &byte, 1)
            if got < 0 && errno == EINTR { continue }
            guard got == 1 else { break }
            answer.append(byte)
            if byte == 0x0A { break }
        }
        return answer.first != UInt8(ascii: "x")
    }
}
