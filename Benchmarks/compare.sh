#!/usr/bin/env bash
# Time smlog side by side with its peers (sma, logwatch's sendmail service) and with the I/O floor
# (cat, wc -l, grep -c, gzip -dc) on large generated sendmail logs, plain and gzip-compressed.
#
# One command on a fresh Debian/Ubuntu machine: installs what is missing (sma, logwatch, time,
# hyperfine) with apt, builds smlog in release mode, generates the logs with generate-maillog.py
# into an ignored folder, runs every command once to warm up and check its output, then runs the
# commands in turn (alternating, so drifts of the machine hit all of them alike) and prints a
# markdown table of medians. See Benchmarks/README.md for what each column means.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: Benchmarks/compare.sh [options]

  --lines N[,N...]     log sizes in lines (default 1000000,5000000)
  --runs R             timed runs per command (default 5)
  --quick              smoke test: --lines 100000 --runs 2
  --seed S             generator seed (default 1)
  --data-dir DIR       where logs, outputs and results go (default Benchmarks/.data/compare)
  --slow-after SECS    a command whose warm-up took longer than this is timed only
                       --slow-runs times (default 120)
  --slow-runs R        (default 1)
  --logwatch-max-lines N
                       time logwatch only on logs of at most N lines (it takes about 90 s per
                       million lines; default: every size)
  --no-install         do not apt-get anything; skip what is missing
  --no-build           do not run 'swift build -c release' (use the existing .build/release/smlog)
  --no-smlog           leave smlog out (peers and floor only)
  --regen              regenerate the logs even if they exist
  --check              run the generator's --self-check on every generated log
  --hyperfine          also run hyperfine on the plain-file commands (exports markdown next to
                       the results)
  -h, --help           this text
EOF
}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LINES_LIST="1000000,5000000"
RUNS=5
SEED=1
DATA=""
SLOW_AFTER=120
SLOW_RUNS=1
INSTALL=1
BUILD=1
USE_SMLOG=1
REGEN=0
CHECK=0
HYPERFINE=0
LOGWATCH_MAX_LINES=""

while [ $# -gt 0 ]; do
    case "$1" in
        --lines) LINES_LIST=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --quick) LINES_LIST=100000; RUNS=2; shift ;;
        --seed) SEED=$2; shift 2 ;;
        --data-dir) DATA=$2; shift 2 ;;
        --slow-after) SLOW_AFTER=$2; shift 2 ;;
        --slow-runs) SLOW_RUNS=$2; shift 2 ;;
        --logwatch-max-lines) LOGWATCH_MAX_LINES=$2; shift 2 ;;
        --no-install) INSTALL=0; shift ;;
        --no-build) BUILD=0; shift ;;
        --no-smlog) USE_SMLOG=0; shift ;;
        --regen) REGEN=1; shift ;;
        --check) CHECK=1; shift ;;
        --hyperfine) HYPERFINE=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done
case "$RUNS" in ''|*[!0-9]*|0) echo "compare.sh: --runs must be a positive integer" >&2; exit 2 ;; esac

DATA=${DATA:-$ROOT/Benchmarks/.data/compare}
mkdir -p "$DATA/out"
DATA=$(cd "$DATA" && pwd)
OUT=$DATA/out
ERRLOG=$DATA/stderr.log
: > "$ERRLOG"
NOTES=()

say() { printf '%s\n' "$*" >&2; }
note() { NOTES+=("$*"); say "note: $*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else say "need root for: $*"; return 1
    fi
}

# ------------------------------------------------------------------ tools

LOGWATCH=$(command -v logwatch 2>/dev/null || echo /usr/sbin/logwatch)

install_tools() {
    local want=()
    command -v sma >/dev/null 2>&1 || want+=(sma)
    [ -x "$LOGWATCH" ] || want+=(logwatch)
    [ -x /usr/bin/time ] || want+=(time)
    command -v hyperfine >/dev/null 2>&1 || want+=(hyperfine)
    command -v gzip >/dev/null 2>&1 || want+=(gzip)
    command -v python3 >/dev/null 2>&1 || want+=(python3)
    [ ${#want[@]} -eq 0 ] && return 0
    if [ "$INSTALL" = 0 ]; then
        note "not installing (--no-install): ${want[*]}"
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        note "no apt-get: install ${want[*]} yourself"
        return 0
    fi
    say "installing: ${want[*]}"
    as_root apt-get update -qq
    local have=() p cand
    for p in "${want[@]}"; do
        cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/{print $2}')
        if [ -n "$cand" ] && [ "$cand" != "(none)" ]; then
            have+=("$p")
        else
            note "package $p is not available from apt on this machine"
        fi
    done
    # logwatch depends on an MTA: apt picks the distribution's default (exim4-daemon-light on Debian)
    # unless one is installed already.
    [ ${#have[@]} -gt 0 ] && as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${have[@]}" >&2
    LOGWATCH=$(command -v logwatch 2>/dev/null || echo /usr/sbin/logwatch)
}

install_tools
[ -x /usr/bin/time ] || { say "compare.sh: /usr/bin/time (GNU time) is required"; exit 1; }
command -v python3 >/dev/null 2>&1 || { say "compare.sh: python3 is required"; exit 1; }
HAVE_SMA=0; command -v sma >/dev/null 2>&1 && HAVE_SMA=1
HAVE_LOGWATCH=0; [ -x "$LOGWATCH" ] && HAVE_LOGWATCH=1
[ "$HAVE_SMA" = 1 ] || note "sma is missing: its rows are skipped"
[ "$HAVE_LOGWATCH" = 1 ] || note "logwatch is missing: its rows are skipped"
if [ "$HAVE_LOGWATCH" = 1 ]; then
    # logwatch also reads the logs under /var/log and /var/adm (it appends them to --logdir).
    for f in /var/log/mail.log /var/log/mail.log.0 /var/log/mail.log.1 /var/adm/mail.log; do
        [ -e "$f" ] && note "logwatch will also read $f: its figures include that file"
    done
    ls /var/log/mail.log.*.gz >/dev/null 2>&1 && note "logwatch will also read /var/log/mail.log.*.gz"
fi

# ------------------------------------------------------------------ smlog

SMLOG=${SMLOG:-$ROOT/.build/release/smlog}  # override to time another build
SMLOG_SUBS=""
if [ "$USE_SMLOG" = 1 ]; then
    if [ "$BUILD" = 1 ]; then
        say "building smlog (swift build -c release) ..."
        if ! (cd "$ROOT" && swift build -c release >"$DATA/build.log" 2>&1); then
            note "swift build -c release failed (see $DATA/build.log): smlog rows skipped"
            USE_SMLOG=0
        fi
    fi
    if [ "$USE_SMLOG" = 1 ] && [ ! -x "$SMLOG" ]; then
        note "no $SMLOG: smlog rows skipped"
        USE_SMLOG=0
    fi
fi
if [ "$USE_SMLOG" = 1 ]; then
    # Subcommands as swift-argument-parser lists them under SUBCOMMANDS: in --help.
    SMLOG_SUBS=$("$SMLOG" --help 2>/dev/null |
        awk '/^SUBCOMMANDS:/{f=1; next} f && /^[A-Z]/{f=0} f && /^[[:space:]]+[a-z]/{print $1}' |
        tr '\n' ' ' || true)
fi
smlog_has() { case " $SMLOG_SUBS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if [ "$USE_SMLOG" = 1 ]; then
    for sub in report records trace; do
        smlog_has "$sub" || note "smlog has no '$sub' subcommand yet (smlog --help): its rows are skipped"
    done
fi

# ------------------------------------------------------------------ machine facts

cpu_model=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
mem_gib=$(awk '/^MemTotal:/{printf "%.1f", $2/1048576}' /proc/meminfo 2>/dev/null || true)
os_name=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)
pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
swift_version=$(swift --version 2>/dev/null | head -1 || echo "?")
smlog_rev=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo "?")

# ------------------------------------------------------------------ timing

# run_once CMD: wall seconds (ns clock) in LAST_SECS, peak RSS (KiB) in LAST_RSS, user + system CPU
# seconds of the command and its children in LAST_CPU, exit status in LAST_RC.
run_once() {
    local tf t0 t1
    tf=$(mktemp)
    t0=$(date +%s%N)
    set +e
    /usr/bin/time -f '%M %U %S' -o "$tf" sh -c "$1" 2>>"$ERRLOG"
    LAST_RC=$?
    set -e
    t1=$(date +%s%N)
    LAST_SECS=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b - a) / 1e9}')
    LAST_RSS=$(tail -n 1 "$tf" | awk '{print $1}')
    LAST_CPU=$(tail -n 1 "$tf" | awk '{printf "%.3f", $2 + $3}')
    rm -f "$tf"
}

# The 1-minute load average, sampled before every timed command (the machine may be shared).
LOADS=""
sample_load() { LOADS="$LOADS $(cut -d' ' -f1 /proc/loadavg)"; }
load_range() { echo "$LOADS" | tr ' ' '\n' | awk 'NF{ if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1; s += $1; n++ }
    END{ if (n) printf "%.2f to %.2f (mean %.2f over %d samples)", min, max, s / n, n; else print "?" }'; }

median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{a[NR]=$1} END{if (NR==0) print ""; else if (NR%2) print a[(NR+1)/2]; else printf "%.4f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# ------------------------------------------------------------------ logs

GEN=$ROOT/Benchmarks/generate-maillog.py
RESULTS=$DATA/results-$(date -u +%Y%m%dT%H%M%SZ).md
{
    echo "# smlog vs peers: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Machine: $(nproc) CPUs, ${cpu_model:-unknown CPU}, ${mem_gib:-?} GiB RAM, $os_name, kernel $(uname -r)."
    echo "Tools: smlog $smlog_rev ($swift_version), sma $(pkg_version sma), logwatch $(pkg_version logwatch),"
    echo "gzip $(pkg_version gzip), coreutils $(pkg_version coreutils), grep $(pkg_version grep)."
    echo "Runs: $RUNS per command (alternating), medians; warm page cache (one untimed warm-up run each)."
    echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every row alike)."
    echo
} > "$RESULTS"

human() { awk -v n="$1" 'BEGIN{ if (n >= 1000000 && n % 1000000 == 0) printf "%dM", n/1000000; else if (n >= 1000 && n % 1000 == 0) printf "%dk", n/1000; else printf "%d", n }'; }

# The speed targets of the project (issue "Speed: benchmarks, the peers side by side, and the
# parallel .gz path"), checked on this size's medians. Reads MED, RSS and BYTES of the current size.
declare -A REPORT_RSS=()
targets_table() {
    local rp=${MED[smlog-report-plain]:-} rg=${MED[smlog-report-gz]:-} rcp=${MED[smlog-records-plain]:-}
    local cpu_rp=${MEDCPU[smlog-report-plain]:-} cpu_rcp=${MEDCPU[smlog-records-plain]:-}
    local sp=${MED[sma-plain]:-} lp=${MED[logwatch-plain]:-} gz=${MED[gunzip-gz]:-}
    [ -n "$rp$rg$rcp" ] || return 0
    echo "| target | measured | met |"
    echo "|---|---:|---|"
    awk -v rp="$rp" -v rg="$rg" -v rcp="$rcp" -v sp="$sp" -v lp="$lp" -v gz="$gz" -v bytes="$BYTES" \
        -v cpu_rp="$cpu_rp" -v cpu_rcp="$cpu_rcp" \
        -v rssp="${RSS[smlog-report-plain]:-}" -v rssg="${RSS[smlog-report-gz]:-}" 'function row(t, m, ok) {
            printf "| %s | %s | %s |\n", t, m, ok ? "yes" : "**no**" }
        BEGIN {
            if (rp != "") row("`smlog report` plain >= 500 MB/s", sprintf("%.0f MB/s (%s MB per CPU second)", bytes / rp / 1e6,
                cpu_rp > 0 ? sprintf("%.0f", bytes / cpu_rp / 1e6) : "?"), bytes / rp / 1e6 >= 500)
            if (rp != "" && sp != "") row("`smlog report` plain >= 15x faster than sma", sprintf("%.1fx", sp / rp), sp / rp >= 15)
            if (rp != "" && lp != "") row("`smlog report` plain >= 50x faster than logwatch", sprintf("%.0fx", lp / rp), lp / rp >= 50)
            if (rg != "" && gz != "") row("`smlog report` .gz <= 1.1x `gzip -dc > /dev/null`", sprintf("%.2fx", rg / gz), rg / gz <= 1.1)
            if (rcp != "") row("`smlog records` plain > 200 MB/s", sprintf("%.0f MB/s (%s MB per CPU second)", bytes / rcp / 1e6,
                cpu_rcp > 0 ? sprintf("%.0f", bytes / cpu_rcp / 1e6) : "?"), bytes / rcp / 1e6 > 200)
            if (rp != "" && rcp != "") row("`smlog report` <= 1.3x `smlog records > /dev/null` (plain)", sprintf("%.2fx", rp / rcp), rp / rcp <= 1.3)
            if (rssp != "") row("`smlog report` peak RSS <= 64 MiB (plain)", sprintf("%.1f MiB", rssp / 1024), rssp / 1024 <= 64)
            if (rssg != "") row("`smlog report` peak RSS <= 64 MiB (.gz)", sprintf("%.1f MiB", rssg / 1024), rssg / 1024 <= 64)
        }'
    echo
}

IFS=',' read -r -a SIZES <<< "$LINES_LIST"
for N in "${SIZES[@]}"; do
    case "$N" in ''|*[!0-9]*) say "compare.sh: bad --lines entry: $N"; exit 2 ;; esac
    tag=$(human "$N")
    LOG=$DATA/maillog-$tag-s$SEED.log
    GZ=$LOG.gz
    TRUTH=$LOG.truth.json
    if [ "$REGEN" = 1 ] || [ ! -s "$LOG" ] || [ ! -s "$GZ" ] || [ ! -s "$TRUTH" ]; then
        say "generating $N lines -> $LOG"
        args=(--lines "$N" --seed "$SEED" --format rfc3164 -o "$LOG" --truth "$TRUTH" -q)
        [ "$CHECK" = 1 ] && args+=(--self-check)
        python3 "$GEN" "${args[@]}"
        gzip -6 -c "$LOG" > "$GZ.tmp" && mv "$GZ.tmp" "$GZ"
    fi
    # A log file's modification time is its last write, and smlog dates RFC 3164 lines (which have no
    # year) from it: a line more than a day after the file's time belongs to the year before. A
    # freshly generated log would carry today's time while its lines run on for days (5M lines are
    # 4.5 days), so give both files the time of the log's last line, as a real rotated log has.
    python3 - "$TRUTH" "$LOG" "$GZ" <<'PY'
import datetime, json, os, sys
last = json.load(open(sys.argv[1]))["output"]["last"]
t = datetime.datetime.fromisoformat(last).timestamp()
for path in sys.argv[2:]:
    os.utime(path, (t, t))
PY
    BYTES=$(stat -c %s "$LOG")
    GZBYTES=$(stat -c %s "$GZ")
    LINES_REAL=$(wc -l < "$LOG")
    # A queue id worth tracing: a message deferred somewhere past the middle of the log.
    QID=$(awk -v half=$((LINES_REAL / 2)) 'NR > half && $5 ~ /^sendmail\[/ && / stat=Deferred/ && !/relay=\[127/ {sub(":", "", $6); print $6; exit}' "$LOG")
    [ -n "$QID" ] || QID=$(awk -v half=$((LINES_REAL / 2)) 'NR > half && / from=</ {sub(":", "", $6); print $6; exit}' "$LOG")

    # logwatch takes a directory: Debian's maillog group reads mail.log, and mail.log.*.gz as archives.
    LWP=$DATA/logwatch-$tag-plain; LWG=$DATA/logwatch-$tag-gz
    rm -rf "$LWP" "$LWG"; mkdir -p "$LWP" "$LWG"
    ln -s "$LOG" "$LWP/mail.log"
    ln -s "$GZ" "$LWG/mail.log.1.gz"
    LWARGS="--service sendmail --range All --detail High --output stdout"

    b=$(basename "$LOG"); g=$(basename "$GZ")
    IDS=(); declare -A LABEL=() CMD=() VERIFY=()
    add() {  # add ID KIND LABEL CMD VERIFY-PATTERN (KIND documents the row: smlog, peer, floor)
        IDS+=("$1"); LABEL[$1]=$3; CMD[$1]=$4; VERIFY[$1]=$5
    }
    if [ "$USE_SMLOG" = 1 ]; then
        for f in plain gz; do
            in=$LOG; ib=$b; [ $f = gz ] && { in=$GZ; ib=$g; }
            smlog_has report && add "smlog-report-$f" smlog "smlog report $ib > /dev/null" \
                "'$SMLOG' report '$in' > /dev/null" ""
            smlog_has records && add "smlog-records-$f" smlog "smlog records $ib > /dev/null" \
                "'$SMLOG' records '$in' > /dev/null" ""
            smlog_has trace && add "smlog-trace-$f" smlog "smlog trace $QID $ib" \
                "'$SMLOG' trace '$QID' '$in' > '$OUT/smlog-trace-$tag-$f.txt'" "$QID"
        done
    fi
    if [ "$HAVE_SMA" = 1 ]; then
        add sma-plain peer "sma -a -F -q $b" \
            "sma -a -F -q '$LOG' > '$OUT/sma-$tag-plain.txt'" "Outbound messages"
        add sma-gz peer "gzip -dc $g | sma -a -F -q" \
            "gzip -dc '$GZ' | sma -a -F -q > '$OUT/sma-$tag-gz.txt'" "Outbound messages"
    fi
    if [ "$HAVE_LOGWATCH" = 1 ] && [ -n "$LOGWATCH_MAX_LINES" ] && [ "$N" -gt "$LOGWATCH_MAX_LINES" ]; then
        note "$tag: logwatch not timed (--logwatch-max-lines $LOGWATCH_MAX_LINES)"
    elif [ "$HAVE_LOGWATCH" = 1 ]; then
        add logwatch-plain peer "logwatch --service sendmail --range All --detail High (mail.log = $b)" \
            "'$LOGWATCH' --logdir '$LWP' $LWARGS > '$OUT/logwatch-$tag-plain.txt' 2>&1" "Messages To Recipients"
        add logwatch-gz peer "logwatch --service sendmail --range All --detail High (mail.log.1.gz = $g)" \
            "'$LOGWATCH' --logdir '$LWG' $LWARGS > '$OUT/logwatch-$tag-gz.txt' 2>&1" "Messages To Recipients"
    fi
    # The floor. Outputs go to a file: GNU grep stops at the first match when stdout is /dev/null.
    add cat-plain floor "cat $b > /dev/null" "cat '$LOG' > /dev/null" ""
    add wc-plain floor "wc -l $b" "wc -l '$LOG' > '$OUT/wc-$tag.txt'" ""
    add grep-plain floor "grep -c sendmail $b" "grep -c sendmail '$LOG' > '$OUT/grep-$tag.txt'" ""
    add gunzip-gz floor "gzip -dc $g > /dev/null" "gzip -dc '$GZ' > /dev/null" ""

    declare -A TIMES=() CPUS=() RSS=() FAILED=() SLOW=()
    LOADS=""
    say "warm-up and output checks ($tag lines) ..."
    for id in "${IDS[@]}"; do
        run_once "${CMD[$id]}"
        if [ "$LAST_RC" != 0 ]; then
            FAILED[$id]="exit $LAST_RC"
            note "$tag: '${LABEL[$id]}' failed with exit status $LAST_RC (see $ERRLOG)"
            continue
        fi
        pat=${VERIFY[$id]}
        if [ -n "$pat" ]; then
            outf=$(printf '%s' "${CMD[$id]}" | sed -n "s/.*> '\([^']*\)'.*/\1/p")
            if [ -z "$outf" ] || [ ! -s "$outf" ] || ! grep -q -- "$pat" "$outf"; then
                FAILED[$id]="no report"
                note "$tag: '${LABEL[$id]}' produced no report (expected '$pat' in ${outf:-its output})"
                continue
            fi
        fi
        if awk -v s="$LAST_SECS" -v lim="$SLOW_AFTER" 'BEGIN{exit !(s > lim)}'; then
            SLOW[$id]=1
        fi
        say "  ${LABEL[$id]}: ${LAST_SECS}s"
    done
    for ((r = 1; r <= RUNS; r++)); do
        say "run $r/$RUNS ($tag lines) ..."
        for id in "${IDS[@]}"; do
            [ -n "${FAILED[$id]:-}" ] && continue
            [ -n "${SLOW[$id]:-}" ] && [ "$r" -gt "$SLOW_RUNS" ] && continue
            sample_load
            run_once "${CMD[$id]}"
            if [ "$LAST_RC" != 0 ]; then
                FAILED[$id]="exit $LAST_RC in run $r"
                continue
            fi
            TIMES[$id]="${TIMES[$id]:-} $LAST_SECS"
            CPUS[$id]="${CPUS[$id]:-} $LAST_CPU"
            if [ -z "${RSS[$id]:-}" ] || [ "$LAST_RSS" -gt "${RSS[$id]}" ]; then RSS[$id]=$LAST_RSS; fi
        done
    done

    declare -A MED=() MEDCPU=()
    for id in "${IDS[@]}"; do
        [ -n "${TIMES[$id]:-}" ] && MED[$id]=$(echo "${TIMES[$id]}" | median)
        [ -n "${CPUS[$id]:-}" ] && MEDCPU[$id]=$(echo "${CPUS[$id]}" | median)
    done
    sma_for() { [ "$1" = gz ] && echo "${MED[sma-gz]:-}" || echo "${MED[sma-plain]:-}"; }

    {
        echo "## $tag lines: $b ($(awk -v b="$BYTES" 'BEGIN{printf "%.1f MiB", b/1048576}'), $LINES_REAL lines; .gz $(awk -v b="$GZBYTES" 'BEGIN{printf "%.1f MiB", b/1048576}'))"
        echo
        echo "| command | median s | MB/s | vs sma | CPU s | peak RSS MiB | runs |"
        echo "|---|---:|---:|---:|---:|---:|---:|"
        for id in "${IDS[@]}"; do
            if [ -n "${FAILED[$id]:-}" ] && [ -z "${MED[$id]:-}" ]; then
                echo "| \`${LABEL[$id]//|/\\|}\` | failed (${FAILED[$id]}) | | | | | |"
                continue
            fi
            m=${MED[$id]:-}
            [ -n "$m" ] || continue
            f=plain; case "$id" in *-gz) f=gz ;; esac
            s=$(sma_for "$f")
            n=$(echo "${TIMES[$id]}" | wc -w)
            LBL="${LABEL[$id]//|/\\|}" awk -v m="$m" -v bytes="$BYTES" -v s="$s" -v rss="${RSS[$id]}" -v n="$n" \
                -v cpu="${MEDCPU[$id]:-}" 'BEGIN{
                label = ENVIRON["LBL"];
                ratio = (s == "" || s == 0) ? "" : sprintf("%.3f", m / s);
                printf "| `%s` | %.3f | %.0f | %s | %.2f | %.1f | %d |\n", label, m, bytes / m / 1e6, ratio, cpu, rss / 1024, n }'
        done
        echo
        echo "Trace target: $QID. MB/s = uncompressed log bytes / median seconds (also for .gz inputs);"
        echo "vs sma = median time / sma's median time on the same input kind (plain or .gz): below 1 is faster."
        echo "CPU s = median user + system seconds of the command and its children (all threads; less sensitive"
        echo "to other load on the machine than the wall-clock median)."
        echo "1-minute load average sampled before each timed command: $(load_range)."
        echo
        targets_table
        # What the peers counted, next to the generator's ground truth.
        if [ -s "$TRUTH" ]; then
            python3 - "$TRUTH" "$OUT/sma-$tag-plain.txt" "$OUT/logwatch-$tag-plain.txt" <<'PY'
import json, re, sys
truth = json.load(open(sys.argv[1]))["truth"]
def grab(path, pattern):
    try:
        m = re.search(pattern, open(path, errors="replace").read(), re.M)
        return m.group(1) if m else "?"
    except OSError:
        return "-"
sma, lw = sys.argv[2], sys.argv[3]
rows = [
    ("messages", truth["messages"], "Inbound Total " + grab(sma, r"^\s+Total\s+(\d+)\s+Total"),
     "Messages To Recipients " + grab(lw, r"Messages To Recipients:\s+(\d+)")),
    ("recipients", truth["recipients"], "-", "Addressed Recipients " + grab(lw, r"Addressed Recipients:\s+(\d+)")),
    ("delivered", truth["delivered"], "Outbound Sent " + grab(sma, r"Sent\s+(\d+)"), "-"),
    ("deferrals", truth["deferrals"], "Outbound Deferred " + grab(sma, r"Deferred\s+(\d+)"), "-"),
    ("bounced", truth["bounced"], "Outbound Other error " + grab(sma, r"Other error\s+(\d+)"), "-"),
    ("pending at end", truth["pending"], "-", "-"),
]
print("| generator truth | value | sma says | logwatch says |")
print("|---|---:|---|---|")
for name, value, s, l in rows:
    print(f"| {name} | {value} | {s} | {l} |")
print()
PY
        fi
    } | tee -a "$RESULTS"
    if [ -n "${RSS[smlog-report-plain]:-}" ]; then REPORT_RSS[$tag]=${RSS[smlog-report-plain]}; fi

    if [ "$HYPERFINE" = 1 ] && command -v hyperfine >/dev/null 2>&1; then
        hf=()
        for id in "${IDS[@]}"; do
            case "$id" in *-gz) continue ;; esac
            [ -n "${FAILED[$id]:-}" ] && continue
            [ -n "${SLOW[$id]:-}" ] && continue
            hf+=(--command-name "${LABEL[$id]}" "${CMD[$id]}")
        done
        if [ ${#hf[@]} -gt 0 ]; then
            say "hyperfine ($tag lines, plain file, slow commands left out) ..."
            hyperfine --warmup 1 --runs "$RUNS" --export-markdown "$DATA/hyperfine-$tag.md" "${hf[@]}" >&2
            { echo "hyperfine ($tag, plain): see $(basename "$DATA")/hyperfine-$tag.md"; echo; } >> "$RESULTS"
        fi
    fi
    unset LABEL CMD VERIFY TIMES CPUS RSS FAILED SLOW MED MEDCPU
done

if [ ${#REPORT_RSS[@]} -ge 2 ]; then
    # Memory must not grow with the log: the sizes' peak RSS within 10 % of each other.
    for t in "${!REPORT_RSS[@]}"; do echo "$t ${REPORT_RSS[$t]}"; done | awk '
        { kib[$1] = $2; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2; list = list sprintf("%s%s %.1f MiB", sep, $1, $2 / 1024); sep = ", " }
        END { printf "`smlog report` peak RSS across sizes (plain): %s; largest / smallest = %.2f: %s\n\n", list, max / min,
              (max / min <= 1.10) ? "within 10 %" : "**more than 10 % apart**" }' | tee -a "$RESULTS"
fi
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." | tee -a "$RESULTS"
echo | tee -a "$RESULTS"
if [ ${#NOTES[@]} -gt 0 ]; then
    { echo "Notes:"; for n in "${NOTES[@]}"; do echo "- $n"; done; echo; } | tee -a "$RESULTS"
fi
say "results: $RESULTS (outputs of each tool in $OUT)"
