import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Entry point used by the `smlog` executable. Usage errors exit with 2 (not
/// ArgumentParser's 64) so scripts see the documented statuses.
public enum SmlogMain {
    public static func run(_ arguments: [String]? = nil) -> Never {
        // A closed pipe (`smlog records | head`) ends the program quietly via EPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try SmlogCommand.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            let code = SmlogCommand.exitCode(for: error)
            let message = SmlogCommand.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { StandardError.write(message) }
            if code == .validationFailure { exit(ExitStatus.failure.rawValue) }
            exit(code.rawValue)
        }
    }
}
