#!/bin/sh
# make abi-check: the shared library against the committed ABI baseline
# of the last release (abi/, made by libabigail's abidw; `make
# abi-baseline` rewrites it when a release is cut). It fails on
#  - an incompatible change while the soname is the baseline's: a removed
#    function, a changed parameter or return type, a renumbered enum
#    value, a struct field moved, removed or retyped, a struct that shrank
#    (libabigail's own verdict, and the report read for these);
#  - a compatible addition outside a new version node: every function
#    added since the baseline must be in a node (src/libcondreq.map) that
#    the baseline does not have.
# Fields appended at the end of a struct are compatible (condreq(3),
# "Struct sizes"), and so are new enum values.
#   abi.sh BASELINE LIBRARY.so
set -u
base=$1 so=$2
for t in abidiff readelf; do
	command -v $t >/dev/null 2>&1 || {
		echo "FAIL: abi: $t not found (apt-get install abigail-tools binutils)"
		exit 1; }
done
[ -f "$base" ] || { echo "FAIL: abi: no baseline $base (make abi-baseline)"; exit 1; }
old_soname=$(sed -n "s/.*abi-corpus [^>]*soname='\([^']*\)'.*/\1/p" "$base" | head -1)
new_soname=$(readelf -d "$so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
if [ "$old_soname" != "$new_soname" ]; then
	echo "abi: soname $old_soname -> $new_soname: a new ABI, compatible with" \
	    "nothing before it; cut a new baseline with make abi-baseline"
	exit 0
fi
# Two views. The interface reachable from the exported functions, with
# libabigail's verdict. And every type the DWARF holds, for the public
# types no function signature reaches (the enums, whose values travel
# as int32_t); of those only the condreq_ ones count: the static
# structs of src/ are the library's own business and change freely.
report=$(abidiff --no-show-locs "$base" "$so" 2>&1)
rc=$?
all=$(abidiff --no-show-locs --non-reachable-types "$base" "$so" 2>&1)
rc_all=$?
if [ $((rc & 3)) != 0 ] || [ $((rc_all & 3)) != 0 ]; then
	echo "FAIL: abi: abidiff could not compare (exit $rc, $rc_all):"
	echo "$report"
	exit 1
fi
# The unreachable sections, each entry kept only if its type is public.
public=$(printf '%s\n' "$all" | awk '
	/types? unreachable from any public interface:/ {
		sect = /removed/ ? "removed" : /changed/ ? "changed" : "added"
		keep = 0; next }
	sect == "" { next }
	/^  \[[ACD]\] / {
		keep = $0 ~ /\[[ACD]\] .((struct|enum|union) )?condreq_/
		if (keep) print sect ": " substr($0, 3)
		next }
	keep && /^    / { print sect ": " $0 }')
report="$report
$(printf '%s\n' "$public" | sed -n 's/^changed: //p')"
fail=0
if [ $((rc & 8)) != 0 ]; then
	echo "FAIL: abi: libabigail finds an incompatible change"
	fail=1
fi
gone=$(printf '%s\n' "$public" | sed -n 's/^removed: //p')
if [ -n "$gone" ]; then
	echo "FAIL: abi: public types removed:"
	printf '%s\n' "$gone" | sed 's/^ */    /'
	fail=1
fi
# What libabigail reports as a mere change but breaks an old binary: a
# field that moved, went or changed type, a struct that shrank, a
# changed signature.
bad=$(printf '%s\n' "$report" | awk '
	/offset changed/ || /data member deletion/ || /type name changed/ ||
	/return type changed/ || /parameter [0-9]+ of type .* was (added|removed)/ ||
	/underlying type .* changed/ || /enumerator deletion/ ||
	/from value/ || /Removed function/ || /Removed variable/ ||
	/binding changed/ || /visibility changed/ { print; next }
	/type size changed from [0-9]+ to [0-9]+/ {
		for (i = 1; i <= NF; i++)
			if ($i == "from") { from = $(i + 1); to = $(i + 3) }
		if (to + 0 < from + 0) print
		old = from
		next }
	/at offset [0-9]+ \(in bits\)/ {
		for (i = 1; i <= NF; i++) if ($i == "offset") at = $(i + 1)
		if (old != "" && at + 0 < old + 0) print }')
if [ -n "$bad" ]; then
	echo "FAIL: abi: incompatible with the baseline, soname unchanged:"
	printf '%s\n' "$bad" | sed 's/^ */    /'
	fail=1
fi
# Every added function in a version node the baseline does not have.
nodes=$(sed -n "s/.*elf-symbol name='[^']*' version='\([^']*\)'.*/\1/p" "$base" |
    sort -u)
for a in $(printf '%s\n' "$report" | sed -n 's/.*{\(condreq_[a-z_0-9]*@@[A-Za-z_0-9.]*\)}.*/\1/p'); do
	fn=${a%%@@*} node=${a#*@@}
	if printf '%s\n' "$nodes" | grep -qx "$node"; then
		echo "FAIL: abi: $fn was added to $node, a node of the" \
		    "baseline's; put it in a new node for this release"
		fail=1
	fi
done
if [ $fail != 0 ]; then
	echo "(abidiff's report:)"
	printf '%s\n' "$report" | sed 's/^/    /'
	exit 1
fi
added=$(printf '%s\n' "$report" | grep -c '^  \[A\] .function' || true)
echo "abi: $new_soname compatible with $(basename "$base"): $added function(s) added, each in a new node"
