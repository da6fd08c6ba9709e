/// The config file's key rebinding (`[keys]` action = "key"): a rebound action answers its new
/// key instead of its default ones. Applied to keys before `KeyBindings`, outside text entry
/// (the filter, the form) and the help, so that typed text is never remapped.
public struct KeyRemap: Sendable, Hashable {
    /// The new key of each rebound action, by action name.
    public let bindings: [String: Key]

    /// No rebinding.
    public init() {
        bindings = [:]
    }

    /// Why a rebinding is refused: the action key at fault and the sentence.
    struct Refusal: Error {
        let action: String
        let message: String
    }

    /// A rebinding of `bindings` (action name to key name, in the file's order); refuses an
    /// unknown action, an unknown key name, a key fixed to something else, and a key that two
    /// actions would share, naming both.
    init(_ bindings: [(action: String, key: String)]) throws(Refusal) {
        var keys: [String: Key] = [:]
        let bindable = NamedAction.all.filter { !$0.keys.isEmpty }
        for (name, keyName) in bindings {
            guard NamedAction.named(name).map({ !$0.keys.isEmpty }) == true else {
                throw Refusal(action: name, message: "unknown action; the actions with a key are \(bindable.map(\.name).joined(separator: ", "))")
            }
            guard let key = KeyName.key(keyName) else {
                throw Refusal(action: name, message: "\"\(keyName)\" is not a key; write one character, space, or ctrl- and a letter other than c")
            }
            if case .character(let character) = key, character.isASCII, character.isNumber {
                throw Refusal(action: name, message: "\"\(keyName)\" focuses a pane by its number, so it cannot be rebound")
            }
            if let other = keys.first(where: { $0.value == key })?.key {
                throw Refusal(action: name, message: "\"\(keyName)\" is already bound to \(other) (keys.\(other)); each key does one thing")
            }
            keys[name] = key
        }
        for (name, key) in keys {
            // A default key still in use: its action is not rebound away from it.
            if let owner = bindable.first(where: { $0.name != name && keys[$0.name] == nil && $0.keys.contains(key) }) {
                throw Refusal(
                    action: name,
                    message: "\"\(KeyName.name(of: key))\" is already the key of \(owner.name); rebind \(owner.name) too (keys.\(owner.name) = \"...\")")
            }
        }
        self.bindings = keys
    }

    /// The key `KeyBindings` should see for `key` pressed in `context`: the default key of the
    /// action rebound to it, nothing for a default key whose action (in the focused pane) moved,
    /// else `key` itself. A replay's own keys (`PlaybackKey`: space, `+`, `-`) stay theirs while
    /// a recording plays, even when an action that shares one of them is rebound.
    public func translate(_ key: Key, in context: KeyBindings.Context) -> Key? {
        guard !bindings.isEmpty, !context.isEditingFilter, !context.isHelpShown, !context.isConfirmingSessionEnd,
            context.focus != .form || context.isDetailOpen
        else { return key }
        if context.isReplaying, !context.isDetailOpen, context.focus != .form, PlaybackKey(key) != nil { return key }
        let rebound = bindings.compactMap { name, newKey in newKey == key ? NamedAction.named(name) : nil }
        // An action of the focused pane first (end-session in the sessions pane), then one of every pane.
        if let action = rebound.first(where: { $0.pane == context.focus }) ?? rebound.first(where: { $0.pane == nil }),
            let defaultKey = action.keys.first
        {
            // Its default key may mean another action in the focused pane (export's `e` ends a
            // session there): then the new key does nothing there rather than that.
            let meaning = NamedAction.all.first { $0.applies(to: defaultKey, in: context.focus) }
            return meaning == nil || meaning == action ? defaultKey : nil
        }
        let owner = NamedAction.all.first { $0.applies(to: key, in: context.focus) }
        if let owner, bindings[owner.name] != nil { return nil }
        return key
    }

    /// `keys`, a help or footer label of keys such as "space p" or "y Y", with each default key
    /// of a rebound action shown as its new key (once, where an action had two).
    public func label(_ keys: String) -> String {
        guard !bindings.isEmpty else { return keys }
        var shown: Set<String> = []
        return keys.split(separator: " ", omittingEmptySubsequences: false).compactMap { token -> String? in
            guard let key = KeyName.key(String(token)),
                let rebound = bindings.first(where: { NamedAction.named($0.key)?.keys.contains(key) == true })
            else { return String(token) }
            let name = KeyName.name(of: rebound.value)
            return shown.insert(name).inserted ? name : nil
        }.joined(separator: " ")
    }

    /// The key shown for `action` (its new key when rebound).
    public func key(of action: NamedAction) -> Key? {
        bindings[action.name] ?? action.keys.first
    }
}
