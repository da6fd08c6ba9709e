import MushroomCluster
import MushroomServer
import MushroomTestSupport
import Testing

/// What a person types for a cluster, checked before anything connects: one sentence each.
@Suite struct ClusterOptionTests {
    @Test(arguments: [
        ("nope", "the cluster URL 'nope' is not a URL of the form postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        ("http://u@h/db", "the cluster URL must start with postgresql://, not http://"),
        ("postgresql:///db", "the cluster URL 'postgresql:///db' names no host: write it as postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        ("postgresql://h/db", "the cluster URL 'postgresql://h/db' names no user: write it as postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        ("postgresql://u:secret@h", "the cluster URL 'postgresql://u:***@h' must name one database after the host: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        ("postgresql://u@h/a/b", "the cluster URL 'postgresql://u@h/a/b' must name one database after the host: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"),
        ("postgresql://u@h/db?sslmode=off", "the cluster URL 'postgresql://u@h/db?sslmode=off' takes no query or fragment"),
        ("postgresql://u@h:0/db", "the cluster URL's port must be from 1 to 65535, got 0"),
        ("postgresql://u@h:99999/db", "the cluster URL's port must be from 1 to 65535, got 99999"),
    ])
    func aMalformedClusterURLIsOneSentence(text: String, expected: String) {
        let error = #expect(throws: ClusterURL.Invalid.self) { try ClusterURL(text) }
        #expect(error?.description == expected)
    }

    @Test func aClusterURLIsReadLikeLibpqs() throws {
        let url = try ClusterURL("postgres://mush%40room:p%3Ass@db.example:6543/events")
        #expect(url.user == "mush@room")
        #expect(url.password == "p:ss")
        #expect(url.host == "db.example")
        #expect(url.port == 6543)
        #expect(url.database == "events")
        #expect(url.description == "postgresql://mush@room@db.example:6543/events", "no password in what is shown")
        #expect(try ClusterURL("postgresql://u@h/db").port == 5432)
    }

    @Test(arguments: [
        ("node-a.example", "the advertised URL 'node-a.example' is not an absolute URL such as http://node-a.example:8080/"),
        ("ws://node-a:8080/", "the advertised URL 'ws://node-a:8080/' must start with http:// or https://, not ws://"),
        ("http://node-a/?x=1", "the advertised URL 'http://node-a/?x=1' may hold a scheme, host, port and path only"),
    ])
    func aMalformedAdvertisedURLIsOneSentence(text: String, expected: String) {
        let error = #expect(throws: AdvertisedURL.Invalid.self) { try AdvertisedURL(text) }
        #expect(error?.description == expected)
    }

    @Test(arguments: [
        (["--cluster", "http://u@h/db"], "mushroom: The value 'http://u@h/db' is invalid for '--cluster <cluster>': the cluster URL must start with postgresql://, not http://\n"),
        (["--node", "a"], "mushroom: --node names a cluster node: give --cluster too\n"),
        (["--cluster", "postgresql://u@h/db", "--node", "two words"], "mushroom: --node must be 1 to 64 characters without spaces, got 'two words'\n"),
        (["--advertise-url", "ftp://x/"], "mushroom: The value 'ftp://x/' is invalid for '--advertise-url <advertise-url>': the advertised URL 'ftp://x/' must start with http:// or https://, not ftp://\n"),
        (["--cluster", "postgresql://u@h/db", "--retain-publications", "0"], "mushroom: The value '0' is invalid for '--retain-publications <retain-publications>': 0 is not a whole number from 1 to 100000000\n"),
        (["--cluster", "postgresql://u@h/db", "--retain-seconds", "nan"], "mushroom: The value 'nan' is invalid for '--retain-seconds <retain-seconds>': nan is not a number of seconds above 0 and at most 3155760000 (100 years)\n"),
        (["--cluster", "postgresql://u@h/db", "--max-unstored=-1"], "mushroom: The value '-1' is invalid for '--max-unstored <max-unstored>': -1 is not a whole number from 1 to 10000000\n"),
    ])
    func aBadClusterOptionIsRefusedBeforeAnythingConnects(arguments: [String], message: String) async throws {
        let result = try await runChildProcess(builtMushroomExecutable, arguments: ["serve", "--port", "0"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr == message + "Run 'mushroom help' for usage.\n")
    }
}
