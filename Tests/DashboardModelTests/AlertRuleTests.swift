import DashboardModel
import Testing

@Suite struct AlertRuleTests {
    @Test func theFourFormsParseAndSpellThemselvesBack() throws {
        let rules = [
            "method tick slower than 5 per second for 10 seconds", "3 errors of kind timeout within 60 seconds",
            "unacknowledged above 100", "no heartbeat for 30 seconds", "1 errors of kind any within 5 seconds",
        ]
        for text in rules { #expect(try AlertRule(parsing: text).description == text) }
        #expect(try AlertRule(parsing: "METHOD orders.new  Slower than 0.5 per second for 2 seconds")
            == .slowMethod(method: "orders.new", ratePerSecond: 0.5, seconds: 2))
        #expect(try AlertRule(parsing: "2 errors of kind errorReply within 9 seconds") == .errors(count: 2, kind: .errorReply, seconds: 9))
    }

    @Test func aRuleMayNameTheServerItWatches() throws {
        let rule = try AlertRule(parsing: "No heartbeat for 5 seconds ON staging#2")
        #expect(rule == .onServer(.noHeartbeat(seconds: 5), server: "staging#2"))
        #expect(rule.description == "no heartbeat for 5 seconds on staging#2")
        #expect(rule.server == "staging#2" && rule.unscoped == .noHeartbeat(seconds: 5))
        #expect(try AlertRule(parsing: "method on slower than 5 per second for 10 seconds").server == nil)
        #expect(try AlertRule(parsing: "method on slower than 5 per second for 10 seconds on on").server == "on")
    }

    @Test(arguments: [
        ("slow tick", #"the alert rule "slow tick" is malformed: it is none of: method M slower than R per second for S seconds; N errors of kind K within S seconds; unacknowledged above N; no heartbeat for S seconds (each may end with on SERVER)"#),
        ("no heartbeat for 5 seconds on a on b", #"the alert rule "no heartbeat for 5 seconds on a on b" is malformed: it is none of: method M slower than R per second for S seconds; N errors of kind K within S seconds; unacknowledged above N; no heartbeat for S seconds (each may end with on SERVER)"#),
        ("unacknowledged above lots on prod", #"the alert rule "unacknowledged above lots on prod" is malformed: N must be a whole number from 0 to 1000000000, not "lots""#),
        ("method tick slower than nan per second for 10 seconds", #"the alert rule "method tick slower than nan per second for 10 seconds" is malformed: R must be a number above 0 and at most 1000000000, not "nan""#),
        ("method tick slower than inf per second for 10 seconds", #"the alert rule "method tick slower than inf per second for 10 seconds" is malformed: R must be a number above 0 and at most 1000000000, not "inf""#),
        ("method tick slower than 0 per second for 10 seconds", #"the alert rule "method tick slower than 0 per second for 10 seconds" is malformed: R must be a number above 0 and at most 1000000000, not "0""#),
        ("method tick slower than -1 per second for 10 seconds", #"the alert rule "method tick slower than -1 per second for 10 seconds" is malformed: R must be a number above 0 and at most 1000000000, not "-1""#),
        ("method tick slower than 5 per second for 0 seconds", #"the alert rule "method tick slower than 5 per second for 0 seconds" is malformed: S (seconds) must be a whole number from 1 to 86400, not "0""#),
        ("no heartbeat for 99999999999999999999 seconds", #"the alert rule "no heartbeat for 99999999999999999999 seconds" is malformed: S (seconds) must be a whole number from 1 to 86400, not "99999999999999999999""#),
        ("no heartbeat for 1.5 seconds", #"the alert rule "no heartbeat for 1.5 seconds" is malformed: S (seconds) must be a whole number from 1 to 86400, not "1.5""#),
        ("-3 errors of kind timeout within 60 seconds", #"the alert rule "-3 errors of kind timeout within 60 seconds" is malformed: N must be a whole number from 1 to 1000000000, not "-3""#),
        ("3 errors of kind oops within 60 seconds", #"the alert rule "3 errors of kind oops within 60 seconds" is malformed: K must be any or an error kind (errorReply, methodNotFound, timeout, connectionLost, protocolError, unmatchedResponse, outboundOverflow, transport, sessionLost, notRecovered), not "oops""#),
        ("unacknowledged above lots", #"the alert rule "unacknowledged above lots" is malformed: N must be a whole number from 0 to 1000000000, not "lots""#),
    ])
    func aMalformedRuleIsOneSentence(text: String, message: String) {
        #expect(throws: AlertRuleError.self) { try AlertRule(parsing: text) }
        do {
            _ = try AlertRule(parsing: text)
        } catch {
            #expect(error.description == message)
        }
    }
}
