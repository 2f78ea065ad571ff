#!/usr/bin/env bash
# Where a reply's time goes (issue 13 item 3; docs/bench/reaction.md): runs ReactionBench and, while
# its pings run, records every socket and store write of the bench JVM (test homeserver, Semaphore
# simulator, the person) and of the bot with `perf trace` (kernel timestamps, one clock for both
# processes), then splits each ping into steps with bench/reaction-budget.py.
#
#   bench/trace-reaction.sh [outdir] [--delay 25] [--seconds 8] [ReactionBench options...]
#
# Needs perf (root or perf_event_paranoid ≤ 1) and a built bench (bench/run-all.sh --only reaction
# builds it, or bench/run-jmh.sh -l). The trace slows both processes a little: read the steps as
# shares of a traced reply, and take the reply's own figure from an untraced ReactionBench run.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="${1:-$here/bench/target/trace-reaction}"
[ $# -gt 0 ] && shift
delay=25
seconds=8
while [ $# -gt 0 ]; do
  case "$1" in
    --delay) delay="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- --restarts 1 --warmup 300 --samples 400
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
mkdir -p "$out"
cd "$here"
classpath="$(cat bench/target/jmh-run/java-classpath.txt)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  cd.chatrix.bench.process.ReactionBench "$@" >"$out/bench.txt" 2>&1 &
bench=$!
until grep -q "restart 1:" "$out/bench.txt" 2>/dev/null; do
  kill -0 "$bench" 2>/dev/null || { cat "$out/bench.txt" >&2; exit 1; }
  sleep 0.2
done
bot=$(pgrep -n -f "chatrixcd\.jar -L") # not a background AOT training (chatrixcd.jar demo)
kill -0 "$bot"
echo "bench=$bench bot=$bot" >"$out/pids"
sleep "$delay" # the warm-up pings
for t in /proc/"$bot"/task/*; do echo "$(basename "$t") $(cat "$t/comm")"; done >"$out/bot-threads"
for t in /proc/"$bench"/task/*; do echo "$(basename "$t") $(cat "$t/comm")"; done >"$out/bench-threads"
cut -d' ' -f1-3 /proc/loadavg >"$out/load"
timeout -s INT "$seconds" perf trace -p "$bench,$bot" --no-inherit -o "$out/trace.txt" \
  -e read,write,readv,writev,recvfrom,sendto,connect,pwrite64,pread64,fdatasync,fsync 2>"$out/perf.err" || true
wait "$bench" || true
tail -n 6 "$out/bench.txt"
echo "load average during the trace: $(cat "$out/load")"
python3 "$here/bench/reaction-budget.py" "$out"
