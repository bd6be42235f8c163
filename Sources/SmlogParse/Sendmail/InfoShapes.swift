/// Message shapes sendmail logs that change no delivery state (`EventKind.info`): daemon and
/// queue-runner housekeeping, alias expansion, TLS/AUTH/milter diagnostics, debug output.
///
/// Each shape is one of sendmail's `sm_syslog()` format strings (8.7 … 8.18) with every
/// conversion (`%s`, `%d`, …) written as `*`. Only these shapes count as understood: arbitrary
/// text from a sendmail tag stays unrecognized. Shapes whose first byte is a literal are looked
/// up by that byte; shapes that open with a conversion (`%s: …`) are tried last.
@usableFromInline
enum InfoShapes {
    @usableFromInline
    static let literalFirst: [StaticString] = [
        // alias.c, recipient.c, udb.c, map.c: address expansion
        "alias * => *",
        "alias database *",
        "aliasing/forwarding loop broken: *",
        "forward * => *",
        "forward *: *",
        "expand * => *",
        "hesiod * => *",
        "dns * => *",
        "ldap=*",
        "include *: transient error: *",
        "deferred: udbexpand: *",
        "possible spam from <> to list: *",
        // daemon.c, main.c, util.c: daemon life cycle
        "starting daemon (*): *",
        "stopping daemon, reason=*",
        "restarting * due to *",
        "could not restart: need full path",
        "could not drop privileges: *",
        "could not exec *: *",
        "started as: *",
        "daemon *: problem creating SMTP socket",
        "daemon could not open control socket *",
        "daemon process *",
        "daemon invoked without full pathname*",
        "accepting connections again for daemon *",
        "rejecting connections on daemon *",
        "deferring connections on daemon *",
        "delaying connections on daemon *",
        "have been rejecting connections on daemon *",
        "rejecting new messages: min free: *",
        "accepting new messages (again)",
        "delaying=*, load average=*",
        "My unqualified host name (*) unknown; sleeping for retry",
        "unable to qualify my own domain name (*) -- using short name",
        "unable to write pid to *",
        "unable to write *: *",
        "unable to read *: *",
        "getmodifiers too long, ignored",
        "Could not remove control socket: *",
        "Could not remove daemon * socket: *",
        "File descriptors missing on startup: *",
        "user * changed syslog label",
        "user * attempted to *",
        "cannot get memory statistics*",
        "queue control process: *",
        "persistent queue runner*",
        "restart queue runner=*",
        "main: where=*",
        "finis, pid=*",
        "interrupt",
        "disconnect level *",
        "disconnect: *",
        "in background, pid=*",
        "proc_list_probe: *",
        "ownership change on *",
        "no fchown(): *",
        "timeout waiting for input during control command",
        "smtps: TLS not available, exiting",
        "x-connect*",
        "haproxy: input=*",
        // conf.c, readcf.c: configuration
        "Bad line on *",
        "can't open *: *",
        "can't read *: *",
        "can't find queue group name *",
        "can't * shared memory, key=*",
        "usershellok: *",
        "gethostbyaddr(*) failed: *",
        "Unsupported address family *",
        "queue group name * -> *",
        "rscheck(tls_*_features)=failed, *",
        "tls_clt_features=*",
        "tls_srv_features=*",
        "TLSA=*",
        "DANE_depth=*",
        "SSL_CTX_dane_enable=*",
        "engine=*",
        "fipsmode=*",
        "error: safesasl(*) failed: *",
        // queue.c: queue runs and queue files
        "runqueue: *",
        "runqueue *",
        "sqr: *",
        "rq: *",
        "rwg: *",
        "rqe: done",
        "checkqueuerunner: *",
        "gatherq: *",
        "grew WorkList for *",
        "WorkList for * maxed out at *",
        "FAILED to grow WorkList for *",
        "dowork, pid=*",
        "doworklist, pid=*",
        "queueup*",
        "changed",
        "too young (*)",
        "assigned id",
        "unlock",
        "unlink *",
        "unquarantine",
        "quarantine_queue_item: *",
        "queue directory \"*\": Not safe: *",
        "dangerous permissions=* on queue directory *",
        "filesys_update failed: *",
        "func=init_sem, *",
        "key=*",
        "shared memory does not contain expected data, ignored",
        "sm_shmstop failed=*",
        "Adding * to stab, path: *",
        "dup_df: *",
        "dropenvelope, e_flags=*",
        "sendenvelope, flags=*",
        "sync_dir: *",
        "returntosender: q_finalrcpt is NULL",
        "queue manager: *",
        "stab: *",
        "poststats: *",
        // ratectrl.c
        "connection_rate_check entering...",
        "global connection rate: *",
        "conn_limits: *",
        "total: cnt=*",
        // deliver.c, daemon.c, usersmtp.c: outgoing connections
        "SMTP outgoing connect on *",
        "makeconnection (*) failed: *",
        "makeconnection: service \"*\" unknown",
        "stat=occ_exceeded, host=*",
        "clt_features=TEMPFAIL, host=*",
        "Timeout.to_aconnect occurred before exhausting all addresses",
        "hostsignature for host '*' exceeds maxlen *",
        "server=* [*] returned extensions despite HELO command",
        "str_union: *",
        "getauth *=*",
        "encode64 for AUTH failed",
        "MAIL too long: *",
        "RCPT too long: *",
        "smtpquit: mailer* exited with exit value *",
        "mci_cache: *",
        "mci_uncache: *",
        "mci_purge_persistent: *",
        // srvrsmtp.c: SMTP server diagnostics
        "SMTP * command (*) from * tempfailed (due to previous checks)",
        "rcpt=*, rcpt_flags=*",
        "ERROR=ARGS_*",
        "proxy mode requested but not possible",
        "smtp: doublequeue*",
        "fcntl(*) failed: *",
        "set automode for I (*)/O (*) in SMTP server",
        "srvfeatures: unknown feature *",
        "Sending \"*\" to Milter",
        "<-- *",
        "--- *",
        // envelope.c, headers.c, collect.c, macro.c, map.c
        "setsender: *: invalid or unparsable, received from *",
        "cannot prescan from (*)",
        "Dropped invalid comments from header address",
        "Truncated MIME * header due to field size *",
        "Truncated long MIME * header *",
        "Fixed MIME * header*",
        "dferror: *",
        "dynamic class: *",
        "nisplus_getcanonname: *",
        "timeout connecting to LDAP server *",
        "timeout connecting to PH server *",
        "timeout during PH lookup of *",
        "ph_map_*",
        "arith_map: *",
        "socket_map_lookup(*): EOF",
        "dbopen(*): *",
        "db_open(*): *",
        "rewrite: expansion too long, *",
        "CurChildren = *",
        "NextMacroId = *",
        // milter.c (the verdict lines are parsed elsewhere)
        "Milter (*)*",
        "Milter: *",
        "Milter accept: *",
        "Milter add: *",
        "Milter insert *",
        "Milter delete*",
        "Milter change*",
        "Milter chgfrom: *",
        "Milter message: *",
        "Milter read(*): *",
        "milter_*(*)*",
        "WARNING: Milter.*",
        // warnings and self-checks
        "Warning: *",
        "WARNING: *",
        "ERROR: *",
        "Authentication-Warning: *",
    ]

    /// Shapes that open with a conversion; tried after everything else failed.
    @usableFromInline
    static let conversionFirst: [StaticString] = [
        "*: * aliases, longest * bytes, * bytes total",
        "*: SMTP * protocol error: *",
        "*: line *: Unknown host status line *",
        "*: lookup error, expected 1 entry, got *",
        "*: unsafe directory path, marked unsafe",
        "*: user * has bad shell *, marked *",
        "*: * writable * file, marked unsafe",
        "*: WARNING: dangerous write permissions",
        "*: unlink-fail *",
        "*: changed fds:",
        "* too old (require version *)",
        "*; e_timers=0x*",
        "* $j not in $=w *",
    ]

    /// `literalFirst` indexes ordered by first byte, and where each byte's run starts.
    @usableFromInline
    static let index: (order: [Int32], start: [Int32]) = {
        let order = literalFirst.indices.sorted {
            (literalFirst[$0].utf8Start[0], $0) < (literalFirst[$1].utf8Start[0], $1)
        }
        var counts = [Int](repeating: 0, count: 256)
        for shape in literalFirst { counts[Int(shape.utf8Start[0])] += 1 }
        // start[b] = number of shapes whose first byte is below b; byte b's run is start[b]..<start[b+1].
        var start = [Int32](repeating: 0, count: 257)
        var running = 0
        for byte in 0..<256 {
            start[byte] = Int32(running)
            running += counts[byte]
        }
        start[256] = Int32(running)
        return (order.map { Int32($0) }, start)
    }()
}

extension MessageBodyParser {
    /// A shape of `InfoShapes.literalFirst` starting at `s`.
    @usableFromInline
    mutating func parseInfo(_ s: Int) -> Bool {
        let table = InfoShapes.index
        let first = Int(t[s])
        var position = Int(table.start[first])
        let stop = Int(table.start[first + 1])
        let second = t[s + 1]
        while position < stop {
            let shape = InfoShapes.literalFirst[Int(table.order[position])]
            // Most shapes of the first byte differ in the second: skip them without a match call.
            if shape.utf8CodeUnitCount >= 2 {
                let expected = shape.utf8Start[1]
                if expected != UInt8(ascii: "*") && expected != second {
                    position += 1
                    continue
                }
            }
            if t.matches(shape, from: s) {
                out.kind = .info
                set(.text, s, t.end)
                return true
            }
            position += 1
        }
        return false
    }

    /// A shape of `InfoShapes.conversionFirst` starting at `s`.
    @usableFromInline
    mutating func parseInfoConversionFirst(_ s: Int) -> Bool {
        for shape in InfoShapes.conversionFirst where t.matches(shape, from: s) {
            out.kind = .info
            set(.text, s, t.end)
            return true
        }
        return false
    }
}
