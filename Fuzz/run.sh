#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer on) and runs them.
#
#   Fuzz/run.sh [SECONDS] [TARGET…]     default: 600 seconds each, ParserFuzz and CorrelatorFuzz
#
# Each target starts from the committed seeds (Fuzz/corpus/seeds/, made from Samples/ by
# make-seeds.py) and grows its own working corpus in Fuzz/corpus/TARGET/ (not committed).
# A crash, leak or timeout is written to Fuzz/artifacts/TARGET/ and ends the run with a
# non-zero status; replay it with `.build/release/TARGET Fuzz/artifacts/TARGET/crash-…`.
# Extra libFuzzer flags can be given in FUZZ_FLAGS (e.g. FUZZ_FLAGS="-jobs=2 -workers=2").
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(ParserFuzz CorrelatorFuzz)

swift build -c release -Xswiftc -sanitize=fuzzer,address
bin="$(swift build -c release -Xswiftc -sanitize=fuzzer,address --show-bin-path)"

status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target" "artifacts/$target"
    echo "== $target for ${seconds}s"
    # -max_len: well past a long sendmail line; -rss_limit_mb: a memory blow-up is a finding.
    "$bin/$target" "corpus/$target" corpus/seeds \
        -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="artifacts/$target/" -print_final_stats=1 ${FUZZ_FLAGS:-} || status=$?
done
exit $status
