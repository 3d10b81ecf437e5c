import Glibc

/// psql's `-L FILE` (`--log-file`): every query sent through the front door is appended to the file in a
/// "QUERY" block, followed by its result table (always laid out as aligned text, never expanded, with the
/// other `\pset` options in force) and its command status — also when QUIET keeps the status off the screen.
public final class SessionLog {
    let stream: OutputStream
    private let fd: Int32

    private init(fd: Int32) {
        self.fd = fd
        stream = OutputStream(fileDescriptor: fd)
    }

    /// Opens `path` for appending. A new file is created readable by its owner only: it holds every
    /// statement typed, passwords in `ALTER ROLE` included. On failure, psql's message.
    public static func open(_ path: String) -> Result<SessionLog, MessageError> {
        let fd = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            return .failure(MessageError("could not open log file \"\(path)\": \(String(cString: strerror(errno)))"))
        }
        return .success(SessionLog(fd: fd))
    }

    /// The block psql writes before sending a query (and for `-E`'s hidden queries).
    public func query(_ sql: some Collection<UInt8>) {
        stream.write("********* QUERY **********\n")
        stream.write(Array(sql))
        stream.write("\n**************************\n\n")
        stream.flush()
    }

    /// A command status line ("INSERT 0 1").
    public func status(_ tag: String) {
        stream.write(tag)
        stream.write(byte: 0x0A)
        stream.flush()
    }

    /// How a result is laid out in the log: psql's print_aligned_text with the session's options.
    func settings(for settings: PrintSettings) -> PrintSettings {
        var logged = settings
        if logged.format != .wrapped { logged.format = .aligned }
        logged.expanded = .off
        logged.terminalWidth = nil  // the log is not a terminal: only `\pset columns` wraps
        logged.fetchCount = 0
        return logged
    }

    /// The printer that lays a result out in the log.
    func printer(for settings: PrintSettings) -> ResultPrinter {
        makeResultPrinter(settings: self.settings(for: settings), output: stream)
    }

    func flush() {
        stream.flush()
    }

    /// A describe table (`\d`, `\l`), as psql's printTable also writes it to the log.
    func print(_ table: FooterTable, settings: PrintSettings) {
        table.print(settings: self.settings(for: settings), to: stream)
        stream.flush()
    }

    public func close() {
        stream.flush()
        Glibc.close(fd)
    }
}
