#!/bin/sh
# make budgets: the instructions one call of each budgeted row of
# `make bench` takes, counted by callgrind inside the library function
# alone (--toggle-collect: the harness's loop and set-up are not
# counted), as the difference of 2000 and 1000 calls; the 1 MiB list
# scan's instructions per byte (20 and 10 scans); and that scan's speed,
# reported, never held: a timed figure moves with the machine's load.
# One machine-readable line a row:
#   budget: NAME instructions=N limit=L ok|over
#   budget: etag_scan_1mib instructions_per_byte=X limit=L ok|over
#   budget: etag_scan_gbps gb_per_s=X limit=1.00 ok|over (not held)
# The limits are those of the reference build, gcc -O2 on x86_64; other
# builds have their figures reported, not held to them (said so loudly).
# Usage: sh bench/budgets.sh BUILD_DIR CC_KIND
set -u
B=${1:-build}
kind=${2:-gcc}
bench=./$B/bench
command -v valgrind >/dev/null 2>&1 || {
	echo "budgets: valgrind NOT FOUND (apt-get install valgrind)" >&2
	exit 1
}
strict=1
if [ "$kind" != gcc ] || [ "$(uname -m)" != x86_64 ]; then
	strict=0
	echo "!!! budgets: this build is $kind on $(uname -m); the limits are" \
	    "for gcc on x86_64: figures reported, NOT held to them"
fi
# Instructions per byte of the 1 MiB list scan (etag_scan_1mib).
SCAN_LIMIT=5.00
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
over=0

# Instructions inside function $2 for $3 calls of row $1.
count() {
	valgrind --tool=callgrind --toggle-collect="$2" \
	    --callgrind-out-file="$tmp/cg" "$bench" --count "$1" "$3" \
	    >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
	callgrind_annotate "$tmp/cg" 2>/dev/null |
	    awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
}

# The word for a row's outcome $1 (ok or bad), in $word; over=1 when a
# limit that is held was passed.
verdict() {
	if [ "$1" = ok ]; then
		word=ok
	elif [ "$strict" = 1 ]; then
		over=1
		word=over
	else
		word="over (not held)"
	fi
}

while read -r row fn limit; do
	a=$(count "$row" "$fn" 1000) && b=$(count "$row" "$fn" 2000) || {
		echo "budgets: cannot count $row" >&2
		exit 1
	}
	n=$(( (b - a) / 1000 ))
	[ "$n" -le "$limit" ] && verdict ok || verdict bad
	echo "budget: $row instructions=$n limit=$limit $word"
done <<'ROWS'
date_parse_imf condreq_date_parse 150
date_parse_rfc850 condreq_date_parse 300
date_parse_asctime condreq_date_parse 200
date_parse_invalid condreq_date_parse 200
inm_one_short condreq_if_none_match 60
etag_match_10_last condreq_etag_list_match 900
decision_revalidation_prepared condreq_evaluate 150
ROWS

# The 1 MiB scan: bytes and speed from make bench's own row.
line=$("$bench" | grep '^bench: etag_scan_gbps ')
bytes=$(printf '%s\n' "$line" | sed -n 's/.* bytes=\([0-9]*\).*/\1/p')
g=$(printf '%s\n' "$line" | sed -n 's/.* gb_per_s=\([0-9.]*\).*/\1/p')
[ -n "$bytes" ] && [ -n "$g" ] || {
	echo "budgets: no etag_scan_gbps row in make bench" >&2
	exit 1
}
a=$(count etag_scan_1mib condreq_etag_list_match 10) &&
    b=$(count etag_scan_1mib condreq_etag_list_match 20) || {
	echo "budgets: cannot count etag_scan_1mib" >&2
	exit 1
}
ipb=$(awk -v d="$((b - a))" -v n="$bytes" \
    'BEGIN { printf "%.3f", d / 10 / n }')
verdict "$(awk -v x="$ipb" -v l="$SCAN_LIMIT" \
    'BEGIN { print (x <= l) ? "ok" : "bad" }')"
echo "budget: etag_scan_1mib instructions_per_byte=$ipb limit=$SCAN_LIMIT $word"
word=ok
awk -v g="$g" 'BEGIN { exit !(g > 1.0) }' || word="over (not held)"
echo "budget: etag_scan_gbps gb_per_s=$g limit=1.00 $word"
exit $over
