import Glibc

/// `\prompt [TEXT] NAME`: asks for a value and sets a variable, as psql's does. Reading a file (`-f`, `\i`), the
/// text goes to stdout and the answer is the next line of stdin. Otherwise the answer comes from the
/// terminal (/dev/tty, the text written there; Ctrl-C abandons it), or, with no terminal at all, from the
/// input itself, the text going to stderr (psql's simple_prompt).
enum PromptCommand {
    static let all: [MetaCommand] = [prompt]

    static let prompt = MetaCommand(["prompt"], usage: "\\prompt [TEXT] NAME",
                                    help: "prompt user to set internal variable", group: "Variables") { ctx in
        guard let first = ctx.argument() else { return ctx.complain("missing required argument") }
        let second = ctx.argument()
        let text = second == nil ? nil : first
        let name = second ?? first
        let session = ctx.session
        let answer: [UInt8]?
        if ctx.inputName != nil {
            if let text {
                session.output.write(text)
                session.output.flush()
            }
            answer = readLine(fd: 0, signals: nil)
            guard answer != nil else {
                ctx.warnExtraArguments()
                return ctx.complain("could not read value for variable")
            }
        } else {
            session.output.flush()
            let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
            if tty >= 0 {
                defer { close(tty) }
                if let text { writeAll(fd: tty, text) }
                guard let line = readLine(fd: tty, signals: session.signals) else {
                    writeAll(fd: tty, "\n")
                    ctx.warnExtraArguments()
                    return .failure  // Ctrl-C: nothing is set
                }
                answer = line
            } else {
                if let text { writeStderr(text) }
                answer = ctx.readInputLine() ?? []  // psql: an empty answer at the end of input
            }
        }
        ctx.warnExtraArguments()
        if let complaint = session.setVariable(name, String(decoding: answer ?? [], as: UTF8.self)) {
            session.diagnostics.error(complaint)
            return .failure
        }
        return .success
    }

    /// One line from `fd`, without its newline, read a byte at a time so nothing after it is consumed; nil at
    /// the end of input before any byte, or when a signal (Ctrl-C) arrives on `signals`.
    private static func readLine(fd: Int32, signals: SignalPipe?) -> [UInt8]? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            if let signals {
                var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: signals.fd, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&fds, 2, -1)
                if ready < 0 && errno == EINTR { continue }
                if fds[1].revents != 0 {
                    if signals.consume() { return nil }
                    _ = signals.takeResized()
                    continue
                }
            }
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return line.isEmpty ? nil : line }
            if byte == 0x0A { return line }
            line.append(byte)
        }
    }
}
