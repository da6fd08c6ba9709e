import Foundation
import Testing

@testable import MushroomRPC

@Suite struct JSONValueParsingTests {
    @Test func integersAndDoublesStayApart() throws {
        let value = try JSONValue(parsing: #"[1, -7, 1.5, 1.0, 1e3, 9223372036854775807, -9223372036854775808]"#)
        #expect(value == [1, -7, 1.5, .double(1.0), .double(1000), .integer(.max), .integer(.min)])
    }

    @Test(arguments: ["0.1", "-2.5", "123.456", "1732450000.123", "-0.0", "0.30000000000000004", "1e-7", "2.5E+3",
                      "9007199254740993.5", "0.1234567890123456789012345", "4.9e-324"])
    func doublesAreCorrectlyRounded(text: String) throws {
        let parsed = try JSONValue(parsing: text)
        #expect(parsed == .double(Double(text) ?? .nan))
        #expect(parsed.doubleValue?.sign == Double(text)?.sign)
    }

    @Test func integersBeyondSixtyFourBitsBecomeDoubles() throws {
        #expect(try JSONValue(parsing: "9223372036854775808") == .double(9223372036854775808))
    }

    @Test func stringsWithEscapesAndUnicode() throws {
        let value = try JSONValue(parsing: #""a\"b\\c\/d\n\t\u00e9\ud83c\udf44日本""#)
        #expect(value == .string("a\"b\\c/d\n\té🍄日本"))
    }

    @Test func objectsAndNesting() throws {
        let value = try JSONValue(parsing: #" {"a": [true, false, null], "b": {"c": "d"}} "#)
        #expect(value == ["a": [true, false, nil], "b": ["c": "d"]])
        #expect(value["b"]?["c"]?.stringValue == "d")
    }

    @Test(arguments: [
        ("", "empty input at byte 0"),
        ("[1,", "unexpected end of input at byte 3"),
        ("[1 2]", "expected ',' or ']' in array at byte 3"),
        ("{\"a\" 1}", "expected ':' after object key at byte 5"),
        ("{1: 2}", "expected a string key in object at byte 1"),
        ("\"abc", "unterminated string at byte 0"),
        ("\"a\u{01}\"", "control character in string at byte 2"),
        ("\"\\x\"", "invalid escape '\\x' at byte 2"),
        ("\"\\ud800\"", "unpaired surrogate in \\u escape at byte 7"),
        ("01", "leading zero in number at byte 0"),
        ("1.", "expected digits after '.' at byte 2"),
        ("tru", "unexpected end of input at byte 0"),
        ("nul!", "invalid literal at byte 0"),
        ("[] []", "unexpected data after the JSON value at byte 3"),
        ("1e999", "number out of range at byte 0"),
        ("@", "unexpected character '@' at byte 0"),
    ])
    func malformedJSONIsReportedWithItsOffset(text: String, expected: String) {
        let error = #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
        #expect(error?.description == expected)
    }

    @Test func invalidUTF8IsAnError() {
        let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
        #expect(throws: JSONSyntaxError(offset: 1, reason: "invalid UTF-8 in string")) { try JSONValue(parsing: bytes) }
        let truncated: [UInt8] = [0x22, 0x61, 0xC3, 0x22]
        #expect(throws: JSONSyntaxError(offset: 1, reason: "invalid UTF-8 in string")) { try JSONValue(parsing: truncated) }
    }

    @Test func unescapedStringsParseWhetherASCIIOrNot() throws {
        #expect(try JSONValue(parsing: #"["plain", "café 🍄"]"#) == ["plain", "café 🍄"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError(offset: 512, reason: "nesting deeper than 512")) { try JSONValue(parsing: text) }
    }

    @Test func nonContiguousInputParses() throws {
        let bytes = Array("[1,2]".utf8).lazy.map { $0 }
        #expect(try JSONValue(parsing: bytes) == [1, 2])
    }
}

@Suite struct JSONValueWritingTests {
    @Test func compactOutputSortsKeysAndDoesNotEscapeSlashes() {
        let value: JSONValue = ["b": 1, "a": ["x/y", 1.5, nil, true]]
        #expect(value.compactString == #"{"a":["x/y",1.5,null,true],"b":1}"#)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONValue.string("a\"\\\n\r\t\u{01}é").compactString == #""a\"\\\n\r\t\u0001é""#)
    }

    @Test(arguments: [Int64.min, -1_000, -9, 0, 7, 10, 99, 100, 12_345, 999_999_999_999_999_999, Int64.max])
    func integersAreWrittenInDecimal(number: Int64) {
        #expect(JSONValue.integer(number).compactString == String(number))
        #expect(JSONValue.object(["n": .integer(number)]).compactString == #"{"n":\#(number)}"#)
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity)]).compactString == "[null,null]")
    }

    @Test func prettyOutputIndents() {
        let value: JSONValue = ["a": [1, 2], "b": [:], "c": []]
        #expect(value.prettyString == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test(arguments: [
        #"{"a":[1,2.5,"x",null,true,false,{}],"b":-3}"#,
        #"[9223372036854775807,-1,0.1,"\u0000"]"#,
        #""🍄""#,
    ])
    func roundTrip(text: String) throws {
        let value = try JSONValue(parsing: text)
        #expect(try JSONValue(parsing: value.compactBytes) == value)
    }
}

@Suite struct JSONValueCodableTests {
    struct Order: Codable, Equatable {
        let id: Int
        let items: [String]
    }

    @Test func convertsToAndFromCodableTypes() throws {
        let value = try JSONValue(encoding: Order(id: 3, items: ["a"]))
        #expect(value == ["id": 3, "items": ["a"]])
        #expect(try value.decode(as: Order.self) == Order(id: 3, items: ["a"]))
    }

    @Test func embedsInCodableTypesThroughFoundation() throws {
        let value: JSONValue = ["n": 1, "f": 1.5, "s": "x", "l": [true, nil]]
        let data = try JSONEncoder().encode(value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
    }
}
