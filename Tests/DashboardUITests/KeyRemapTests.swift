import DashboardModel
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
