#!/bin/sh
# Seed corpora from test/vectors: one file per vector row, the target's
# control bytes first. The shell's printf writes those bytes: an awk may
# stop a string at NUL (Debian's mawk does), and the seed would be empty.
set -eu
out=$1
mkdir -p "$out/date" "$out/etag" "$out/eval"
rows() {
	grep -v '^#' "test/vectors/$1" | grep -v '^$'
}
n=0
rows dates.tsv | cut -f1 | while IFS= read -r v; do
	n=$((n + 1))
	printf '\000%s' "$v" > "$out/date/v$n"
done
n=0
rows etag_lists.tsv | cut -f1 | while IFS= read -r v; do
	n=$((n + 1))
	printf '\000%s' "$v" > "$out/etag/v$n"
done
# The decision: flags 0, switches 0x0b (a representation with a strong
# Last-Modified, and a clock), natural status unset; then the method,
# the ETag and the header lines, one per line. Every 5th row.
n=0
rows eval.tsv | cut -f1-3 | while IFS='	' read -r m h e; do
	n=$((n + 1))
	[ $((n % 5)) = 0 ] || continue
	{
		printf '\000\013\000%s\n%s\n' "$m" "$e"
		[ "$h" = "-" ] || printf '%s' "$h" |
		    awk '{ gsub(/ \|\| /, "\n"); printf "%s", $0 }'
	} > "$out/eval/v$n"
done
for t in date etag eval; do
	c=$(find "$out/$t" -type f -size +0 | wc -l)
	[ "$c" -gt 0 ] || { echo "seeds: no $t seed written" >&2; exit 1; }
	echo "seeds: $c $t seeds"
done
