import Glibc

/// `\copy`: COPY with the data on the client side — a file, a program, or the shell's own input and output.
/// As in psql, the COPY statement then runs like one the user typed (status line, timing, errors, ECHO).
enum CopyCommand {
    static let all: [MetaCommand] = [copy]

    static let copy = MetaCommand(["copy"], usage: "\\copy ...",
                                  help: "perform SQL COPY with data stream to the client host",
                                  group: "Input/Output") { ctx in
        let raw = Array(ctx.arguments.rest().utf8)
        guard !raw.isEmpty else { return ctx.complain("arguments required") }
        let session = ctx.session
        let standardStrings = session.connection.parameter("standard_conforming_strings") != "off"
        switch CopyArguments.parse(raw, standardConformingStrings: standardStrings) {
        case .failure(let message):
            session.diagnostics.error(message.message)
            return .failure
        case .success(let arguments):
            return run(arguments, session: session)
        }
    }

    /// Opens the client side, sends the COPY through the front door, closes, and reports as psql does.
    /// A connection lost during the COPY is reported like a lost statement's (psql's CheckConnection): in a
    /// script that ends the input with status 2, at a terminal the main loop tries to reconnect.
    static func run(_ arguments: CopyArguments, session: Session) -> MetaCommandOutcome {
        guard let stream = CopyClientStream.open(arguments, session: session) else { return .failure }
        let routes = session.copyRoutes
        if arguments.isFrom { routes.redirectedInput = stream.input } else { routes.redirectedOutput = stream.output }
        defer {
            routes.redirectedInput = nil
            routes.redirectedOutput = nil
        }
        let sql = arguments.statement
        if session.variables["ECHO"] == "queries" {
            session.output.write(sql)
            session.output.write(byte: 0x0A)
            session.output.flush()
        }
        let status = session.run(sql)
        let closed = stream.close(session: session)
        // An empty text: the query buffer is not the COPY's, and `\g` must not repeat it.
        if status == .connectionLost { return .ran([], .connectionLost) }
        return closed && status == .succeeded ? .success : .failure
    }
}

/// The client end of a `\copy`: what was opened, and how to close it and report a failure there.
struct CopyClientStream {
    var input: CopyDataSource?
    var output: OutputStream?
    /// A file descriptor we opened (files), closed at the end.
    var descriptor: Int32?
    /// A program started for `program '…'` (through ShellCommand: no PGPASSWORD in its environment).
    var program: (fd: Int32, pid: pid_t)?
    var name: String = ""
    /// SIGPIPE's disposition before writing to a program (psql ignores SIGPIPE while it does).
    var savedSigpipe: sighandler_t?

    static func open(_ arguments: CopyArguments, session: Session) -> CopyClientStream? {
        let diagnostics = session.diagnostics
        var stream = CopyClientStream()
        switch arguments.endpoint {
        case .queryStreams:
            if arguments.isFrom { stream.input = session.copyRoutes.currentInput }
        case .processStreams:
            if arguments.isFrom {
                stream.input = session.copyRoutes.standardInput
            } else {
                // psql's stdout: the session's output when that is standard output, so the bytes stay in order.
                stream.output = session.output.fileDescriptor == 1 ? session.output : OutputStream(fileDescriptor: 1)
            }
        case .program(let command):
            stream.name = command
            session.output.flush()
            if !arguments.isFrom { stream.savedSigpipe = signal(SIGPIPE, SIG_IGN) }
            errno = 0
            let started = arguments.isFrom ? ShellCommand.startReading(from: command)
                                           : ShellCommand.startWriting(to: command)
            guard let started else {
                diagnostics.error("could not execute command \"\(command)\": \(String(cString: strerror(errno)))")
                if let saved = stream.savedSigpipe { signal(SIGPIPE, saved) }
                return nil
            }
            stream.program = started
            let fd = started.fd
            if arguments.isFrom {
                stream.input = DescriptorCopySource(fileDescriptor: fd, interrupt: session.signals)
            } else {
                stream.output = OutputStream(fileDescriptor: fd)
            }
        case .file(let path):
            let name = canonicalPath(path)
            stream.name = name
            let fd = arguments.isFrom ? Glibc.open(name, O_RDONLY | O_CLOEXEC)
                                      : Glibc.open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                diagnostics.error("\(name): \(String(cString: strerror(errno)))")
                return nil
            }
            var status = stat()
            if fstat(fd, &status) < 0 {
                diagnostics.error("could not stat file \"\(name)\": \(String(cString: strerror(errno)))")
                Glibc.close(fd)
                return nil
            }
            if status.st_mode & S_IFMT == S_IFDIR {
                diagnostics.error("\(name): cannot copy from/to a directory")
                Glibc.close(fd)
                return nil
            }
            stream.descriptor = fd
            if arguments.isFrom {
                stream.input = DescriptorCopySource(fileDescriptor: fd)
            } else {
                stream.output = OutputStream(fileDescriptor: fd)
            }
        }
        return stream
    }

    /// Flushes and closes; false (with psql's message) when writing or the program failed.
    func close(session: Session) -> Bool {
        var ok = true
        if let output, output !== session.output {
            output.flush()
            if let error = output.lastError {
                session.diagnostics.error("could not write COPY data: \(String(cString: strerror(error)))")
                ok = false
            }
        }
        if let program {
            session.output.flush()
            Glibc.close(program.fd)
            let status = ShellCommand.waitStatus(program.pid)
            if let savedSigpipe { signal(SIGPIPE, savedSigpipe) }
            if status == -1 {
                session.diagnostics.error("could not close pipe to external command: \(String(cString: strerror(errno)))")
                ok = false
            } else if status != 0 {
                session.diagnostics.error("\(name): \(CopyClientStream.waitResultText(status))")
                ok = false
            }
        }
        if let descriptor, Glibc.close(descriptor) != 0 {
            session.diagnostics.error("\(name): \(String(cString: strerror(errno)))")
            ok = false
        }
        return ok
    }

    /// psql's wait_result_to_str.
    static func waitResultText(_ status: Int32) -> String {
        let exited = status & 0x7F == 0
        if exited {
            let code = (status >> 8) & 0xFF
            switch code {
            case 127: return "command not found"
            case 126: return "command not executable"
            default: return "child process exited with exit code \(code)"
            }
        }
        let signal = status & 0x7F
        return "child process was terminated by signal \(signal): \(String(cString: strsignal(signal)))"
    }
}

/// psql's canonicalize_path for file names: repeated slashes and `.` components go, as does a trailing slash.
func canonicalPath(_ path: String) -> String {
    guard !path.isEmpty else { return path }
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
        parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if absolute { return "/" + joined }
    return joined.isEmpty ? "." : joined
}
