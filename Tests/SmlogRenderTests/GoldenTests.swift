import Foundation
import SmlogAnalyze
import SmlogRender
import Testing

/// Golden outputs of `ReportFixture.report()`. When a renderer changes on purpose, review
/// the new output line by line and paste it here.
@Suite struct GoldenTests {
    let report = ReportFixture.report()

    @Test func textReport() {
        let rendered = String(decoding: TextRenderer().render(report), as: UTF8.self)
        #expect(rendered == Self.text + "\n")
    }

    @Test func jsonReport() {
        let rendered = String(decoding: JSONRenderer().render(report), as: UTF8.self)
        #expect(rendered == Self.json + "\n")
    }

    @Test(arguments: [
        (CSVTable.summary, GoldenTests.csvSummary),
        (.relays, GoldenTests.csvRelays),
        (.queue, GoldenTests.csvQueue),
        (.rejects, GoldenTests.csvRejects),
        (.unrecognized, GoldenTests.csvUnrecognized),
    ])
    func csvTable(table: CSVTable, expected: String) throws {
        let rendered = String(decoding: try CSVRenderer().render(report, table: table), as: UTF8.self)
        // The literals below use LF; the renderer writes CRLF.
        #expect(rendered == expected.split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\r\n") + "\r\n")
    }

    static let text = #"""
smlog report 2026-11-30T13:49:06Z .. 2026-11-30T15:03:00Z (1h13m)
hosts: vm
input: 120 lines = 110 sendmail + 8 other programs + 2 unrecognized

SUMMARY
  recipients 6 = delivered 3 + bounced 1 + pending 1 + other 1
    other 1 = discarded 1
  messages received              3  1.2 MB
  deferrals                      4  recipient attempts on 2 messages
  hand-off deferrals             2  submission program to local MTA
  rejected at SMTP time          2  +1 temporary
  notices generated              2
      1 DSN, 1 warned
  system errors                  1
      1× SYSERR(root): timeout writing message to [127.0.0.1]
  session problems               2  lost connections, no MAIL, …

DEFERRALS BY REASON  recipient attempts, most first
  reason                                                     deferrals  messages
  connection refused                                                 3         1
      e.g. Connection refused by smarthost.lab.example.
  mailbox full                                                       1         1
      e.g. 452 4.2.2 <full@example.org>: Mailbox full

RELAYS  next hops, busiest first
  relay                         delivered  deferrals  bounced  p50    p90    max
  smarthost.lab.example                 2          4        1   1s  1m05s  1m05s
      deferred: connection refused 3, mailbox full 1
  (local)                               1          0        0   0s     0s     0s
  delay of delivered recipients; 2 relays

STILL IN THE QUEUE  pending recipients by age in minutes at 2026-11-30T15:03:00Z
  domain                                   T 5 10 20 40 80 160 320 640 1280 more
  TOTAL                                    1 0  0  0  1  0   0   0   0    0    0
  example.org                              1 0  0  0  1  0   0   0   0    0    0
  oldest:
     25m00s  full@example.org  (6AUFnOhc001571, 4 attempts)
               Deferred: 452 4.2.2 <full@example.org>: Mailbox full

BOUNCES  1 recipient
  dsn    reason                                                       recipients
  5.1.1  User unknown                                                          1

  bounced recipient                                                        count
  nobody@example.com                                                           1

  sender of bounced mail                                                   count
  alice@corp.example                                                           1

REJECTS AT SMTP TIME  2 rejected, 1 temporary
  ruleset / action                                                         count
  check_rcpt reject                                                            2
  check_mail tempfail                                                          1

  reply text                                                               count
  550 5.7.1 <…>... Relaying denied                                             2

  client                                                                   count
  [192.0.2.9]                                                                  2

  session event                                                            count
  lost_input_channel                                                           2

  client of session events                                                 count
  localhost                                                                    2

LATENCY  seconds; nearest-rank percentiles
                                          count  p50    p90    p95    p99    max
  delivery delay (delivered)                  3   1s  1m05s  1m05s  1m05s  1m05s
  transaction time (xdelay)                   5   0s    20s    20s    20s    20s
  attempts per recipient                      4    1      3      3      3      3
    via smarthost.lab.example                 3   1s  1m05s  1m05s  1m05s  1m05s
    via (local)                               1   0s     0s     0s     0s     0s

TRAFFIC BY HOUR OF DAY  local time, summed over all days; quiet hours left out
  hour                                    received  delivered  deferred  bounced
  15:00                                          3          3         4        1

TOP  senders and clients per message, recipients per recipient
  senders by messages                                        messages      bytes
  alice@corp.example                                                2   234.6 kB
  bob                                                               1     1.0 MB

  recipient domains by bytes                                 messages      bytes
  example.org                                                       5     2.5 MB

TLS AND AUTH
  STARTTLS side / version / verify                                      sessions
  client  TLSv1.3  verify=FAIL                                                 5

  AUTH side / mechanism / outcome                                          count
  client  (none)  success                                                      4

UNRECOGNIZED LINES  2 lines; most frequent shapes
  shape                                                                    lines
  engine=(null), path=(null), ispre=#                                          2
"""#

    static let json = #"""
{
  "schema": "smlog.report/1",
  "period": {
    "first": "2026-11-30T13:49:06Z",
    "last": "2026-11-30T15:03:00Z",
    "hosts": ["vm"],
    "since": null,
    "until": null
  },
  "input": {
    "files": [
      "maillog"
    ],
    "lines": 120,
    "sendmail_lines": 110,
    "foreign_lines": 8,
    "unrecognized_lines": 2,
    "oversize_lines": 0,
    "errors": []
  },
  "sections": ["summary", "deferrals", "relays", "queue", "bounces", "rejects", "latency", "traffic", "top", "tls", "unrecognized"],
  "top_n": 10,
  "totals": {
    "messages": 3,
    "messages_without_recipients": 0,
    "bytes": 1234567,
    "recipients": 6,
    "delivered": 3,
    "bounced": 1,
    "pending": 1,
    "other": 1,
    "discarded": 1,
    "quarantined": 0,
    "rejected_recipients": 0,
    "relayed": 0,
    "incomplete": 0,
    "deferrals": 4,
    "handoff_deferrals": 2,
    "deferred_messages": 2,
    "rejected": 2,
    "tempfailed": 1,
    "notices": {
      "total": 2,
      "dsn": 1,
      "return_to_sender": 0,
      "delay_warnings": 1,
      "sender_notify_other": 0,
      "postmaster": 0
    },
    "system_errors": 1,
    "session_events": 2
  },
  "system_errors": [
    {"text": "SYSERR(root): timeout writing message to [127.0.0.1]", "count": 1}
  ],
  "latency": {
    "delay": {"count": 3, "p50": 1, "p90": 65, "p95": 65, "p99": 65, "max": 65},
    "xdelay": {"count": 5, "p50": 0, "p90": 20, "p95": 20, "p99": 20, "max": 20},
    "attempts": {"count": 4, "p50": 1, "p90": 3, "p95": 3, "p99": 3, "max": 3},
    "by_relay": [
      {
        "relay": "smarthost.lab.example",
        "delay": {"count": 3, "p50": 1, "p90": 65, "p95": 65, "p99": 65, "max": 65}
      },
      {
        "relay": "(local)",
        "delay": {"count": 1, "p50": 0, "p90": 0, "p95": 0, "p99": 0, "max": 0}
      }
    ]
  },
  "relays": [
    {
      "relay": "smarthost.lab.example",
      "delivered": 2,
      "deferrals": 4,
      "bounced": 1,
      "deferral_classes": [
        {"class": "connection_refused", "events": 3},
        {"class": "mailbox_full", "events": 1}
      ],
      "delay": {"count": 3, "p50": 1, "p90": 65, "p95": 65, "p99": 65, "max": 65}
    },
    {
      "relay": "(local)",
      "delivered": 1,
      "deferrals": 0,
      "bounced": 0,
      "deferral_classes": [],
      "delay": {"count": 1, "p50": 0, "p90": 0, "p95": 0, "p99": 0, "max": 0}
    }
  ],
  "relays_distinct": 2,
  "deferral_reasons": [
    {
      "class": "connection_refused",
      "title": "connection refused",
      "events": 3,
      "messages": 1,
      "example": "Connection refused by smarthost.lab.example."
    },
    {
      "class": "mailbox_full",
      "title": "mailbox full",
      "events": 1,
      "messages": 1,
      "example": "452 4.2.2 <full@example.org>: Mailbox full"
    }
  ],
  "deferrals_by_relay": [
    {"relay": "smarthost.lab.example", "class": "connection_refused", "events": 3, "messages": 1},
    {"relay": "smarthost.lab.example", "class": "mailbox_full", "events": 1, "messages": 1}
  ],
  "queue": {
    "as_of": "2026-11-30T15:03:00Z",
    "bucket_minutes": [5, 10, 20, 40, 80, 160, 320, 640, 1280],
    "total": {"domain": "TOTAL", "total": 1, "buckets": [0, 0, 0, 1, 0, 0, 0, 0, 0, 0], "unknown_age": 0},
    "domains": [
      {"domain": "example.org", "total": 1, "buckets": [0, 0, 0, 1, 0, 0, 0, 0, 0, 0], "unknown_age": 0}
    ],
    "domains_distinct": 1,
    "oldest": [
      {
        "recipient": "full@example.org",
        "sender": "alice@corp.example",
        "host": "vm",
        "qid": "6AUFnOhc001571",
        "received": "2026-11-30T14:38:00Z",
        "age_seconds": 1500,
        "attempts": 4,
        "relay": "smarthost.lab.example",
        "last_error": "Deferred: 452 4.2.2 <full@example.org>: Mailbox full"
      }
    ]
  },
  "bounces": {
    "total": 1,
    "reasons": [
      {"dsn": "5.1.1", "reason": "User unknown", "recipients": 1}
    ],
    "recipients": [
      {"text": "nobody@example.com", "count": 1}
    ],
    "senders": [
      {"text": "alice@corp.example", "count": 1}
    ]
  },
  "rejects": {
    "by_ruleset": [
      {"ruleset": "check_rcpt", "action": "reject", "count": 2},
      {"ruleset": "check_mail", "action": "tempfail", "count": 1}
    ],
    "reasons": [
      {"text": "550 5.7.1 <…>... Relaying denied", "count": 2}
    ],
    "clients": [
      {"text": "[192.0.2.9]", "count": 2}
    ],
    "sessions": [
      {"text": "lost_input_channel", "count": 2}
    ],
    "session_clients": [
      {"text": "localhost", "count": 2}
    ],
    "rejected_recipients": 0
  },
  "traffic": {
    "hours": [
      {"hour": "00", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "01", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "02", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "03", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "04", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "05", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "06", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "07", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "08", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "09", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "10", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "11", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "12", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "13", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "14", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "15", "received": 3, "delivered": 3, "deferred": 4, "bounced": 1},
      {"hour": "16", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "17", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "18", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "19", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "20", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "21", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "22", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0},
      {"hour": "23", "received": 0, "delivered": 0, "deferred": 0, "bounced": 0}
    ],
    "days": []
  },
  "top": {
    "senders_by_messages": {
      "distinct": 2,
      "entries": [
        {"key": "alice@corp.example", "messages": 2, "bytes": 234567},
        {"key": "bob", "messages": 1, "bytes": 1000000}
      ]
    },
    "recipient_domains_by_bytes": {
      "distinct": 1,
      "entries": [
        {"key": "example.org", "messages": 5, "bytes": 2469134}
      ]
    }
  },
  "tls": {
    "starttls": [
      {"side": "client", "version": "TLSv1.3", "verify": "FAIL", "count": 5}
    ],
    "auth": [
      {"side": "client", "mechanism": "(none)", "outcome": "success", "count": 4}
    ],
    "auth_failure_clients": []
  },
  "unrecognized": {
    "lines": 2,
    "sampled": 2,
    "shapes": [
      {"shape": "engine=(null), path=(null), ispre=#", "count": 2, "overcount": 0}
    ]
  }
}
"""#

    static let csvSummary = #"""
metric,value
input.lines,120
input.sendmail_lines,110
input.foreign_lines,8
input.unrecognized_lines,2
input.oversize_lines,0
totals.messages,3
totals.messages_without_recipients,0
totals.bytes,1234567
totals.recipients,6
totals.delivered,3
totals.bounced,1
totals.pending,1
totals.other,1
totals.discarded,1
totals.quarantined,0
totals.rejected_recipients,0
totals.relayed,0
totals.incomplete,0
totals.deferrals,4
totals.handoff_deferrals,2
totals.deferred_messages,2
totals.rejected,2
totals.tempfailed,1
totals.notices.total,2
totals.notices.dsn,1
totals.notices.return_to_sender,0
totals.notices.delay_warnings,1
totals.notices.sender_notify_other,0
totals.notices.postmaster,0
totals.system_errors,1
totals.session_events,2
"""#

    static let csvRelays = #"""
relay,delivered,deferrals,bounced,delay_count,delay_p50,delay_p90,delay_p95,delay_p99,delay_max,deferral_classes
smarthost.lab.example,2,4,1,3,1,65,65,65,65,connection_refused=3;mailbox_full=1
(local),1,0,0,1,0,0,0,0,0,
"""#

    static let csvQueue = #"""
domain,total,5m,10m,20m,40m,80m,160m,320m,640m,1280m,more,unknown_age
TOTAL,1,0,0,0,1,0,0,0,0,0,0,0
example.org,1,0,0,0,1,0,0,0,0,0,0,0
"""#

    static let csvRejects = #"""
list,key,action,count
ruleset,check_rcpt,reject,2
ruleset,check_mail,tempfail,1
reason,550 5.7.1 <…>... Relaying denied,reject,2
client,[192.0.2.9],reject,2
session,lost_input_channel,,2
session_client,localhost,,2
rejected_recipients,,,0
"""#

    static let csvUnrecognized = #"""
shape,count,overcount
"engine=(null), path=(null), ispre=#",2,0
"""#
}
