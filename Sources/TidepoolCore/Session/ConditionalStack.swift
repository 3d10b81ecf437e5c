/// psql's `\if` stack (fe_utils/conditional.c): one entry per open `\if`, saying whether its current
/// branch runs. A class, because the main loop and the `\if` family of commands share one per input file
/// (`\i` starts a fresh one, as psql does).
public final class ConditionalStack {
    /// psql's ifState.
    public enum Branch: Equatable, Sendable {
        /// This branch runs.
        case active
        /// Not yet taken: a later `\elif` or `\else` may run.
        case inactive
        /// Nothing in this `\if` runs any more: an earlier branch ran, or the enclosing branch is inactive.
        case ignored
        /// After `\else`, running.
        case elseActive
        /// After `\else`, skipped.
        case elseInactive
    }

    struct Entry {
        var branch: Branch
        /// The query buffer's length when the `\if` began: text typed in a skipped branch is cut back to it.
        var queryLength: Int
    }

    private var entries: [Entry] = []
    /// Set by `\elif`/`\else`/`\endif` when leaving a skipped branch: the query buffer length to cut back to.
    public var truncateQueryTo: Int?

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }
    public var depth: Int { entries.count }
    public var top: Branch? { entries.last?.branch }

    /// Whether statements and commands run now: every enclosing branch is taken.
    public var isActive: Bool {
        switch entries.last?.branch {
        case nil, .active?, .elseActive?: return true
        default: return false
        }
    }

    public func push(_ branch: Branch, queryLength: Int) {
        entries.append(Entry(branch: branch, queryLength: queryLength))
    }

    /// Replaces the top entry's branch (`\elif`, `\else`); false when there is no `\if`.
    @discardableResult
    public func replaceTop(with branch: Branch) -> Bool {
        guard !entries.isEmpty else { return false }
        entries[entries.count - 1].branch = branch
        return true
    }

    /// Removes the top entry (`\endif`); false when there is no `\if`.
    @discardableResult
    public func pop() -> Bool {
        entries.popLast() != nil
    }

    /// Keeps what the branch just finished put in the query buffer (psql's save_query_text_state).
    public func saveQueryLength(_ length: Int) {
        guard !entries.isEmpty else { return }
        entries[entries.count - 1].queryLength = length
    }

    /// The query length saved by the innermost `\if`.
    public var savedQueryLength: Int? { entries.last?.queryLength }
}
