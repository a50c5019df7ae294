#!/usr/bin/env bash
# The root filesystem of the services' base image (docs/stack.md §3.8, docs/deploy.md): a jlinked JRE of
# the building JDK at /opt/java, the host's glibc and C++ runtime that it and the Kafka clients' native
# libraries (zstd, RocksDB) need, /tmp, and the non-root user manta (10001) that the containers run as.
# Jib puts it over `scratch`, so no registry is needed for a base image. Run by `./mvnw -Pimages` (the
# parent POM), once per build: an existing rootfs made by the same JDK and this script is kept.
#
# usage: jre-rootfs.sh <out dir> <java home>
set -euo pipefail
out=$1
java_home=$2
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.management,java.instrument,jdk.zipfs,jdk.naming.dns,jdk.localedata
key="$("$java_home/bin/java" -version 2>&1 | head -n 2 | tr '\n' ' ') $(sha256sum "$0" | cut -c1-16)"
if [ -f "$out/.built-by" ] && [ "$(cat "$out/.built-by")" = "$key" ]; then
  echo "jre-rootfs: $out is up to date"
  exit 0
fi
rm -rf "$out" "$out.tmp"
mkdir -p "$out.tmp/opt" "$out.tmp/tmp" "$out.tmp/etc"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales=en --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$out.tmp/opt/java"

# the shared libraries that java and the JRE's libraries load, and the C++ runtime of RocksDB's JNI library
{
  for f in "$out.tmp/opt/java/bin/java" "$out.tmp/opt/java/lib"/*.so "$out.tmp/opt/java/lib/server"/*.so; do
    ldd "$f" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}'
  done
  for lib in libstdc++.so.6 libgcc_s.so.1; do
    ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64|x86_64/ {print $NF; exit}'
  done
} | grep -v "^$out.tmp/" | sort -u | while read -r lib; do   # the JRE's own libraries are there already
  mkdir -p "$out.tmp$(dirname "$lib")"
  cp -L "$lib" "$out.tmp$lib"
done

printf 'root:x:0:0:root:/root:/sbin/nologin\nmanta:x:10001:10001:manta:/tmp:/sbin/nologin\n' > "$out.tmp/etc/passwd"
printf 'root:x:0:\nmanta:x:10001:\n' > "$out.tmp/etc/group"
echo "$key" > "$out.tmp/.built-by"
mv "$out.tmp" "$out"
echo "jre-rootfs: $out ($(du -sh "$out" | cut -f1))"
