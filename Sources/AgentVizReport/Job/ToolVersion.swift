/// The version `--version` prints, the release archives carry and the remote sync's
/// `User-Agent` sends.
public enum ToolVersion {
    public static let current = "0.1.0"
}
