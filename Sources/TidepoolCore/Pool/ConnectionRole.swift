/// Why a connection is leased. It only labels the lease (for `\pool` and statistics);
/// every role is served by the same FIFO queue.
public enum ConnectionRole: String, Sendable, CaseIterable {
    /// The foreground session's connection, held for the whole session.
    case session
    /// A background job (`\bg`, `… \&`).
    case job
    /// Catalog queries for completion and `\d`.
    case catalog
    /// `\watch` re-running a statement.
    case watch
}
