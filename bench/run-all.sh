#!/usr/bin/env bash
# Every process-level bench in one command, each figure printed beside its target (issue 13;
# BENCHMARKS.md has the results and how to read them):
#
#   bench/run-all.sh [--smoke] [--no-build] [--only startup,reaction,load,pg,jmh] [--split-cpus]
#
#   startup   StartupBench: launch → "is up", first sync, RSS when up and after idling (7 restarts)
#   reaction  ReactionBench: launch → first reply (5 restarts); reaction to !cd ping (200 pings);
#             then the same in an encrypted room, the person speaking from a device that encrypts
#             (reaction-e2ee)
#   load      ChatOpsLoadBench: 50 rooms × 20 people × 5 commands, 3 runs
#   pg        the PostgreSQL store beside SQLite: ReactionBench --store postgresql (reaction-pg;
#             with the SQLite reaction too when "reaction" is not also asked for), and
#             SemaphoreRateBench (semaphore-rate): task starts and status reads per second through
#             the bot, counted at the Semaphore simulator, both stores alternating, 5 runs each;
#             CommitCostBench (commit-cost): one transaction of each kind on each engine, no bot.
#             Starts its own throwaway PostgreSQL clusters (Debian's postgresql package).
#   jmh       the JMH micro-benchmarks (about 4 minutes; not in the default set, no targets)
#
# Default: startup, reaction, load, pg. --smoke runs each with tiny sizes to show the wiring works in
# about two minutes; its figures mean nothing. --split-cpus pins the load generator and the bot to
# separate CPUs (load bench only). Measure on a quiet machine: every figure is load-sensitive, and
# the load average is printed with each. Everything is built from this checkout into target/ (no
# `mvn install`), and the launcher's AOT cache is trained in the foreground first, as the start-up
# figures assume it (--smoke turns the cache off instead).
#
# Output: each bench's full report in bench/target/run-all/<bench>.txt, then a summary of every
# "[met]" / "[NOT MET]" / "[figure]" (no target) line. Exit code 1 when a bench failed (e.g. a load run with a command
# unanswered or answered twice), else 0, whether or not the targets were met.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"

smoke=false
build=true
only="startup,reaction,load,pg"
pin=()
load_pin=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    --only) only="$2"; shift ;;
    --split-cpus) pin=(taskset -c 0); load_pin=(env BENCH_BOT_CPUS=1) ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "run-all: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$only," == *",$1,"* ]]; }

out="$here/bench/target/run-all"
mkdir -p "$out"
rm -f "$out"/*.txt

if $build; then
  echo "run-all: building the packaged app and the benches (offline, no tests)..." >&2
  ./mvnw -q -o -B -pl app -am package -Dmaven.test.skip=true -Dspotless.check.skip=true
  # Builds bench and what it measures in one reactor and writes the class path (a private copy of
  # this checkout's jars); -l only lists the JMH benches.
  bench/run-jmh.sh -l >/dev/null
fi
classpath="$(cat "$here/bench/target/jmh-run/java-classpath.txt")"

if $smoke; then
  export CHATRIXCD_AOT=off
else
  echo "run-all: training the launcher's start-up cache for this jar..." >&2
  CHATRIXCD_AOT=train ./chatrixcd -V >/dev/null
fi

failed=()
# run <name> <command...>: the report to stdout and $out/<name>.txt, progress to stderr.
run() {
  local name="$1"; shift
  echo "run-all: $name (load average $(cut -d' ' -f1-3 /proc/loadavg))..." >&2
  if ! "$@" 2> >(sed "s/^/[$name] /" >&2) | tee "$out/$name.txt"; then
    failed+=("$name")
  fi
}
bench_java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath")

if wants startup; then
  if $smoke; then sizes=(--runs 1 --idle 2); else sizes=(--runs 7 --idle 30); fi
  run startup "${bench_java[@]}" cd.chatrix.bench.process.StartupBench "${sizes[@]}"
fi
if $smoke; then reaction_sizes=(--restarts 1 --warmup 2 --samples 10); else reaction_sizes=(); fi
if wants reaction || wants pg; then
  run reaction "${bench_java[@]}" cd.chatrix.bench.process.ReactionBench "${reaction_sizes[@]}"
fi
if wants reaction; then
  run reaction-e2ee "${bench_java[@]}" cd.chatrix.bench.process.ReactionBench \
    --room encrypted "${reaction_sizes[@]}"
fi
if wants pg; then
  run reaction-pg "${bench_java[@]}" cd.chatrix.bench.process.ReactionBench \
    --store postgresql "${reaction_sizes[@]}"
  if $smoke; then sizes=(--rooms 2 --starts 2 --reads 3 --runs 1 --warmup 1); else sizes=(); fi
  run semaphore-rate "${bench_java[@]}" cd.chatrix.bench.process.SemaphoreRateBench "${sizes[@]}"
  if $smoke; then sizes=(--seconds 1 --transactions 100 --runs 1); else sizes=(); fi
  run commit-cost "${bench_java[@]}" cd.chatrix.bench.process.CommitCostBench "${sizes[@]}"
fi
if wants load; then
  if $smoke; then sizes=(--rooms 2 --users 2 --commands 2 --runs 1); else sizes=(--runs 3); fi
  run load "${load_pin[@]}" "${pin[@]}" "${bench_java[@]}" cd.chatrix.bench.load.ChatOpsLoadBench \
    --dist app/target --launcher ./chatrixcd "${sizes[@]}"
fi
if wants jmh; then
  if $smoke; then sizes=(BotCommandBench.ping -f 1 -wi 1 -i 1 -w 1 -r 1); else sizes=(); fi
  run jmh env BENCH_NO_BUILD=1 bench/run-jmh.sh "${sizes[@]}"
fi

echo
echo "=== summary ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))$($smoke && echo ', SMOKE RUN: sizes too small to mean anything') ==="
for report in "$out"/*.txt; do
  [ -e "$report" ] || continue
  grep -h -E '^\s*\[(met|NOT MET|no figure|figure)' "$report" | sed "s/^ *//; s/^/$(basename "$report" .txt): /" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]} (see $out)"
  exit 1
fi
