import Glibc

/// Writes tidepool's own messages and the server's errors and notices to stderr the way psql does:
/// before the session is up, `tidepool: error: …`; afterwards terse (no program prefix), and while running a
/// file, prefixed with its location (`tidepool:script.sql:4: ERROR:  …`), only on the first line.
public final class Diagnostics {
    public let programName: String
    /// Before the first connection succeeds psql prefixes its own errors with `psql: error: `.
    public var terse = false
    /// The input being read, when it is a file (psql's `pset.inputfile`): named in every message.
    public var inputName: String?
    public var lineNumber = 0
    /// Flushed before anything goes to stderr, so a terminal shows results and errors in order.
    public var stdoutToFlush: OutputStream?
    /// Wraps error text for colour at a terminal; identity elsewhere.
    public var decorateError: (String) -> String = { $0 }

    public init(programName: String = "tidepool") {
        self.programName = programName
    }

    /// A message of tidepool's own (`invalid command \foo`), with psql's prefixes.
    public func error(_ message: String) {
        emit(message, level: "error")
    }

    /// A fatal start-up message: always `tidepool: error: …` (or `tidepool: …` for usage errors).
    public func fatal(_ message: String) {
        writeStderr("\(programName): error: \(message)\n")
    }

    public func warning(_ message: String) {
        emit(message, level: "warning")
    }

    /// Text from the server (errors, notices), already formatted by libpq; keeps its own line breaks.
    public func server(_ formatted: String) {
        emit(formatted.hasSuffix("\n") ? String(formatted.dropLast()) : formatted, level: nil)
    }

    /// Plain text to stderr, no prefix (\warn, prompts for passwords, status notices).
    public func plain(_ text: String) {
        stdoutToFlush?.flush()
        writeStderr(text)
    }

    private func emit(_ message: String, level: String?) {
        // psql: with a file being read, `prog:file:line: level: `; otherwise terse after start-up (no prefix at
        // all), `prog: level: ` before it.
        var prefix = ""
        if let inputName {
            prefix = "\(programName):\(inputName):\(lineNumber): "
            if let level { prefix += "\(level): " }
        } else if !terse {
            prefix = "\(programName): "
            if let level { prefix += "\(level): " }
        }
        stdoutToFlush?.flush()
        writeStderr(decorateError(prefix + message) + "\n")
    }
}

/// Writes all of `text` to stderr with write(2), retrying on EINTR and short writes.
public func writeStderr(_ text: String) {
    writeAll(fd: 2, text)
}

public func writeAll(fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in writeAll(fd: fd, UnsafeRawBufferPointer(buffer)) }
}

public func writeAll(fd: Int32, _ bytes: UnsafeRawBufferPointer) {
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { continue }
            return
        }
        offset += n
    }
}
