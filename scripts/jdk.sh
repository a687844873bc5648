# Finds a JDK 21 or newer and exports JAVA_HOME to it. Sourced by ./noesis and ./build.
#
# Many machines have an older default `java` with a newer JDK installed beside it, so
# this looks beyond PATH: JAVA_HOME first, then `java` on PATH, then the usual install
# folders, taking the newest JDK found there. With none, it prints one line saying what
# to install and exits with status 2.

noesis_min_java=21

# Prints the major version of the JDK at $1, or nothing when $1 is not a JDK.
noesis_jdk_major() {
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  v=${v#1.}              # 1.8.0_x -> 8.0_x
  echo "${v%%[.+-]*}"
}

noesis_find_jdk() {
  local candidates=() best="" best_major=0 major home
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    # Resolve symlinks such as /usr/bin/java -> /usr/lib/jvm/<jdk>/bin/java.
    home=$(readlink -f "$(command -v java)" 2>/dev/null) && candidates+=("${home%/bin/java}")
  fi
  # The first of JAVA_HOME and PATH that is recent enough wins: the user chose it.
  for home in "${candidates[@]}"; do
    major=$(noesis_jdk_major "$home")
    if [ -n "$major" ] && [ "$major" -ge "$noesis_min_java" ] 2>/dev/null; then
      export JAVA_HOME=$home
      return 0
    fi
  done
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/mise/installs/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    major=$(noesis_jdk_major "$home")
    if [ -n "$major" ] && [ "$major" -ge "$noesis_min_java" ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best=$home
      best_major=$major
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME=$best
    return 0
  fi
  local seen=""
  for home in "${candidates[@]}"; do
    major=$(noesis_jdk_major "$home")
    [ -n "$major" ] && seen=" (found Java $major at $home)"
  done
  echo "noesis: needs a JDK $noesis_min_java or newer$seen; install one (for example Temurin 21 or 25) or set JAVA_HOME to it." >&2
  exit 2
}

# The flags every Noesis JVM needs; the same set is in the parent pom for tests.
noesis_jvm_flags() {
  local flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
    -Dai.djl.offline=true -DOPT_OUT_TRACKING=true)
  if [ "$(noesis_jdk_major "$JAVA_HOME")" -ge 23 ]; then
    flags+=(--sun-misc-unsafe-memory-access=allow)
  fi
  printf '%s\n' "${flags[@]}"
}

# Succeeds when the noesis command line "$@" may load an in-process model, which needs the
# Vector API. It is an incubator module, and the JVM announces one on stderr at every start
# ("WARNING: Using incubator modules"), so commands that never load a model go without it.
noesis_command_needs_vector() {
  local arg
  for arg in "$@"; do
    case "$arg" in
      -*) continue ;;
      ingest | index | search | memory | pipelines | help) return 1 ;;
      *) return 0 ;;
    esac
  done
  return 1 # no command: the help
}
