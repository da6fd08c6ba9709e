import DashboardModel

/// What a key does: a model action, or something the UI handles itself.
public enum KeyCommand: Sendable, Hashable {
    case action(OperatorAction)
    case toggleHelp
    case closeHelp
    /// Open the command palette (`CommandPalette`).
    case openPalette
    case quit
    /// A key of a recording's playback (`mushroom dash --replay`).
    case playback(PlaybackKey)
}

/// The key map: turns keys into commands given what the screen is showing. A pure function,
/// tested without a terminal.
public enum KeyBindings {
    /// What the key map needs to know about the screen.
    public struct Context: Sendable, Hashable {
        /// The focused pane, and the modes that change what keys mean.
        public var focus: Pane
        public var isEditingFilter: Bool
        public var isDetailOpen: Bool
        public var isHelpShown: Bool
        public var isConfirmingSessionEnd: Bool
        public var formField: FormField
        /// The panes shown, in focus order (digits focus them).
        public var panes: [Pane]
        /// Rows in a page (the focused list's height), for page up/down.
        public var pageRows: Int
        /// Whether a recording plays (space, `+` and `-` control it outside text entry).
        public var isReplaying = false

        /// A context; the defaults are plain navigation.
        public init(
            focus: Pane, isEditingFilter: Bool = false, isDetailOpen: Bool = false, isHelpShown: Bool = false,
            isConfirmingSessionEnd: Bool = false, formField: FormField = .method, panes: [Pane] = Pane.standard, pageRows: Int = 10
        ) {
            self.focus = focus
            self.isEditingFilter = isEditingFilter
            self.isDetailOpen = isDetailOpen
            self.isHelpShown = isHelpShown
            self.isConfirmingSessionEnd = isConfirmingSessionEnd
            self.formField = formField
            self.panes = panes
            self.pageRows = pageRows
        }

        /// The context of a model's current state (read without building a snapshot), with the
        /// help overlay shown or not.
        public init(model: DashboardModel, isHelpShown: Bool, pageRows: Int, isReplaying: Bool = false) {
            self.init(
                focus: model.focus, isEditingFilter: model.isEditingFilter, isDetailOpen: model.isDetailOpen,
                isHelpShown: isHelpShown, isConfirmingSessionEnd: model.isConfirmingSessionEnd, formField: model.focusedFormField,
                panes: model.panes, pageRows: pageRows)
            self.isReplaying = isReplaying
        }
    }

    /// The commands for `key` in `context` (none when the key does nothing there).
    public static func commands(for key: Key, in context: Context) -> [KeyCommand] {
        if key == .control("c") { return [.quit] }
        // The loop lays out every frame from the screen's size: a resize only has to wake it.
        if key == .resize { return [] }
        if context.isHelpShown { return key == .character("q") ? [.quit] : [.closeHelp] }
        if context.isEditingFilter { return editing(key, apply: .applyFilter, cancel: .cancelFilterEdit) }
        if context.isDetailOpen { return detail(key, context: context) }
        if context.isReplaying, context.focus != .form, let playback = PlaybackKey(key) { return [.playback(playback)] }
        if let commands = PaneViews.view(for: context.focus)?.keys(key, in: context) { return commands }
        return navigation(key, context: context)
    }

    /// Keys while text is typed (the filter, or a form field).
    static func editing(_ key: Key, apply: OperatorAction, cancel: OperatorAction) -> [KeyCommand] {
        let action: OperatorAction? = switch key {
        case .character(let character): .insert(String(character))
        case .backspace: .deleteBackward
        case .delete, .control("d"): .deleteForward
        case .left: .moveCursor(-1)
        case .right: .moveCursor(1)
        case .home: .cursorToStart  // not ctrl-a: that is tmux's prefix
        case .end, .control("e"): .cursorToEnd
        case .enter: apply
        case .escape: cancel
        default: nil
        }
        return action.map { [.action($0)] } ?? []
    }

    private static func detail(_ key: Key, context: Context) -> [KeyCommand] {
        switch key {
        case .up, .character("k"): [.action(.scroll(-1))]
        case .down, .character("j"): [.action(.scroll(1))]
        case .pageUp: [.action(.scroll(-context.pageRows))]
        case .pageDown, .character(" "): [.action(.scroll(context.pageRows))]
        case .home, .character("g"): [.action(.scroll(-Int(Int32.max)))]
        case .end, .character("G"): [.action(.scroll(Int(Int32.max)))]
        case .escape, .enter, .backspace: [.action(.closeDetail)]
        case .character("q"): [.quit]
        case .character("?"): [.toggleHelp]
        default: ToolkitKeys.detail[key].map { [KeyCommand.action($0)] } ?? []
        }
    }

    private static func navigation(_ key: Key, context: Context) -> [KeyCommand] {
        let action: OperatorAction? = switch key {
        case .tab, .character("l"): .focusNext
        case .backTab, .character("h"): .focusPrevious
        case .up, .character("k"): .moveSelection(-1)
        case .down, .character("j"): .moveSelection(1)
        case .left: .focusPrevious
        case .right: .focusNext
        case .pageUp: .scroll(-context.pageRows)
        case .pageDown: .scroll(context.pageRows)
        case .home, .character("g"): .selectFirst
        case .end, .character("G"): .selectLast
        case .enter: .openDetail
        case .character("z"): .toggleMaximize
        case .character("c"): .clear
        case .character("v"): .cycleServer
        default:
            paneNumbered(key, of: context.panes).map(OperatorAction.focus) ?? PaneViews.all.lazy.compactMap { $0.shortcuts[key] }.first
                ?? ToolkitKeys.navigation[key]
        }
        if let action { return [.action(action)] }
        switch key {
        case .character("?"): return [.toggleHelp]
        case .character(":"): return [.openPalette]
        case .character("q"): return [.quit]
        default: return []
        }
    }

    /// `1` names the first of the shown panes, `2` the second, and so on.
    private static func paneNumbered(_ key: Key, of panes: [Pane]) -> Pane? {
        guard case .character(let digit) = key, digit.isASCII, let number = digit.wholeNumberValue,
            panes.indices.contains(number - 1)
        else { return nil }
        return panes[number - 1]
    }
}
