import Glibc

/// Reads a password from the terminal without echo (psql's simple_prompt). Never stored or logged.
public enum PasswordPrompt {
    public static func read(prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        let input = fd >= 0 ? fd : 0
        let echoFD = fd >= 0 ? fd : 2
        defer { if fd >= 0 { close(fd) } }
        writeAll(fd: echoFD, prompt)
        var saved = termios()
        let isTerminal = tcgetattr(input, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(input, TCSAFLUSH, &quiet)
        }
        defer {
            if isTerminal {
                tcsetattr(input, TCSAFLUSH, &saved)
                writeAll(fd: echoFD, "\n")
            }
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(input, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == 0x0A { break }
            bytes.append(byte)
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
