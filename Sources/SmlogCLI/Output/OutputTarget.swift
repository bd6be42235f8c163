import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

enum OutputTarget {
    /// Standard output, or the file named by `--output`.
    static func open(_ path: String?) throws -> OutputStream {
        guard let path, path != "-" else { return .standardOutput() }
        guard let stream = OutputStream.file(path) else {
            let reason = String(cString: strerror(errno))
            StandardError.write("smlog: cannot write " + VisibleText.escaping(path) + ": " + reason)
            throw ExitStatus.failure
        }
        return stream
    }
}
