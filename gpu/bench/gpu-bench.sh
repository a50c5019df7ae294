#!/usr/bin/env bash
# The GPU measurement on a lent device (docs/gpu.md): one H100/H200, 16 cores, no Java there, CuPy installed.
# Prepare here first (a jlinked runtime and the jars, < 64 MiB together):
#     gpu/bench/gpu-bench.sh prepare            # -> gpu/bench/target/{runtime,lib}
# then on the device, from the repository root (carry gpu/bench/target):
#     gpu/bench/gpu-bench.sh run [EVENTS]       # default 1e8; results in $OUT (or gpu/bench/target):
#                                               # device-tests.md (the parity tests), gpu-bench.md, device.txt
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
    # the device checks: gpu's test classes, the reference cases they read, JUnit and Jackson
    mkdir -p "$target/tests/data" "$target/tests/reference" "$target/tests/org/manta/core/io" "$target/testlib"
    cp -r "$root"/gpu/target/test-classes/. "$target/tests/"
    cp "$root"/core/target/test-classes/org/manta/core/io/Refs*.class "$target/tests/org/manta/core/io/"
    cp "$root"/core/target/test-classes/data/monol_testA.evt "$target/tests/data/"
    cp "$root"/core/target/test-classes/reference/aps_monolA_dt1-128_seg64_leahy.json \
       "$root"/core/target/test-classes/reference/acs_monolA_E0-10_vs_E10-100_dt1-128_seg64_frac.json \
       "$target/tests/reference/"
    (cd "$root" && ./mvnw -B -q -pl gpu dependency:copy-dependencies -DincludeScope=test \
        -DexcludeGroupIds=org.manta -DoutputDirectory="$target/testlib")
    for j in "$target"/lib/*.jar; do rm -f "$target/testlib/$(basename "$j")"; done
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
    # correctness first: GPU partials against CPU partials (named tolerances), the probe, the PTX
    (cd "$root/gpu" && "$target/runtime/bin/java" --enable-native-access=ALL-UNNAMED \
        -cp "$target/tests:$target/lib/*:$target/testlib/*" org.manta.gpu.DeviceChecks "$out/device-tests.md") || true
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
