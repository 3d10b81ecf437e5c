/// Expands psql's prompt escapes (PROMPT1, PROMPT2) plus tidepool's own `%j` (running jobs) and `%P`
/// (pool busy/size).
public struct PromptContext {
    public var database = ""
    public var user = ""
    public var host = ""
    public var port = ""
    public var backendPID: Int32 = 0
    public var isSuperuser = false
    /// psql's %x: "" idle, "*" in a block, "!" in a failed block, "?" unknown.
    public var transactionMark = ""
    /// psql's %R: "=" at a new statement, or the continuation character, "!" when disconnected.
    public var statusCharacter: Character = "="
    public var lineNumber = 0
    public var runningJobs = 0
    public var poolBusy = 0
    public var poolSize = 0
    public var variables = Variables()

    public init() {}
}

public enum Prompt {
    public static let defaultPrompt1 = "%/%R%x%# "
    public static let defaultPrompt2 = "%/%R%x%# "

    /// Whether `template` holds the escape `%<code>` (a `%%` before the code may make this say yes wrongly;
    /// never no wrongly).
    public static func uses(_ code: Unicode.Scalar, in template: String) -> Bool {
        var afterPercent = false
        for scalar in template.unicodeScalars {
            if afterPercent && scalar == code { return true }
            afterPercent = scalar == "%"
        }
        return false
    }

    /// Returns the expanded prompt; `%[ … %]` spans are wrapped in \u{1} (libedit's EL_PROMPT_ESC marker) so
    /// they do not count towards the prompt's width.
    public static func expand(_ template: String, _ c: PromptContext) -> String {
        var out = ""
        let chars = Array(template)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            i += 1
            guard ch == "%", i < chars.count else {
                out.append(ch)
                continue
            }
            let code = chars[i]
            i += 1
            switch code {
            case "/": out += c.database
            case "~": out += (c.database == c.user ? "~" : c.database)
            case "n": out += c.user
            case "m": out += c.host.hasPrefix("/") || c.host.isEmpty ? "[local]" : String(c.host.split(separator: ".").first ?? "")
            case "M": out += c.host.hasPrefix("/") || c.host.isEmpty ? "[local:\(c.host)]" : c.host
            case ">": out += c.port
            case "#": out += c.isSuperuser ? "#" : ">"
            case "x": out += c.transactionMark
            case "R": out.append(c.statusCharacter)
            case "p": out += c.backendPID == 0 ? "" : String(c.backendPID)
            case "l": out += String(c.lineNumber)
            case "j": out += c.runningJobs > 0 ? "[\(c.runningJobs)]" : ""
            case "P": out += "\(c.poolBusy)/\(c.poolSize)"
            case "%": out += "%"
            case "[": out += "\u{1}"
            case "]": out += "\u{1}"
            case ":":
                if let end = chars[i...].firstIndex(of: ":") {
                    let name = String(chars[i..<end])
                    out += c.variables[name] ?? ""
                    i = end + 1
                }
            default:
                // psql prints nothing for an unknown escape; keep the behaviour.
                break
            }
        }
        return out
    }
}
