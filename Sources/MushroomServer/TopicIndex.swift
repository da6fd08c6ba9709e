import OrderedCollections
import Synchronization

/// Every session's topic patterns, indexed by pattern so that a publication finds the sessions it
/// reaches in time proportional to them, not to all sessions: patterns without wildcards in a
/// dictionary keyed by the topic they match, patterns with `*`, `#` or `**` in a trie by segment,
/// and the sessions that never subscribed (which receive every publication) in a set of their own.
/// `TopicSubscriptions` changes a session's patterns here; `SessionList` adds a session when it
/// is created and removes it when it ends.
///
/// Matching follows `TopicPattern.matches` exactly: a plain segment matches itself, `*` exactly
/// one segment (an empty one too), and `#` or `**` as the last segment zero or more.
final class TopicIndex<Subscriber: AnyObject & Sendable>: Sendable {
    /// Who holds one pattern (or, at a trie node, the patterns that end there), each subscriber
    /// with how many of its patterns lead here (`alerts.#` and `alerts.**` are two patterns).
    private struct Holders {
        var counts: [ObjectIdentifier: (subscriber: Subscriber, patterns: Int)] = [:]

        var isEmpty: Bool { counts.isEmpty }

        /// Counts one more (`adding`) or one fewer pattern of `subscriber`.
        mutating func change(_ subscriber: Subscriber, adding: Bool) {
            let key = ObjectIdentifier(subscriber)
            let patterns = (counts[key]?.patterns ?? 0) + (adding ? 1 : -1)
            counts[key] = patterns > 0 ? (subscriber, patterns) : nil
        }
    }

    /// One step of a wildcard pattern, the key of a trie node's children.
    private enum Step: Hashable {
        case literal(Substring)
        case anySegment
    }

    /// The patterns with wildcards that start with the steps leading to this node.
    private struct Node {
        var children: [Step: Node] = [:]
        /// Who holds a pattern ending here.
        var ending = Holders()
        /// Who holds a pattern ending here with `#` or `**`: it matches zero or more further segments.
        var trailing = Holders()

        var isEmpty: Bool { children.isEmpty && ending.isEmpty && trailing.isEmpty }

        /// Adds (`adding`) or removes one holding of the pattern whose remaining segments are `rest`.
        mutating func update(_ rest: ArraySlice<TopicPattern.Segment>, _ subscriber: Subscriber, adding: Bool) {
            guard let first = rest.first else { return ending.change(subscriber, adding: adding) }
            let step: Step
            switch first {
            case .rest: return trailing.change(subscriber, adding: adding)
            case .one: step = .anySegment
            case .literal(let text): step = .literal(text)
            }
            guard adding || children[step] != nil else { return }
            children[step, default: Node()].update(rest.dropFirst(), subscriber, adding: adding)
            if children[step]?.isEmpty == true { children[step] = nil }
        }

        /// Collects the holders of every pattern matching a topic whose remaining segments are `rest`.
        func collect(_ rest: ArraySlice<Substring>, into found: inout [Holders]) {
            if !trailing.isEmpty { found.append(trailing) }
            guard let segment = rest.first else {
                if !ending.isEmpty { found.append(ending) }
                return
            }
            children[.literal(segment)]?.collect(rest.dropFirst(), into: &found)
            children[.anySegment]?.collect(rest.dropFirst(), into: &found)
        }
    }

    private struct Member {
        let subscriber: Subscriber
        /// In subscription order; `nil` while it never subscribed.
        var patterns: OrderedSet<TopicPattern>?
    }

    private struct State {
        var members: [String: Member] = [:]
        /// The members that never subscribed.
        var everything: [ObjectIdentifier: Subscriber] = [:]
        /// Who holds each pattern without wildcards, by the one topic it matches.
        var literals: [String: Holders] = [:]
        var wildcards = Node()

        /// Adds or removes one holding of `pattern` by `subscriber`.
        mutating func update(_ pattern: TopicPattern, _ subscriber: Subscriber, adding: Bool) {
            let isLiteral = pattern.segments.allSatisfy { if case .literal = $0 { true } else { false } }
            guard isLiteral else {
                wildcards.update(pattern.segments[...], subscriber, adding: adding)
                return
            }
            literals[pattern.description, default: Holders()].change(subscriber, adding: adding)
            if literals[pattern.description]?.isEmpty == true { literals[pattern.description] = nil }
        }

        /// Replaces the patterns of member `id` with `patterns`, updating the index.
        mutating func change(_ id: String, to patterns: OrderedSet<TopicPattern>) {
            guard let member = members[id] else { return }
            let subscriber = member.subscriber
            if let old = member.patterns {
                for pattern in old where !patterns.contains(pattern) { update(pattern, subscriber, adding: false) }
                for pattern in patterns where !old.contains(pattern) { update(pattern, subscriber, adding: true) }
            } else {
                everything[ObjectIdentifier(subscriber)] = nil
                for pattern in patterns { update(pattern, subscriber, adding: true) }
            }
            members[id]?.patterns = patterns
        }
    }

    private let state = Mutex(State())

    /// Adds `subscriber` as member `id`, which receives every publication until it subscribes.
    func add(_ subscriber: Subscriber, id: String) {
        state.withLock { state in
            state.members[id] = Member(subscriber: subscriber)
            state.everything[ObjectIdentifier(subscriber)] = subscriber
        }
    }

    /// Removes member `id` and every pattern it held.
    func remove(id: String) {
        state.withLock { state in
            state.change(id, to: [])
            state.members[id] = nil
        }
    }

    /// The patterns of member `id` in subscription order; `nil` when it never subscribed (or is
    /// not a member).
    func patterns(of id: String) -> [TopicPattern]? {
        state.withLock { $0.members[id]?.patterns.map { Array($0) } }
    }

    /// Changes the patterns of member `id` to what `change` makes of them (the empty set for a
    /// member that never subscribed) and returns the result; when `change` throws, nothing
    /// changes. A removed member's patterns are not kept.
    func update<Failure: Error>(
        _ id: String, _ change: (inout OrderedSet<TopicPattern>) throws(Failure) -> Void
    ) throws(Failure) -> [TopicPattern] {
        try state.withLock { state throws(Failure) in
            var patterns = state.members[id]?.patterns ?? []
            try change(&patterns)
            state.change(id, to: patterns)
            return Array(patterns)
        }
    }

    /// The subscribers a publication on `topic` reaches, each once: those that never subscribed
    /// and those holding a matching pattern.
    func subscribers(of topic: String) -> [Subscriber] {
        state.withLock { state in
            var found: [Holders] = []
            if let holders = state.literals[topic] { found.append(holders) }
            if !state.wildcards.isEmpty {
                state.wildcards.collect(topic.split(separator: ".", omittingEmptySubsequences: false)[...], into: &found)
            }
            var subscribers = Array(state.everything.values)
            guard found.count > 1 else {
                subscribers += found.first?.counts.values.map(\.subscriber) ?? []
                return subscribers
            }
            var seen = Set<ObjectIdentifier>()
            for holders in found {
                for (key, held) in holders.counts where seen.insert(key).inserted { subscribers.append(held.subscriber) }
            }
            return subscribers
        }
    }
}
