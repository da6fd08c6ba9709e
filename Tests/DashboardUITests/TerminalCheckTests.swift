@testable import DashboardUI
import Glibc
import Testing

/// What the dashboard says about a terminal it cannot use, and about a locale that is not UTF-8:
/// the refusals before curses starts, and the locale warning naming the variable that decides.
struct TerminalCheckTests {
    static func refusal(terminals: Set<Int32> = [STDIN_FILENO, STDOUT_FILENO], _ environment: [String: String]) -> String? {
        do {
            try CursesTerminal.checkUsable(environment: environment) { terminals.contains($0) }
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aTerminalWithATypeIsUsable() {
        #expect(Self.refusal(["TERM": "xterm-256color"]) == nil)
    }

    @Test func standardOutputOrInputThatIsNoTerminalIsRefused() {
        #expect(Self.refusal(terminals: [STDIN_FILENO], ["TERM": "xterm"])
            == "standard output is not a terminal, so the dashboard cannot be drawn; run it in a terminal")
        #expect(Self.refusal(terminals: [STDOUT_FILENO], ["TERM": "xterm"])
            == "standard input is not a terminal, so the dashboard cannot read keys; run it in a terminal")
    }

    @Test func aDumbOrMissingTERMIsRefused() {
        let dumb = "TERM=dumb cannot draw the dashboard (it cannot move the cursor); set TERM to the terminal's type, e.g. TERM=xterm-256color"
        let unset = "TERM is not set, so the dashboard cannot tell how to draw; set it to the terminal's type, e.g. TERM=xterm-256color"
        #expect(Self.refusal(["TERM": "dumb"]) == dumb)
        #expect(Self.refusal(["TERM": ""]) == unset)
        #expect(Self.refusal([:]) == unset)
    }

    static let consequence = "so only ASCII is drawn; set LANG=C.UTF-8 for the full dashboard"

    @Test func theLocaleWarningNamesTheVariableThatDecides() {
        #expect(CursesTerminal.localeWarning(environment: ["LANG": "C", "LC_ALL": ""], installed: true)
            == "the locale LANG=C is not UTF-8, \(Self.consequence)")
        #expect(CursesTerminal.localeWarning(environment: ["LANG": "en_US.UTF-8", "LC_CTYPE": "POSIX"], installed: true)
            == "the locale LC_CTYPE=POSIX is not UTF-8, \(Self.consequence)")
        #expect(CursesTerminal.localeWarning(environment: ["LANG": "C.UTF-8", "LC_ALL": "C"], installed: true)
            == "the locale LC_ALL=C is not UTF-8, \(Self.consequence)")
    }

    @Test func noLocaleAndAMissingLocaleAreToldApart() {
        #expect(CursesTerminal.localeWarning(environment: ["LC_ALL": "", "LANG": ""], installed: true)
            == "no locale is set (LC_ALL, LC_CTYPE and LANG are unset or empty), \(Self.consequence)")
        #expect(CursesTerminal.localeWarning(environment: ["LANG": "xx_YY.UTF-8"], installed: false)
            == "the locale LANG=xx_YY.UTF-8 is not installed, \(Self.consequence)")
    }
}
