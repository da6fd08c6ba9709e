import DashboardModel
@testable import DashboardUI
import Testing

/// The toolkit's keys in the key map, the help and the footer.
@Suite struct ToolkitKeysTests {
    typealias Context = KeyBindings.Context

    func commands(_ key: Key, _ context: Context = Context(focus: .stream)) -> [KeyCommand] {
        KeyBindings.commands(for: key, in: context)
    }

    @Test func withAPaneFocusedTheToolkitKeysAct() {
        for focus in [Pane.stream, .requests, .errors, .connection] {
            let context = Context(focus: focus)
            #expect(commands(.character("y"), context) == [.action(.copy(pretty: false))])
            #expect(commands(.character("Y"), context) == [.action(.copy(pretty: true))])
            #expect(commands(.character("e"), context) == [.action(.export)])
            #expect(commands(.character("m"), context) == [.action(.mark)])
            #expect(commands(.character("d"), context) == [.action(.diffWithMarked)])
            #expect(commands(.character("L"), context) == [.action(.toggleLatencyView)])
            #expect(commands(.character("o"), context) == [.action(.cycleRateOrder)])
            // Sending again belongs to the detail view.
            #expect(commands(.character("r"), context) == [])
            #expect(commands(.character("R"), context) == [])
        }
    }

    @Test func inTheDetailViewTheyActOnItsMessage() {
        let detail = Context(focus: .stream, isDetailOpen: true)
        #expect(commands(.character("y"), detail) == [.action(.copy(pretty: false))])
        #expect(commands(.character("Y"), detail) == [.action(.copy(pretty: true))])
        #expect(commands(.character("m"), detail) == [.action(.mark)])
        #expect(commands(.character("d"), detail) == [.action(.diffWithMarked)])
        #expect(commands(.character("r"), detail) == [.action(.editAgain)])
        #expect(commands(.character("R"), detail) == [.action(.sendAgain)])
        #expect(commands(.character("L"), detail) == [.action(.toggleLatencyView)])
        #expect(commands(.character("e"), detail) == [])
    }

    @Test func typingAndTheSessionsPaneKeepTheirKeys() {
        #expect(commands(.character("y"), Context(focus: .form)) == [.action(.insert("y"))])
        #expect(commands(.character("e"), Context(focus: .stream, isEditingFilter: true)) == [.action(.insert("e"))])
        let sessions = Context(focus: .sessions, panes: Pane.allCases)
        #expect(commands(.character("e"), sessions) == [.action(.requestSessionEnd)])
        #expect(commands(.character("y"), sessions) == [.action(.copy(pretty: false))])
        #expect(commands(.character("y"), Context(focus: .sessions, isConfirmingSessionEnd: true, panes: Pane.allCases)) == [.action(.confirmSessionEnd)])
    }

    @Test func everyToolkitKeyIsInTheHelp() {
        let help = HelpOverlay.entries(glyphs: .unicode)
        for keys in ["y Y", "e", "m  d", "r R", "L", "o"] {
            #expect(help.contains { $0.keys == keys }, "\(keys) is missing from the help")
        }
    }
}
