@testable import DashboardModel
import Foundation
import MushroomRPC
import Testing

@Suite("Notification filter")
struct NotificationFilterTests {
    private func matches(_ filter: String, _ method: String, _ data: JSONValue = .null) throws -> Bool {
        try NotificationFilter(parsing: filter).matches(method: method, data: data)
    }

    @Test func theHelpsExampleParsesAndMatches() throws {
        let filter = try NotificationFilter(parsing: NotificationFilter.example)
        #expect(filter.matches(method: "orders.created", data: ["user": "ada", "note": "some text"]))
        #expect(!filter.matches(method: "orders.created", data: ["user": "bob", "note": "some text"]))
        #expect(!filter.matches(method: "users.created", data: ["user": "ada", "note": "some text"]))
    }

    @Test func methodPatternsAreGlobsAndAlternatives() throws {
        #expect(try matches("orders.*", "orders.created"))
        #expect(try matches("orders.*", "orders.eu.paid"))
        #expect(try !matches("orders.*", "users.created"))
        #expect(try !matches("orders.*", "orders"))
        #expect(try matches("orders.* users.?een", "users.seen"))
        #expect(try matches("*paid", "orders.paid"))
        #expect(try matches("", "anything"))
    }

    @Test func fieldPredicatesCompareValues() throws {
        #expect(try matches("$.user=alice", "m", ["user": "alice"]))
        #expect(try !matches("$.user=alice", "m", ["user": "bob"]))
        #expect(try !matches("$.user=alice", "m", ["name": "alice"]))
        #expect(try matches("$.user!=alice", "m", ["user": "bob"]))
        #expect(try matches("data.n>5", "m", ["n": 6]))
        #expect(try !matches("data.n>5", "m", ["n": 5.0]))
        #expect(try !matches("data.n>5", "m", ["n": "9"]))
        #expect(try matches("data.n>=5", "m", ["n": 5.0]))
        #expect(try matches("$.n<2.5", "m", ["n": 2]))
        #expect(try matches("$.n<=2", "m", ["n": 2]))
        #expect(try matches("$.n=5", "m", ["n": 5.0]))
        #expect(try matches("$.ok=true", "m", ["ok": true]))
        #expect(try !matches("$.ok=true", "m", ["ok": "true"]))
        #expect(try matches("$.id=\"5\"", "m", ["id": "5"]))
        #expect(try matches("$.items[1].id=3", "m", ["items": [["id": 1], ["id": 3]]]))
        #expect(try !matches("$.items[2].id=3", "m", ["items": [["id": 1], ["id": 3]]]))
        #expect(try matches("$.tags~VIP", "m", ["tags": "gold,vip"]))
        #expect(try matches("$.user", "m", ["user": .null]))
        #expect(try !matches("$.user", "m", ["name": "x"]))
        #expect(try matches("$=7", "m", 7))
    }

    @Test func quotedTextSearchesThePayloadIgnoringCase() throws {
        #expect(try matches("\"ALICE\"", "m", ["name": "alice smith"]))
        #expect(try matches("\"alice smith\"", "m", ["name": "Alice Smith"]))
        #expect(try !matches("\"carol\"", "m", ["name": "alice"]))
        #expect(try matches("\"ÉCOLE\"", "m", ["s": "ÉCOLE"]))
        #expect(try !matches("\"école\"", "m", ["s": "ÉCOLE"]), "only ASCII letters ignore case")
        #expect(try matches("\"5,\"", "m", ["a": 5, "b": 6]), "the text is searched in compact JSON")
    }

    @Test func allNonMethodTermsMustHold() throws {
        #expect(try matches("orders.* $.total>=100 \"eur\"", "orders.paid", ["total": 150, "currency": "EUR"]))
        #expect(try !matches("orders.* $.total>=100 \"eur\"", "orders.paid", ["total": 150, "currency": "USD"]))
        #expect(try !matches("orders.* $.total>=100", "users.paid", ["total": 150]))
    }

    @Test(arguments: [
        ("orders.* \"unterminated", 9, "unterminated text: missing closing \""),
        ("$.user=", 7, "expected a value after ="),
        ("data.n>abc", 7, "> needs a number"),
        ("data.n<=", 8, "expected a value after <="),
        ("$.", 2, "expected a key after '.'"),
        ("$.a..b", 4, "expected a key after '.'"),
        ("$.items[x]", 7, "expected an index like [0]"),
        ("$.items[1", 7, "expected an index like [0]"),
        ("user=alice", 0, "a field path starts with $ or data"),
        ("$.a!5", 3, "expected != after the field path"),
        ("$foo", 1, "unexpected 'f' in field path"),
        ("$.a=[1]", 4, "expected a number, true, false, null or text"),
        ("a \"\"", 2, "empty text"),
        ("\"a\"b", 0, "expected one quoted text (unexpected data after the JSON value)"),
    ])
    func syntaxErrorsGiveTheirPosition(text: String, position: Int, message: String) {
        #expect(throws: FilterSyntaxError(position: position, message: message)) {
            try NotificationFilter(parsing: text)
        }
    }

    @Test func theErrorDescribesItsColumn() {
        #expect(FilterSyntaxError(position: 7, message: "expected a value after =").description == "expected a value after = at column 8")
    }
}

@Suite("Filter editing in the model")
struct FilterEditingTests {
    private func model() -> DashboardModel {
        var model = DashboardModel()
        model.ingest(Timeline.notification(0, "orders.created", ["n": 3], at: 0.05))
        model.ingest(Timeline.notification(1, "orders.created", ["n": 8], at: 0.05))
        model.ingest(Timeline.notification(2, "users.seen", ["n": 9], at: 0.05))
        return model
    }

    @Test func theFilterIsValidatedAsTypedAndAppliedWhenValid() {
        var model = model()
        model.perform(.beginFilterEdit, .insert("orders.* $.n>"))
        var filter = model.snapshot(at: Timeline.at(1)).stream.filter
        #expect(filter.editing == TextFieldSnapshot(text: "orders.* $.n>", cursor: 13))
        #expect(filter.error == FilterSyntaxError(position: 13, message: "expected a value after >"))
        model.perform(.applyFilter)
        filter = model.snapshot(at: Timeline.at(1)).stream.filter
        #expect(filter.applied == nil)
        #expect(filter.editing != nil)
        #expect(filter.error != nil)

        model.perform(.insert("5"), .applyFilter)
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.filter == FilterSnapshot(applied: "orders.* $.n>5", editing: nil, error: nil))
        #expect(stream.rows.map(\.id) == [1])
        #expect(model.stream.view.count == 1)
        #expect(stream.retained == 3)
    }

    @Test func applyingAFilterFollowsTheNewestMatch() {
        var model = model()
        model.perform(.layout(DashboardLayout(streamRows: 1)), .selectFirst, .beginFilterEdit, .insert("users.*"), .applyFilter)
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.selectedRow == nil)
        #expect(stream.rows.map(\.id) == [2])
        model.ingest(Timeline.notification(3, "users.left", at: 0.5))
        #expect(model.snapshot(at: Timeline.at(1)).stream.rows.map(\.id) == [3])
    }

    @Test func newNotificationsAreFilteredAsTheyArrive() {
        var model = model()
        model.perform(.beginFilterEdit, .insert("users.*"), .applyFilter)
        model.ingest(Timeline.notification(3, "orders.paid", at: 0.5))
        model.ingest(Timeline.notification(4, "users.left", at: 0.5))
        #expect(model.snapshot(at: Timeline.at(1)).stream.rows.map(\.id) == [2, 4])
    }

    @Test func filteredEntriesLeaveWithTheRing() {
        var configuration = DashboardConfiguration()
        configuration.streamCapacity = 3
        var model = DashboardModel(configuration: configuration)
        model.perform(.beginFilterEdit, .insert("even"), .applyFilter)
        for id in 0..<6 { model.ingest(Timeline.notification(id, id % 2 == 0 ? "even" : "odd", at: 0.05)) }
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [4])
        #expect(model.stream.view.count == 1)
    }

    @Test func editingStartsFromTheAppliedFilterAndCancelKeepsIt() {
        var model = model()
        model.perform(.beginFilterEdit, .insert("users.*"), .applyFilter, .beginFilterEdit)
        #expect(model.snapshot(at: Timeline.at(1)).stream.filter.editing?.text == "users.*")
        model.perform(.deleteBackward, .insert("$"), .cancelFilterEdit)
        let filter = model.snapshot(at: Timeline.at(1)).stream.filter
        #expect(filter == FilterSnapshot(applied: "users.*", editing: nil, error: nil))
    }

    @Test func clearingTheFilterShowsEverything() {
        var model = model()
        model.perform(.beginFilterEdit, .insert("users.*"), .applyFilter, .clearFilter)
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.filter.applied == nil)
        #expect(stream.rows.map(\.id) == [0, 1, 2])
    }

    @Test func applyingBlankTextRemovesTheFilter() {
        var model = model()
        model.perform(.beginFilterEdit, .insert("users.*"), .applyFilter, .beginFilterEdit)
        for _ in 0..<7 { model.perform(.deleteBackward) }
        model.perform(.insert("  "), .applyFilter)
        #expect(model.snapshot(at: Timeline.at(1)).stream.filter.applied == nil)
    }

    @Test func pauseAndFilterCombine() {
        var model = model()
        model.perform(.togglePause, .beginFilterEdit, .insert("orders.*"), .applyFilter)
        model.ingest(Timeline.notification(3, "orders.paid", at: 0.5))
        let stream = model.snapshot(at: Timeline.at(1)).stream
        #expect(stream.rows.map(\.id) == [0, 1])
        #expect(stream.arrivedSincePause == 1)
    }
}
