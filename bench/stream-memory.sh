#!/usr/bin/env bash
# stream-memory.sh checks that the CLI's batch mode streams: it pipes SIZE
# (default 1G) of generated JSON Lines into
#   tweetlen --input jsonl --format json -
# and fails if the CLI's peak resident memory exceeds LIMIT_MB (default 100).
# Not run in CI (it takes about a minute); see bench/README.md.
#
# Usage (from anywhere in the repository):
#   bench/stream-memory.sh [SIZE]          SIZE like 1G, 200M, 5000K
# Environment:
#   LIMIT_MB=100                           peak RSS limit in MB (1024² bytes)
#   TWEETLEN_ARGS="--input jsonl --format json -"   CLI arguments
#   MEASURE=time|proc                      force /usr/bin/time -v or /proc polling
#   TWEETLEN_BIN=path                      use this binary instead of building ./cmd/tweetlen
#
# Exit status: 0 within the limit, 1 over it (or a wrong line count), 2 when
# something could not be built or run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE=${1:-1G}
LIMIT_MB=${LIMIT_MB:-100}
ARGS=${TWEETLEN_ARGS:---input jsonl --format json -}
MEASURE=${MEASURE:-}
if [[ -z $MEASURE ]]; then
  if /usr/bin/time -v true >/dev/null 2>&1; then MEASURE=time; else MEASURE=proc; fi
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tweetlen-stream.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [[ -n ${TWEETLEN_BIN:-} ]]; then
  ln -s "$(command -v "$TWEETLEN_BIN")" "$tmp/tweetlen"
elif ! go build -o "$tmp/tweetlen" ./cmd/tweetlen 2>"$tmp/build.log"; then
  echo "stream-memory: the CLI does not build:" >&2
  tail -n 8 "$tmp/build.log" >&2
  exit 2
fi
go build -o "$tmp/genjsonl" ./bench/genjsonl || exit 2

echo "stream-memory: $SIZE of JSON Lines into: tweetlen $ARGS (limit ${LIMIT_MB} MB, measured with $MEASURE)"
start=$(date +%s.%N)
rc=0
if [[ $MEASURE == time ]]; then
  # shellcheck disable=SC2086 # ARGS is a list of words
  set +e
  "$tmp/genjsonl" -bytes "$SIZE" 2>"$tmp/gen.log" \
    | /usr/bin/time -v -o "$tmp/time.log" "$tmp/tweetlen" $ARGS 2>"$tmp/cli.log" \
    | wc -l >"$tmp/lines"
  st=("${PIPESTATUS[@]}")
  set -e
  rc=${st[1]}
  if [[ ${st[0]} -ne 0 || ${st[2]} -ne 0 ]]; then rc=2; fi
  peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.log")
else
  # Poll VmHWM (the kernel's peak RSS) of the CLI until it exits.
  # shellcheck disable=SC2086
  "$tmp/tweetlen" $ARGS < <("$tmp/genjsonl" -bytes "$SIZE" 2>"$tmp/gen.log") \
    > >(wc -l >"$tmp/lines") 2>"$tmp/cli.log" &
  pid=$!
  peak_kb=0
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    if [[ -n $hwm && $hwm -gt $peak_kb ]]; then peak_kb=$hwm; fi
    sleep 0.05
  done
  wait "$pid" || rc=$?
  sleep 0.2 # let wc finish
fi
end=$(date +%s.%N)

# Exit status 1 is the CLI's documented "some post is invalid".
if [[ $rc -ne 0 && $rc -ne 1 ]]; then
  echo "stream-memory: the pipeline failed (exit $rc); CLI stderr:" >&2
  tail -n 8 "$tmp/cli.log" >&2
  exit 2
fi
want=$(awk '{print $2}' "$tmp/gen.log")
bytes=$(awk '{print $4}' "$tmp/gen.log")
got=$(tr -d ' ' <"$tmp/lines")
secs=$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')
peak_mb=$(( peak_kb / 1024 ))
printf 'input:    %s lines, %s bytes\n' "$want" "$bytes"
printf 'output:   %s lines\n' "$got"
printf 'time:     %.1f s (%.0f MB/s including generation)\n' "$secs" "$(awk -v b="$bytes" -v s="$secs" 'BEGIN {print b / 1e6 / s}')"
printf 'peak RSS: %d MB (%d kB), limit %d MB\n' "$peak_mb" "$peak_kb" "$LIMIT_MB"
status=0
if [[ $got != "$want" ]]; then
  echo "FAIL: $got output lines for $want input lines"
  status=1
fi
if (( peak_kb > LIMIT_MB * 1024 )); then
  echo "FAIL: peak RSS ${peak_mb} MB exceeds ${LIMIT_MB} MB: the CLI does not stream"
  status=1
fi
if (( status == 0 )); then echo "PASS"; fi
exit $status
