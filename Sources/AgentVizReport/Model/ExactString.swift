/// A string compared and hashed by its UTF-8 bytes. Swift's `String ==` treats canonically
/// equivalent text as equal ("é" and "e" + U+0301); identifiers in the contract are exact.
public struct ExactString: Hashable, Sendable {
    public let value: String

    public init(_ value: String) { self.value = value }

    public static func == (a: Self, b: Self) -> Bool { a.value.utf8.elementsEqual(b.value.utf8) }

    public func hash(into hasher: inout Hasher) {
        var copy = value
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
