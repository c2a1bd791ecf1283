#!/bin/sh
# The size promise (condreq(3), "Struct sizes"): a consumer built against
# the sized structs as an older header would declare them, cut off after
# each optional field in turn, runs against today's shared library, which
# must read and write nothing past the caller's size and give each
# missing field its default. The older headers are made from the real
# one, so the test follows every field added later.
#   sizes.sh CC LIBDIR
set -eu
CC=${1:-cc}
lib=${2:-build}
hdr=include/condreq.h
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The fields of each sized struct from its last mandatory one on.
fields_request="nlines lines lines_cap natural_status now"
fields_rep="etag_key last_modified has_last_modified lm_strong"
fields_result="status decided_by ignored malformed overflow"
macro_request=REQ macro_rep=REP macro_result=RES

# cut STRUCT FIELD < header > header: STRUCT ends after FIELD (and the
# comment that runs on from its line).
cut() {
	awk -v s="struct condreq_$1 {" -v pat="[ *]$2(\\[[0-9]+\\])?;" '
	index($0, s) == 1 { ins = 1; print; next }
	ins && skip { if ($0 ~ /^};/) { ins = 0; skip = 0; print }; next }
	ins && cont { print; if ($0 ~ /\*\//) { cont = 0; skip = 1 }; next }
	ins && $0 ~ pat { print
		if ($0 ~ /\/\*/ && $0 !~ /\*\//) cont = 1; else skip = 1
		next }
	/^};/ { ins = 0 }
	{ print }'
}

# HAVE_ macros for the optional fields of STRUCT up to FIELD (all: "").
have() {
	eval "list=\$fields_$1 m=\$macro_$1"
	out="" seen=0 first=1
	for f in $list; do
		if [ $first = 1 ]; then
			first=0
			[ "$f" = "$2" ] && seen=1
			continue
		fi
		[ $seen = 1 ] && break
		out="$out -DHAVE_${m}_$(echo "$f" | tr a-z A-Z)"
		[ "$f" = "$2" ] && seen=1
	done
	echo "$out"
}

n=0
run() { # NAME DEFINES: build the consumer against $tmp/NAME/condreq.h
	n=$((n + 1))
	$CC -std=c99 -Wall -Wextra -Werror -I"$tmp/$1" $2 -o "$tmp/$1/t" \
	    test/oldabi.c -L"$lib" -lcondreq
	LD_LIBRARY_PATH="$lib" ${RUN:-} "$tmp/$1/t" || {
		rc=$?
		echo "FAIL: sizes: consumer with $1 (exit $rc)"
		exit 1
	}
}

all="$(have request "") $(have rep "") $(have result "")"
mkdir -p "$tmp/full"
cp "$hdr" "$tmp/full/condreq.h"
run full "$all"
for s in request rep result; do
	eval "list=\$fields_$s"
	last=$(echo $list | awk '{ print $NF }')
	for f in $list; do
		[ "$f" = "$last" ] && break
		d="$s-$f"
		mkdir -p "$tmp/$d"
		cut "$s" "$f" < "$hdr" > "$tmp/$d/condreq.h"
		# The cut really shortened the struct.
		if cmp -s "$hdr" "$tmp/$d/condreq.h"; then
			echo "FAIL: sizes: cutting $s after $f changed nothing"
			exit 1
		fi
		defs=""
		for o in request rep result; do
			if [ "$o" = "$s" ]; then defs="$defs $(have "$o" "$f")"
			else defs="$defs $(have "$o" "")"; fi
		done
		run "$d" "$defs"
	done
done
# All three at their smallest together.
mkdir -p "$tmp/min"
cut request nlines < "$hdr" | cut rep etag_key | cut result status \
    > "$tmp/min/condreq.h"
run min ""
echo "sizes: $n consumers built against older struct layouts ran against today's library"
