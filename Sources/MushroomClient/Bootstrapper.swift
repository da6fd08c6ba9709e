import MushroomRPC

/// What a bootstrap answered: the transport the server picked and the session URL to open.
public struct BootstrapAnswer: Sendable, Hashable {
    public let transport: TransportKind
    /// The session URL, checked.
    public let session: Endpoint
    /// What came of the positioned subscription the bootstrap asked for; `nil` when it asked for
    /// none, and `.unsupported` from a server that answered without one.
    public var subscription: PositionedSubscriptionAnswer?

    /// The session URL.
    public var url: String { session.url }
}

/// Opens sessions: POSTs `{"transports": [...], "auth": ...}` (and `"subscribe"` for positioned
/// notifications) to the bootstrap URL and checks the answer.
public struct Bootstrapper: Sendable {
    let url: String
    let auth: JSONValue
    let timeout: Duration
    let poster: HTTPPoster

    /// A bootstrapper for the bootstrap URL `url`, sending `auth`, each POST answered within
    /// `timeout`; an https server's certificate must come from `trust`.
    public init(url: String, auth: JSONValue = .null, timeout: Duration, trust: TLSTrust = .systemStore) {
        self.url = url
        self.auth = auth
        self.timeout = timeout
        self.poster = HTTPPoster(trust: trust)
    }

    /// Opens a session on the first of `transports` the server supports; with `subscribe`,
    /// subscribed to `patterns` with positions, recovering what came after `since`.
    public func run(
        transports: [TransportKind], subscribe: (patterns: [String], since: StreamPosition?)? = nil
    ) async throws(BootstrapError) -> BootstrapAnswer {
        let endpoint: Endpoint
        do {
            endpoint = try Endpoint(parsing: url, schemes: [.http, .https])
        } catch {
            throw .invalidURL(error)
        }
        var fields: [String: JSONValue] = ["transports": .array(transports.map { .string($0.rawValue) }), "auth": auth]
        if let subscribe {
            fields["subscribe"] = ["patterns": .array(subscribe.patterns.map { .string($0) }), "since": subscribe.since?.json ?? .null]
        }
        let body = JSONValue.object(fields).compactBytes
        let answer: (status: Int, body: [UInt8])
        do {
            answer = try await poster.post(endpoint, body: body, timeout: timeout)
        } catch {
            let failure = await NetworkFailure.explaining(error, at: endpoint, timeout: timeout)
            throw failure.bootstrapError(url: url, host: endpoint.host, port: endpoint.port)
        }
        switch answer.status {
        case 200:
            var parsed = try Self.parse(answer.body, offered: transports)
            if subscribe != nil { parsed.subscription = parsed.subscription ?? .unsupported }
            return parsed
        case 401: throw .authenticationRejected(url: url)
        case 404: throw .notFound(url: url)
        case 405: throw .methodNotAllowed(url: url)
        case 501: throw .noCommonTransport(offered: transports.map(\.rawValue))
        default: throw .unexpectedStatus(answer.status, url: url)
        }
    }

    /// Checks a 200 answer: `{"transport": NAME, "url": URL}` with an offered transport and a
    /// usable URL whose scheme fits it.
    static func parse(_ body: [UInt8], offered: [TransportKind]) throws(BootstrapError) -> BootstrapAnswer {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: body)
        } catch {
            let text = String(decoding: body.prefix(60), as: UTF8.self)
            throw .unexpectedAnswer("it is not JSON (\(error)): '\(text)'")
        }
        guard case .object(let fields) = value else {
            throw .unexpectedAnswer("expected a JSON object, got JSON of kind \(value.kindName)")
        }
        guard let name = fields["transport"]?.stringValue else {
            throw .unexpectedAnswer("the \"transport\" field is missing or not a string")
        }
        guard let transport = TransportKind(rawValue: name), offered.contains(transport) else {
            throw .unexpectedAnswer("it picked transport \"\(name)\", which was not offered")
        }
        guard let sessionURL = fields["url"]?.stringValue else {
            throw .unexpectedAnswer("the \"url\" field is missing or not a string")
        }
        let session: Endpoint
        do {
            session = try Endpoint(parsing: sessionURL)
        } catch {
            throw .unexpectedAnswer("the session URL '\(sessionURL)' is not usable: \(error.reason)")
        }
        let schemes: [Endpoint.Scheme] = transport == .webSocket ? [.ws, .wss] : [.http, .https]
        guard schemes.contains(session.scheme) else {
            throw .unexpectedAnswer("the session URL '\(sessionURL)' does not suit transport \"\(name)\"")
        }
        return BootstrapAnswer(transport: transport, session: session, subscription: fields["subscription"].map(PositionedSubscriptionAnswer.init(json:)))
    }
}
