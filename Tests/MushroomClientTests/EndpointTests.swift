import MushroomClient
import Testing

/// The one URL parser of the client: where a URL points, and the sentence for each URL it refuses.
struct EndpointTests {
    @Test(arguments: [
        ("ws://127.0.0.1:8080/session/", "127.0.0.1", 8080, "/session/", "127.0.0.1:8080"),
        ("wss://example.org/s/abc?token=a%20b", "example.org", 443, "/s/abc?token=a%20b", "example.org"),
        ("ws://example.org", "example.org", 80, "/", "example.org"),
        ("HTTP://localhost:80/x#top", "localhost", 80, "/x", "localhost"),
        ("http://h:/x", "h", 80, "/x", "h"),
        ("https://h?q=1", "h", 443, "/?q=1", "h"),
        ("ws://[::1]:9000/s", "::1", 9000, "/s", "[::1]:9000"),
        ("http://127.0.0.1:65535/", "127.0.0.1", 65535, "/", "127.0.0.1:65535"),
    ])
    func aURLNamesHostPortTargetAndHostHeader(url: String, host: String, port: Int, target: String, hostHeader: String) throws {
        let endpoint = try Endpoint(parsing: url)
        #expect(endpoint.host == host && endpoint.port == port)
        #expect(endpoint.target == target && endpoint.hostHeader == hostHeader)
    }

    @Test func theSchemeDecidesTLSAndTheHTTPTwin() throws {
        let endpoint = try Endpoint(parsing: "wss://example.org:8443/s/1")
        #expect(endpoint.scheme.usesTLS)
        #expect(endpoint.overHTTP.url == "https://example.org:8443/s/1")
        #expect(endpoint.lastPathComponent == "1")
        #expect(try Endpoint(parsing: "ws://h/").lastPathComponent == nil)
    }

    @Test(arguments: [
        ("http://127.0.0.1:99999/", "its port 99999 is not a number from 1 to 65535"),
        ("http://127.0.0.1:65536/", "its port 65536 is not a number from 1 to 65535"),
        ("http://127.0.0.1:0/", "its port 0 is not a number from 1 to 65535"),
        ("http://127.0.0.1:99999999999999999999/", "its port 99999999999999999999 is not a number from 1 to 65535"),
        ("http://127.0.0.1:-1/", "its port -1 is not a number from 1 to 65535"),
        ("http://127.0.0.1:8o/", "its port 8o is not a number from 1 to 65535"),
        ("http://[::1]:70000/", "its port 70000 is not a number from 1 to 65535"),
        ("ftp://example.org/", "it does not begin with http://, https://, ws:// or wss://"),
        ("not a url", "it contains a space, which a URL cannot hold"),
        ("http://h\u{7}/", "it contains a control character, which a URL cannot hold"),
        ("http://café.org/", "it contains 'é', which a URL cannot hold"),
        ("ws:///no-host", "it has no host"),
        ("http://:8080/", "it has no host"),
        ("http://user@h/", "it carries user information, which mushroom does not use"),
        ("http://[::1/", "its IPv6 address lacks the closing ']'"),
        ("http://[::1]x/", "something other than a port follows its IPv6 address"),
        ("http://[zz]/", "its host [zz] is not an IPv6 address"),
        ("http://a$b/", "its host 'a$b' is not a host name or an IP address"),
    ])
    func anUnusableURLIsRefusedWithItsReason(url: String, reason: String) {
        #expect(throws: EndpointError(url: url, reason: reason)) { try Endpoint(parsing: url) }
    }

    @Test func onlyTheSchemesAskedForAreAccepted() {
        #expect(throws: EndpointError(url: "ws://h/", reason: "it does not begin with http:// or https://")) {
            try Endpoint(parsing: "ws://h/", schemes: [.http, .https])
        }
        #expect(EndpointError(url: "u", reason: "r").description == "'u' is not a usable URL: r")
    }
}
