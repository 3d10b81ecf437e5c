import Testing
@testable import TidepoolCore

@Suite("ConditionalStack: psql's \\if states")
struct ConditionalStackTests {
    @Test("an empty stack is active; a false branch is not")
    func activeness() {
        let stack = ConditionalStack()
        #expect(stack.isActive && stack.isEmpty)
        stack.push(.inactive, queryLength: 0)
        #expect(!stack.isActive)
        stack.replaceTop(with: .elseActive)
        #expect(stack.isActive)
        stack.push(.ignored, queryLength: 0)
        #expect(!stack.isActive)
        #expect(stack.depth == 2)
        #expect(stack.pop() && stack.pop())
        #expect(!stack.pop())
        #expect(stack.isActive)
    }

    @Test("the saved query length follows the innermost \\if")
    func savedLength() {
        let stack = ConditionalStack()
        stack.push(.active, queryLength: 3)
        stack.push(.inactive, queryLength: 7)
        #expect(stack.savedQueryLength == 7)
        stack.saveQueryLength(9)
        #expect(stack.savedQueryLength == 9)
        stack.pop()
        #expect(stack.savedQueryLength == 3)
        stack.pop()
        #expect(stack.savedQueryLength == nil)
        #expect(!stack.replaceTop(with: .active))
    }
}
