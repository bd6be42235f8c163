import Glibc
import Testing
import SmlogInput

@Suite("Input error messages")
struct InputErrorTests {
    @Test("each error is one line naming the input, with the offset where there is one", arguments: [
        (InputError.notFound(path: "/var/log/maillog"), "/var/log/maillog: no such file or directory"),
        (.permissionDenied(path: "maillog.1"), "maillog.1: permission denied"),
        (.openFailed(path: "x", errno: ELOOP), "x: cannot open: Too many levels of symbolic links"),
        (.readFailed(path: "<stdin>", offset: 4096, errno: EIO), "<stdin>: read error at byte 4096: Input/output error"),
        (.gzipCorrupt(path: "maillog.2.gz", offset: 23_990, reason: "incorrect data check"),
         "maillog.2.gz: gzip data corrupt at compressed byte 23990: incorrect data check"),
        (.gzipTruncated(path: "maillog.3.gz", offset: 1200),
         "maillog.3.gz: gzip data truncated: the file ends inside a gzip member at compressed byte 1200"),
        (.unsupportedCompression(path: "maillog.4.xz", format: .xz),
         "maillog.4.xz: unsupported compression (xz): decompress it first, e.g. xzcat maillog.4.xz | smlog ..."),
    ])
    func description(error: InputError, text: String) {
        #expect(error.description == text)
        #expect(!error.description.contains("\n"))
    }

    @Test("the path property names the input of every case")
    func pathProperty() {
        #expect(InputError.noLogFiles(directory: "/var/log/mail").path == "/var/log/mail")
        #expect(InputError.gzipTruncated(path: "a.gz", offset: 3).path == "a.gz")
        #expect(InputError.readFailed(path: "b", offset: 0, errno: EIO).path == "b")
    }
}
