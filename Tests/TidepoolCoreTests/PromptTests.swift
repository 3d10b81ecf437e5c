import Testing
@testable import TidepoolCore

/// psql's prompt escapes plus tidepool's %j and %P.
@Suite struct PromptTests {
    private var context: PromptContext {
        var c = PromptContext()
        c.database = "shop"
        c.user = "alice"
        c.host = "db.example.com"
        c.port = "5433"
        c.backendPID = 4242
        c.lineNumber = 3
        c.poolBusy = 1
        c.poolSize = 4
        return c
    }

    @Test func psqlDefaultLook() {
        var c = context
        #expect(Prompt.expand(Prompt.defaultPrompt1, c) == "shop=> ")
        c.isSuperuser = true
        c.transactionMark = "*"
        #expect(Prompt.expand(Prompt.defaultPrompt1, c) == "shop=*# ")
        c.statusCharacter = "'"
        c.transactionMark = ""
        #expect(Prompt.expand(Prompt.defaultPrompt2, c) == "shop'# ")
    }

    @Test func escapes() {
        var c = context
        #expect(Prompt.expand("%n@%m:%>/%/ %p %l %%", c) == "alice@db:5433/shop 4242 3 %")
        #expect(Prompt.expand("%M", c) == "db.example.com")
        c.host = "/var/run/postgresql"
        #expect(Prompt.expand("%m", c) == "[local]")
        #expect(Prompt.expand("%M", c) == "[local:/var/run/postgresql]")
        c.user = "shop"
        #expect(Prompt.expand("%~", c) == "~")
        c.variables.set("ENV", "prod")
        #expect(Prompt.expand("%:ENV:>", c) == "prod>")
        #expect(Prompt.expand("%[\u{1B}[1m%]x", c) == "\u{1}\u{1B}[1m\u{1}x")
    }

    @Test func tidepoolJobsAndPool() {
        var c = context
        #expect(Prompt.expand("%j%P", c) == "1/4")
        c.runningJobs = 2
        #expect(Prompt.expand("%/%j%R%# ", c) == "shop[2]=> ")
    }

    @Test("the pool's figures are gathered only for a prompt with %P")
    func usesEscape() {
        #expect(!Prompt.uses("P", in: Prompt.defaultPrompt1))
        #expect(!Prompt.uses("P", in: "P%/P "))
        #expect(Prompt.uses("P", in: "%/ %P%# "))
        #expect(Prompt.uses("j", in: "%j"))
    }
}
