import Glibc

/// Reads a script from a file descriptor in large blocks and hands out lines without their "\n"
/// (a "\r" before it stays, as psql keeps it). `el_gets` would read a pipe one byte per system call.
public final class ScriptReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private var isFirstLine = true
    /// Number of the line most recently returned (1-based), for `tidepool:file:LINE:` messages.
    public private(set) var lineNumber = 0
    /// Asked when a read was interrupted by a signal: true ends the input there (Ctrl-C, SIGTERM).
    public var stopAfterSignal: (() -> Bool)?
    /// False when the line last returned was the input's last and had no "\n" (COPY data keeps that apart).
    public private(set) var lastLineEndedWithNewline = true
    /// When set, reads wait no longer than its deadline and then let it fire (idle transaction rollback).
    public var idle: IdleDeadline?
    /// True when the end of input was a signal (`stopAfterSignal`), not the end of the data.
    public private(set) var stoppedBySignal = false

    public init(fileDescriptor: Int32, ownsDescriptor: Bool = false) {
        self.fd = fileDescriptor
        self.ownsDescriptor = ownsDescriptor
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if ownsDescriptor { Glibc.close(fd) }
    }

    /// The next line, or nil at end of input. A last line without "\n" is still a line.
    public func nextLine() -> [UInt8]? {
        while true {
            if let newline = findNewline() {
                var line = Array(buffer[start..<newline])
                start = newline + 1
                lastLineEndedWithNewline = true
                return deliver(&line)
            }
            if atEOF {
                guard start < buffer.count else { return nil }
                var line = Array(buffer[start...])
                start = buffer.count
                lastLineEndedWithNewline = false
                return deliver(&line)
            }
            fill()
        }
    }

    /// Reads on after a signal stopped the input (Ctrl-C in COPY data cancels the COPY, not the script).
    public func resumeAfterSignal() {
        guard stoppedBySignal else { return }
        stoppedBySignal = false
        atEOF = false
    }

    private func deliver(_ line: inout [UInt8]) -> [UInt8] {
        lineNumber += 1
        // A UTF-8 byte-order mark at the start of the input is not part of the script (psql skips it too).
        if isFirstLine {
            isFirstLine = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line.removeFirst(3) }
        }
        return line
    }

    private func findNewline() -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBufferPointer { b -> Int? in
            guard let p = memchr(b.baseAddress! + start, 0x0A, b.count - start) else { return nil }
            return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let chunk = 1 << 16
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var n: Int
        while true {
            if let idle, idle.pollTimeout() >= 0 {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&pfd, 1, idle.pollTimeout())
                if ready == 0 {
                    idle.fireIfDue()
                    continue
                }
            }
            n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + oldCount, chunk) }
            guard n < 0 && errno == EINTR else { break }
            if stopAfterSignal?() == true {
                n = 0
                stoppedBySignal = true
                break
            }
        }
        buffer.removeLast(chunk - max(n, 0))
        if n <= 0 { atEOF = true }
    }
}
