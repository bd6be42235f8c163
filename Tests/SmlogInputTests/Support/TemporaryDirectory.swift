import Foundation
import Glibc
import SmlogInput

/// A fresh directory under /tmp for one test, removed when the test's closure returns.
struct TemporaryDirectory {
    let path: String

    static func with<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
        var template = Array("/tmp/smlog-input-test-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        let directory = TemporaryDirectory(path: String(cString: created))
        defer { try? FileManager.default.removeItem(atPath: directory.path) }
        return try body(directory)
    }

    /// Writes `bytes` to `name` inside the directory and returns the full path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let full = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    func makeSubdirectory(_ name: String) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: false)
        return full
    }
}

/// An `InputFile` for a path, the way `resolveInputs` would describe a plain file.
func inputFile(_ path: String, compression: Compression = .none) -> InputFile {
    InputFile(path: path, displayName: path, modificationTime: nil, compression: compression)
}
