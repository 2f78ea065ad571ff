#!/usr/bin/env bash
# Builds the bench module (and the modules it measures) and runs JMH on it, without a shaded jar:
#   bench/run-jmh.sh                          # every benchmark with the settings in its annotations
#   bench/run-jmh.sh BotCommandBench -f 1     # a regex of benchmarks, then any JMH options
#   bench/run-jmh.sh -l                       # list them
# JMH options: -f forks, -wi/-i warm-up/measured iterations, -w/-r their time, -p name=v1,v2,
# -rf json -rff file. BENCH_NO_BUILD=1 re-runs the last build's copy without building again.
# BENCHMARKS.md has the figures and the command that produced them.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
work="$here/bench/target/jmh-run"
mkdir -p "$work"

if [ "${BENCH_NO_BUILD:-}" = 1 ] && [ -f "$work/java-classpath.txt" ]; then
  exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$(cat "$work/java-classpath.txt")" \
    org.openjdk.jmh.Main "$@"
fi

# One reactor build, so bot, crypto, matrix... come from this checkout and not from ~/.m2. Every
# module writes the classpath file in turn; bench is built last, so its classpath is what stays.
(cd "$here" && ./mvnw -q -o -B -Dmaven.test.skip=true -Dspotless.check.skip=true -pl bench -am \
  package dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime)

# Run from a private copy of this checkout's jars: a build started meanwhile (another shell, the
# launcher) rewrites target/ and must not pull classes from under a running fork.
snapshot="$work/lib"
rm -rf "$snapshot" && mkdir -p "$snapshot"
cp "$here/bench/target/bench-"*.jar "$snapshot/"
classpath="$snapshot/$(basename "$here/bench/target/bench-"*.jar)"
IFS=: read -r -a entries <"$work/classpath.txt" || true # no newline at the end
for entry in "${entries[@]}"; do
  if [[ "$entry" == "$here"/* ]]; then
    cp "$entry" "$snapshot/" && entry="$snapshot/$(basename "$entry")"
  fi
  classpath="$classpath:$entry"
done

printf '%s' "$classpath" >"$work/java-classpath.txt"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$classpath" \
  org.openjdk.jmh.Main "$@"
