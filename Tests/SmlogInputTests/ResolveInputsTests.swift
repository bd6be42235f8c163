import Foundation
import Glibc
import Testing
@testable import SmlogInput

@Suite("Resolving arguments")
struct ResolveInputsTests {
    @Test("no arguments reads standard input only when it is not a terminal", arguments: [false, true])
    func noArguments(stdinIsTerminal: Bool) {
        let resolved = resolveInputs([], stdinIsTerminal: stdinIsTerminal)
        #expect(resolved.files == (stdinIsTerminal ? [] : [InputFile.standardInput]))
        #expect(resolved.errors.isEmpty)
    }

    @Test("a dash is standard input, listed once")
    func dashIsStandardInput() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(bytes("x\n"), to: "maillog")
            let resolved = resolveInputs(["-", path, "-"], stdinIsTerminal: true)
            #expect(resolved.files.map(\.path) == ["-", path])
            #expect(resolved.files.first?.displayName == "<stdin>")
            #expect(resolved.files.first?.modificationTime == nil)
            #expect(resolved.errors.isEmpty)
        }
    }

    @Test("a plain file keeps its name and gets its modification time")
    func plainFile() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(bytes("x\n"), to: "anything")
            var times = [timespec(tv_sec: 1_764_517_746, tv_nsec: 0), timespec(tv_sec: 1_764_517_746, tv_nsec: 0)]
            #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
            let resolved = resolveInputs([path], stdinIsTerminal: true)
            #expect(
                resolved.files == [
                    InputFile(path: path, displayName: path, modificationTime: 1_764_517_746, compression: .none)
                ])
            #expect(resolved.errors.isEmpty)
        }
    }

    @Test("compression is read from the first bytes, not the name")
    func compressionBySniffing() throws {
        try TemporaryDirectory.with { directory in
            let gzipNamedPlain = try directory.write(gzipped(bytes("a\n")), to: "maillog")
            let plainNamedGzip = try directory.write(bytes("a\n"), to: "maillog.1.gz")
            let resolved = resolveInputs([gzipNamedPlain, plainNamedGzip], stdinIsTerminal: true)
            #expect(resolved.files.map(\.compression) == [.gzip, .none])
        }
    }

    @Test("a missing path is an error and the other arguments still resolve")
    func missingPath() throws {
        try TemporaryDirectory.with { directory in
            let present = try directory.write(bytes("x\n"), to: "maillog")
            let missing = directory.path + "/no-such-maillog"
            let resolved = resolveInputs([missing, present], stdinIsTerminal: true)
            #expect(resolved.files.map(\.path) == [present])
            #expect(resolved.errors == [.notFound(path: missing)])
            #expect(resolved.errors.first?.description == "\(missing): no such file or directory")
        }
    }

    @Test("an unreadable file is a permission error", .enabled(if: geteuid() != 0, "root can read any file"))
    func unreadableFile() throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(bytes("x\n"), to: "maillog")
            #expect(chmod(path, 0) == 0)
            let resolved = resolveInputs([path], stdinIsTerminal: true)
            #expect(resolved.files.isEmpty)
            #expect(resolved.errors == [.permissionDenied(path: path)])
            let read = collectLines(inputFile(path))
            #expect(read.error == .permissionDenied(path: path))
        }
    }

    @Test("open errors map to the typed cases", arguments: [
        (ENOENT, InputError.notFound(path: "f")),
        (EACCES, InputError.permissionDenied(path: "f")),
        (EPERM, InputError.permissionDenied(path: "f")),
        (ELOOP, InputError.openFailed(path: "f", errno: ELOOP)),
    ])
    func errnoMapping(code: Int32, expected: InputError) {
        #expect(InputError.opening("f", errno: code) == expected)
    }

    @Test("a directory lists its mail logs by name, not recursing, skipping the rest")
    func directoryExpansion() throws {
        try TemporaryDirectory.with { directory in
            let logs = [
                "maillog", "maillog.1", "maillog.2.gz", "maillog-20261129.gz", "mail.log", "mail.log.0",
                "mail.err", "syslog", "syslog.1", "messages", "app.log", "app.log.1", "app.log.2.gz",
                "app.log-20261129", "app.log-2026-11-29.gz",
            ]
            let others = [
                "README", "README.md", "readme.txt", "notes.txt", "summary.md", "data.json", "events.jsonl",
                "mailq.txt", ".maillog.swp", ".hidden.log", "random.bin", "app.logger", "catalog",
            ]
            for name in logs + others {
                let content = name.hasSuffix(".gz") ? gzipped(bytes("\(name)\n")) : bytes("\(name)\n")
                try directory.write(content, to: name)
            }
            let nested = try directory.makeSubdirectory("old")
            try directory.write(bytes("x\n"), to: "old/maillog")
            _ = try directory.makeSubdirectory("mail.log.d")

            let resolved = resolveInputs([directory.path], stdinIsTerminal: true)
            #expect(resolved.errors.isEmpty)
            #expect(resolved.files.map(\.path) == logs.sorted().map { directory.path + "/" + $0 })
            #expect(resolved.files.allSatisfy { $0.modificationTime != nil })
            let gzipNames = resolved.files.filter { $0.compression == .gzip }.map(\.path)
            #expect(gzipNames == logs.filter { $0.hasSuffix(".gz") }.sorted().map { directory.path + "/" + $0 })
            #expect(!resolved.files.contains { $0.path.hasPrefix(nested) })
        }
    }

    @Test("inside a directory, a bad file is reported and the others are still returned")
    func directoryWithUnsupportedRotation() throws {
        try TemporaryDirectory.with { directory in
            let good = try directory.write(bytes("x\n"), to: "maillog")
            let bad = try directory.write([0x42, 0x5A, 0x68, 0x39], to: "maillog.5.bz2")
            let resolved = resolveInputs([directory.path], stdinIsTerminal: true)
            #expect(resolved.files.map(\.path) == [good])
            #expect(resolved.errors == [.unsupportedCompression(path: bad, format: .bzip2)])
        }
    }

    @Test("symbolic links to logs count, dangling ones are left out")
    func symbolicLinks() throws {
        try TemporaryDirectory.with { directory in
            let target = try directory.write(bytes("x\n"), to: "data")
            #expect(symlink(target, directory.path + "/maillog") == 0)
            #expect(symlink(directory.path + "/gone", directory.path + "/maillog.1") == 0)
            let resolved = resolveInputs([directory.path], stdinIsTerminal: true)
            #expect(resolved.files.map(\.path) == [directory.path + "/maillog"])
            #expect(resolved.errors.isEmpty)
        }
    }

    @Test("a named pipe is listed without being opened, and reads like a file")
    func namedPipe() throws {
        try TemporaryDirectory.with { directory in
            let path = directory.path + "/maillog.fifo"
            #expect(mkfifo(path, 0o600) == 0)
            // Opening a FIFO for reading would block here, as no writer exists yet.
            let resolved = resolveInputs([path], stdinIsTerminal: true)
            #expect(resolved.files == [InputFile(path: path, displayName: path, modificationTime: nil, compression: .none)])
            #expect(resolved.errors.isEmpty)

            let lines = numberedLines(500)
            let compressed = gzipped(joined(lines))
            let writer = Thread {
                let descriptor = open(path, O_WRONLY)
                guard descriptor >= 0 else { return }
                _ = compressed.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
            }
            writer.start()
            let read = collectLines(resolved.files[0])
            #expect(read.compression == .gzip)
            #expect(firstDifference(read.lines, lines) == nil)
        }
    }

    @Test("a trailing slash on a directory does not double the separator")
    func trailingSlash() throws {
        try TemporaryDirectory.with { directory in
            try directory.write(bytes("x\n"), to: "maillog")
            let resolved = resolveInputs([directory.path + "/"], stdinIsTerminal: true)
            #expect(resolved.files.map(\.path) == [directory.path + "/maillog"])
        }
    }

    @Test("a directory with no log files is an error naming it")
    func directoryWithoutLogs() throws {
        try TemporaryDirectory.with { directory in
            try directory.write(bytes("# notes\n"), to: "README.md")
            try directory.write(bytes("{}\n"), to: "report.json")
            let resolved = resolveInputs([directory.path], stdinIsTerminal: true)
            #expect(resolved.files.isEmpty)
            #expect(resolved.errors == [.noLogFiles(directory: directory.path)])
            #expect(resolved.errors.first?.description.hasPrefix(directory.path + ": is a directory with no log files") == true)
        }
    }

    @Test("rotation suffixes are taken off before looking for .log", arguments: [
        ("app.log.3.gz", "app.log"), ("app.log-20261129", "app.log"), ("app.log-2026-11-29.xz", "app.log"),
        ("app.log", "app.log"), ("maillog.10", "maillog"), ("name.v2", "name.v2"), ("x.log.", "x.log."),
    ])
    func rotationSuffix(name: String, base: String) {
        #expect(LogFileName.withoutRotationSuffix(name) == base)
    }

    @Test("compression formats smlog does not read are refused with the command to use", arguments: [
        ([UInt8]([0x42, 0x5A, 0x68, 0x39, 0x31, 0x41]), UnsupportedCompression.bzip2, "bzcat"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00], .xz, "xzcat"),
        ([0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x00], .zstd, "zstdcat"),
    ])
    func unsupportedCompression(magic: [UInt8], format: UnsupportedCompression, command: String) throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(magic + randomBytes(count: 100, seed: 3), to: "maillog.4")
            let expected = InputError.unsupportedCompression(path: path, format: format)
            let resolved = resolveInputs([path], stdinIsTerminal: true)
            #expect(resolved.files.isEmpty)
            #expect(resolved.errors == [expected])
            #expect(collectLines(inputFile(path)).error == expected)
            #expect(
                expected.description
                    == "\(path): unsupported compression (\(format.rawValue)): decompress it first, "
                    + "e.g. \(command) \(path) | smlog ...")
        }
    }

    @Test("a file shorter than any magic number is plain", arguments: [[UInt8](), [0x1F], [0x42, 0x5A]])
    func shortFile(content: [UInt8]) throws {
        try TemporaryDirectory.with { directory in
            let path = try directory.write(content, to: "maillog")
            let resolved = resolveInputs([path], stdinIsTerminal: true)
            #expect(resolved.files.map(\.compression) == [.none])
            let read = collectLines(inputFile(path))
            #expect(read.error == nil)
            #expect(read.stats.bytes == content.count)
        }
    }

    @Test("reading a directory as a file is a read error naming it")
    func directoryReadAsFile() throws {
        try TemporaryDirectory.with { directory in
            let read = collectLines(inputFile(directory.path))
            #expect(read.error == .readFailed(path: directory.path, offset: 0, errno: EISDIR))
            #expect(read.error?.description == "\(directory.path): read error at byte 0: Is a directory")
        }
    }
}
