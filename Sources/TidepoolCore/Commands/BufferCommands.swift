/// \g, \gx, \p, \r: commands that act on the query buffer.
enum BufferCommands {
    static let all: [MetaCommand] = [go, goExpanded, print, reset]

    /// The text \g sends: the buffer, or the previous statement when the buffer is empty (psql).
    static func textToSend(_ ctx: MetaCommandContext) -> [UInt8] {
        ctx.queryBuffer.isEmpty ? ctx.previousBuffer : ctx.queryBuffer
    }

    static let go = MetaCommand(["g"], usage: "\\g [(OPTIONS)] [FILE]",
                                help: "execute query (and send result to file or |pipe)", group: "Query Buffer") { ctx in
        .execute(textToSend(ctx), settings: nil, output: nil)
    }

    static let goExpanded = MetaCommand(["gx"], usage: "\\gx [(OPTIONS)] [FILE]",
                                        help: "as \\g, but forces expanded output mode", group: "Query Buffer") { ctx in
        var settings = ctx.session.printSettings
        settings.expanded = .on
        return .execute(textToSend(ctx), settings: settings, output: nil)
    }

    static let print = MetaCommand(["p", "print"], usage: "\\p", help: "show the contents of the query buffer",
                                   group: "Query Buffer") { ctx in
        let out = ctx.session.output
        if !ctx.queryBuffer.isEmpty {
            ctx.queryBuffer.withUnsafeBytes { out.write($0) }
            out.write("\n")
        } else if !ctx.previousBuffer.isEmpty {
            ctx.previousBuffer.withUnsafeBytes { out.write($0) }
            out.write("\n")
        } else {
            out.write("Query buffer is empty.\n")
        }
        out.flush()
        return .success
    }

    static let reset = MetaCommand(["r", "reset"], usage: "\\r", help: "reset (clear) the query buffer",
                                   group: "Query Buffer") { ctx in
        if !ctx.session.quiet && ctx.session.interactive {
            ctx.session.output.write("Query buffer reset (cleared).\n")
            ctx.session.output.flush()
        }
        return .resetBuffer
    }
}
