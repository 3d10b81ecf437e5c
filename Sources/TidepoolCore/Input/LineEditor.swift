import CEditLine
import Glibc

/// The interactive prompt: libedit with emacs keys, UTF-8, history, and Ctrl-C through the signal pipe.
///
/// libedit reads characters through `readCharacter` (EL_GETCFN), which `poll()`s the terminal and the signal
/// pipe, so Ctrl-C ends the read without longjmp and without a blocking call in the handler (PLATFORM.md).
///
/// libedit's output (prompt, echo, redraws) is held in memory and written when no more input is ready, at
/// the end of the line, or before anything else writes to the terminal: the prompt and a line typed or
/// pasted in one go then cost one write each instead of one per character (CEditLine/deferred_output.c).
public final class LineEditor: LineSource {
    private let editLine: OpaquePointer
    private let output: OpaquePointer
    private let historyHandle: OpaquePointer
    private let signals: SignalPipe
    private var promptBuffer: UnsafeMutablePointer<CChar>
    fileprivate var interrupted = false
    /// The two descriptors a key wait polls (terminal, signal pipe), allocated once: one wait per key.
    private let fds = UnsafeMutablePointer<pollfd>.allocate(capacity: 2)
    /// The bytes of the character being read (a UTF-8 character is at most 4 bytes).
    private static let multibyteCapacity = 8
    private let multibyte = UnsafeMutablePointer<CChar>.allocate(capacity: LineEditor.multibyteCapacity)
    /// Bytes the terminal held after the last wait (FIONREAD) and not read yet: a pasted or quickly typed
    /// line is then read without a poll per key. Trusted only while no signal came in since that wait —
    /// Ctrl-C empties the terminal's input, and the signal pipe must be looked at.
    private var bytesReady = 0
    private var signalsAtWait: Int32 = 0
    public let history: HistoryStore
    /// Lets an idle transaction block be rolled back on time while the user is typing (or away).
    public var idle: IdleDeadline?
    public private(set) var lineNumber = 0
    /// Tab completion: given the text before and after the cursor on this line, what to do. Runs inside
    /// libedit's key handler, so it must answer from memory (a catalog snapshot), never from the network.
    public var completer: ((_ before: String, _ after: String) -> CompletionAction)?

    /// Makes libedit keep non-ASCII characters: it needs LC_CTYPE from the environment (or C.UTF-8).
    /// A plain "C"/"POSIX" environment (common in containers and tmux) would make libedit mangle UTF-8 too,
    /// so anything that is not a UTF-8 locale falls back to C.UTF-8.
    public static func configureLocale() {
        if setlocale(LC_CTYPE, "") == nil || !isUTF8Codeset() { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    public init?(signals: SignalPipe, history: HistoryStore) {
        var output: OpaquePointer?
        guard let el = tp_el_open("tidepool", 0, 1, 2, &output), let output else { return nil }
        guard let h = tp_history_open(Int32(history.limit)) else {
            tp_el_close(el)
            tp_deferred_output_close(output)
            return nil
        }
        self.editLine = el
        self.output = output
        self.historyHandle = h
        self.signals = signals
        self.history = history
        self.promptBuffer = strdup("")
        tp_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        tp_el_set_editor(el, "emacs")
        tp_el_set_signal(el, 0)
        tp_el_set_history(el, h)
        tp_el_set_prompt(el, promptTrampoline)
        tp_el_set_getc(el, readCharacter)
        // Tab completes; Ctrl-R searches history backwards as the user types (emacs/readline habit).
        // Bound before ~/.editrc is read, so a user's own bindings win.
        tp_el_add_function(el, "tidepool-complete", "complete the word at the cursor", completeTrampoline)
        tp_el_bind(el, "^I", "tidepool-complete")
        tp_el_bind(el, "^R", "em-inc-search-prev")
        tp_el_source(el)
        for entry in history.entries { tp_history_enter(h, entry) }
    }

    deinit {
        tp_el_close(editLine)
        tp_deferred_output_close(output)
        tp_history_close(historyHandle)
        free(promptBuffer)
        fds.deallocate()
        multibyte.deallocate()
    }

    public var terminalColumns: Int { Int(tp_el_terminal_columns(editLine)) }

    public func readLine(prompt: () -> String) -> LineRead {
        free(promptBuffer)
        promptBuffer = strdup(prompt())
        interrupted = false
        if signals.takeResized() { tp_el_resize(editLine) }
        var count: Int32 = 0
        bytesReady = 0  // what anyone else read from the terminal since is not counted
        let line = tp_el_gets(editLine, &count)
        // The echo of the line (and its newline) goes out before the statement's output.
        tp_deferred_output_flush(output)
        if interrupted || count < 0 {
            // Ctrl-C: drop what was typed and start a fresh line, as a shell does.
            writeAll(fd: 1, "\n")
            tp_el_reset(editLine)
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var bytes = Array(UnsafeRawBufferPointer(start: line, count: Int(count)).bindMemory(to: UInt8.self))
        if bytes.last == 0x0A { bytes.removeLast() }
        lineNumber += 1
        return .line(bytes)
    }

    public func remember(_ entry: String) {
        guard history.add(entry) else { return }
        tp_history_enter(historyHandle, entry)
    }

    /// Applies a new HISTSIZE to the in-memory history libedit browses.
    public func setHistoryLimit(_ limit: Int) {
        history.limit = max(0, limit)
        tp_history_set_size(historyHandle, Int32(max(0, limit)))
    }

    /// Runs the completer on the current line and edits it: libedit's answer codes (histedit.h).
    fileprivate func complete() -> UInt8 {
        guard let completer, let info = tp_el_line(editLine) else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer!)
        let cursor = UnsafeRawPointer(info.pointee.cursor!)
        let end = UnsafeRawPointer(info.pointee.lastchar!)
        let before = String(decoding: UnsafeRawBufferPointer(start: start, count: cursor - start), as: UTF8.self)
        let after = String(decoding: UnsafeRawBufferPointer(start: cursor, count: end - cursor), as: UTF8.self)
        switch completer(before, after) {
        case .none:
            return UInt8(CC_ERROR)
        case .replace(let word, let text):
            // el_deletestr counts characters (libedit edits wide characters), not bytes.
            if !word.isEmpty { tp_el_deletestr(editLine, Int32(word.unicodeScalars.count)) }
            _ = tp_el_insertstr(editLine, text)
            return UInt8(CC_REFRESH)
        case .list(let names):
            tp_deferred_output_flush(output)
            writeAll(fd: 1, "\n" + CompletionListing.columns(names, width: max(20, terminalColumns)))
            return UInt8(CC_REDISPLAY)
        }
    }

    fileprivate var currentPrompt: UnsafeMutablePointer<CChar> { promptBuffer }

    /// One character for libedit: waits on the terminal and the signal pipe. Returns 1 with a character,
    /// 0 at end of input, -1 when Ctrl-C (or a termination signal) arrived.
    ///
    /// Held-back output is written only when the next key is not there yet: a quick look first, and if the
    /// terminal has nothing ready, the output goes out and then the wait begins.
    fileprivate func nextCharacter(_ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var pending = 0
        while true {
            if bytesReady > 0 && tp_signals_received() == signalsAtWait {
                bytesReady -= 1
                if let character = readByte(into: out, pending: &pending) { return character }
                continue
            }
            bytesReady = 0
            signalsAtWait = tp_signals_received()
            fds[0] = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            fds[1] = pollfd(fd: signals.fd, events: Int16(POLLIN), revents: 0)
            var n: Int32 = 0
            if tp_deferred_output_pending(output) != 0 {
                n = poll(fds, 2, 0)
                if n == 0 { tp_deferred_output_flush(output) }
            }
            if n == 0 { n = poll(fds, 2, idle?.pollTimeout() ?? -1) }
            if n < 0 {
                if errno == EINTR { continue }
                return 0
            }
            if n == 0 {
                idle?.fireIfDue()
                continue
            }
            if fds[1].revents != 0 {
                if signals.consume() {
                    interrupted = true
                    return -1
                }
                if signals.takeResized() { tp_el_resize(editLine) }
                continue
            }
            if fds[0].revents == 0 { continue }
            var available: Int32 = 0
            if ioctl(0, UInt(FIONREAD), &available) == 0, available > 1 { bytesReady = Int(available) - 1 }
            // A Ctrl-C since the poll emptied the terminal's input: a read now would wait for the next key.
            if tp_signals_received() != signalsAtWait { continue }
            if let character = readByte(into: out, pending: &pending) { return character }
        }
    }

    /// Reads one byte of the character being read. Returns what `nextCharacter` returns when the character is
    /// complete (or the terminal is gone), nil when more bytes are needed or the read was interrupted.
    private func readByte(into out: UnsafeMutablePointer<wchar_t>, pending: inout Int) -> Int32? {
        let r = read(0, multibyte + pending, 1)
        if r < 0 {
            if errno == EINTR || errno == EAGAIN {
                bytesReady = 0
                return nil
            }
            return 0
        }
        if r == 0 { return 0 }
        pending += 1
        var wide: wchar_t = 0
        // The whole pending sequence is decoded from a fresh state each time: a state that already
        // swallowed the lead byte (after "incomplete") would read it twice and reject the character.
        var state = mbstate_t()
        switch mbrtowc(&wide, multibyte, pending, &state) {
        case Int(bitPattern: UInt(bitPattern: -2)) where pending < Self.multibyteCapacity:
            return nil  // incomplete multibyte sequence: read more
        case Int(bitPattern: UInt(bitPattern: -1)), Int(bitPattern: UInt(bitPattern: -2)):
            // Invalid byte: pass it through as is rather than losing it.
            out.pointee = wchar_t(UInt8(bitPattern: multibyte[pending - 1]))
            return 1
        default:
            out.pointee = wide
            return 1
        }
    }
}

private func promptTrampoline(_ el: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let el, let data = tp_el_get_clientdata(el) else { return nil }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().currentPrompt
}

private func completeTrampoline(_ el: OpaquePointer?, _ key: Int32) -> UInt8 {
    guard let el, let data = tp_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete()
}

private func readCharacter(_ el: OpaquePointer?, _ out: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let el, let out, let data = tp_el_get_clientdata(el) else { return 0 }
    return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().nextCharacter(out)
}
