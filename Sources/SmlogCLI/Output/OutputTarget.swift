import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

enum OutputTarget {
    /// Standard output, or the file named by `--output`.
    static func open(_ path: String?) throws -> OutputStream {
        guard let path, path != "-" else { return .standardOutput() }
        guard let stream = OutputStream.file(path) else {
            StandardError.write("smlog: cannot write \(path): \(String(cString: strerror(errno)))")
            throw ExitStatus.failure
        }
        return stream
    }
}
