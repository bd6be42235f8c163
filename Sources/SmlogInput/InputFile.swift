/// One input to read: a file found on the command line or in a directory, or standard input.
public struct InputFile: Sendable, Equatable {
    /// The path to open, or `InputFile.standardInputPath` for standard input.
    public var path: String
    /// The name to show the user (the path as given, `<stdin>` for standard input).
    public var displayName: String
    /// Last modification, seconds since the epoch; nil for standard input and other non-regular files.
    public var modificationTime: Int64?
    /// What the first bytes showed when the input was resolved. Standard input and other
    /// non-regular files (pipes) cannot be sniffed without consuming them, so they say `.none`
    /// here; `LineReader` sniffs every input itself when it opens it and is the final word.
    public var compression: Compression

    public static let standardInputPath = "-"

    public init(path: String, displayName: String, modificationTime: Int64?, compression: Compression) {
        self.path = path
        self.displayName = displayName
        self.modificationTime = modificationTime
        self.compression = compression
    }

    public var isStandardInput: Bool { path == Self.standardInputPath }

    public static let standardInput = InputFile(
        path: standardInputPath, displayName: "<stdin>", modificationTime: nil, compression: .none)
}
