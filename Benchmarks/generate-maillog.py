#!/usr/bin/env python3
"""Generate large, realistic sendmail 8.17 logs for smlog's benchmarks.

The output is deterministic for a given --seed and set of options. It reproduces the shapes of
real sendmail 8.17 output on a host that relays everything through a SMART_HOST:

* local submissions through the MSP (tag `sendmail`, `from=user ... relay=user@localhost`),
  handed to the MTA over SMTP on 127.0.0.1 (same msgid, `Sent (<MTA qid> Message accepted ...)`),
  and queued in the MSP queue (retried by `sm-msp-queue`) while the MTA daemon is down;
* direct SMTP receptions from application servers (mostly relayed) and from outside MXs
  (delivered locally with `mailer=local`);
* grouped recipients on one `to=` line, per-recipient failures (unknown user, relay denied,
  mailbox full, greylisting), whole-message rejections (spam, size);
* smart-host incidents (connection refused, timeouts, 421 greetings, 451 after DATA, broken TLS)
  that make deferral waves, retried by the MTA's queue runners with growing delay= and pri=;
* DSNs (`QID: NEWQID: DSN: ...`) and their own delivery, delay warnings after --queuewarn,
  queue-timeout bounces after --queuereturn, `done;` lines, alias lines;
* the noise sendmail logs at LogLevel 14 (STARTTLS, AUTH, Milter, engine=, tls_*_features ...),
  SMTP sessions that never carry a message (rejects by ruleset, scanners, lost connections);
* a few percent of foreign lines (dovecot, postfix, kernel, CRON), and messages still queued
  when the log ends.

The ground truth of what was generated goes to stderr, and as JSON to --truth FILE.
--self-check re-reads the output and checks invariants and the truth figures against the text.
Only the Python standard library is used.
"""

import argparse
import bisect
import gzip
import heapq
import json
import math
import os
import random
import re
import sys
import tempfile
import time
from datetime import datetime, timezone

QID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwx"
QID_INDEX = {c: i for i, c in enumerate(QID_CHARS)}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_INDEX = {m: i + 1 for i, m in enumerate(MONTHS)}

SMARTHOST = "smarthost.lab.example"
SMARTHOST_IP = "127.0.0.1"
SMARTHOST_RELAY = f"relay={SMARTHOST}. [{SMARTHOST_IP}]"
SMARTHOST_RELAY_CACHED = f"relay={SMARTHOST}."
MAX_PID = 4194304  # Linux pid_max on 64-bit systems: pids (and queue ids) reach 7 digits

# Recipient states.
PENDING, SENT, BOUNCED = 0, 1, 2

# Smart-host modes. OK means accepting mail.
OK, REFUSED, TIMEOUT, GREET421, TEMPFAIL_DATA, TLS_BROKEN = range(6)
INCIDENT_WEIGHTS = ((REFUSED, 50), (TIMEOUT, 18), (GREET421, 10), (TEMPFAIL_DATA, 12), (TLS_BROKEN, 10))

AUTH_AVAILABLE = ("AUTH: available mech=SCRAM-SHA-512 SCRAM-SHA-384 SCRAM-SHA-256 SCRAM-SHA-224 "
                  "SCRAM-SHA-1 DIGEST-MD5 CRAM-MD5 NTLM PLAIN LOGIN ANONYMOUS, allowed mech=PLAIN LOGIN")
ENGINE_CLIENT = "engine=(null), path=(null), ispre=0, pre=0, initialized=0"
ENGINE_RUNNER = "engine=(null), path=(null), ispre=1, pre=0, initialized=0"
SMARTHOST_TLS_BLOCK = (
    ENGINE_CLIENT,
    f"tls_clt_features=(null), relay={SMARTHOST} [{SMARTHOST_IP}]",
    f"tls_clt_features=empty, stat=0, relay={SMARTHOST} [{SMARTHOST_IP}]",
    "STARTTLS=client, start=ok",
    f"STARTTLS: TLS cert verify: depth=0 /CN={SMARTHOST}, state=0, reason=self-signed certificate",
    f"STARTTLS=client, relay={SMARTHOST}., version=TLSv1.3, verify=FAIL, "
    "cipher=TLS_AES_256_GCM_SHA384, bits=256/256",
    f"STARTTLS=client, cert-subject=/CN={SMARTHOST}, cert-issuer=/CN={SMARTHOST}, "
    "verifymsg=self-signed certificate",
    f"AUTH=client, relay={SMARTHOST}., mech=, bits=0",
)
TLS_BROKEN_BLOCK = (
    ENGINE_CLIENT,
    f"tls_clt_features=(null), relay={SMARTHOST} [{SMARTHOST_IP}]",
    f"tls_clt_features=empty, stat=0, relay={SMARTHOST} [{SMARTHOST_IP}]",
    "STARTTLS=client, error: connect failed=-1, reason=sslv3 alert handshake failure, "
    "SSL_error=1, errno=0, retry=-1",
    "STARTTLS=client: error:0A000410:SSL routines::sslv3 alert handshake failure:"
    "../ssl/record/rec_layer_s3.c:1601:SSL alert number 40",
    f"ruleset=tls_server, arg1=SOFTWARE, relay={SMARTHOST}, reject=454 4.7.0 TLS handshake failed.",
)

FIRST_NAMES = ("anna", "eva", "nina", "sara", "mary", "kim", "li", "ines", "raj", "tom", "john", "paul",
               "peter", "omar", "lena", "marco", "yuki", "olga", "hans", "lucia", "ahmed", "chen", "sofia",
               "david", "emma", "noah", "mia", "lucas", "zoe", "ivan", "fatima", "jonas", "clara", "pablo",
               "aisha", "felix", "nora", "victor", "julia", "samir")
LAST_NAMES = ("rossi", "dubois", "khan", "silva", "meyer", "garcia", "ito", "chen", "smith", "berg",
              "novak", "weber", "muller", "costa", "tanaka", "kowalski", "jensen", "moreau", "larsen",
              "schmidt", "fischer", "lopez", "martin", "bernard", "nowak", "horvat", "popescu", "ivanov",
              "nielsen", "andersen", "keller", "vogel", "ricci", "romano", "santos", "pereira", "yilmaz",
              "kaya", "suzuki", "wang")
REMOTE_DOMAINS = (("example.com", 30), ("example.org", 22), ("example.net", 20), ("partner.example", 12),
                  ("corp.example", 9), ("customer-a.example", 5), ("customer-b.example", 4),
                  ("supplier.example", 4), ("mail.example.com", 3), ("eu.example.net", 3),
                  ("shop.example", 2), ("univ.example.edu", 2), ("gov.example", 1), ("news.example", 1))
# (user, uid, weight as an MSP submitter)
LOCAL_USERS = (("root", 0, 24), ("appsvc", 1003, 20), ("batch", 1004, 14), ("www-data", 33, 9),
               ("nagios", 110, 9), ("alice", 1001, 8), ("bob", 1002, 7), ("carol", 1005, 4),
               ("dave", 1006, 3), ("erin", 1007, 2))
LOCAL_RECIPIENTS = (("alice", 30), ("bob", 22), ("appsvc", 12), ("carol", 10), ("dave", 8),
                    ("erin", 6), ("batch", 4), ("root", 8))
BATCH_SENDERS = ("noreply@corp.example", "batch-jobs@corp.example", "reports@corp.example")
APP_SENDERS = (("app@corp.example", 30), ("noreply@corp.example", 25), ("monitoring@corp.example", 15),
               ("reports@corp.example", 10), ("billing@corp.example", 8), ("alerts@corp.example", 7),
               ("newsletter@corp.example", 5))
APP_SERVERS = tuple((f"appsrv{i:02d}.corp.example", f"10.20.0.{10 + i}") for i in range(1, 7))
UNKNOWN_LOCALS = ("jdoe", "olduser", "nosuchuser", "test", "admin", "info", "sales", "guest", "oracle")
CRON_COMMANDS = (
    ("root", "cd / && run-parts --report /etc/cron.hourly"),
    ("root", "[ -x /usr/lib/php/sessionclean ] && if [ ! -d /run/systemd/system ]; then "
             "/usr/lib/php/sessionclean; fi"),
    ("root", "/usr/local/sbin/backup-db --quiet"),
    ("nagios", "/usr/lib/nagios/plugins/check_mailq -w 50 -c 200 >/dev/null"),
)
SMMSP_CRON = ("(smmsp) CMD (test -x /etc/init.d/sendmail && test -x /usr/share/sendmail/sendmail && "
              "test -x /usr/lib/sm.bin/sendmail && /usr/share/sendmail/sendmail cron-msp)")

TRUTH_KEYS = ("messages", "messages_msp", "messages_smtp", "recipients", "delivered", "delivered_local",
              "delivered_relay", "bounced", "bounced_permanent", "bounced_timeout", "pending",
              "pending_msp_queue", "deferrals", "messages_deferred", "msp_handoff_deferrals", "notices",
              "notices_dsn", "notices_warning", "notices_timeout", "notice_deferrals", "notices_pending",
              "delivered_to_smarthost", "sessions_without_message", "rcpt_rejected_user_unknown",
              "rejects", "foreign_lines", "smarthost_incidents", "mta_restarts", "queue_runs")


def parse_duration(text):
    """'90s', '15m', '4h', '1d' -> seconds."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (use e.g. 30s, 15m, 4h, 1d)")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def interval_words(seconds):
    """How sendmail's pintvl() words a queue timeout in notices: '4 hours', '1 day', '8 minutes'."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            n = int(seconds // size)
            return f"{n} {unit}" + ("s" if n != 1 else "")
    n = int(seconds)
    return f"{n} second" + ("s" if n != 1 else "")


def fmt_delay(seconds):
    s = int(seconds) if seconds > 0 else 0
    d, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"{d}+{h:02d}:{m:02d}:{s:02d}" if d else f"{h:02d}:{m:02d}:{s:02d}"


class Zipf:
    """Weighted choice over a fixed list, Zipf-like popularity, fast via cumulative weights."""

    def __init__(self, items, exponent):
        self.items = items
        total = 0.0
        self.cum = []
        for rank in range(1, len(items) + 1):
            total += 1.0 / rank ** exponent
            self.cum.append(total)
        self.total = total

    def pick(self, rng):
        return self.items[bisect.bisect_left(self.cum, rng.random() * self.total)]


class Weighted:
    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = []
        total = 0
        for p in pairs:
            total += p[1]
            self.cum.append(total)
        self.total = total

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


class Truth:
    def __init__(self):
        for k in TRUTH_KEYS:
            setattr(self, k, 0)
        self.reject_kinds = {}
        self.kinds = {}

    def reject(self, kind):
        self.rejects += 1
        self.reject_kinds[kind] = self.reject_kinds.get(kind, 0) + 1


class Proc:
    """One sendmail (or other) process: syslog tag[pid] and its queue-id sequence counter."""
    __slots__ = ("pid", "seq", "tp")

    def __init__(self, tag, pid, seq):
        self.pid = pid
        self.seq = seq
        self.tp = f"{tag}[{pid}]"


class Host:
    __slots__ = ("name", "fqdn", "index", "pid", "last_t", "hdr_sec", "hdr", "hdr_tail", "mta_up",
                 "daemon", "mta_queue", "msp_queue", "qrun_busy", "msp_busy", "rate")

    def __init__(self, name, index, pid, rate):
        self.name = name
        self.fqdn = f"{name}.lab.example"
        self.index = index
        self.pid = pid
        self.last_t = 0.0
        self.hdr_sec = -1
        self.hdr = ""
        self.hdr_tail = f"+00:00 {name} "
        self.mta_up = True
        self.daemon = None
        self.mta_queue = {}  # qid -> Message, insertion ordered (deterministic)
        self.msp_queue = {}
        self.qrun_busy = False
        self.msp_busy = False
        self.rate = rate


class Rcpt:
    __slots__ = ("mta", "msp", "local", "user", "behaviour", "until", "status")

    def __init__(self, mta, msp, local, user, behaviour, until):
        self.mta = mta          # as the MTA logs it: <a@b> or <user@fqdn>, or a bare user for notices
        self.msp = msp          # as the MSP logs it: a@b, user
        self.local = local
        self.user = user        # local delivery target (after aliasing)
        self.behaviour = behaviour  # None, "unknown", "denied", "full", "grey"
        self.until = until      # full: mailbox usable again at; grey: accepted from
        self.status = PENDING


class Message:
    __slots__ = ("host", "msp", "notice", "sender_msp", "sender_mta", "ctl_msp", "ctl_mta", "notify",
                 "size", "msgid", "rcpts", "msp_qid", "mta_qid", "msp_ctime", "ctime", "ntries",
                 "msp_tries", "warned", "reject", "deferred", "user", "client", "tls", "accepted")

    def __init__(self, host):
        self.host = host
        self.msp = False
        self.notice = False
        self.notify = None      # who gets DSNs: ("local", user) or ("remote", "<a@b>") or None
        self.ctl_msp = None
        self.ctl_mta = None
        self.mta_qid = None
        self.msp_qid = None
        self.ntries = 0
        self.msp_tries = 0
        self.warned = False
        self.reject = None      # whole-message rejection by the smart host: "spam" or "size"
        self.deferred = False
        self.tls = False
        self.accepted = False


class Run:
    """A delivery process: the background delivery right after reception, or one queue run."""
    __slots__ = ("host", "proc", "items", "i", "queue_run", "tls_init", "connected", "known_down",
                 "armed")

    def __init__(self, host, proc, items, queue_run):
        self.host = host
        self.proc = proc
        self.items = items
        self.i = 0
        self.queue_run = queue_run
        self.tls_init = False
        self.connected = False
        self.known_down = None
        self.armed = False


class Writer:
    """Formats syslog headers, buffers lines and counts them (lines, bytes, kinds)."""

    def __init__(self, stream, fmt, truth):
        self.stream = stream
        self.rfc3339 = fmt == "rfc3339"
        self.buf = []
        self.lines = 0
        self.bytes = 0
        self.kinds = truth.kinds

    def emit(self, host, t, tp, text, kind):
        if t <= host.last_t:
            t = host.last_t + 0.000013
        host.last_t = t
        sec = int(t)
        if sec != host.hdr_sec:
            host.hdr_sec = sec
            tm = time.gmtime(sec)
            if self.rfc3339:
                host.hdr = (f"{tm.tm_year:04d}-{tm.tm_mon:02d}-{tm.tm_mday:02d}T"
                            f"{tm.tm_hour:02d}:{tm.tm_min:02d}:{tm.tm_sec:02d}.")
            else:
                host.hdr = (f"{MONTHS[tm.tm_mon - 1]} {tm.tm_mday:2d} {tm.tm_hour:02d}:{tm.tm_min:02d}:"
                            f"{tm.tm_sec:02d} {host.name} ")
        if self.rfc3339:
            line = f"{host.hdr}{int((t - sec) * 1e6):06d}{host.hdr_tail}{tp}: {text}\n"
        else:
            line = f"{host.hdr}{tp}: {text}\n"
        self.buf.append(line)
        self.lines += 1
        self.bytes += len(line)
        k = self.kinds
        k[kind] = k.get(kind, 0) + 1
        if len(self.buf) >= 4096:
            self.flush()

    def flush(self):
        if self.buf:
            self.stream.write("".join(self.buf).encode("ascii", "replace"))
            self.buf.clear()


class Smarthost:
    """Incident windows of the smart host, drawn lazily in time order (queries never go back)."""

    def __init__(self, rng, start, mean_gap, mean_len, truth):
        self.rng = rng
        self.mean_gap = mean_gap
        self.mean_len = mean_len
        self.truth = truth
        self.modes = Weighted(INCIDENT_WEIGHTS)
        self.start = math.inf
        self.end = start + min(1800.0, mean_gap / 4)
        self.mode_in = OK
        self.starts = []

    def mode(self, t):
        while t >= self.end:
            self.start = self.end + self.rng.expovariate(1.0 / self.mean_gap)
            self.end = self.start + min(max(120.0, self.rng.expovariate(1.0 / self.mean_len)), 4 * 3600.0)
            self.mode_in = self.modes.pick(self.rng)
            self.starts.append(self.start)
        return self.mode_in if t >= self.start else OK


class Generator:
    def __init__(self, opts, writer, truth):
        self.o = opts
        self.w = writer
        self.truth = truth
        self.rng = random.Random(opts.seed)
        rng = self.rng
        self.heap = []
        self.seq = 0
        self.start = opts.start_epoch
        self.qsec = -1
        self.qpre = ""
        self.smarthost = Smarthost(random.Random(opts.seed * 7919 + 1), self.start, opts.incident_gap,
                                   opts.incident_len, truth)
        # Popularity pools: a few recipients and clients get most of the traffic.
        domains = Weighted(REMOTE_DOMAINS)
        seen = set()
        pool = []
        while len(pool) < 20000:
            f, l = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            local = f"{f}.{l}" if rng.random() < 0.8 else f"{f[0]}{l}"
            addr = f"{local}@{domains.pick(rng)}"
            if addr not in seen:
                seen.add(addr)
                pool.append(addr)
        self.remote_pool = Zipf(pool, 1.05)
        mx = []
        for i in range(300):
            d = domains.pick(rng)
            name = rng.choice(("mail", "mx", "smtp-out", "mta", "out")) + str(rng.randint(1, 40))
            net = rng.choice(("198.51.100", "203.0.113", "192.0.2"))
            mx.append((f"{name}.{d}", f"{net}.{rng.randint(2, 254)}"))
        self.mx_pool = Zipf(mx, 1.0)
        self.scanners = [f"{rng.choice(('198.51.100', '203.0.113'))}.{rng.randint(2, 254)}" for _ in range(200)]
        self.msp_users = Weighted([(u, w) for u, _, w in LOCAL_USERS])
        self.uids = {u: uid for u, uid, _ in LOCAL_USERS}
        self.local_rcpts = Weighted(LOCAL_RECIPIENTS)
        self.app_senders = Weighted(APP_SENDERS)
        self.hosts = []
        for i in range(opts.hosts):
            name = "vm" if opts.hosts == 1 else f"mx{i + 1:02d}"
            self.hosts.append(Host(name, i, rng.randint(900, 40000), opts.rate / 3600.0))

    # ---------------------------------------------------------------- engine

    def at(self, t, fn, *args):
        self.seq += 1
        heapq.heappush(self.heap, (t, self.seq, fn, args))

    def run(self, target_lines, target_bytes):
        w = self.w
        for h in self.hosts:
            self.at(self.start + h.index * 0.37, self.daemon_start, h, False)
        heap = self.heap
        while heap:
            t, _, fn, args = heapq.heappop(heap)
            fn(t, *args)
            if w.lines >= target_lines or w.bytes >= target_bytes:
                break
        self.end_time = max(h.last_t for h in self.hosts)
        self.truth.smarthost_incidents = sum(1 for s in self.smarthost.starts if s <= self.end_time)
        w.flush()

    def qid(self, proc, t):
        sec = int(t)
        if sec != self.qsec:
            self.qsec = sec
            tm = time.gmtime(sec)
            c = QID_CHARS
            self.qpre = (c[(tm.tm_year - 1900) % 60] + c[tm.tm_mon - 1] + c[tm.tm_mday] + c[tm.tm_hour]
                         + c[tm.tm_min] + c[tm.tm_sec])
        s = proc.seq
        proc.seq = (s + 1) % 3600
        return f"{self.qpre}{QID_CHARS[s // 60]}{QID_CHARS[s % 60]}{proc.pid:06d}"

    def new_proc(self, host, tag="sendmail"):
        host.pid += self.rng.randint(1, 3)
        if host.pid >= MAX_PID:
            host.pid = 300 + self.rng.randint(0, 500)
        return Proc(tag, host.pid, self.rng.randrange(3600))

    def rate_factor(self, t):
        """Diurnal load: quiet nights, busy office hours (average about 1)."""
        hour = (t % 86400) / 3600.0
        return 0.42 + 1.55 * math.sin(math.pi * (hour - 6.0) / 14.0) if 6 <= hour <= 20 else 0.42

    # ---------------------------------------------------------------- daemon, timers

    def daemon_start(self, t, host, restart):
        e = self.w.emit
        p = self.new_proc(host)
        host.daemon = p
        host.mta_up = True
        qi = fmt_delay(self.o.queue_interval)
        e(host, t, p.tp, f"starting daemon (8.17.1.9): SMTP+queueing@{qi}", "daemon")
        e(host, t, p.tp, "STARTTLS: CRLFile missing", "daemon")
        e(host, t, p.tp, "STARTTLS=server, Diffie-Hellman init, key=2048 bit (/)", "daemon")
        e(host, t, p.tp, "STARTTLS=server, init=1", "daemon")
        e(host, t, p.tp, f"started as: /usr/sbin/sendmail -bd -q{int(self.o.queue_interval // 60)}m", "daemon")
        if restart:
            self.truth.mta_restarts += 1
            return
        rng = self.rng
        self.at(t + rng.uniform(1, 20), self.arrival, host)
        self.at(t + rng.uniform(0, self.o.queue_interval), self.queue_run_start, host)
        self.at(t + 1200 - (t % 1200) + rng.uniform(0, 2), self.msp_cron, host)
        self.at(t + rng.expovariate(1.0 / self.o.mta_down_gap), self.daemon_stop, host)
        if self.o.foreign > 0:
            self.at(t + rng.uniform(0, 5), self.foreign, host)

    def daemon_stop(self, t, host):
        self.w.emit(host, t, host.daemon.tp, "NOQUEUE: stopping daemon, reason=signal", "daemon")
        host.mta_up = False
        self.at(t + self.rng.uniform(60, 900), self.daemon_start, host, True)
        self.at(t + self.rng.expovariate(1.0 / self.o.mta_down_gap) + 900, self.daemon_stop, host)

    # ---------------------------------------------------------------- arrivals

    def arrival(self, t, host):
        rng = self.rng
        self.at(t + rng.expovariate(host.rate * self.rate_factor(t)), self.arrival, host)
        r = rng.random()
        if r < 0.42:
            self.msp_submit(t, host)
        elif not host.mta_up:
            return  # SMTP clients find the port closed and try again later elsewhere
        elif r < 0.72:
            self.smtp_session(t, host, inbound=False)
        elif r < 0.86:
            self.smtp_session(t, host, inbound=True)
        else:
            self.bad_session(t, host)

    def rcpt_count(self):
        r = self.rng.random()
        if r < 0.66:
            return 1
        if r < 0.81:
            return 2
        if r < 0.89:
            return 3
        if r < 0.96:
            return self.rng.randint(4, 6)
        return self.rng.randint(7, 18)

    def remote_rcpt(self, t):
        rng = self.rng
        addr = self.remote_pool.pick(rng)
        r = rng.random()
        behaviour, until = None, 0.0
        if r < 0.006:
            behaviour = "unknown"
        elif r < 0.0075:
            behaviour = "denied"
        elif r < 0.0100:
            behaviour = "full"
            until = math.inf if rng.random() < 0.3 else t + rng.expovariate(1.0 / (6 * 3600))
        elif r < 0.0200:
            behaviour = "grey"
        return Rcpt(f"<{addr}>", addr, False, None, behaviour, until)

    def local_rcpt(self, host):
        user = self.local_rcpts.pick(self.rng)
        if user == "root":
            return Rcpt(f"<root@{host.fqdn}>", "root", True, "alice", "alias", 0.0)
        return Rcpt(f"<{user}@{host.fqdn}>", user, True, user, None, 0.0)

    def pick_rcpts(self, t, host, local_share):
        rcpts, seen = [], set()
        for _ in range(self.rcpt_count()):
            r = self.local_rcpt(host) if self.rng.random() < local_share else self.remote_rcpt(t)
            if r.mta not in seen:
                seen.add(r.mta)
                rcpts.append(r)
        return rcpts

    def message_size(self):
        rng = self.rng
        if rng.random() < 0.03:  # with attachments; a few exceed the smart host's 2 MB SIZE limit
            return int(min(4900000, rng.lognormvariate(math.log(400000), 1.0)))
        return int(min(4900000, max(300, rng.lognormvariate(math.log(5500), 1.1))))

    def whole_message_reject(self, m):
        if m.size > 2000000:
            m.reject = "size"
        elif self.rng.random() < 0.002:
            m.reject = "spam"

    def accept(self, m):
        m.accepted = True
        tr = self.truth
        tr.messages += 1
        tr.recipients += len(m.rcpts)
        if m.msp:
            tr.messages_msp += 1
        else:
            tr.messages_smtp += 1

    # ---------------------------------------------------------------- MSP submission

    def msp_submit(self, t, host):
        rng, e = self.rng, self.w.emit
        user = self.msp_users.pick(rng)
        p = self.new_proc(host)
        m = Message(host)
        m.msp = True
        m.user = user
        m.msp_qid = self.qid(p, t)
        m.msp_ctime = t
        uid = self.uids[user]
        sender = user
        if user == "batch" and rng.random() < 0.7:
            sender = rng.choice(BATCH_SENDERS)
            e(host, t, p.tp, f"{m.msp_qid}: Authentication-Warning: {host.fqdn}: {user} set sender to "
                             f"{sender} using -f", "auth-warning")
        m.sender_msp = sender
        m.ctl_msp = f"{sender} ({uid}/{uid})" if sender == user else f"{sender} (0/0)"
        if "@" in sender:
            m.sender_mta = f"<{sender}>"
            m.notify = ("remote", f"<{sender}>")
        else:
            m.sender_mta = f"<{sender}@{host.fqdn}>"
            m.ctl_mta = f"<{sender}@{host.fqdn}> ({uid}/{uid})"
            m.notify = ("local", sender)
        m.rcpts = self.pick_rcpts(t, host, 0.12)
        m.size = self.message_size()
        self.whole_message_reject(m)
        tm = time.gmtime(int(t))
        if rng.random() < 0.55:
            m.msgid = f"<{tm.tm_year}{tm.tm_mon:02d}{tm.tm_mday:02d}{tm.tm_hour:02d}{tm.tm_min:02d}.{m.msp_qid}@{host.fqdn}>"
        else:
            m.msgid = (f"<{tm.tm_year}{tm.tm_mon:02d}{tm.tm_mday:02d}{tm.tm_hour:02d}{tm.tm_min:02d}"
                       f"{tm.tm_sec:02d}.{rng.randrange(1000000):06d}.{rng.getrandbits(40):010x}@{host.fqdn}>")
        e(host, t, p.tp, f"{m.msp_qid}: from={sender}, size={m.size}, class=0, nrcpts={len(m.rcpts)}, "
                         f"msgid={m.msgid}, relay={user}@localhost", "from-msp")
        self.accept(m)
        if host.mta_up:
            self.at(t + rng.uniform(0.02, 0.3), self.msp_handoff_connect, host, m, p)
        else:
            self.at(t + rng.uniform(0.01, 0.05), self.msp_handoff_refused, host, m, p)

    def msp_to(self, m):
        return ",".join(r.msp for r in m.rcpts)

    def msp_handoff_refused(self, t, host, m, p):
        m.msp_tries += 1
        self.truth.msp_handoff_deferrals += 1
        pri = m.size + 30000 * len(m.rcpts) + 90000 * (m.msp_tries - 1)
        self.w.emit(host, t, p.tp, f"{m.msp_qid}: to={self.msp_to(m)}, ctladdr={m.ctl_msp}, "
                                   f"delay={fmt_delay(t - m.msp_ctime)}, xdelay=00:00:00, mailer=relay, pri={pri}, "
                                   f"relay=[127.0.0.1] [127.0.0.1], dsn=4.4.1, "
                                   f"stat=Deferred: Connection refused by [127.0.0.1]", "to-msp-deferred")
        host.msp_queue[m.msp_qid] = m

    def msp_handoff_connect(self, t, host, m, p):
        e = self.w.emit
        s = self.new_proc(host)
        e(host, t, s.tp, "NOQUEUE: connect from localhost [127.0.0.1]", "connect")
        e(host, t, s.tp, AUTH_AVAILABLE, "noise-auth")
        e(host, t, s.tp, f"{self.qid(s, t)}: Milter: no active filter", "milter")
        self.at(t + self.rng.uniform(0.3, 1.1), self.msp_handoff_data, host, m, p, s)

    def msp_handoff_data(self, t, host, m, p, s):
        e = self.w.emit
        e(host, t, s.tp, ENGINE_CLIENT, "noise-tls")
        e(host, t, s.tp, "tls_srv_features=(null), relay=localhost [127.0.0.1]", "noise-tls")
        e(host, t, s.tp, "tls_srv_features=empty, stat=0, relay=localhost [127.0.0.1]", "noise-tls")
        e(host, t, p.tp, "STARTTLS=client, relay=[127.0.0.1], version=TLSv1.3, verify=FAIL, "
                         "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "noise-tls")
        e(host, t, s.tp, "STARTTLS=server, relay=localhost [127.0.0.1], version=TLSv1.3, verify=NOT, "
                         "cipher=TLS_AES_256_GCM_SHA384, bits=256/256", "noise-tls")
        e(host, t, s.tp, "STARTTLS=server, cert-subject=, cert-issuer=, verifymsg=ok", "noise-tls")
        e(host, t, s.tp, AUTH_AVAILABLE, "noise-auth")
        e(host, t, s.tp, f"ruleset=trust_auth, arg1={m.sender_mta[1:-1]}, relay=localhost [127.0.0.1], "
                         f"reject=550 5.7.1 {m.sender_mta}... not authenticated", "reject-trust-auth")
        ta = self.truth.reject_kinds
        ta["trust_auth"] = ta.get("trust_auth", 0) + 1
        m.mta_qid = self.qid(s, t)
        m.ctime = t
        msp_size = m.size
        mta_size = msp_size + 120 + self.rng.randint(0, 60)  # the MTA adds its Received: header
        m.size = mta_size
        e(host, t, s.tp, f"{m.mta_qid}: from={m.sender_mta}, size={mta_size}, class=0, nrcpts={len(m.rcpts)}, "
                         f"msgid={m.msgid}, proto=ESMTPS, daemon=MTA-v4, relay=localhost [127.0.0.1]",
               "from-mta-handoff")
        m.msp_tries += 1
        pri = msp_size + 30000 * len(m.rcpts) + 90000 * (m.msp_tries - 1)
        d = fmt_delay(t - m.msp_ctime)
        e(host, t, p.tp, f"{m.msp_qid}: to={self.msp_to(m)}, ctladdr={m.ctl_msp}, delay={d}, "
                         f"xdelay={fmt_delay(min(t - m.msp_ctime, 2))}, mailer=relay, pri={pri}, "
                         f"relay=[127.0.0.1] [127.0.0.1], dsn=2.0.0, "
                         f"stat=Sent ({m.mta_qid} Message accepted for delivery)", "to-msp-sent")
        self.at(t + self.rng.uniform(0.01, 0.4), self.background_delivery, host, m)

    def msp_cron(self, t, host):
        """Debian's cron job runs the MSP queue every 20 minutes."""
        cp = self.new_proc(host, "CRON")
        self.w.emit(host, t, cp.tp, SMMSP_CRON, "foreign-cron")
        self.at(t + 1200, self.msp_cron, host)
        if host.msp_queue and not host.msp_busy:
            host.msp_busy = True
            p = self.new_proc(host, "sm-msp-queue")
            items = list(host.msp_queue.values())
            self.at(t + self.rng.uniform(0.2, 1.0), self.msp_run_step, host, p, items, 0)

    def msp_run_step(self, t, host, p, items, i):
        if i >= len(items):
            host.msp_busy = False
            return
        m = items[i]
        if host.mta_up:
            del host.msp_queue[m.msp_qid]
            self.msp_handoff_connect(t, host, m, p)
            self.at(t + self.rng.uniform(1.2, 2.0), self.msp_run_step, host, p, items, i + 1)
        else:
            del host.msp_queue[m.msp_qid]
            self.msp_handoff_refused(t, host, m, p)
            self.at(t + self.rng.uniform(0.005, 0.03), self.msp_run_step, host, p, items, i + 1)

    # ---------------------------------------------------------------- SMTP sessions

    def session_open(self, t, host, s, client, ip):
        e = self.w.emit
        e(host, t, s.tp, f"NOQUEUE: connect from {client} [{ip}]" if client else f"NOQUEUE: connect from [{ip}]",
          "connect")
        e(host, t, s.tp, AUTH_AVAILABLE, "noise-auth")
        sid = self.qid(s, t)
        e(host, t, s.tp, f"{sid}: Milter: no active filter", "milter")
        return sid

    def smtp_session(self, t, host, inbound):
        rng = self.rng
        s = self.new_proc(host)
        m = Message(host)
        if inbound:
            m.client = self.mx_pool.pick(rng)
            m.tls = rng.random() < 0.7
            if rng.random() < 0.04:
                m.sender_mta = "<>"
                m.notify = None
            else:
                a = self.remote_pool.pick(rng)
                m.sender_mta = f"<{a}>"
                m.notify = ("remote", f"<{a}>")
            m.rcpts = self.pick_rcpts(t, host, 1.0)
        else:
            m.client = rng.choice(APP_SERVERS)
            m.tls = rng.random() < 0.25
            a = self.app_senders.pick(rng)
            m.sender_mta = f"<{a}>"
            m.notify = ("remote", f"<{a}>")
            m.rcpts = self.pick_rcpts(t, host, 0.06)
        m.size = self.message_size()
        self.whole_message_reject(m)
        sid = self.session_open(t, host, s, m.client[0], m.client[1])
        self.at(t + rng.uniform(0.3, 1.0) + (rng.expovariate(1 / 2.5) if inbound else 0), self.smtp_data,
                host, m, s, sid, inbound)

    def smtp_data(self, t, host, m, s, sid, inbound):
        rng, e = self.rng, self.w.emit
        client, ip = m.client
        if m.tls:
            e(host, t, s.tp, ENGINE_CLIENT, "noise-tls")
            e(host, t, s.tp, f"tls_srv_features=(null), relay={client} [{ip}]", "noise-tls")
            e(host, t, s.tp, f"tls_srv_features=empty, stat=0, relay={client} [{ip}]", "noise-tls")
            cipher = ("version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256"
                      if rng.random() < 0.8 else
                      "version=TLSv1.2, verify=NO, cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256/256")
            e(host, t, s.tp, f"STARTTLS=server, relay={client} [{ip}], {cipher}", "noise-tls")
            e(host, t, s.tp, "STARTTLS=server, cert-subject=, cert-issuer=, verifymsg=ok", "noise-tls")
            e(host, t, s.tp, AUTH_AVAILABLE, "noise-auth")
            sid = self.qid(s, t)  # the envelope after STARTTLS gets the next id
        if inbound and rng.random() < 0.03:
            bad = rng.choice(UNKNOWN_LOCALS)
            e(host, t, s.tp, f"{sid}: <{bad}@{host.fqdn}>... User unknown", "rcpt-user-unknown")
            self.truth.rcpt_rejected_user_unknown += 1
        m.mta_qid = sid
        m.ctime = t
        tm = time.gmtime(int(t))
        if inbound:
            m.msgid = f"<{rng.getrandbits(96):024x}@{client.split('.', 1)[1]}>"
        else:
            m.msgid = (f"<{tm.tm_year}{tm.tm_mon:02d}{tm.tm_mday:02d}{tm.tm_hour:02d}{tm.tm_min:02d}"
                       f"{tm.tm_sec:02d}.{rng.randrange(1000000):06d}.{rng.getrandbits(40):010x}@{client}>")
        body = ", bodytype=8BITMIME" if inbound and rng.random() < 0.5 else ""
        proto = "ESMTPS" if m.tls else "ESMTP"
        e(host, t, s.tp, f"{sid}: from={m.sender_mta}, size={m.size}, class=0, nrcpts={len(m.rcpts)}, "
                         f"msgid={m.msgid}{body}, proto={proto}, daemon=MTA-v4, relay={client} [{ip}]",
          "from-smtp")
        self.accept(m)
        self.at(t + rng.uniform(0.01, 0.5), self.background_delivery, host, m)

    def bad_session(self, t, host):
        """An SMTP session that never carries a message."""
        rng, e, tr = self.rng, self.w.emit, self.truth
        tr.sessions_without_message += 1
        s = self.new_proc(host)
        ip = rng.choice(self.scanners)
        r = rng.random()
        if r < 0.10:
            e(host, t, s.tp, f"NOQUEUE: connect from [{ip}]", "connect")
            e(host, t, s.tp, f"ruleset=check_relay, arg1=[{ip}], arg2={ip}, relay=[{ip}], "
                             f"reject=550 5.7.1 Access denied", "reject")
            e(host, t, s.tp, AUTH_AVAILABLE, "noise-auth")
            tr.reject("check_relay")
            return
        named = rng.random() < 0.4
        client = f"host-{ip.replace('.', '-')}.dyn.example.net" if named else None
        relay = f"{client} [{ip}]" if named else f"[{ip}]"
        sid = self.session_open(t, host, s, client, ip)
        t2 = t + rng.uniform(0.5, 3.0)
        sender = f"<{rng.choice(FIRST_NAMES)}{rng.randint(1, 999)}@{rng.choice(('example.biz', 'example.info', 'mail.example'))}>"
        if r < 0.45:
            victim = self.remote_pool.pick(rng)
            why = "Relaying denied" if named else f"Relaying denied. IP name lookup failed [{ip}]"
            lines = [(f"{sid}: ruleset=check_rcpt, arg1=<{victim}>, relay={relay}, "
                      f"reject=550 5.7.1 <{victim}>... {why}", "reject")]
            tr.reject("check_rcpt")
            lines.append((f"{sid}: from={sender}, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, "
                          f"relay={relay}", "from-norcpt"))
        elif r < 0.55:
            bad = f"{rng.choice(FIRST_NAMES)}@{rng.choice(('nonexistent.invalid', 'no-such-domain.invalid'))}"
            lines = [(f"{sid}: ruleset=check_mail, arg1=<{bad}>, relay={relay}, reject=553 5.1.8 <{bad}>... "
                      f"Domain of sender address {bad} does not exist", "reject")]
            tr.reject("check_mail")
            lines.append((f"{sid}: from=<{bad}>, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, "
                           f"relay={relay}", "from-norcpt"))
        elif r < 0.80:
            lines = [(f"{sid}: {relay} did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA-v4",
                      "session-error")]
        elif r < 0.88:
            name = client or f"[{ip}]"
            t2 = t + 45 + rng.uniform(0, 2)
            lines = [(f"{sid}: timeout waiting for input from {name} during server cmd read", "session-error"),
                     (f"{sid}: lost input channel from {relay} to MTA-v4 after mail", "session-error"),
                     (f"{sid}: from={sender}, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, relay={relay}",
                      "from-norcpt")]
        elif r < 0.93:
            lines = [(f"{sid}: rejecting commands from {relay} due to pre-greeting traffic after 0 seconds",
                      "session-error")]
            tr.reject("greet_pause")
        else:
            lines = []
            for _ in range(rng.randint(3, 8)):
                lines.append((f"{sid}: <{rng.choice(UNKNOWN_LOCALS)}@{host.fqdn}>... User unknown",
                              "rcpt-user-unknown"))
                tr.rcpt_rejected_user_unknown += 1
            lines.insert(3, (f"{sid}: {relay}: Possible SMTP RCPT flood, throttling.", "session-error"))
            lines.append((f"{sid}: from={sender}, size=0, class=0, nrcpts=0, proto=ESMTP, daemon=MTA-v4, "
                          f"relay={relay}", "from-norcpt"))
        self.at(t2, self.emit_lines, host, s.tp, lines)

    def emit_lines(self, t, host, tp, lines):
        e = self.w.emit
        for text, kind in lines:
            e(host, t, tp, text, kind)

    # ---------------------------------------------------------------- delivery

    def background_delivery(self, t, host, m):
        run = Run(host, self.new_proc(host), [m], False)
        self.run_step(t, run)

    def queue_run_start(self, t, host):
        self.at(t + self.o.queue_interval, self.queue_run_start, host)
        if host.qrun_busy or not host.mta_queue or not host.mta_up:
            return
        host.qrun_busy = True
        self.truth.queue_runs += 1
        p = self.new_proc(host)
        items = sorted(host.mta_queue.values(), key=self.priority)
        run = Run(host, p, items, True)
        e = self.w.emit
        e(host, t, p.tp, "gethostbyaddr(192.0.2.2) failed: 1", "queue-run")
        e(host, t, p.tp, ENGINE_RUNNER, "queue-run")
        e(host, t, p.tp, "STARTTLS: CRLFile missing", "queue-run")
        e(host, t, p.tp, "STARTTLS=client, init=1", "queue-run")
        run.tls_init = True
        self.at(t + self.rng.uniform(0.01, 0.1), self.run_step, run)

    def priority(self, m):
        return (30000 if m.notice else m.size + 30000 * len(m.rcpts)) + 90000 * m.ntries

    def run_step(self, t, run):
        host = run.host
        if run.i >= len(run.items):
            if run.connected:
                self.w.emit(host, t, run.proc.tp, "STARTTLS=client, SSL_shutdown failed: -1", "noise-tls")
            if run.queue_run:
                host.qrun_busy = False
            return
        m = run.items[run.i]
        if run.queue_run and not m.notice and t - m.ctime >= self.o.queuereturn:
            self.queue_timeout(t, run, m)
            run.i += 1
            self.at(t + self.rng.uniform(0.005, 0.05), self.run_step, run)
            return
        dt = self.attempt(t, run, m)
        if dt is None:  # waiting for a connection timeout: come back when it expires
            self.at(t + 20 + self.rng.uniform(0, 0.5), self.run_step, run)
            return
        pending = any(r.status == PENDING for r in m.rcpts)
        if pending:
            host.mta_queue[m.mta_qid] = m
            if run.queue_run and not m.notice and not m.warned and t - m.ctime >= self.o.queuewarn:
                m.warned = True
                self.notice(t, run, m, f"sender notify: Warning: could not send message for past "
                                       f"{interval_words(self.o.queuewarn)}", "warning")
        else:
            host.mta_queue.pop(m.mta_qid, None)
        run.i += 1
        self.at(t + dt, self.run_step, run)

    def deferred(self, m, n):
        tr = self.truth
        if m.notice:
            tr.notice_deferrals += n
        else:
            tr.deferrals += n
            if not m.deferred:
                m.deferred = True
                tr.messages_deferred += 1

    def sent(self, m, r, smarthost):
        r.status = SENT
        tr = self.truth
        if smarthost:
            tr.delivered_to_smarthost += 1
        if not m.notice:
            tr.delivered += 1
            if r.local:
                tr.delivered_local += 1
            else:
                tr.delivered_relay += 1

    def bounced(self, m, r):
        r.status = BOUNCED
        if not m.notice:
            self.truth.bounced += 1
            self.truth.bounced_permanent += 1

    def attempt(self, t, run, m):
        """One delivery attempt of message m in process run; returns the time it took (None: wait)."""
        rng, e, host = self.rng, self.w.emit, run.host
        tp, q = run.proc.tp, m.mta_qid
        pending = [r for r in m.rcpts if r.status == PENDING]
        remote = [r for r in pending if not r.local]
        mode = self.smarthost.mode(t) if remote else OK
        if remote and mode == TIMEOUT and run.known_down != TIMEOUT and not run.armed:
            run.armed = True  # the connection attempt takes Timeout.connect before anything is logged
            return None
        run.armed = False
        m.ntries += 1
        pri = self.priority(m) - 90000
        delay = fmt_delay(t - m.ctime)
        ctl = f"ctladdr={m.ctl_mta}, " if m.ctl_mta else ""
        dt = rng.uniform(0.05, 0.4)
        for r in pending:
            if r.local:
                if r.behaviour == "alias":
                    e(host, t, tp, f"{q}: alias {r.mta} => {r.user}", "alias")
                    to = r.user
                else:
                    to = r.mta
                e(host, t, tp, f"{q}: to={to}, {ctl}delay={delay}, xdelay=00:00:00, mailer=local, pri={pri}, "
                               f"dsn=2.0.0, stat=Sent", "notice-to-sent" if m.notice else "to-sent-local")
                self.sent(m, r, False)
        bounced = []
        if remote:
            head = f"{q}: to="
            tail = f", {ctl}delay={delay}, xdelay=00:00:00, mailer=relay, pri={pri}, "
            tkind = "notice-to-" if m.notice else "to-"
            if mode == REFUSED or mode == TIMEOUT:
                if run.known_down == mode:
                    relay = SMARTHOST_RELAY_CACHED
                    dt = rng.uniform(0.002, 0.02)
                else:
                    relay = SMARTHOST_RELAY
                    if mode == REFUSED:
                        e(host, t, tp, f"{q}: makeconnection ({SMARTHOST}. [{SMARTHOST_IP}].25 (2)) failed: "
                                       f"Connection refused by {SMARTHOST}.", "connect-error")
                    else:
                        e(host, t, tp, f"{q}: timeout waiting for input from {SMARTHOST}. during client greeting",
                          "connect-error")
                        tail = tail.replace("xdelay=00:00:00", "xdelay=00:00:20")
                    run.known_down = mode
                if mode == REFUSED:
                    stat = f"dsn=4.4.1, stat=Deferred: Connection refused by {SMARTHOST}."
                else:
                    stat = f"dsn=4.4.2, stat=Deferred: Connection timed out with {SMARTHOST}."
                e(host, t, tp, f"{head}{','.join(r.mta for r in remote)}{tail}{relay}, {stat}", tkind + "deferred")
                self.deferred(m, len(remote))
            else:
                if not run.connected or mode != OK:
                    e(host, t, tp, f"{q}: SMTP outgoing connect on localhost", "noise-connect")
                    if mode != GREET421:
                        if not run.tls_init:
                            e(host, t, tp, "STARTTLS: CRLFile missing", "noise-tls")
                            e(host, t, tp, "STARTTLS=client, init=1", "noise-tls")
                            run.tls_init = True
                        for text in (TLS_BROKEN_BLOCK if mode == TLS_BROKEN else SMARTHOST_TLS_BLOCK):
                            e(host, t, tp, text, "noise-tls")
                        if mode == TLS_BROKEN:
                            self.truth.reject_kinds["tls_server"] = self.truth.reject_kinds.get("tls_server", 0) + 1
                    run.connected = mode == OK
                if mode == GREET421:
                    text = "421 4.3.2 smarthost.lab.example Service not available, closing transmission channel"
                    stat = f"dsn=4.5.0, reply={text}, stat=Deferred: {text}"
                elif mode == TEMPFAIL_DATA:
                    text = "451 4.3.0 Error: queue file write error"
                    stat = f"dsn=4.3.0, reply={text}, stat=Deferred: {text}"
                elif mode == TLS_BROKEN:
                    stat = "dsn=4.7.0, stat=Deferred: 454 4.7.0 TLS handshake failed."
                else:
                    stat = None
                if stat is not None:
                    e(host, t, tp, f"{head}{','.join(r.mta for r in remote)}{tail}{SMARTHOST_RELAY}, {stat}",
                      tkind + "deferred")
                    self.deferred(m, len(remote))
                elif m.reject is not None:
                    text = ("554 5.7.1 Message rejected as spam" if m.reject == "spam"
                            else "552 5.3.4 Message size exceeds fixed limit")
                    dsn = "5.7.1" if m.reject == "spam" else "5.3.4"
                    e(host, t, tp, f"{head}{','.join(r.mta for r in remote)}{tail}{SMARTHOST_RELAY}, dsn={dsn}, "
                                   f"reply={text}, stat=Service unavailable", tkind + "bounced")
                    for r in remote:
                        self.bounced(m, r)
                    bounced.append("Service unavailable")
                else:
                    ok = []
                    for r in remote:
                        b = r.behaviour
                        if b is None:
                            ok.append(r)
                        elif b == "unknown":
                            e(host, t, tp, f"{head}{r.mta}{tail}{SMARTHOST_RELAY}, dsn=5.1.1, reply=550 5.1.1 {r.mta}: "
                                           f"Recipient address rejected: User unknown in virtual mailbox table, "
                                           f"stat=User unknown", tkind + "bounced")
                            self.bounced(m, r)
                            bounced.append("User unknown")
                        elif b == "denied":
                            e(host, t, tp, f"{head}{r.mta}{tail}{SMARTHOST_RELAY}, dsn=5.7.1, reply=554 5.7.1 {r.mta}: "
                                           f"Relay access denied, stat=Service unavailable", tkind + "bounced")
                            self.bounced(m, r)
                            bounced.append("Service unavailable")
                        elif b == "full" and t < r.until:
                            text = f"452 4.2.2 {r.mta}: Mailbox full"
                            e(host, t, tp, f"{head}{r.mta}{tail}{SMARTHOST_RELAY}, dsn=4.2.2, reply={text}, "
                                           f"stat=Deferred: {text}", tkind + "deferred")
                            self.deferred(m, 1)
                        elif b == "grey" and (r.until == 0.0 or t < r.until):
                            if r.until == 0.0:
                                r.until = t + 300
                            text = (f"450 4.7.1 {r.mta}: Recipient address rejected: Greylisted, "
                                    f"please try again later")
                            e(host, t, tp, f"{head}{r.mta}{tail}{SMARTHOST_RELAY}, dsn=4.7.1, reply={text}, "
                                           f"stat=Deferred: {text}", tkind + "deferred")
                            self.deferred(m, 1)
                        else:
                            ok.append(r)
                    if ok:
                        e(host, t, tp, f"{head}{','.join(r.mta for r in ok)}{tail}{SMARTHOST_RELAY}, dsn=2.0.0, "
                                       f"stat=Sent (Ok: queued as {rng.getrandbits(40):010X})", tkind + "sent")
                        for r in ok:
                            self.sent(m, r, True)
        if bounced and m.notify is not None:
            self.notice(t, run, m, f"DSN: {bounced[0]}", "dsn")
        if all(r.status != PENDING for r in m.rcpts):
            e(host, t, tp, f"{q}: done; delay={delay}, ntries={m.ntries}", "done")
        return dt

    def notice(self, t, run, parent, text, kind):
        """A DSN or delay warning: a new queue id made by this process, delivered right away."""
        host = run.host
        if parent.notify is None:
            return
        nq = self.qid(run.proc, t)
        self.w.emit(host, t, run.proc.tp, f"{parent.mta_qid}: {nq}: {text}", kind)
        tr = self.truth
        tr.notices += 1
        if kind == "dsn":
            tr.notices_dsn += 1
        elif kind == "warning":
            tr.notices_warning += 1
        else:
            tr.notices_timeout += 1
        n = Message(host)
        n.notice = True
        n.mta_qid = nq
        n.ctime = t
        n.size = 0
        where, who = parent.notify
        if where == "local" and who == "root":
            n.rcpts = [Rcpt(f"<root@{host.fqdn}>", "root", True, "alice", "alias", 0.0)]
        elif where == "local":
            n.rcpts = [Rcpt(who, who, True, who, None, 0.0)]
        else:
            n.rcpts = [Rcpt(who, who, False, None, None, 0.0)]
        n.accepted = True
        if n.rcpts[0].local or self.smarthost.mode(t) != TIMEOUT or run.known_down == TIMEOUT:
            self.attempt(t, run, n)
        # else: connecting would take a timeout first; the next queue run tries it
        if any(r.status == PENDING for r in n.rcpts):
            host.mta_queue[nq] = n

    def queue_timeout(self, t, run, m):
        left = [r for r in m.rcpts if r.status == PENDING]
        self.notice(t, run, m, f"sender notify: Cannot send message for {interval_words(self.o.queuereturn)}",
                    "timeout-notice")
        for r in left:
            r.status = BOUNCED
        self.truth.bounced += len(left)
        self.truth.bounced_timeout += len(left)
        run.host.mta_queue.pop(m.mta_qid, None)
        self.w.emit(run.host, t, run.proc.tp, f"{m.mta_qid}: done; delay={fmt_delay(t - m.ctime)}, "
                                              f"ntries={m.ntries}", "done")

    # ---------------------------------------------------------------- foreign lines

    def foreign(self, t, host):
        rng, e = self.rng, self.w.emit
        # Foreign lines at about --foreign of all lines: ~24 sendmail lines per message, ~2 lines per event.
        rate = host.rate * self.rate_factor(t) * 24 * self.o.foreign / 2.0
        self.at(t + rng.expovariate(rate), self.foreign, host)
        r = rng.random()
        if r < 0.45:
            user = rng.choice(("alice", "bob", "carol", "dave", "erin"))
            ip = f"10.20.{rng.randint(1, 9)}.{rng.randint(2, 254)}"
            sess = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                           for _ in range(16))
            mpid = host.pid + rng.randint(1, 3)
            proto = rng.choice(("imap", "imap", "pop3"))
            e(host, t, "dovecot", f"{proto}-login: Login: user=<{user}>, method=PLAIN, rip={ip}, "
                                  f"lip=10.20.0.2, mpid={mpid}, TLS, session=<{sess}>", "foreign-dovecot")
            self.at(t + rng.uniform(1, 600), self.emit_lines, host, "dovecot",
                    [(f"{proto}({user})<{mpid}><{sess}>: Disconnected: Logged out in={rng.randint(50, 900)} "
                      f"out={rng.randint(400, 90000)} deleted=0 expunged=0 trashed=0 hdr_count=0 hdr_bytes=0 "
                      f"body_count=0 body_bytes=0", "foreign-dovecot")])
        elif r < 0.65:
            ip = rng.choice(self.scanners)
            e(host, t, "kernel", f"[{t - self.start + 12345.0:.6f}] [UFW BLOCK] IN=eth0 OUT= "
                                 f"MAC=52:54:00:12:34:56:52:54:00:65:43:21:08:00 SRC={ip} DST=10.20.0.2 LEN=44 "
                                 f"TOS=0x00 PREC=0x00 TTL={rng.randint(30, 250)} ID={rng.randint(1, 65535)} PROTO=TCP "
                                 f"SPT={rng.randint(1024, 65535)} DPT={rng.choice((23, 3389, 445, 8080))} "
                                 f"WINDOW=1024 RES=0x00 SYN URGP=0", "foreign-kernel")
        elif r < 0.85:
            p = self.new_proc(host, "postfix/smtpd")
            ip = rng.choice(self.scanners)
            e(host, t, p.tp, f"connect from unknown[{ip}]", "foreign-postfix")
            e(host, t, p.tp, f"lost connection after CONNECT from unknown[{ip}]", "foreign-postfix")
            e(host, t, p.tp, f"disconnect from unknown[{ip}] commands=0/0", "foreign-postfix")
        else:
            p = self.new_proc(host, "CRON")
            user, cmd = rng.choice(CRON_COMMANDS)
            e(host, t, p.tp, f"pam_unix(cron:session): session opened for user {user}(uid=0) by (uid=0)", "foreign-cron")
            e(host, t, p.tp, f"({user}) CMD ({cmd})", "foreign-cron")


def truth_pending(gen):
    """Recipients not final at the end: in the MTA or MSP queue, or in flight."""
    tr = gen.truth
    found = {}
    for h in gen.hosts:
        for m in h.mta_queue.values():
            found[id(m)] = m
        for m in h.msp_queue.values():
            found[id(m)] = m
    for entry in gen.heap:
        for a in entry[3]:
            if isinstance(a, Message):
                found[id(a)] = a
            elif isinstance(a, Run):
                for m in a.items:
                    found[id(m)] = m
    tr.pending = tr.notices_pending = tr.pending_msp_queue = 0
    for m in found.values():
        if not m.accepted and not m.notice:
            continue
        n = sum(1 for r in m.rcpts if r.status == PENDING)
        if m.notice:
            tr.notices_pending += n
        else:
            tr.pending += n
    for h in gen.hosts:
        for m in h.msp_queue.values():
            tr.pending_msp_queue += sum(1 for r in m.rcpts if r.status == PENDING)


# -------------------------------------------------------------------- self-check

HDR_3164 = re.compile(r"^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\S+) ([^\[:]+)(?:\[(\d+)\])?: (.*)$")
HDR_3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})\+00:00 (\S+) ([^\[:]+)(?:\[(\d+)\])?: (.*)$")
QID_RE = re.compile(r"^[0-9A-Za-x]{8}\d{6,7}$")
NOTICE_RE = re.compile(r"^(\S+): (\S+): (DSN|sender notify|postmaster notify|return to sender): (.*)$")


def decode_qid(q):
    """Queue id -> UTC epoch seconds of its creation (sendmail 8.12+ shape)."""
    v = [QID_INDEX[c] for c in q[:6]]
    year = 1900 + v[0]
    while year < 2000:
        year += 60
    return datetime(year, v[1] + 1, v[2], v[3], v[4], v[5], tzinfo=timezone.utc).timestamp()


def open_text(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="ascii", errors="replace")
    return open(path, "r", encoding="ascii", errors="replace")


def self_check(path, truth, opts):
    """Re-read the output and check invariants and truth figures from the text alone."""
    problems = []

    def fail(msg):
        if len(problems) < 30:
            problems.append(msg)

    start_year = datetime.fromtimestamp(opts.start_epoch, timezone.utc).year
    last = {}
    seen_qid = set()       # (host, qid) introduced by a from= line or as a notice
    notice_qids = set()
    msp_msgids = set()
    msp_qids = set()
    timed_out = set()
    last_status = {}       # (host, qid, rcpt) -> "sent" | "deferred" | "bounced"
    counts = dict(lines=0, messages=0, recipients=0, deferrals=0, delivered_to_smarthost=0,
                  sessions_without_message=0, foreign=0, msp_handoff_deferrals=0)
    year = start_year
    prev_month = None
    with open_text(path) as f:
        for line in f:
            counts["lines"] += 1
            line = line.rstrip("\n")
            if opts.format == "rfc3339":
                m = HDR_3339.match(line)
                if not m:
                    fail(f"bad header: {line[:120]}")
                    continue
                y, mo, d, hh, mi, ss, us, host, tag, pid, text = m.groups()
                t = datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss), int(us),
                             tzinfo=timezone.utc).timestamp()
            else:
                m = HDR_3164.match(line)
                if not m:
                    fail(f"bad header: {line[:120]}")
                    continue
                mon, d, hh, mi, ss, host, tag, pid, text = m.groups()
                month = MONTH_INDEX[mon]
                if prev_month is not None and month < prev_month:
                    year += 1
                prev_month = month
                t = datetime(year, month, int(d), int(hh), int(mi), int(ss), tzinfo=timezone.utc).timestamp()
            if t < last.get(host, 0):
                fail(f"time goes back on {host}: {line[:100]}")
            last[host] = t
            if tag not in ("sendmail", "sm-msp-queue"):
                counts["foreign"] += 1
                continue
            qid, sep, rest = text.partition(": ")
            if not sep or not QID_RE.match(qid):
                continue
            qt = decode_qid(qid)
            if not (opts.start_epoch - 1 <= qt <= t + 1):
                fail(f"queue id {qid} decodes to {qt}, outside [start, line time {t}]")
            key = (host, qid)
            if rest.startswith("from="):
                if int(qid[8:]) != int(pid):
                    fail(f"queue id {qid} made by pid {pid}?")
                if t - qt > 120:
                    fail(f"from= of {qid} {t - qt:.0f}s after its queue id time")
                seen_qid.add(key)
                fields = rest.split(", ")
                nrcpts = int(fields[3][7:]) if fields[3].startswith("nrcpts=") else -1
                msgid = fields[4][6:] if len(fields) > 4 and fields[4].startswith("msgid=") else None
                if nrcpts == 0:
                    counts["sessions_without_message"] += 1
                elif rest.endswith("@localhost") and "daemon=" not in rest:
                    msp_msgids.add(msgid)
                    msp_qids.add(key)
                    counts["messages"] += 1
                    counts["recipients"] += nrcpts
                elif msgid in msp_msgids and rest.endswith("relay=localhost [127.0.0.1]"):
                    pass  # the MTA's copy of an MSP submission
                else:
                    counts["messages"] += 1
                    counts["recipients"] += nrcpts
                continue
            nm = NOTICE_RE.match(text)
            if nm:
                parent, child = nm.group(1), nm.group(2)
                if (host, parent) not in seen_qid:
                    fail(f"notice for unknown queue id {parent}")
                if int(child[8:]) != int(pid):
                    fail(f"notice id {child} not made by pid {pid}")
                seen_qid.add((host, child))
                notice_qids.add((host, child))
                if nm.group(4).startswith("Cannot send message"):
                    timed_out.add((host, parent))
                continue
            if not rest.startswith("to="):
                continue
            if key not in seen_qid:
                fail(f"to= for {qid} without from= or notice: {line[:120]}")
            to = rest[3:].split(", ", 1)[0]
            rcpts = to.split(",")
            stat = rest.rsplit("stat=", 1)[1]
            if key in msp_qids:
                if stat.startswith("Deferred"):
                    counts["msp_handoff_deferrals"] += 1
                continue
            is_notice = key in notice_qids
            if stat.startswith("Sent"):
                st = "sent"
                if f"relay={SMARTHOST}." in rest:
                    counts["delivered_to_smarthost"] += len(rcpts)
            elif stat.startswith("Deferred"):
                st = "deferred"
                if not is_notice:
                    counts["deferrals"] += len(rcpts)
            else:
                st = "bounced"
            if not is_notice:
                for r in rcpts:
                    if last_status.get((host, qid, r)) in ("sent", "bounced"):
                        fail(f"{qid} {r}: attempt after final status")
                    last_status[(host, qid, r)] = st
    delivered = sum(1 for s in last_status.values() if s == "sent")
    bounced = sum(1 for (h, q, r), s in last_status.items()
                  if s == "bounced" or (s == "deferred" and (h, q) in timed_out))
    derived = dict(messages=counts["messages"], recipients=counts["recipients"], delivered=delivered,
                   bounced=bounced, pending=counts["recipients"] - delivered - bounced,
                   deferrals=counts["deferrals"], delivered_to_smarthost=counts["delivered_to_smarthost"],
                   msp_handoff_deferrals=counts["msp_handoff_deferrals"])
    for k, v in derived.items():
        want = getattr(truth, k)
        if v != want:
            fail(f"{k}: the log says {v}, the truth says {want}")
    if counts["lines"] == 0:
        fail("empty output")
    if truth.delivered + truth.bounced + truth.pending != truth.recipients:
        fail("delivered + bounced + pending != recipients")
    foreign_share = counts["foreign"] / max(1, counts["lines"])
    return problems, derived, foreign_share


# -------------------------------------------------------------------- main

def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Generate a large, realistic sendmail log (deterministic by --seed).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--lines", type=int, help="approximate number of lines (default 100000)")
    size.add_argument("--size", type=float, metavar="MB", help="approximate uncompressed size in MiB")
    ap.add_argument("--format", choices=("rfc3164", "rfc3339"), default="rfc3164",
                    help="syslog timestamp format (rsyslog traditional or RFC 3339 with microseconds)")
    ap.add_argument("--gzip", action="store_true", help="gzip the output")
    ap.add_argument("--hosts", type=int, default=1, help="number of sendmail hosts mixed in one file")
    ap.add_argument("--start", default="2026-11-29T00:00:00", help="first timestamp (UTC)")
    ap.add_argument("--seed", type=int, default=1, help="random seed: same seed and options, same bytes")
    ap.add_argument("-o", "--output", help="output file, '-' for stdout "
                    "(default Benchmarks/.data/maillog-<lines>-<format>-s<seed>[.gz])")
    ap.add_argument("--truth", metavar="FILE", help="write the ground truth as JSON to FILE")
    ap.add_argument("--self-check", action="store_true",
                    help="re-read the output and check its invariants and the truth against the text")
    ap.add_argument("--rate", type=float, default=2400, help="messages per hour per host (daily average)")
    ap.add_argument("--queue-interval", type=parse_duration, default="15m", help="MTA queue run interval")
    ap.add_argument("--queuewarn", type=parse_duration, default="4h", help="Timeout.queuewarn")
    ap.add_argument("--queuereturn", type=parse_duration, default="1d", help="Timeout.queuereturn")
    ap.add_argument("--incident-gap", type=parse_duration, default="3h",
                    help="mean time between smart-host incidents")
    ap.add_argument("--incident-len", type=parse_duration, default="30m", help="mean smart-host incident length")
    ap.add_argument("--mta-down-gap", type=parse_duration, default="30h",
                    help="mean time between MTA daemon stops (MSP mail queues meanwhile)")
    ap.add_argument("--foreign", type=float, default=0.03, help="share of foreign (non-sendmail) lines")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not print the truth to stderr")
    o = ap.parse_args(argv)
    if o.lines is None and o.size is None:
        o.lines = 100000
    try:
        o.start_epoch = datetime.fromisoformat(o.start).replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        ap.error(f"--start: not an ISO date/time: {o.start!r}")
    if o.hosts < 1 or o.hosts > 99:
        ap.error("--hosts must be 1..99")
    if o.rate <= 0:
        ap.error("--rate must be positive")
    if not 0 <= o.foreign < 0.5:
        ap.error("--foreign must be in [0, 0.5)")
    if o.output is None:
        data = os.path.join(os.path.dirname(os.path.abspath(__file__)), ".data")
        os.makedirs(data, exist_ok=True)
        what = f"{o.lines}" if o.lines is not None else f"{o.size:g}MiB"
        o.output = os.path.join(data, f"maillog-{what}-{o.format}-s{o.seed}" + (".gz" if o.gzip else ""))
    return o


def main(argv=None):
    o = parse_args(sys.argv[1:] if argv is None else argv)
    t0 = time.monotonic()
    truth = Truth()
    check_tmp = None
    if o.output == "-":
        if o.self_check:
            fd, check_tmp = tempfile.mkstemp(prefix="maillog-check-", suffix=".gz" if o.gzip else "")
            os.close(fd)
            raw = open(check_tmp, "wb")
        else:
            raw = sys.stdout.buffer
    else:
        raw = open(o.output, "wb")
    stream = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) if o.gzip else raw
    writer = Writer(stream, o.format, truth)
    gen = Generator(o, writer, truth)
    target_lines = o.lines if o.lines is not None else math.inf
    target_bytes = o.size * 1048576 if o.size is not None else math.inf
    gen.run(target_lines, target_bytes)
    truth_pending(gen)
    truth.foreign_lines = sum(v for k, v in truth.kinds.items() if k.startswith("foreign-"))
    if o.gzip:
        stream.close()
    if raw is not sys.stdout.buffer:
        raw.close()
        # A syslog file is last written at its last line: readers infer the year of RFC 3164
        # dates from the file's time, and a log that ran past the moment it was generated
        # would otherwise have its later lines put in the previous year.
        os.utime(raw.name, (gen.end_time, gen.end_time))
    else:
        raw.flush()
    elapsed = time.monotonic() - t0

    report = {k: getattr(truth, k) for k in TRUTH_KEYS}
    report["rejects_by_ruleset"] = dict(sorted(truth.reject_kinds.items()))
    out = {
        "generator": "Benchmarks/generate-maillog.py",
        "options": {"seed": o.seed, "lines": o.lines, "size_mib": o.size, "format": o.format, "gzip": o.gzip,
                    "hosts": o.hosts, "start": o.start, "rate_per_hour": o.rate,
                    "queue_interval_s": o.queue_interval, "queuewarn_s": o.queuewarn,
                    "queuereturn_s": o.queuereturn, "foreign": o.foreign},
        "output": {"path": o.output, "lines": writer.lines, "bytes_uncompressed": writer.bytes,
                   "first": datetime.fromtimestamp(gen.start, timezone.utc).isoformat(),
                   "last": datetime.fromtimestamp(gen.end_time, timezone.utc).isoformat(),
                   "hosts": [h.name for h in gen.hosts]},
        "truth": report,
        "lines_by_kind": dict(sorted(truth.kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "definitions": {
            "messages": "user messages accepted: each MSP submission once (its MTA copy is the same message), "
                        "each SMTP transaction whose DATA was accepted; notices (DSNs, warnings) not included",
            "recipients": "envelope recipients of those messages (nrcpts=)",
            "delivered": "recipients whose final to= status is Sent (local or smart host), notices excluded",
            "bounced": "recipients with a permanent failure, or still deferred at Timeout.queuereturn",
            "pending": "recipients without a final status at the end of the log (MTA queue, MSP queue, in flight)",
            "deferrals": "deferred recipient attempts in the MTA: recipients on to= lines with stat=Deferred, "
                         "excluding the MSP's hand-off attempts to [127.0.0.1] and excluding notices",
            "delivered_to_smarthost": "recipients Sent with relay=smarthost, notices included",
            "notices": "DSNs, delay warnings and queue-timeout notices sendmail generated (new queue ids)",
        },
    }
    if o.truth:
        with open(o.truth, "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
    if not o.quiet:
        w = sys.stderr.write
        w(f"generated {writer.lines} lines, {writer.bytes / 1048576:.1f} MiB uncompressed "
          f"({writer.bytes / max(1, writer.lines):.0f} B/line), {out['output']['first']} .. "
          f"{out['output']['last']}, {len(gen.hosts)} host(s), in {elapsed:.1f}s -> {o.output}\n")
        w("truth: " + ", ".join(f"{k}={getattr(truth, k)}" for k in TRUTH_KEYS) + "\n")
        w("rejects by ruleset: " + ", ".join(f"{k}={v}" for k, v in sorted(truth.reject_kinds.items())) + "\n")
        w("lines by kind: " + ", ".join(f"{k}={v}" for k, v in out["lines_by_kind"].items()) + "\n")
    if o.self_check:
        path = check_tmp or o.output
        problems, derived, foreign_share = self_check(path, truth, o)
        if check_tmp:
            try:
                if not problems:
                    with open(check_tmp, "rb") as f:
                        for chunk in iter(lambda: f.read(1 << 20), b""):
                            sys.stdout.buffer.write(chunk)
                    sys.stdout.buffer.flush()
            finally:
                os.unlink(check_tmp)
        if problems:
            sys.stderr.write("self-check FAILED:\n" + "".join(f"  {p}\n" for p in problems))
            return 1
        sys.stderr.write(f"self-check ok: the text gives {derived}; foreign lines {foreign_share:.1%}\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. '-o - | head': stop quietly, like a command killed by SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(141)
