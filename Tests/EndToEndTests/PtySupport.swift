import Foundation
import Testing

/// Drives the built binary through a real pseudo-terminal with a small python3 program (its standard `pty`
/// module): the steps send keys and wait for text on the screen, and the result says what the screen showed,
/// when each wait was satisfied, and how the program exited.
struct PtySession {
    enum Step {
        /// Keys to type (control characters as they are: "\t" Tab, "\u{3}" Ctrl-C, "\u{4}" Ctrl-D).
        case send(String)
        /// Waits until the screen text since the previous expect matches the regular expression.
        case expect(String, timeout: Double = 10)
        case sleep(Double)
    }

    struct Outcome {
        /// Everything the program wrote to the terminal, escape sequences included.
        let raw: String
        /// The same without escape sequences and carriage returns, for assertions on what is read.
        let text: String
        let exitStatus: Int
        /// Seconds since the start at which each expect matched (nil: it timed out).
        let matchedAt: [Double?]
        let timedOut: Bool
    }

    /// `wrapper`, when given, is the start of the command line, before the program and `arguments` (its first
    /// element an absolute path).
    static func run(arguments: [String] = [], environment extra: [String: String] = [:], directory: String? = nil,
                    columns: Int = 100, rows: Int = 30, wrapper: [String] = [], steps: [Step]) throws -> Outcome {
        let environment = try TestEnvironment.current()
        var env = environment.baseEnvironment
        env["TERM"] = env["TERM"] ?? "xterm"
        env["NO_COLOR"] = nil
        env["PAGER"] = "cat"
        for (k, v) in extra { env[k] = v.isEmpty && k != "PAGER" && k != "PSQL_PAGER" ? nil : v }
        let stepObjects: [[String: Any]] = steps.map {
            switch $0 {
            case .send(let keys): return ["send": keys]
            case .expect(let pattern, let timeout): return ["expect": pattern, "timeout": timeout]
            case .sleep(let seconds): return ["sleep": seconds]
            }
        }
        let plan: [String: Any] = ["argv": wrapper + [environment.candidate] + arguments, "env": env, "cwd": directory ?? NSTemporaryDirectory(),
                                   "rows": rows, "cols": columns, "steps": stepObjects]
        let scratch = NSTemporaryDirectory() + "tidepool-pty-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: scratch + "/plan.json"))
        try driver.write(toFile: scratch + "/driver.py", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scratch + "/driver.py", scratch + "/plan.json", scratch + "/result.json"]
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch + "/result.json"))
        let result = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let raw = result["raw"] as? String ?? ""
        return Outcome(raw: raw, text: stripEscapes(raw), exitStatus: result["status"] as? Int ?? -1,
                       matchedAt: (result["matched"] as? [Any] ?? []).map { $0 as? Double },
                       timedOut: result["timedOut"] as? Bool ?? true)
    }

    static func stripEscapes(_ raw: String) -> String {
        var text = raw.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[ -/]*[@-~]", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "\u{1B}[()][0-9A-Za-z]", with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: "\u{1B}[=>]", with: "", options: .regularExpression)
        return text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\u{7}", with: "")
    }

    /// Runs SQL on a database with psql (set-up of what the pty tests look at).
    static func psql(_ database: String, _ sql: String) throws {
        let environment = try TestEnvironment.current()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment.psql)
        process.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql]
        process.environment = environment.baseEnvironment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "set-up failed: \(sql.prefix(200))")
    }

    private static let driver = #"""
import json, os, pty, re, select, signal, struct, sys, time, fcntl, termios
plan = json.load(open(sys.argv[1]))
pid, fd = pty.fork()
if pid == 0:
    # The test runner's threads may block or ignore signals; a terminal program must start with the defaults.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGPIPE):
        signal.signal(s, signal.SIG_DFL)
    os.chdir(plan["cwd"])
    os.execve(plan["argv"][0], plan["argv"], plan["env"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", plan["rows"], plan["cols"], 0, 0))
start = time.monotonic()
raw = b""
mark = 0
matched = []
timed_out = False
def pump(deadline):
    global raw
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([fd], [], [], min(left, 0.02))
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            raw += chunk
            return True
def plain(b):
    t = b.decode("utf-8", "replace")
    t = re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]", "", t)
    return t.replace("\r", "")
for step in plan["steps"]:
    if "send" in step:
        os.write(fd, step["send"].encode("utf-8"))
    elif "sleep" in step:
        end = time.monotonic() + step["sleep"]
        while pump(end) not in (False, None):
            pass
    elif "expect" in step:
        pattern = re.compile(step["expect"], re.S)
        end = time.monotonic() + step["timeout"]
        found = None
        while True:
            m = pattern.search(plain(raw[mark:]))
            if m:
                found = time.monotonic() - start
                mark = len(raw)
                break
            got = pump(end)
            if got is False or got is None:
                m = pattern.search(plain(raw[mark:]))
                if m:
                    found = time.monotonic() - start
                    mark = len(raw)
                break
        matched.append(found)
        if found is None:
            timed_out = True
            break
status = None
end = time.monotonic() + 10
while time.monotonic() < end:
    wpid, st = os.waitpid(pid, os.WNOHANG)
    if wpid == pid:
        status = os.waitstatus_to_exitcode(st)
        break
    if pump(time.monotonic() + 0.05) is None:
        wpid, st = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(st)
        break
if status is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    status = -9
json.dump({"raw": raw.decode("utf-8", "replace"), "status": status, "matched": matched, "timedOut": timed_out},
          open(sys.argv[2], "w"))
"""#
}
