#!/bin/sh
# The shared library exports only condreq_ symbols and imports nothing:
# no allocator, no libc at all (it is built freestanding, -nostdlib).
set -eu
so=$1
fail=0
bad=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDRBW]$/ {print $3}' |
    sed 's/@.*//' | grep -v '^condreq_' || true)
if [ -n "$bad" ]; then
	echo "FAIL: exported symbols without the condreq_ prefix:"; echo "$bad"
	fail=1
fi
imp=$(nm -D --undefined-only "$so" | awk '{print $NF}')
if [ -n "$imp" ]; then
	echo "FAIL: the library imports symbols (it must import none):"
	echo "$imp"
	fail=1
fi
if readelf -d "$so" | grep -q NEEDED; then
	echo "FAIL: the library depends on other shared libraries:"
	readelf -d "$so" | grep NEEDED
	fail=1
fi
soname=$(readelf -d "$so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
case "$soname" in
libcondreq.so.[0-9]*) ;;
*) echo "FAIL: bad soname '$soname'"; fail=1 ;;
esac
n=$(nm -D --defined-only "$so" | grep -c ' T condreq_' || true)
[ "$fail" = 0 ] && echo "symbols: $n condreq_ functions exported, none imported, soname $soname"
exit $fail
