# Sourced by ./mvnw and .ci/run (POSIX sh): makes JAVA_HOME a JDK >= 21. Keeps a JAVA_HOME that already
# is one; otherwise looks in /usr/lib/jvm (Temurin first), /opt, and at javac on PATH; fails with a clear
# message when there is none. (The default java on our machines is 17, which cannot build Manta.)
manta_java_major() {
  "$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1 | sed 's/^1\.//; s/[.+-].*//'
}

manta_is_jdk21() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  manta_m=$(manta_java_major "$1/bin/java")
  [ -n "$manta_m" ] && [ "$manta_m" -ge 21 ] 2>/dev/null
}

if ! manta_is_jdk21 "${JAVA_HOME-}"; then
  manta_found=""
  manta_noglob=""
  case $- in *f*) manta_noglob=1 ;; esac
  set +f
  for manta_d in /usr/lib/jvm/*temurin* /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    if manta_is_jdk21 "$manta_d"; then manta_found=$manta_d; break; fi
  done
  [ -z "$manta_noglob" ] || set -f
  if [ -z "$manta_found" ] && command -v javac >/dev/null 2>&1; then
    manta_d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if manta_is_jdk21 "$manta_d"; then manta_found=$manta_d; fi
  fi
  if [ -z "$manta_found" ]; then
    echo "Manta needs a JDK 21 or newer to build; found none (JAVA_HOME=${JAVA_HOME-unset}; looked in /usr/lib/jvm, /opt and at javac on PATH). Install one (e.g. Temurin 25) and set JAVA_HOME." >&2
    exit 1
  fi
  JAVA_HOME=$manta_found
  export JAVA_HOME
fi
