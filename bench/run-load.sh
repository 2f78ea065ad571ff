#!/usr/bin/env bash
# The ChatOps load bench (BENCHMARKS.md, "ChatOps load (50 rooms × 20 users)"): builds the packaged
# app and the bench, then runs cd.chatrix.bench.load.ChatOpsLoadBench, which starts the test
# homeserver and the Semaphore simulator in its own JVM and the real bot as a separate process.
#
#   bench/run-load.sh [--no-build] [--split-cpus] [--rooms 50] [--users 20] [--commands 5] [--runs 3]
#                     [--max-in-flight 64] [--mix ping,help,status,projects,templates,info] [--keep]
#
# --no-build reuses app/target/chatrixcd.jar, app/target/lib and the installed modules as they are.
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
  echo "run-load: building the app and the bench (offline, no tests)..." >&2
  # install: the bench's class path below is resolved from the local repository.
  ./mvnw -q -o -B -pl app,bench -am install -Dmaven.test.skip=true -Dspotless.check.skip=true
fi

# The bench's classes are compiled here and copied aside: other builds in the tree must not be
# able to recompile them under the running bench.
./mvnw -q -o -B -pl bench compile -Dspotless.check.skip=true >&2
scratch="$(mktemp -d "${TMPDIR:-/tmp}/chatrixcd-load-run.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
cp -r bench/target/classes "$scratch/classes"
./mvnw -q -o -B -pl bench dependency:build-classpath -Dmdep.outputFile="$scratch/classpath" >&2

"${pin[@]}" "$JAVA_HOME/bin/java" -cp "$scratch/classes:$(cat "$scratch/classpath")" \
  cd.chatrix.bench.load.ChatOpsLoadBench --dist app/target --launcher ./chatrixcd "${args[@]}"
