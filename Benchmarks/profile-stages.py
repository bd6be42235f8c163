#!/usr/bin/env python3
"""Where smlog's time goes, stage by stage, in instructions per input line.

Runs `smlog report` and `smlog records` (plain log) and `smlog report` (.gz) under
valgrind's callgrind on a generated log (100k lines by default), then splits each run's
instruction count into the pipeline's stages from the inclusive costs of the functions that
bound them. Instruction counts do not depend on the machine's load, so the figures are
comparable from run to run (unlike wall-clock times on a shared machine).

    Benchmarks/profile-stages.py                 # build smlog (release), profile, print a table
    Benchmarks/profile-stages.py --no-build --lines 100000 --keep

Needs valgrind (callgrind, callgrind_annotate) and python3. Takes about a minute per 100k
lines and command.

Stages (how each is computed from inclusive costs, `incl(f)`). Line framing and the syslog
header's common path are inlined into their callers, so they are reported together with them:
  framing + CLI glue  incl(Pipeline.run) - what it calls into the stages: the line framer, line
              counters, duplicate filter, host tracker, time range
  parse       incl(LogLineParser.parse) - incl(the closure it hands parsed lines to): syslog
              header and sendmail message
  correlate   incl(Correlator.consume) + incl(Correlator.finish) - what their event sink costs
  analyze     incl(ReportBuilder's sink methods, .addUnrecognized, .finish)  (report)
  render      incl(TextRenderer.render)                                 (report)
  write       the records command's event sink (RecordWriter + output buffer)  (records)
  inflate     incl(zlib inflate), on the helper thread                  (.gz)
  rest        total - the above: process start, dynamic linking, argument parsing, exit
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Mangled-name patterns (Swift 6.3) of the functions that bound the stages.
PATTERNS = {
    # Pipeline.run, specialized for the command's event sink (not its per-line closures).
    "pipelineRun": r"^\$s8SmlogCLI8PipelineV3run10correlator6detail6events.*CorrelatedEventSinkRzlF(?!ySWXEfU_)",
    "parse": r"^\$s10SmlogParse13LogLineParserV5parseyAA0D5ClassOSW_yAA06ParsedD0VzXEtF$",
    "parsedClosure": r"^\$s8SmlogCLI8PipelineV3run.*ParsedLineVzXEfU_",
    "consume": r"^\$s14SmlogCorrelate10CorrelatorV7consume_4into",
    "correlatorFinish": r"^\$s14SmlogCorrelate10CorrelatorV6finish4into",
    # The report builder's CorrelatedEventSink methods (their witness thunks), summed.
    "builderEvents": r"^\$s12SmlogAnalyze13ReportBuilderV0A9Correlate19CorrelatedEventSinkAadEP.*FTW$",
    "builderAddUnrecognized": r"^\$s12SmlogAnalyze13ReportBuilderV15addUnrecognized",
    "builderFinish": r"^\$s12SmlogAnalyze13ReportBuilderV6finish",
    "textRender": r"^\$s11SmlogRender12TextRendererV6render",
    # The records command's sink: RecordOutput.record (its witness thunk).
    "recordsEmit": r"^\$s8SmlogCLI12RecordOutput.*CorrelatedEventSink.*6record.*FTW$",
    "inflate": r"^inflate$",
}
# Stage bounds that are several functions: their inclusive costs are added.
SUMMED = {"builderEvents"}

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*)$")


def inclusive_costs(out_file):
    """Largest inclusive cost per function symbol (callgrind_annotate splits a function's
    entries by source file when code from other files is inlined into it)."""
    text = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", out_file],
        check=True, capture_output=True, text=True).stdout
    total = 0
    costs = {}
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        value = int(m.group(1).replace(",", ""))
        rest = m.group(2)
        if rest.startswith("PROGRAM TOTALS"):
            total = value
            continue
        rest = re.sub(r"\s+\[[^\]]*\]\s*$", "", rest)  # the object file
        symbol = rest.rsplit(":", 1)[-1].strip()
        if value > costs.get(symbol, 0):
            costs[symbol] = value
    return total, costs


def pick(costs, name):
    pattern = re.compile(PATTERNS[name])
    values = [v for s, v in costs.items() if pattern.search(s)]
    if name in SUMMED:
        return sum(values)
    return max(values, default=0)


def stages(total, costs, command):
    g = {name: pick(costs, name) for name in PATTERNS}
    # Several closures can match a loose pattern; the stage boundaries are the largest of each.
    rows = []
    parse = g["parse"] - g["parsedClosure"]
    correlate_all = g["consume"] + g["correlatorFinish"]
    glue = (g["pipelineRun"] - g["parse"] - g["builderAddUnrecognized"]) + (g["parsedClosure"] - g["consume"])
    rows.append(("framing + CLI per-line glue (counters, duplicate filter, host tracker)", glue))
    rows.append(("parse: syslog header + sendmail message", parse))
    if command == "records":
        emitted = g["recordsEmit"]
    else:
        emitted = g["builderEvents"]
    rows.append(("correlate", correlate_all - emitted))
    if command == "report":
        rows.append(("analyze (ReportBuilder add/finish)",
                     g["builderEvents"] + g["builderAddUnrecognized"] + g["builderFinish"]))
        rows.append(("render (text)", g["textRender"]))
    else:
        rows.append(("write records (RecordWriter NDJSON)", g["recordsEmit"]))
    if g["inflate"]:
        rows.append(("inflate (zlib, helper thread)", g["inflate"]))
    rows.append(("rest: start-up, argument parsing, exit", total - sum(v for _, v in rows)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=100000, help="log size in lines (100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--smlog", default=os.path.join(ROOT, ".build/release/smlog"))
    ap.add_argument("--no-build", action="store_true", help="do not run swift build -c release")
    ap.add_argument("--keep", action="store_true", help="keep the callgrind.out files (printed)")
    args = ap.parse_args()

    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    data = os.path.join(ROOT, "Benchmarks/.data/compare")
    os.makedirs(data, exist_ok=True)
    tag = f"{args.lines // 1000000}M" if args.lines % 1000000 == 0 else (
        f"{args.lines // 1000}k" if args.lines % 1000 == 0 else str(args.lines))
    log = os.path.join(data, f"maillog-{tag}-s{args.seed}.log")
    if not (os.path.exists(log) and os.path.exists(log + ".gz")):
        print(f"generating {log}", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/generate-maillog.py"),
                        "--lines", str(args.lines), "--seed", str(args.seed), "--format", "rfc3164",
                        "-o", log, "--truth", log + ".truth.json", "-q"], check=True)
        with open(log + ".gz", "wb") as gz:
            subprocess.run(["gzip", "-6", "-c", log], stdout=gz, check=True)
    # smlog dates RFC 3164 lines from the file's modification time: give the log the time of its
    # last line, as a real log has (see compare.sh).
    with open(log + ".truth.json") as f:
        last = datetime.datetime.fromisoformat(json.load(f)["output"]["last"]).timestamp()
    for path in (log, log + ".gz"):
        os.utime(path, (last, last))
    with open(log, "rb") as f:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))

    runs = [("report", log, "smlog report (plain)"), ("records", log, "smlog records (plain)"),
            ("report", log + ".gz", "smlog report (.gz)")]
    outdir = tempfile.mkdtemp(prefix="smlog-callgrind-")
    env = dict(os.environ, TZ="UTC")
    results = []
    for command, path, label in runs:
        out = os.path.join(outdir, f"callgrind.{command}.{os.path.basename(path)}.out")
        print(f"callgrind: {label} ...", file=sys.stderr)
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        args.smlog, command, path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False, env=env)
        total, costs = inclusive_costs(out)
        results.append((label, total, stages(total, costs, command)))
        if not args.keep:
            os.remove(out)

    print(f"Instructions per input line (callgrind, {lines} lines: {os.path.basename(log)}):\n")
    for label, total, rows in results:
        print(f"{label}: {total / lines:,.0f} instructions per line in all ({total:,})\n")
        print("| stage | instructions per line | share |")
        print("|---|---:|---:|")
        for name, value in rows:
            print(f"| {name} | {value / lines:,.0f} | {100 * value / total:.1f} % |")
        print()
    if args.keep:
        print(f"callgrind files: {outdir}", file=sys.stderr)
    else:
        os.rmdir(outdir)


if __name__ == "__main__":
    main()
