import Foundation
import MushroomRPC

/// One measured figure: a name, a value and its unit. Printed as an aligned line for people, or
/// as one JSON object with exactly the keys `name`, `value` and `unit` for scripts.
public struct Figure: Sendable, Hashable {
    public let name: String
    public let value: Double
    public let unit: String

    public init(name: String, value: Double, unit: String) {
        self.name = name
        self.value = value
        self.unit = unit
    }

    /// `NAME  VALUE UNIT`, the value rounded to an integer from 100 up and to three decimals below.
    public var line: String {
        let formatted = value >= 100 ? String(Int(value.rounded())) : String(format: "%.3f", value)
        return "\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(formatted) \(unit)"
    }

    /// `{"name":NAME,"value":VALUE,"unit":UNIT}` on one line; a value that is not finite is written as 0.
    public var json: String {
        let number: JSONValue = value.isFinite ? .double(value) : .integer(0)
        return #"{"name":\#(JSONValue.string(name).compactString),"value":\#(number.compactString),"unit":\#(JSONValue.string(unit).compactString)}"#
    }
}
