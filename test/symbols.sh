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
# The header's CONDREQ_API functions and the exports are one list, each
# export in a version node of src/libcondreq.map: a function declared but
# not exported (or the reverse), or exported without a version, is an
# ABI mistake.
top=$(dirname "$0")/..
decl=$(sed -n 's/^CONDREQ_API [^(]*[ *]\(condreq_[a-z_0-9]*\)(.*/\1/p' \
    "$top/include/condreq.h" | sort -u)
exp=$(nm -D --defined-only "$so" | awk '$2 == "T" {print $3}' |
    sed 's/@.*//' | sort -u)
if [ "$decl" != "$exp" ]; then
	echo "FAIL: the library does not export exactly the header's functions"
	echo "  declared, not exported:" \
	    $(printf '%s\n' "$decl" | grep -vxF "$exp")
	echo "  exported, not declared:" \
	    $(printf '%s\n' "$exp" | grep -vxF "$decl")
	fail=1
fi
unversioned=$(nm -D --defined-only "$so" |
    awk '$2 == "T" && $3 !~ /@@?CONDREQ_/ {print $3}')
if [ -n "$unversioned" ]; then
	echo "FAIL: exported without a version node: $unversioned"
	fail=1
fi
n=$(nm -D --defined-only "$so" | grep -c ' T condreq_' || true)
[ "$fail" = 0 ] && echo "symbols: $n condreq_ functions exported, none imported, soname $soname"
exit $fail
