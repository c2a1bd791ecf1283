#!/bin/sh
# condreq(1): the command-line contract (output words and exit codes).
set -u
bin=${1:-build/condreq}
pass=0 fail=0

# expect EXIT STDOUT_FIRST_LINE -- ARGS...
expect() {
	want_rc=$1 want_out=$2
	shift 3
	out=$("$bin" "$@" 2>/tmp/condreq-cli.$$) ; rc=$?
	first=$(printf '%s\n' "$out" | head -n 1)
	if [ "$rc" = "$want_rc" ] && [ "$first" = "$want_out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: condreq $*: exit $rc, '$first' (want $want_rc, '$want_out')"
	fi
}

LM='Sun, 09 Sep 2001 01:46:40 GMT'
expect 0 200 -- eval
expect 0 304 -- eval --etag '"v1"' 'If-None-Match: "v1"'
expect 0 200 -- eval --etag '"v1"' 'If-None-Match: "v0"'
expect 0 412 -- eval --method PUT --etag '"v1"' 'If-None-Match: "v1"'
expect 0 412 -- eval --method PUT --etag '"v1"' 'If-Match: "v0"'
expect 0 200 -- eval --method PUT --no-representation 'If-None-Match: *'
expect 0 412 -- eval --method PUT 'If-None-Match: *'
expect 0 304 -- eval --last-modified "$LM" "If-Modified-Since: $LM"
expect 0 206 -- eval --etag '"v1"' 'Range: bytes=0-9' 'If-Range: "v1"'
expect 0 200 -- eval --etag '"v1"' 'Range: bytes=0-9' 'If-Range: "v0"'
expect 0 206 -- eval 'Range: bytes=0-9'
expect 0 412 -- eval --method DELETE --last-modified "$LM" \
    'If-Unmodified-Since: Sat, 08 Sep 2001 00:00:00 GMT'
expect 0 304 -- eval --now 1000000000 --last-modified "$LM" \
    'If-Modified-Since: Sunday, 09-Sep-01 01:46:40 GMT'
expect 0 200 -- eval --explain --etag '"v1"' 'If-None-Match: "v0"'
expect 2 '' -- eval --bogus
expect 2 '' -- eval 'not a header'
expect 2 '' -- eval --last-modified yesterday
expect 2 '' -- eval --method
expect 2 '' -- nothing
expect 2 '' --

out=$("$bin" eval --explain --etag '"v1"' 'If-None-Match: "v1"' \
    "If-Modified-Since: $LM")
case "$out" in
*"decided-by: If-None-Match"*"If-Modified-Since ignored: If-None-Match is present"*)
	pass=$((pass + 1)) ;;
*) fail=$((fail + 1)); echo "FAIL: --explain output: $out" ;;
esac

expect 0 "784111777 Sun, 06 Nov 1994 08:49:37 GMT" -- date 'Sun, 06 Nov 1994 08:49:37 GMT'
expect 0 "784111777 Sun, 06 Nov 1994 08:49:37 GMT" -- date 'Sun Nov  6 08:49:37 1994'
expect 0 "784111777 Sun, 06 Nov 1994 08:49:37 GMT" -- date --now 1764000000 'Sunday, 06-Nov-94 08:49:37 GMT'
expect 1 '' -- date 'Sun, 06 Nov 1994 08:49:37 UTC'
grep -q 'offset 26' /tmp/condreq-cli.$$ && pass=$((pass + 1)) ||
    { fail=$((fail + 1)); echo "FAIL: date error lacks the offset"; }
expect 2 '' -- date
expect 2 '' -- date --now x 'Sun, 06 Nov 1994 08:49:37 GMT'

expect 0 'W/"a"' -- etag 'W/"a" , "b",,'
out=$("$bin" etag 'W/"a" , "b",,')
[ "$out" = 'W/"a"
"b"' ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: etag lines: $out"; }
expect 0 '*' -- etag ' * '
expect 1 '' -- etag '"a" "b"'
grep -q 'offset 4' /tmp/condreq-cli.$$ && pass=$((pass + 1)) ||
    { fail=$((fail + 1)); echo "FAIL: etag error lacks the offset"; }
expect 2 '' -- etag

expect 0 match -- match --strong '"a"' '"b", "a"'
expect 1 no-match -- match --strong 'W/"a"' '"a"'
expect 0 match -- match --weak 'W/"a"' '"a"'
expect 1 no-match -- match --weak '"a"' '"b"'
expect 0 match -- match --weak '"a"' '*'
expect 2 '' -- match --strong '"a"' '"b'
expect 2 '' -- match --strong 'a' '"b"'
expect 2 '' -- match --medium '"a"' '"a"'
expect 2 '' -- match --strong '"a"'

rm -f /tmp/condreq-cli.$$
echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
