import DashboardModel
import DashboardUI
import Testing

@Suite struct KeyBindingsTests {
    typealias Context = KeyBindings.Context

    func commands(_ key: Key, _ context: Context = Context(focus: .stream)) -> [KeyCommand] {
        KeyBindings.commands(for: key, in: context)
    }

    @Test func navigationWithArrowsAndVimKeys() {
        #expect(commands(.tab) == [.action(.focusNext)])
        #expect(commands(.backTab) == [.action(.focusPrevious)])
        #expect(commands(.character("l")) == [.action(.focusNext)])
        #expect(commands(.character("h")) == [.action(.focusPrevious)])
        #expect(commands(.up) == [.action(.moveSelection(-1))])
        #expect(commands(.character("k")) == [.action(.moveSelection(-1))])
        #expect(commands(.down) == [.action(.moveSelection(1))])
        #expect(commands(.character("j")) == [.action(.moveSelection(1))])
        #expect(commands(.pageDown, Context(focus: .requests, pageRows: 7)) == [.action(.scroll(7))])
        #expect(commands(.character("g")) == [.action(.selectFirst)])
        #expect(commands(.character("G")) == [.action(.selectLast)])
    }

    @Test func paneCommands() {
        #expect(commands(.enter) == [.action(.openDetail)])
        #expect(commands(.character("/")) == [.action(.beginFilterEdit)])
        #expect(commands(.character(" ")) == [.action(.togglePause)])
        #expect(commands(.character("z")) == [.action(.toggleMaximize)])
        #expect(commands(.character("c")) == [.action(.clear)])
        #expect(commands(.character("f")) == [.action(.focus(.form))])
        #expect(commands(.character("?")) == [.toggleHelp])
        #expect(commands(.character("w")) == [])
    }

    @Test func replayKeysControlThePlaybackOutsideTextEntry() {
        var replaying = Context(focus: .stream)
        replaying.isReplaying = true
        #expect(commands(.character(" "), replaying) == [.playback(.togglePause)])
        #expect(commands(.character("+"), replaying) == [.playback(.faster)])
        #expect(commands(.character("="), replaying) == [.playback(.faster)])
        #expect(commands(.character("-"), replaying) == [.playback(.slower)])
        #expect(commands(.character("p"), replaying) == [.action(.togglePause)])
        var typing = Context(focus: .form)
        typing.isReplaying = true
        #expect(commands(.character(" "), typing) == [.action(.insert(" "))])
        var filtering = replaying
        filtering.isEditingFilter = true
        #expect(commands(.character("+"), filtering) == [.action(.insert("+"))])
        #expect(commands(.character("+")) == [])
    }

    @Test func quitWithQOrControlCEverywhereButQInText() {
        #expect(commands(.character("q")) == [.quit])
        #expect(commands(.control("c")) == [.quit])
        #expect(commands(.control("c"), Context(focus: .form)) == [.quit])
        #expect(commands(.control("c"), Context(focus: .stream, isEditingFilter: true)) == [.quit])
        #expect(commands(.character("q"), Context(focus: .form)) == [.action(.insert("q"))])
        #expect(commands(.character("q"), Context(focus: .stream, isEditingFilter: true)) == [.action(.insert("q"))])
    }

    @Test func filterEditing() {
        let editing = Context(focus: .stream, isEditingFilter: true)
        #expect(commands(.character("日"), editing) == [.action(.insert("日"))])
        #expect(commands(.backspace, editing) == [.action(.deleteBackward)])
        #expect(commands(.delete, editing) == [.action(.deleteForward)])
        #expect(commands(.left, editing) == [.action(.moveCursor(-1))])
        #expect(commands(.home, editing) == [.action(.cursorToStart)])
        #expect(commands(.enter, editing) == [.action(.applyFilter)])
        #expect(commands(.escape, editing) == [.action(.cancelFilterEdit)])
        #expect(commands(.tab, editing) == [])
    }

    @Test func formKeys() {
        let method = Context(focus: .form, formField: .method)
        let data = Context(focus: .form, formField: .data)
        #expect(commands(.character("j"), method) == [.action(.insert("j"))])
        #expect(commands(.tab, method) == [.action(.completeMethod)])
        #expect(commands(.tab, data) == [.action(.nextFormField)])
        #expect(commands(.down, data) == [.action(.nextFormField)])
        #expect(commands(.up, data) == [.action(.previousFormField)])
        #expect(commands(.enter, data) == [.action(.submit)])
        #expect(commands(.control("t"), data) == [.action(.toggleFormKind)])
        #expect(commands(.control("p"), data) == [.action(.historyPrevious)])
        #expect(commands(.escape, data) == [.action(.focus(.stream))])
    }

    @Test func detailScrollsAndCloses() {
        let detail = Context(focus: .stream, isDetailOpen: true, pageRows: 12)
        #expect(commands(.down, detail) == [.action(.scroll(1))])
        #expect(commands(.character("k"), detail) == [.action(.scroll(-1))])
        #expect(commands(.pageDown, detail) == [.action(.scroll(12))])
        #expect(commands(.escape, detail) == [.action(.closeDetail)])
        #expect(commands(.tab, detail) == [])
    }

    @Test func helpClosesOnAnyKey() {
        let help = Context(focus: .stream, isHelpShown: true)
        #expect(commands(.character("x"), help) == [.closeHelp])
        #expect(commands(.escape, help) == [.closeHelp])
        #expect(commands(.character("q"), help) == [.quit])
    }

    @Test func resizeDoesNothingInAnyMode() {
        for context in [Context(focus: .form), Context(focus: .stream, isEditingFilter: true), Context(focus: .stream, isHelpShown: true)] {
            #expect(commands(.resize, context) == [])
        }
    }

    @Test func characterCodes() {
        #expect(Key(code: 9) == .tab)
        #expect(Key(code: 13) == .enter)
        #expect(Key(code: 27) == .escape)
        #expect(Key(code: 127) == .backspace)
        #expect(Key(code: 3) == .control("c"))
        #expect(Key(code: 20) == .control("t"))
        #expect(Key(code: 0x65E5) == .character("日"))
    }

    @Test func keysDriveTheModel() {
        // Typing a filter through the key map ends in the model's filter.
        var model = SampleDashboard.model(size: Size(rows: 24, columns: 80))
        for key: Key in [.character("/"), .character("c"), .character("h"), .character("a"), .character("t"), .enter] {
            let context = KeyBindings.Context(model: model, isHelpShown: false, pageRows: 10)
            for case .action(let action) in KeyBindings.commands(for: key, in: context) { _ = model.apply(action, at: SampleDashboard.now) }
        }
        #expect(model.snapshot(at: SampleDashboard.now).stream.filter.applied == "chat")
    }
}
