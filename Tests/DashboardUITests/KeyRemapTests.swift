import DashboardModel
import Foundation
@testable import DashboardUI
import Testing

/// The config file's key rebinding, applied before the key map.
@Suite struct KeyRemapTests {
    @Test func aReboundActionAnswersItsNewKeyAndNotItsOldOnes() throws {
        let remap = try KeyRemap([("pause", "P"), ("quit", "ctrl-q")])
        let context = KeyBindings.Context(focus: .stream)
        #expect(remap.translate(.character("P"), in: context) == .character("p"))
        #expect(remap.translate(.character("p"), in: context) == nil)
        #expect(remap.translate(.character(" "), in: context) == nil)
        #expect(remap.translate(.control("q"), in: context) == .character("q"))
        #expect(remap.translate(.character("q"), in: context) == nil)
        #expect(remap.translate(.character("j"), in: context) == .character("j"))
    }

    @Test func theHelpTheHeaderAndTheFooterShowTheReboundKeys() throws {
        let remap = try KeyRemap([("pause", "P"), ("quit", "ctrl-q"), ("export", "E")])
        #expect(remap.label("space p") == "P")
        #expect(remap.label("q  ctrl-c") == "ctrl-q  ctrl-c")
        #expect(remap.label("y Y") == "y Y")
        #expect(KeyRemap().label("space p") == "space p")
        let help = HelpOverlay.entries(glyphs: .unicode, keys: remap)
        #expect(help.contains { $0.keys == "P" && $0.action == "pause / resume the stream" })
        #expect(help.contains { $0.keys == "E" && $0.action == "export the focused pane's rows as NDJSON" })
        #expect(!help.contains { $0.keys.split(separator: " ").contains("q") })
        // The form's keys are typed text: never relabelled.
        #expect(help.filter { $0.action.contains("form") }.map(\.keys) == HelpOverlay.entries(glyphs: .unicode).filter { $0.action.contains("form") }.map(\.keys))

        let surface = MemorySurface(size: Size(rows: 24, columns: 100))
        let renderer = DashboardRenderer(palette: Palette(theme: try Theme.builtIn(named: "dark"), profile: .none), keys: remap)
        renderer.render(DashboardModel().snapshot(at: Date(timeIntervalSince1970: 0)), on: surface)
        #expect(surface.lines[0].hasSuffix(" ? help  ctrl-q quit "))
        #expect(surface.lines[23].contains("P pause"))
        #expect(!surface.lines[23].contains("space pause"))
    }

    @Test func aKeyTwoPanesShareFollowsTheFocusedPanesAction() throws {
        let export = try KeyRemap([("export", "E")])
        let (stream, sessions) = (KeyBindings.Context(focus: .stream), KeyBindings.Context(focus: .sessions))
        #expect(export.translate(.character("E"), in: stream) == .character("e"))
        #expect(export.translate(.character("e"), in: stream) == nil)
        // In the sessions pane e still ends a session, and E does not end one.
        #expect(export.translate(.character("e"), in: sessions) == .character("e"))
        #expect(export.translate(.character("E"), in: sessions) == nil)
        let end = try KeyRemap([("end-session", "K")])
        #expect(end.translate(.character("K"), in: sessions) == .character("e"))
        #expect(end.translate(.character("e"), in: sessions) == nil)
        #expect(end.translate(.character("e"), in: stream) == .character("e"))
        #expect(end.translate(.character("K"), in: stream) == .character("K"))
    }

    @Test func aReplaysSpaceStillPausesThePlaybackWhenPauseIsRebound() throws {
        let remap = try KeyRemap([("pause", "P")])
        var replaying = KeyBindings.Context(focus: .stream)
        replaying.isReplaying = true
        #expect(remap.translate(.character(" "), in: replaying) == .character(" "))
        #expect(KeyBindings.commands(for: .character(" "), in: replaying) == [.playback(.togglePause)])
        #expect(remap.translate(.character("P"), in: replaying) == .character("p"))
        #expect(remap.translate(.character("p"), in: replaying) == nil)
        // Live, space belongs to the rebound pause and does nothing.
        #expect(remap.translate(.character(" "), in: .init(focus: .stream)) == nil)
    }

    @Test func typedTextIsNeverRemapped() throws {
        let remap = try KeyRemap([("pause", "P")])
        #expect(remap.translate(.character("p"), in: .init(focus: .stream, isEditingFilter: true)) == .character("p"))
        #expect(remap.translate(.character("P"), in: .init(focus: .form)) == .character("P"))
        #expect(remap.translate(.character("P"), in: .init(focus: .stream, isHelpShown: true)) == .character("P"))
    }

    @Test func swappingTwoKeysIsAllowed() throws {
        let remap = try KeyRemap([("pause", "x"), ("clear-filter", "p")])
        let context = KeyBindings.Context(focus: .stream)
        #expect(remap.translate(.character("x"), in: context) == .character("p"))
        #expect(remap.translate(.character("p"), in: context) == .character("x"))
    }
}
