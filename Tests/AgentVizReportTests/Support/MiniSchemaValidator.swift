import Foundation
@testable import AgentVizReport

/// Validates a JSON document against the subset of JSON Schema 2020-12 that our report
/// schema uses ($ref into $defs, type, const, enum, required, properties,
/// additionalProperties, propertyNames, items, minimum, format date-time). Unknown
/// keywords fail loudly, so the schema cannot outgrow the check unnoticed.
struct MiniSchemaValidator {
    let root: [String: Any]

    init(schemaText: String) throws {
        root = try JSONSerialization.jsonObject(with: Data(schemaText.utf8)) as! [String: Any]
    }

    func errors(in documentText: String) throws -> [String] {
        let document = try JSONSerialization.jsonObject(with: Data(documentText.utf8), options: [.fragmentsAllowed])
        var errors: [String] = []
        check(document, against: root, at: "$", errors: &errors)
        return errors
    }

    static let known: Set = ["$schema", "$id", "title", "$defs", "$ref", "type", "const", "enum", "required",
                             "properties", "additionalProperties", "propertyNames", "items", "minimum", "format"]

    func check(_ value: Any, against schema: [String: Any], at path: String, errors: inout [String]) {
        for key in schema.keys where !Self.known.contains(key) { errors.append("\(path): schema keyword \(key) unsupported") }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let target = (root["$defs"] as? [String: Any])?[name] as? [String: Any] else {
                errors.append("\(path): dangling $ref \(ref)"); return
            }
            check(value, against: target, at: path, errors: &errors)
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as! String]
            if !types.contains(where: { Self.matches(value, $0) }) { errors.append("\(path): expected \(types), got \(value)") }
        }
        if let constant = schema["const"], !Self.equal(constant, value) { errors.append("\(path): expected const \(constant)") }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal($0, value) }) {
            errors.append("\(path): \(value) not in \(options)")
        }
        if let minimum = schema["minimum"] as? NSNumber, let n = value as? NSNumber, n.doubleValue < minimum.doubleValue {
            errors.append("\(path): \(n) < \(minimum)")
        }
        if schema["format"] as? String == "date-time", let s = value as? String, RFC3339.parse(s) == nil {
            errors.append("\(path): not a date-time: \(s)")
        }
        if let object = value as? [String: Any] {
            for key in (schema["required"] as? [String]) ?? [] where object[key] == nil {
                errors.append("\(path): missing \(key)")
            }
            let properties = (schema["properties"] as? [String: Any]) ?? [:]
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    check(member, against: sub, at: "\(path).\(key)", errors: &errors)
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    check(member, against: extra, at: "\(path).\(key)", errors: &errors)
                }
                if let names = schema["propertyNames"] as? [String: Any] {
                    check(key, against: names, at: "\(path).\(key) (name)", errors: &errors)
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (i, item) in array.enumerated() { check(item, against: items, at: "\(path)[\(i)]", errors: &errors) }
        }
    }

    static func isBool(_ v: Any) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    static func matches(_ v: Any, _ type: String) -> Bool {
        switch type {
        case "null": return v is NSNull
        case "boolean": return isBool(v)
        case "string": return v is String
        case "object": return v is [String: Any]
        case "array": return v is [Any]
        case "number": return v is NSNumber && !isBool(v)
        case "integer":
            guard let n = v as? NSNumber, !isBool(n) else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        default: return false
        }
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }
}
