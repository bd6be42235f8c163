import Foundation
import Glibc
import Testing

/// Runs the built `smlog` binary as a child process, the way an admin or a script does, so
/// tests see its real exit status, standard error and peak memory.
struct SmlogProcess: CustomStringConvertible {
    let status: Int32
    let stdout: [UInt8]
    let stderr: String
    /// Peak resident set size of smlog in KiB, when run with `measuringMemory` and GNU time
    /// is installed. (The child's own `wait4` figure is no use: a child started with vfork
    /// semantics carries the test process's peak over its exec.)
    let maxRSSKiB: Int?

    static let timeCommand = "/usr/bin/time"
    /// GNU time is there, and the binaries are not built with the address sanitizer (its
    /// shadow memory and quarantine make resident sizes meaningless).
    static var canMeasureMemory: Bool {
        FileManager.default.isExecutableFile(atPath: timeCommand) && !addressSanitizerIsActive
    }

    /// Short, for failure messages (the output can be large).
    var description: String { "smlog exited \(status), \(stdout.count) bytes out, stderr: \(stderr.prefix(500))" }

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    var output: String { String(decoding: stdout, as: UTF8.self) }

    /// `smlog` sits beside the test bundle: `swift test` builds every product of the package.
    static let binary: String = {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("smlog").path
    }()

    /// Runs `smlog arguments`, with standard input read from `stdinPath` (default /dev/null).
    /// `asUser` runs it with another uid (for permission tests when the suite runs as root).
    /// With `closeStdoutEarly`, standard output is a pipe whose reading end is already closed.
    init(
        _ arguments: [String], stdinPath: String = "/dev/null", asUser uid: UInt32? = nil,
        closeStdoutEarly: Bool = false, measuringMemory: Bool = false
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw SmlogProcessError.binaryMissing(Self.binary)
        }
        let directory = try HostileFiles.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outPath = directory + "/stdout"
        let errPath = directory + "/stderr"

        var command = [Self.binary] + arguments
        let rssPath = directory + "/rss"
        if measuringMemory && Self.canMeasureMemory {
            command = [Self.timeCommand, "-f", "%M", "-o", rssPath] + command
        }
        if let uid {
            command = ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", "--"] + command
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        var pipeEnds: [Int32] = [-1, -1]
        if closeStdoutEarly {
            guard pipe(&pipeEnds) == 0 else { throw SmlogProcessError.spawnFailed(errno) }
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
            posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        if closeStdoutEarly {
            // The reader is gone before smlog writes a byte: every write fails with EPIPE.
            close(pipeEnds[0])
            close(pipeEnds[1])
        }
        guard spawned == 0 else { throw SmlogProcessError.spawnFailed(spawned) }
        var waitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &waitStatus, 0, &usage) < 0 {
            guard errno == EINTR else { throw SmlogProcessError.spawnFailed(errno) }
        }
        // Exited normally: the status; killed by a signal: 128 + signal, as a shell shows it.
        let signal = waitStatus & 0x7F
        status = signal == 0 ? (waitStatus >> 8) & 0xFF : 128 + signal
        // GNU time writes "Command exited with non-zero status N" first when it is not 0.
        maxRSSKiB = String(decoding: HostileFiles.read(rssPath), as: UTF8.self)
            .split(separator: "\n").last
            .flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        stdout = HostileFiles.read(outPath)
        stderr = String(decoding: HostileFiles.read(errPath), as: UTF8.self)
    }

    /// The `--stats` line: lines read, understood, foreign, unrecognised.
    var accounting: (lines: Int, understood: Int, foreign: Int, unrecognized: Int)? {
        guard let line = stderrLines.first(where: { $0.contains(" lines read = ") }) else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count >= 4 else { return nil }
        return (numbers[0], numbers[1], numbers[2], numbers[3])
    }

    /// Standard error without the `--stats` line.
    var problems: [String] { stderrLines.filter { !$0.contains(" lines read = ") } }

    /// NDJSON records decoded (a line that is not a JSON object is a test failure).
    func records(sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        output.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(line)", sourceLocation: sourceLocation)
            return object
        }
    }
}

enum SmlogProcessError: Error, CustomStringConvertible {
    case binaryMissing(String)
    case spawnFailed(Int32)

    var description: String {
        switch self {
        case .binaryMissing(let path): "smlog binary not found at \(path) (swift build / swift test build it)"
        case .spawnFailed(let code): "could not start smlog: \(String(cString: strerror(code)))"
        }
    }
}

/// True when this test process (and so the smlog built beside it) runs under ASan.
let addressSanitizerIsActive = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil

/// Temporary files for one test.
enum HostileFiles {
    /// The whole file, read with read(2) (Foundation's small-file reader leaks under LSan).
    static func read(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            bytes += chunk[..<got]
        }
        return bytes
    }

    static func makeDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("smlog-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        // Readable by the unprivileged user of the permission test.
        chmod(path, 0o755)
        return path
    }

    @discardableResult
    static func write(_ bytes: [UInt8], to path: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// gzip of `bytes` (by the system's gzip, as logrotate makes them).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = try write(bytes, to: directory + "/plain")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-k", plain]
        try process.run()
        process.waitUntilExit()
        return read(plain + ".gz")
    }
}

/// Synthetic sendmail lines in the shape of the real samples.
enum HostileLog {
    static let header = "vm sm-mta"

    /// `Nov 30 15:50:10` style time for second `s` after `base` (month, day, hour:min:sec).
    static func time(_ second: Int, month: String = "Nov", day: Int = 30) -> String {
        let h = 10 + second / 3600 % 12
        let m = second / 60 % 60
        let s = second % 60
        let dayText = day < 10 ? " \(day)" : "\(day)"
        return "\(month) \(dayText) \(pad(h)):\(pad(m)):\(pad(s))"
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A 14-character sendmail queue id made from `n`.
    static func qid(_ n: Int) -> String {
        let digits = String(n)
        return "6AUFoA" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func from(_ qid: String, at time: String, sender: String = "<alice@example.com>", pid: Int = 1697) -> String {
        "\(time) vm sm-mta[\(pid)]: \(qid): from=\(sender), size=312, class=0, nrcpts=1, msgid=<\(qid)@example.com>, proto=ESMTP, daemon=MTA, relay=client.example [192.0.2.1]"
    }

    static func sent(_ qid: String, at time: String, to recipient: String = "<bob@example.org>", pid: Int = 1698, pri: Int = 120312) -> String {
        "\(time) vm sm-mta[\(pid)]: \(qid): to=\(recipient), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=\(pri), relay=mx.example.org. [198.51.100.2], dsn=2.0.0, stat=Sent (Ok: queued as ABC123)"
    }

    static func deferred(_ qid: String, at time: String, to recipient: String = "<bob@example.org>", pid: Int = 1698, pri: Int = 120312) -> String {
        "\(time) vm sm-mta[\(pid)]: \(qid): to=\(recipient), delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=\(pri), relay=mx.example.org., dsn=4.0.0, stat=Deferred: Connection refused by mx.example.org."
    }

    /// `count` complete messages (from= then Sent), one a second from `start`.
    static func messages(_ count: Int, start: Int = 0, firstID: Int = 1) -> [String] {
        (0..<count).flatMap { i in
            let q = qid(firstID + i)
            return [from(q, at: time(start + i)), sent(q, at: time(start + i))]
        }
    }

    static func bytes(_ lines: [String], lineEnd: String = "\n") -> [UInt8] {
        Array(lines.map { $0 + lineEnd }.joined().utf8)
    }
}
