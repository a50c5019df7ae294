#!/usr/bin/env bash
# The GPU measurement on a lent device (docs/gpu.md): one H100/H200, 16 cores, no Java there, CuPy installed.
# Prepare here first (a jlinked runtime and the jars, < 64 MiB together):
#     gpu/bench/gpu-bench.sh prepare            # -> gpu/bench/target/{runtime,lib}
# then on the device, from the repository root (carry gpu/bench/target):
#     gpu/bench/gpu-bench.sh run [EVENTS]       # default 1e8; results in $OUT/gpu-bench.md (or gpu/bench/target)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$here/target"

case "${1:-}" in
  prepare)
    (cd "$root" && ./mvnw -B -q -DskipTests -pl gpu -am package)
    rm -rf "$target" && mkdir -p "$target/lib"
    cp "$root"/gpu/target/manta-gpu-*.jar "$root"/core/target/manta-core-*.jar "$target/lib/"
    rm -f "$target"/lib/*-tests.jar
    (cd "$root" && ./mvnw -B -q -pl core dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$target/lib")
    # a JDK 22+ (the gpu module's release): JAVA_HOME, else the newest Temurin
    jdk="${JAVA_HOME:-$(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V | tail -n 1)}"
    "$jdk/bin/jlink" --add-modules java.base,java.logging,java.xml,java.management,jdk.unsupported \
        --strip-debug --no-header-files --no-man-pages --compress=zip-9 --output "$target/runtime"
    du -sh "$target"
    ;;
  run)
    events="${2:-1e8}"
    out="${OUT:-$target}"
    work="$(mktemp -d)"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$out/device.txt" || true
    "$target/runtime/bin/java" --enable-native-access=ALL-UNNAMED -Xmx16g -XX:+UseParallelGC \
        -cp "$target/lib/*" org.manta.gpu.bench.GpuBench "$work" "$events" "$out/gpu-bench.md"
    python3 "$here/cupy_fft.py" "$work/counts.f64" 262144 | tee -a "$out/gpu-bench.md"
    rm -rf "$work"
    ;;
  *)
    echo "usage: $0 prepare | run [EVENTS]" >&2
    exit 2
    ;;
esac
