/// A tiny JSON object writer (keys in insertion order), so output needs no Foundation encoder.
struct JSONObject {
    private var parts: [String] = []

    mutating func add(_ key: String, _ value: String) { parts.append("\(Self.quote(key)):\(Self.quote(value))") }
    mutating func add(_ key: String, _ value: Int) { parts.append("\(Self.quote(key)):\(value)") }
    mutating func add(_ key: String, _ value: [String]) {
        parts.append("\(Self.quote(key)):[" + value.map(Self.quote).joined(separator: ",") + "]")
    }
    /// Adds an already-formatted JSON value (a number).
    mutating func addRaw(_ key: String, _ json: String) { parts.append("\(Self.quote(key)):\(json)") }

    var text: String { "{" + parts.joined(separator: ",") + "}" }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}
