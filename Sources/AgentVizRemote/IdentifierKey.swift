import AgentVizReport
import Crypto
import Foundation

/// The HMAC key that turns session ids and branch names into keyed hashes: the same id gives
/// the same hash on every push from this machine (the dashboard can still count and join),
/// and nobody without the key can test a guess. Kept beside the store, created on first use,
/// readable by its owner only.
public struct IdentifierKey: Sendable {
    let key: SymmetricKey

    public static let fileName = "analytics-remote.key"

    /// `<store directory>/analytics-remote.key`.
    public static func path(besideStore store: String) -> String {
        let directory = (store as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "." : directory) + "/" + fileName
    }

    public init(bytes: [UInt8]) { key = SymmetricKey(data: bytes) }

    /// Reads the key at `path`, or writes a new random one there (mode 0600, never replacing
    /// a file that appeared meanwhile).
    public static func loadOrCreate(at path: String) throws(JobError) -> IdentifierKey {
        if let existing = try read(path) { return existing }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST, let raced = try read(path) { return raced }
            throw .usage("cannot create the identifier key \(path) (\(String(cString: strerror(errno)))); check that the store's directory is writable")
        }
        let hex = bytes.map { String(format: "%02x", $0) }.joined() + "\n"
        let written = hex.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, hex.utf8.count) }
        close(fd)
        guard written == hex.utf8.count else { throw .usage("cannot write the identifier key \(path); check the disk") }
        return IdentifierKey(bytes: bytes)
    }

    private static func read(_ path: String) throws(JobError) -> IdentifierKey? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard info.st_mode & 0o077 == 0 else {
            throw .usage("the identifier key \(path) is accessible by group or others; run chmod 600 \(path)")
        }
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex),
              let byte = UInt8(text[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        guard bytes.count == 32, index == text.endIndex else {
            throw .usage("the identifier key \(path) is damaged (expected 64 hex digits); remove it to make a new one (earlier hashes will not match the new ones)")
        }
        return IdentifierKey(bytes: bytes)
    }

    /// `hmac:` and the first 128 bits of HMAC-SHA256, in hex.
    public func hash(_ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
        return "hmac:" + mac.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
