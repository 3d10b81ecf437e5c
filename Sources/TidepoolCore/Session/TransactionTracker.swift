/// What the session knows about the user's transaction block beyond the server's own status: whether
/// tidepool rolled it back (the block is then *failed* until the user ends it), the user's savepoints, how many
/// statements the block holds, and since when it is open and idle.
public struct TransactionTracker: Sendable {
    public enum Mode: String, Sendable { case block, statement, off }

    /// The block was rolled back by tidepool (error, idle timeout, lost connection); statements are skipped
    /// until COMMIT, END, ROLLBACK or ABORT.
    public var failed = false
    /// Savepoints the user set and has not released, innermost last.
    public var savepoints: [String] = []
    /// Statements that succeeded in the open block (BEGIN not counted).
    public var statements = 0
    public var openedAt: MonotonicClock.Instant?
    /// When the last statement in the block finished (for --idle-tx-timeout).
    public var idleSince: MonotonicClock.Instant?

    public init() {}

    public mutating func blockClosed() {
        savepoints.removeAll()
        statements = 0
        openedAt = nil
        idleSince = nil
    }

    /// Follows the user's savepoint commands after they succeeded.
    public mutating func noteSavepoint(_ kind: StatementKind) {
        switch kind {
        case .savepoint(let name):
            savepoints.append(name)
        case .release(let name):
            if let i = savepoints.lastIndex(of: name) { savepoints.removeSubrange(i...) }
        case .rollbackTo(let name):
            if let i = savepoints.lastIndex(of: name) { savepoints.removeSubrange((i + 1)...) }
        default:
            break
        }
    }

    /// "1 earlier statement in it was undone" / "3 earlier statements in it were undone".
    public static func undone(_ n: Int, earlier: Bool = true) -> String {
        let what = earlier ? "earlier statement" : "statement"
        return n == 1 ? "1 \(what) in it was undone" : "\(n) \(what)s in it were undone"
    }
}
