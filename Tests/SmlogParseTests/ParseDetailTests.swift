import Testing
@testable import SmlogParse

/// `ParseDetail.envelope` (what `smlog records` asks for) recognises STARTTLS and AUTH lines by
/// their leading words only. It must give every line the same accounting class as the full
/// parse, and every other line exactly the full parse.
@Suite("Parse detail: envelope-only parsing keeps every verdict")
struct ParseDetailTests {
    static let prefix = "Nov 29 00:00:08 vm sendmail[1]: "

    /// STARTTLS and AUTH shapes: summaries, diagnostics, failures, cut lines and near misses.
    static let securityMessages: [String] = [
        "STARTTLS=client, relay=smarthost.example., version=TLSv1.3, verify=FAIL, cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
        "STARTTLS=server, relay=client.example [192.0.2.7], version=TLSv1.2, verify=NO, cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256/256",
        "STARTTLS=server, relay=client.example [192.0.2.7], verify=NO",
        "STARTTLS=server, relay=",
        "STARTTLS=client, init=1",
        "STARTTLS=read: info: fds=6/4, err=5",
        "STARTTLS: CRLFile missing",
        "STARTTLS: TLS cert verify: depth=0 /CN=smarthost.lab.example, state=0, reason=self-signed certificate",
        "STARTTLS",
        "STARTTLSX something",
        "AUTH=server, relay=client.example [192.0.2.7], authid=joe, mech=PLAIN, bits=0",
        "AUTH=client, relay=smarthost.example, mech=LOGIN, bits=0",
        "AUTH=client, relay=smarthost.example, mech=, bits=0",
        "AUTH=client, relay=smarthost.example [127.0.0.1], temporary failure, connection abort",
        "AUTH=client, relay=smarthost.example, authinfo failed",
        "AUTH=client, relay=smarthost.example",
        "AUTH=client, available mechanisms=PLAIN LOGIN",
        "AUTH failure (PLAIN): authentication failure (-13) SASL(-13): authentication failure: Password verification failed, user=joe, relay=client.example [192.0.2.7]",
        "AUTH failure (LOGIN) without a closing parenthesis",
        "AUTH: available mech=PLAIN LOGIN, allowed mech=PLAIN LOGIN",
        "AUTH warning: no mechanisms",
        "AUTH",
        "AUTHX=server, relay=x",
        "6AT0075T023868: STARTTLS=client, relay=smarthost.example., version=TLSv1.3, verify=OK, cipher=x, bits=256/256",
    ]

    static func parse(_ detail: ParseDetail, _ text: String) -> (LineClass, [ParsedSnapshot]) {
        var parser = LogLineParser(detail: detail)
        var bytes = Array(text.utf8)
        var seen: [ParsedSnapshot] = []
        let lineClass = bytes.withUnsafeMutableBytes { raw in
            parser.parse(UnsafeRawBufferPointer(raw)) { seen.append(ParsedSnapshot($0)) }
        }
        return (lineClass, seen)
    }

    /// True for the lines the envelope detail is allowed to read by their leading words.
    static func isSecurityLine(_ full: ParsedSnapshot) -> Bool {
        switch full.kind {
        case .tls, .auth: return true
        case .info: return full[.text].map { $0.hasPrefix("STARTTLS") || $0.hasPrefix("AUTH") } ?? false
        default: return false
        }
    }

    @Test("STARTTLS and AUTH lines keep their class and kind family, without fields", arguments: securityMessages)
    func securityLinesKeepTheirVerdict(message: String) {
        let full = Self.parse(.full, Self.prefix + message)
        let envelope = Self.parse(.envelope, Self.prefix + message)
        #expect(envelope.0 == full.0)
        #expect(envelope.1.count == full.1.count)
        guard let f = full.1.first, let e = envelope.1.first else { return }
        #expect(e.qid == f.qid)
        #expect(e.side == f.side)
        if f.kind == .tls || f.kind == .auth {
            #expect(e.kind == f.kind)
        } else {
            #expect(e.kind == .info || e.kind == .tls || e.kind == .auth, "\(e.kind) for \(f.kind)")
        }
    }

    @Test("a summary line at envelope detail carries no field values")
    func summaryFieldsAreSkipped() {
        let envelope = Self.parse(.envelope, Self.prefix + Self.securityMessages[0]).1
        #expect(envelope.count == 1)
        #expect(envelope.first?.kind == .tls)
        #expect(envelope.first?.fields.isEmpty == true)
    }

    @Test("every line of both lab logs (RFC 3164, RFC 3339): same class, other lines parsed in full")
    func sampleLinesMatchTheFullParse() throws {
        let files = ["real-sendmail-lab/maillog", "real-sendmail-lab/maillog-rfc3339"]
        var compared = 0
        for file in files {
            guard let lines = SharedSamples.lines(file) else { continue }
            for line in lines {
                let full = Self.parse(.full, line)
                let envelope = Self.parse(.envelope, line)
                #expect(envelope.0 == full.0, "\(line)")
                #expect(envelope.1.count == full.1.count, "\(line)")
                if let f = full.1.first, !Self.isSecurityLine(f) {
                    #expect(envelope.1 == full.1, "\(line)")
                }
                compared += 1
            }
        }
        // Nothing to compare when ../shared is absent (a clone outside the project folder).
        if compared > 0 { #expect(compared > 8_000) }
    }
}
