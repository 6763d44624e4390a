# Shared by ops/sandbox and ops/bench (source it, then call ops_launch): builds the repository when the
# apps or the ops tools are missing or older than their sources, then replaces this shell with the JVM
# so that Ctrl-C and SIGTERM reach it directly and its shutdown hook stops every child process.
#
# CELLBET_SKIP_BUILD=1 skips the build check.

ops_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ops_stamp="$ops_root/ops/target/.ops-build-stamp"

ops_needs_build() {
  local required=(
    "$ops_root/control-plane/target/quarkus-app/quarkus-run.jar"
    "$ops_root/cell/target/quarkus-app/quarkus-run.jar"
    "$ops_root/ops/target/classes"
    "$ops_root/ops/target/lib"
  )
  local path
  for path in "${required[@]}"; do
    [[ -e "$path" ]] || { echo "ops: $path is missing" >&2; return 0; }
  done
  # A source or build file newer than the app jars (and than the last build made by these scripts, which also
  # covers ops/src) means a rebuild.
  local oldest_jar="$ops_root/control-plane/target/quarkus-app/quarkus-run.jar"
  [[ "$ops_root/cell/target/quarkus-app/quarkus-run.jar" -ot "$oldest_jar" ]] \
    && oldest_jar="$ops_root/cell/target/quarkus-app/quarkus-run.jar"
  local newer_than=(-newer "$oldest_jar")
  [[ -e "$ops_stamp" ]] && newer_than+=(-newer "$ops_stamp")
  local newer
  newer="$(cd "$ops_root" && find pom.xml modules cell control-plane ops/pom.xml ops/src \
    -name target -prune -o -type f "${newer_than[@]}" -print -quit 2>/dev/null)"
  if [[ -n "$newer" ]]; then
    echo "ops: $newer changed since the last build" >&2
    return 0
  fi
  return 1
}

ops_launch() {
  local main_class="$1"
  shift
  if [[ "${CELLBET_SKIP_BUILD:-0}" != "1" ]] && ops_needs_build; then
    echo "ops: building (./mvnw -B -q package -DskipTests)..." >&2
    # The stamp is taken before the build so that edits made during it trigger the next one.
    local stamp_next="$ops_stamp.next"
    mkdir -p "$ops_root/ops/target"
    touch "$stamp_next"
    (cd "$ops_root" && ./mvnw -B -q package -DskipTests) || { echo "ops: build failed" >&2; exit 1; }
    mv "$stamp_next" "$ops_stamp"
  fi
  # One socket per websocket client (ops/bench feed opens 10,000): take the hard limit of open files as the soft
  # one; the apps started from here inherit it.
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  local java="java"
  [[ -n "${JAVA_HOME:-}" ]] && java="$JAVA_HOME/bin/java"
  exec "$java" ${CELLBET_OPS_JAVA_OPTS:-} -Dcellbet.repository.root="$ops_root" \
    -cp "$ops_root/ops/target/classes:$ops_root/ops/target/lib/*" "$main_class" "$@"
}
