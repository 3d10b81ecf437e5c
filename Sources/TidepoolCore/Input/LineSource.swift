/// Where the main loop's lines come from: a script (file, pipe, -c text) or the line editor at a terminal.
public protocol LineSource: AnyObject {
    /// Reads the next line. `prompt` is only called by interactive sources.
    func readLine(prompt: () -> String) -> LineRead
    /// The number of the line last returned (1-based).
    var lineNumber: Int { get }
    /// Records a complete statement (or meta-command line) in history; a no-op for scripts.
    func remember(_ entry: String)
}

public enum LineRead: Equatable {
    case line([UInt8])
    case endOfInput
    /// Ctrl-C at the prompt: the current input is discarded.
    case interrupted
}

/// A script read from a descriptor (stdin, `-f FILE`).
public final class ScriptLineSource: LineSource {
    private let reader: ScriptReader
    public init(reader: ScriptReader) { self.reader = reader }
    public func readLine(prompt: () -> String) -> LineRead {
        guard let line = reader.nextLine() else { return .endOfInput }
        return .line(line)
    }
    public var lineNumber: Int { reader.lineNumber }
    public func remember(_ entry: String) {}
    /// Whether the last line read had its "\n" (COPY data sent from a script keeps a missing one missing).
    public var lastLineEndedWithNewline: Bool { reader.lastLineEndedWithNewline }
    /// Whether the last end of input was a signal (Ctrl-C, SIGTERM) rather than the end of the script.
    public var stoppedBySignal: Bool { reader.stoppedBySignal }
    /// Lets reading go on after a signal ended a read (see ScriptReader.resumeAfterSignal).
    public func resumeAfterSignal() { reader.resumeAfterSignal() }
}

/// Text given as a string (`-c` with a backslash command, `\i` of a small text in tests).
public final class StringLineSource: LineSource {
    private var lines: [[UInt8]]
    private var index = 0
    public init(_ text: [UInt8]) {
        lines = text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if text.last == 0x0A { lines.removeLast() }
    }
    public func readLine(prompt: () -> String) -> LineRead {
        guard index < lines.count else { return .endOfInput }
        index += 1
        return .line(lines[index - 1])
    }
    public var lineNumber: Int { index }
    public func remember(_ entry: String) {}
}
