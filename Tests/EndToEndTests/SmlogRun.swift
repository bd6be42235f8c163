import ArgumentParser
import Foundation
@testable import SmlogCLI
import TestSupport

/// Runs smlog in-process as a user would on the command line, output captured in a file.
struct SmlogRun {
    let output: String
    let status: Int32

    init(_ arguments: [String]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("smlog-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputPath = directory.appendingPathComponent("out").path
        // The CLI sets TZ (`--tz`) and reads local times: one run at a time with the tests that
        // switch zones.
        self.status = ProcessTimeZone.exclusively {
            do {
                var command = try SmlogCommand.parseAsRoot(arguments + ["--output", outputPath])
                try command.run()
                return 0
            } catch {
                let code = SmlogCommand.exitCode(for: error)
                return code == .validationFailure ? 2 : code.rawValue
            }
        }
        self.output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

    /// NDJSON output decoded.
    var objects: [[String: Any]] {
        lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

enum Paths {
    /// The package root (this file is Tests/EndToEndTests/SmlogRun.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples").path
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    /// The shared reference folder beside the project, when present.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static var sharedExists: Bool { FileManager.default.fileExists(atPath: shared.path) }

    static func sample(_ name: String) -> String { samples + "/" + name }
}

/// Compares `actual` with a golden file; `RECORD_GOLDENS=1` rewrites it.
/// Paths of the checkout are written relative to it, so goldens hold no machine's folder.
func matchesGolden(_ output: String, _ name: String) throws -> Bool {
    let actual = output.replacingOccurrences(of: Paths.root.path + "/", with: "")
    let url = Paths.goldens.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil {
        try FileManager.default.createDirectory(at: Paths.goldens, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return true
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    return expected == actual
}
