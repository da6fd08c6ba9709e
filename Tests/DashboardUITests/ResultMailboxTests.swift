import DashboardModel
import DashboardUI
import Testing

@Suite struct ResultMailboxTests {
    @Test func drainTakesEveryResultInOrderAndDropsNone() {
        let mailbox = ResultMailbox()
        for number in 1...1000 { mailbox.post(CommandResult(id: CommandID(number), outcome: .notified(number))) }
        #expect(mailbox.drain().map(\.id.number) == Array(1...1000))
        #expect(mailbox.drain().isEmpty)
    }
}
