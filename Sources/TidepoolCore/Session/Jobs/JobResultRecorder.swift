/// Runs on a job's thread as its connection's result handler: stores what arrives, within the job's limits,
/// and keeps the live row count that `\jobs` shows.
final class JobResultRecorder: QueryResultHandler {
    private let limits: JobLimits
    private let job: Job
    private(set) var result = JobResult()
    private var current: StoredResultSet?
    private var storedBytes = 0
    /// Notices beyond this many are dropped: a chatty loop must not grow the job without bound.
    static let noticeLimit = 100
    private var notices = 0

    init(job: Job) {
        self.job = job
        self.limits = job.limits
    }

    func resultSetBegan(columns: [ResultColumn]) {
        current = StoredResultSet(columns: columns)
    }

    func row(_ cells: UnsafeBufferPointer<Cell>) {
        result.totalRows += 1
        job.countRow()
        guard result.cutBy == nil else { return }
        if result.keptRows >= limits.maxRows {
            result.cutBy = .rows(limits.maxRows)
            return
        }
        let size = cells.reduce(0) { $0 + $1.count }
        if storedBytes + size > limits.maxBytes {
            result.cutBy = .bytes(limits.maxBytes)
            return
        }
        storedBytes += size
        result.keptRows += 1
        current?.append(cells)
    }

    func resultSetEnded(rowCount: Int, commandTag: String) {
        guard var set = current else { return }
        set.commandTag = commandTag
        result.events.append(.resultSet(set))
        current = nil
    }

    func commandCompleted(commandTag: String) {
        result.events.append(.command(tag: commandTag))
    }

    func serverError(_ error: ServerError) {
        // A result set cut short by the error keeps the rows that arrived, as the foreground prints them.
        if let set = current {
            result.events.append(.resultSet(set))
            current = nil
        }
        result.events.append(.error(error))
    }

    func notice(_ notice: ServerError) {
        notices += 1
        if notices <= Self.noticeLimit { result.events.append(.notice(notice)) }
    }

    func failure(_ text: String) {
        result.events.append(.failure(text))
    }

    func warning(_ text: String) {
        result.events.append(.warning(text))
    }

    /// COPY has nowhere to go from a job: refuse COPY FROM STDIN, drop COPY TO STDOUT data (counted as rows).
    func copyIn(_ connection: Connection) throws {
        connection.endCopyIn(error: "COPY FROM STDIN is not supported in a background job")
    }

    func copyOutData(_ bytes: UnsafeRawBufferPointer) {}
}
