import MushroomRPC

/// The body of a bootstrap POST: `{"transports": ["ws", "poll"], "auth": ..., "subscribe": ...}`
/// (`subscribe`, a `PositionedSubscription`, is this server's own), parsed as JSON
/// whatever the request's content type says (browsers post `text/plain`).
struct BootstrapRequest: Hashable {
    /// Why a bootstrap body was refused; the description is the `400` answer's body.
    struct Invalid: Error, Hashable, CustomStringConvertible {
        let description: String
    }

    /// The transports the client offers, in its order of preference (unknown names included).
    let transports: [String]
    /// The `auth` value, `null` when absent.
    let auth: JSONValue
    /// The positioned subscription asked for (`"subscribe"`), if any.
    let subscription: PositionedSubscription?

    init(body: [UInt8]) throws(Invalid) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: body)
        } catch {
            throw Invalid(description: "the bootstrap body is not JSON: \(error)")
        }
        guard case .object(let fields) = value else {
            throw Invalid(description: "the bootstrap body must be a JSON object like {\"transports\": [\"ws\", \"poll\"]}, got \(value.kindWithArticle)")
        }
        guard case .array(let offered)? = fields["transports"] else {
            throw Invalid(description: "the bootstrap body needs \"transports\": a list of transport names such as [\"ws\", \"poll\"]")
        }
        var names: [String] = []
        for item in offered {
            guard let name = item.stringValue else {
                throw Invalid(description: "\"transports\" must list transport names as strings, got \(item.kindWithArticle)")
            }
            names.append(name)
        }
        self.transports = names
        self.auth = fields["auth"] ?? .null
        do {
            self.subscription = try fields["subscribe"].map(PositionedSubscription.init(json:))
        } catch {
            throw Invalid(description: error.description)
        }
    }

    /// The first offered transport this server speaks.
    var chosenTransport: TransportKind? {
        transports.lazy.compactMap(TransportKind.init(rawValue:)).first
    }
}
