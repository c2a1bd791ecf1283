#!/bin/sh
# The shared library exports only condreq_ symbols and imports nothing:
# no allocator, no libc at all (it is built freestanding, -nostdlib); the
# static archive's global symbols are condreq_ ones too (and, on i386,
# the compiler's hidden PIC thunks, which a final link must merge).
#   symbols.sh LIBRARY.so [LIBRARY.a]
set -eu
so=$1
ar=${2:-}
fail=0
if [ -n "$ar" ]; then
	bad=$(nm "$ar" | awk '$2 ~ /^[TDRBGSVW]$/ {print $3}' |
	    grep -v '^condreq_' | grep -v '^__x86\.get_pc_thunk\.' || true)
	if [ -n "$bad" ]; then
		echo "FAIL: the static archive has globals without the" \
		    "condreq_ prefix:"; echo "$bad"
		fail=1
	fi
fi
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
# The header's CONDREQ_API functions, the version script and the exports
# are one list: a function declared but not in a version node (or the
# reverse) is an ABI mistake.
top=$(dirname "$0")/..
decl=$(sed -n 's/^CONDREQ_API [^(]*[ *]\(condreq_[a-z_0-9]*\)(.*/\1/p' \
    "$top/include/condreq.h" | sort -u)
mapped=$(sed -n 's/^[[:space:]]*\(condreq_[a-z_0-9]*\);.*/\1/p' \
    "$top/src/libcondreq.map" | sort -u)
exp=$(nm -D --defined-only "$so" | awk '$2 == "T" {print $3}' |
    sed 's/@.*//' | sort -u)
if [ "$decl" != "$mapped" ]; then
	echo "FAIL: header and src/libcondreq.map list different functions:"
	printf '%s\n' "$decl" > /tmp/condreq-decl.$$
	printf '%s\n' "$mapped" | diff /tmp/condreq-decl.$$ - || true
	rm -f /tmp/condreq-decl.$$
	fail=1
fi
if [ "$decl" != "$exp" ]; then
	echo "FAIL: the library does not export exactly the header's functions"
	fail=1
fi
n=$(nm -D --defined-only "$so" | grep -c ' T condreq_' || true)
[ "$fail" = 0 ] && echo "symbols: $n condreq_ functions exported, none imported, soname $soname"
exit $fail
