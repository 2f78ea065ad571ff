#!/usr/bin/env bash
# The ChatOps load bench (BENCHMARKS.md, "ChatOps load (50 rooms × 20 users)"): builds the packaged
# app and the bench, then runs cd.chatrix.bench.load.ChatOpsLoadBench, which starts the test
# homeserver and the Semaphore simulator in its own JVM and the real bot as a separate process.
#
#   bench/run-load.sh [--no-build] [--split-cpus] [--rooms 50] [--users 20] [--commands 5] [--runs 3]
#                     [--max-in-flight 64] [--mix ping,help,status,projects,templates,info] [--keep]
#
# --no-build reuses app/target/chatrixcd.jar, app/target/lib and the last build's class path as they are
# (bench/target/jmh-run/java-classpath.txt, the copy bench/run-jmh.sh and bench/run-all.sh also use).
# --split-cpus runs the load generator on CPU 0 and the bot on CPU 1 (needs 2 CPUs and taskset), so
# the generator's work is not counted in the bot's processing time.
# The report goes to stdout, progress to stderr; the exit code is 1 when a command went unanswered
# or was answered twice.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 25}"

build=true
args=()
pin=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --split-cpus) pin=(taskset -c 0); export BENCH_BOT_CPUS=1 ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "run-load: building the app and the bench (offline, no tests, no install)..." >&2
  ./mvnw -q -o -B -pl app -am package -Dmaven.test.skip=true -Dspotless.check.skip=true >&2
  # One reactor build of bench and what it measures, then a private copy of this checkout's jars
  # and their class path (bench/target/jmh-run/java-classpath.txt): a build started meanwhile
  # cannot swap classes under the running bench. -l only lists the JMH benches.
  bench/run-jmh.sh -l >/dev/null
  # The bot runs with the launcher's flags and its AOT cache, as in production: train it for this jar.
  echo "run-load: training the launcher's start-up cache for this jar..." >&2
  CHATRIXCD_AOT=train ./chatrixcd -V >/dev/null
fi
classpath_file="$here/bench/target/jmh-run/java-classpath.txt"
if [ ! -f "$classpath_file" ]; then
  echo "run-load: no build to reuse ($classpath_file); run without --no-build first" >&2
  exit 2
fi

"${pin[@]}" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$(cat "$classpath_file")" \
  cd.chatrix.bench.load.ChatOpsLoadBench --dist app/target --launcher ./chatrixcd "${args[@]}"
