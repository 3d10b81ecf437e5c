import Glibc

/// One read from a COPY data source.
public enum CopyLineRead: Equatable {
    /// A line without its "\n"; `endedWithNewline` is false only for a last line cut short by end of input.
    case line([UInt8], endedWithNewline: Bool)
    case end
    /// Ctrl-C while waiting for the user to type data.
    case interrupted
    /// The source could not be read (psql then aborts the COPY "because of read failure").
    case failed
}

/// Where `COPY … FROM STDIN` data comes from: the script being read, a file, a program, standard input.
public protocol CopyDataSource: AnyObject {
    /// The next line. Text COPY reads line by line so that it stops at `\.` without eating the script after it.
    func nextLine() -> CopyLineRead
    /// Up to a chunk of raw bytes, for binary COPY; nil at end of input.
    func nextChunk() -> CopyChunkRead
    /// True when a person types the data: psql then shows its banner and `>> ` prompts.
    var isTerminal: Bool { get }
}

public enum CopyChunkRead: Equatable { case bytes([UInt8]), end, interrupted, failed }

extension CopyDataSource {
    /// Line sources give binary data back as the bytes they were cut from.
    public func nextChunk() -> CopyChunkRead {
        switch nextLine() {
        case .line(var bytes, let newline):
            if newline { bytes.append(0x0A) }
            return .bytes(bytes)
        case .end: return .end
        case .interrupted: return .interrupted
        case .failed: return .failed
        }
    }
}

/// COPY data read from a descriptor (a `\copy` file or program, standard input under `-c`), in 64 kB reads.
/// Unlike `ScriptReader` it keeps every byte: no byte-order mark is dropped from data.
public final class DescriptorCopySource: CopyDataSource {
    private let fd: Int32
    private let interrupt: SignalPipe?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private var readFailed = false
    public let isTerminal: Bool
    /// Shown before each line when a person types the data.
    var prompt: String?

    /// `interrupt` lets Ctrl-C end a wait for typed data (reads from a terminal or a pipe can block forever).
    public init(fileDescriptor: Int32, interrupt: SignalPipe? = nil) {
        fd = fileDescriptor
        self.interrupt = interrupt
        isTerminal = isatty(fileDescriptor) == 1
    }

    public func nextLine() -> CopyLineRead {
        if isTerminal, let prompt { writeAll(fd: 1, prompt) }
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return .line(line, endedWithNewline: true)
            }
            if atEOF {
                if readFailed { return .failed }
                guard start < buffer.count else {
                    atEOF = !isTerminal  // Ctrl-D ends this COPY's data, not the terminal
                    return .end
                }
                let line = Array(buffer[start...])
                start = buffer.count
                return .line(line, endedWithNewline: false)
            }
            if let stop = fill() { return stop == .interrupted ? .interrupted : .failed }
        }
    }

    public func nextChunk() -> CopyChunkRead {
        if start < buffer.count {
            defer { buffer.removeAll(keepingCapacity: true); start = 0 }
            return .bytes(Array(buffer[start...]))
        }
        if atEOF { return readFailed ? .failed : .end }
        buffer.removeAll(keepingCapacity: true)
        start = 0
        if let stop = fill() { return stop }
        return atEOF && buffer.isEmpty ? (readFailed ? .failed : .end) : nextChunk()
    }

    /// Reads one block; returns a reason to stop early (Ctrl-C), nil otherwise.
    private func fill() -> CopyChunkRead? {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        if let interrupt {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interrupt.fd, events: Int16(POLLIN), revents: 0)]
            while true {
                let n = poll(&fds, 2, -1)
                if n < 0 && errno == EINTR { continue }
                if fds[1].revents != 0 && interrupt.consume() {
                    // Ctrl-C cancels this COPY only (psql longjmps out of its fgets); the input goes on.
                    if interrupt.terminationSignal == nil { _ = interrupt.takeInterrupts() }
                    return .interrupted
                }
                if n < 0 || fds[0].revents != 0 { break }
            }
        }
        let chunk = 1 << 16
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + oldCount, chunk) }
        } while n < 0 && errno == EINTR
        buffer.removeLast(chunk - max(n, 0))
        if n <= 0 {
            atEOF = true
            readFailed = n < 0
        }
        return nil
    }
}

/// COPY data read from the main loop's own input (psql's `cur_cmd_source`): the lines after the statement in a
/// script, or typed at the prompt. The closure is the main loop's; it keeps the line count right for messages.
public final class InputCopySource: CopyDataSource {
    private let read: () -> CopyLineRead
    public let isTerminal: Bool

    public init(isTerminal: Bool, read: @escaping () -> CopyLineRead) {
        self.isTerminal = isTerminal
        self.read = read
    }

    public func nextLine() -> CopyLineRead { read() }

    /// The COPY source for a main loop reading `source`, pushed on the session's routes while the loop runs.
    /// Nil for `-c` text: psql reads COPY data for it from standard input.
    static func reading(_ source: LineSource, session: Session) -> InputCopySource? {
        if source is StringLineSource { return nil }
        return InputCopySource(isTerminal: false) { [unowned session] in
            let prompt = session.variables["PROMPT3"] ?? ">> "
            switch source.readLine(prompt: { prompt }) {
            case .line(let bytes):
                let newline = (source as? ScriptLineSource)?.lastLineEndedWithNewline ?? true
                // psql counts a data line in its messages only once its newline is read.
                if newline { session.diagnostics.lineNumber = source.lineNumber }
                return .line(bytes, endedWithNewline: newline)
            case .endOfInput:
                guard let script = source as? ScriptLineSource, script.stoppedBySignal else { return .end }
                // A signal, not the end of the script: the COPY is cancelled, never committed with part of
                // its data. After Ctrl-C psql goes on with the script's next line (its fgets longjmps out of
                // the COPY only); a termination signal ends the input, the main loop then exits.
                if session.signals.terminationSignal == nil {
                    _ = session.signals.takeInterrupts()
                    script.resumeAfterSignal()
                }
                return .interrupted
            case .interrupted: return .interrupted
            }
        }
    }
}

extension CopyRoutes {
    /// Makes a main loop's input the place COPY FROM STDIN reads from (psql's cur_cmd_source) until
    /// `popInput`. Returns false, pushing nothing, for `-c` text.
    func serve(_ source: LineSource, inputName: String?, session: Session) -> Bool {
        if source is LineEditor || source is TerminalLineSource {
            // psql reads typed COPY data with plain fgets, not the line editor: a tab is data, not completion.
            let terminal = standardInput
            (terminal as? DescriptorCopySource)?.prompt = session.variables["PROMPT3"] ?? ">> "
            pushInput(terminal, isStandardInput: true)
            return true
        }
        guard let input = InputCopySource.reading(source, session: session) else { return false }
        pushInput(input, isStandardInput: inputName == nil || inputName == "<stdin>")
        return true
    }
}

/// Where COPY data goes and comes from for the session: psql's `cur_cmd_source`, `stdin`, and the
/// `pset.copyStream` that `\copy` sets for the one statement it sends.
public final class CopyRoutes {
    private var inputs: [(source: CopyDataSource, isStandardInput: Bool)] = []
    private var standardInputFallback: DescriptorCopySource?
    private let signals: SignalPipe
    /// Set by `\copy` around the statement it sends: its file, program or pstdin/pstdout.
    var redirectedInput: CopyDataSource?
    var redirectedOutput: OutputStream?

    init(signals: SignalPipe) { self.signals = signals }

    /// A main loop makes its input the place COPY FROM STDIN reads from, until `popInput`.
    public func pushInput(_ source: CopyDataSource, isStandardInput: Bool) {
        inputs.append((source, isStandardInput))
    }

    public func popInput() { _ = inputs.popLast() }

    /// The input being read (psql's `cur_cmd_source`); standard input when no main loop reads one (`-c`).
    var currentInput: CopyDataSource { inputs.last?.source ?? standardInput }

    /// psql's `stdin` (`\copy … from pstdin`): the main loop's reader when the script is standard input, so
    /// that both see the same buffered bytes.
    var standardInput: CopyDataSource {
        if let entry = inputs.first(where: { $0.isStandardInput }) { return entry.source }
        if let fallback = standardInputFallback { return fallback }
        let fallback = DescriptorCopySource(fileDescriptor: 0, interrupt: signals)
        fallback.prompt = ">> "
        standardInputFallback = fallback
        return fallback
    }
}

/// Sends COPY FROM STDIN data the way psql's handleCopyIn does, in chunks so that memory stays bounded.
enum CopyInSender {
    static let chunkSize = 1 << 16

    /// psql's banner, printed once before data is typed at a terminal.
    static let banner = "Enter data to be copied followed by a newline.\n"
        + "End with a backslash and a period on a line by itself, or an EOF signal.\n"

    static func send(from source: CopyDataSource, to connection: Connection, quiet: Bool) throws(ConnectionError) {
        if source.isTerminal && !quiet { writeAll(fd: 1, banner) }
        let outcome = connection.copyIsBinary ? try sendBinary(source, connection) : try sendText(source, connection)
        switch outcome {
        case .finished: connection.endCopyIn(error: nil)
        case .interrupted: connection.endCopyIn(error: "canceled by user")
        case .failed: connection.endCopyIn(error: "aborted because of read failure")
        }
    }

    enum Outcome { case finished, interrupted, failed }

    /// Text and CSV: line by line up to a line holding only `\.` (sent too, as psql sends it) or end of input.
    private static func sendText(_ source: CopyDataSource, _ connection: Connection) throws(ConnectionError) -> Outcome {
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkSize + 4096)
        var outcome = Outcome.finished
        reading: while true {
            switch source.nextLine() {
            case .line(let bytes, let newline):
                pending.append(contentsOf: bytes)
                if newline { pending.append(0x0A) }
                if pending.count >= chunkSize {
                    try put(pending, connection)
                    pending.removeAll(keepingCapacity: true)
                }
                if newline && isEndMarker(bytes) { break reading }
            case .end:
                break reading
            case .interrupted:
                return .interrupted
            case .failed:
                outcome = .failed
                break reading
            }
        }
        if !pending.isEmpty { try put(pending, connection) }
        return outcome
    }

    /// Binary: every byte to the end of the input.
    private static func sendBinary(_ source: CopyDataSource, _ connection: Connection) throws(ConnectionError) -> Outcome {
        if source.isTerminal { writeAll(fd: 1, ">> ") }
        while true {
            switch source.nextChunk() {
            case .bytes(let bytes): try put(bytes, connection)
            case .end: return .finished
            case .interrupted: return .interrupted
            case .failed: return .failed
            }
        }
    }

    /// `\.` alone on a line (with a CR before the newline when the data has CRLF line ends).
    static func isEndMarker(_ line: [UInt8]) -> Bool {
        line == [0x5C, 0x2E] || line == [0x5C, 0x2E, 0x0D]
    }

    private static func put(_ bytes: [UInt8], _ connection: Connection) throws(ConnectionError) {
        let failure: ConnectionError? = bytes.withUnsafeBytes { raw in
            do throws(ConnectionError) { try connection.putCopyData(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }
}

/// What a statement's result handler needs for COPY: the session's routes and psql's `queryFout`.
struct CopyContext {
    let routes: CopyRoutes
    /// Where results and statuses go when no `\g FILE` redirects them (the session's output).
    let queryOutput: OutputStream
}
