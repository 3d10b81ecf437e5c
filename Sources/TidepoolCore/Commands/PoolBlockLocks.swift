/// Forgotten blocks made visible (issue 4): for every pooled connection inside a transaction block, how long
/// the block has been open and how many locks its backend holds, read from pg_locks through the back door.
enum PoolBlockLocks {
    /// Lines to print under the `\pool` table; empty when no block is open.
    static func report(_ stats: PoolStats, session: Session) -> String {
        let inBlocks = stats.connections.filter { $0.transactionStart != nil && $0.backendPID != nil }
        guard !inBlocks.isEmpty else { return "" }
        let pids = inBlocks.compactMap(\.backendPID).map(String.init).joined(separator: ",")
        var locks: [Int32: Int] = [:]
        if case .success(let rows) = session.catalogQuery(
            "select pid, count(*) from pg_catalog.pg_locks where pid in (\(pids)) and granted group by pid", on: .pooled) {
            for row in rows.rows {
                if let pid = row[0].flatMap({ Int32($0) }), let n = row[1].flatMap({ Int($0) }) { locks[pid] = n }
            }
        }
        let now = PoolInstant.now()
        var text = "Open transaction blocks:\n"
        for info in inBlocks {
            guard let pid = info.backendPID, let start = info.transactionStart else { continue }
            let age = DurationText.elapsed(now - start)
            let held = locks[pid] ?? 0
            text += "  connection \(info.id) (pid \(pid), \(info.role?.rawValue ?? "-")): open \(age), \(held) lock\(held == 1 ? "" : "s") held\n"
        }
        return text
    }
}
