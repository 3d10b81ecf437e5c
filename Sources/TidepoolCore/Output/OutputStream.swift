import Glibc

/// A buffered byte writer over a file descriptor (stdout, a `\o` file, a pipe) or over memory (tests).
///
/// Printers write small pieces; this collects them and hands the kernel few large `write(2)`s. Writes to a
/// descriptor retry on EINTR and after partial writes. A write error (EPIPE when a pager quits, ENOSPC) is
/// remembered in `lastError` and later output is dropped, as stdio does after an error.
///
/// Not thread-safe: one stream belongs to the thread that prints a result.
public final class OutputStream {
    private enum Sink { case descriptor(Int32), memory }

    private var sink: Sink
    private var buffer: [UInt8] = []
    /// Memory streams that may spill: past `spillLimit` bytes, `spillDecision` picks a descriptor to go on with.
    private var spillLimit: Int?
    private var spillDecision: (([UInt8]) -> (fd: Int32, bytes: [UInt8])?)?
    /// True once a memory stream spilled to a descriptor (see `spill(after:to:)`).
    public private(set) var spilled = false
    private let flushThreshold: Int
    private var collected: [UInt8] = []

    /// errno of the first failed write, if any.
    public private(set) var lastError: Int32? = nil

    public init(fileDescriptor: Int32, bufferSize: Int = 64 * 1024) {
        sink = .descriptor(fileDescriptor)
        flushThreshold = bufferSize
        buffer.reserveCapacity(bufferSize + 4096)
    }

    private init(memoryWithBufferSize bufferSize: Int) {
        sink = .memory
        flushThreshold = bufferSize
    }

    /// The descriptor written to; nil for memory streams (`\copy … to pstdout` asks whether this is stdout).
    public var fileDescriptor: Int32? {
        if case .descriptor(let fd) = sink { return fd }
        return nil
    }

    /// Whether the stream writes to a terminal (asked once: the front door checks it for every statement).
    public private(set) lazy var isTerminal: Bool = {
        if case .descriptor(let fd) = sink { return isatty(fd) == 1 }
        return false
    }()

    /// A stream that keeps everything written; read it back with `memoryContents`.
    public static func memory() -> OutputStream { OutputStream(memoryWithBufferSize: 64 * 1024) }

    /// Lets a memory stream stay bounded: once `limit` bytes are collected, `decide` gets them (once) and returns
    /// the descriptor to continue on and the bytes to write there first (nil: keep collecting). The interactive
    /// shell uses it to hold back a result until it knows whether the pager is needed, without ever holding a
    /// large result whole.
    public func spill(after limit: Int, to decide: @escaping ([UInt8]) -> (fd: Int32, bytes: [UInt8])?) {
        spillLimit = limit
        spillDecision = decide
    }

    private func spillIfDue() {
        guard let limit = spillLimit, collected.count >= limit, let decide = spillDecision else { return }
        spillLimit = nil
        spillDecision = nil
        guard let target = decide(collected) else { return }
        collected = []
        sink = .descriptor(target.fd)
        spilled = true
        target.bytes.withUnsafeBytes { emit($0) }
    }

    /// Everything written so far (memory streams only; empty for a descriptor).
    public var memoryContents: [UInt8] {
        guard case .memory = sink else { return [] }
        return collected + buffer
    }

    @inline(__always)
    public func write(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        if bytes.count >= flushThreshold {
            flush()
            emit(bytes)
            return
        }
        buffer.append(contentsOf: bytes.bindMemory(to: UInt8.self))
        if buffer.count >= flushThreshold { flush() }
    }

    @inline(__always)
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(UnsafeRawBufferPointer(bytes))
    }

    public func write(_ s: String) {
        var s = s
        s.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    @inline(__always)
    public func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= flushThreshold { flush() }
    }

    /// Writes `count` copies of `byte` (padding).
    @inline(__always)
    public func write(repeating byte: UInt8, count: Int) {
        guard count > 0 else { return }
        buffer.append(contentsOf: repeatElement(byte, count: count))
        if buffer.count >= flushThreshold { flush() }
    }

    /// Writes a non-negative integer in decimal without going through String.
    public func write(decimal value: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value.magnitude
        if value < 0 { write(byte: UInt8(ascii: "-")) }
        withUnsafeMutableBytes(of: &digits) { raw in
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            } while v > 0
            write(UnsafeRawBufferPointer(rebasing: raw[i...]))
        }
    }

    /// Hands everything buffered to the descriptor now.
    public func flush() {
        guard !buffer.isEmpty else { return }
        switch sink {
        case .memory:
            collected.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            spillIfDue()
            return
        case .descriptor:
            buffer.withUnsafeBytes { emit($0) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) {
        switch sink {
        case .memory:
            collected.append(contentsOf: bytes.bindMemory(to: UInt8.self))
            spillIfDue()
        case .descriptor(let fd):
            guard lastError == nil, var p = bytes.baseAddress else { return }
            var left = bytes.count
            while left > 0 {
                let n = Glibc.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN { waitWritable(fd); continue }
                    lastError = errno
                    return
                }
                p += n
                left -= n
            }
        }
    }

    /// A non-blocking descriptor (a terminal shared with libedit may be one) must not make us spin.
    private func waitWritable(_ fd: Int32) {
        var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        _ = poll(&p, 1, -1)
    }

    deinit { flush() }
}
