import MushroomRPC

/// The structural difference between two JSON values: the paths added, removed and changed,
/// objects compared key by key (sorted) and lists index by index.
struct JSONDiff: Sendable, Hashable {
    /// One difference, at a path such as `data.items[2].price` (`.` for the whole value).
    enum Change: Sendable, Hashable {
        case added(path: String, value: JSONValue)
        case removed(path: String, value: JSONValue)
        case changed(path: String, old: JSONValue, new: JSONValue)
    }

    /// Every difference, in path order.
    let changes: [Change]

    /// What changes `old` into `new`.
    init(from old: JSONValue, to new: JSONValue) {
        var changes: [Change] = []
        Self.compare(old, new, path: "", into: &changes)
        self.changes = changes
    }

    private static func compare(_ old: JSONValue, _ new: JSONValue, path: String, into changes: inout [Change]) {
        switch (old, new) {
        case (.object(let oldMembers), .object(let newMembers)):
            for key in Set(oldMembers.keys).union(newMembers.keys).sorted() {
                let memberPath = member(key, of: path)
                switch (oldMembers[key], newMembers[key]) {
                case (let before?, let after?): compare(before, after, path: memberPath, into: &changes)
                case (let before?, nil): changes.append(.removed(path: memberPath, value: before))
                case (nil, let after?): changes.append(.added(path: memberPath, value: after))
                case (nil, nil): break
                }
            }
        case (.array(let oldItems), .array(let newItems)):
            for index in 0..<max(oldItems.count, newItems.count) {
                let itemPath = "\(path)[\(index)]"
                if index >= newItems.count {
                    changes.append(.removed(path: itemPath, value: oldItems[index]))
                } else if index >= oldItems.count {
                    changes.append(.added(path: itemPath, value: newItems[index]))
                } else {
                    compare(oldItems[index], newItems[index], path: itemPath, into: &changes)
                }
            }
        default:
            if old != new { changes.append(.changed(path: path, old: old, new: new)) }
        }
    }

    /// `path.key`, or `path["key"]` for a key that is not a plain name.
    private static func member(_ key: String, of path: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        if plain { return path.isEmpty ? key : "\(path).\(key)" }
        return "\(path)[\(JSONValue.string(key).compactString)]"
    }

    /// The lines of the detail view: `+ path: value`, `- path: value`, `~ path: old -> new`.
    var lines: [String] {
        if changes.isEmpty { return ["no differences"] }
        return changes.map { change in
            switch change {
            case .added(let path, let value): "+ \(Self.shown(path)): \(value.compactString)"
            case .removed(let path, let value): "- \(Self.shown(path)): \(value.compactString)"
            case .changed(let path, let old, let new): "~ \(Self.shown(path)): \(old.compactString) -> \(new.compactString)"
            }
        }
    }

    private static func shown(_ path: String) -> String { path.isEmpty ? "." : path }
}
