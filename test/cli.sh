#!/bin/sh
# condreq(1): the command-line contract (output words and exit codes).
set -u
bin=${1:-build/condreq}
# RUN: an emulator for a foreign target's binary (qemu-s390x), or empty.
RUN=${RUN:-}
pass=0 fail=0
# The last command's standard error.
err=$(mktemp)
trap 'rm -f "$err"' EXIT

# expect EXIT STDOUT_FIRST_LINE -- ARGS...
expect() {
	want_rc=$1 want_out=$2
	shift 3
	out=$($RUN "$bin" "$@" 2>"$err") ; rc=$?
	first=$(printf '%s\n' "$out" | head -n 1)
	if [ "$rc" = "$want_rc" ] && [ "$first" = "$want_out" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: condreq $*: exit $rc, '$first' (want $want_rc, '$want_out')"
	fi
	form "$@"
}

# Every diagnostic has one form (condreq(1), DIAGNOSTICS):
#   condreq: SUBJECT: PROBLEM[ at offset N][ (CONDREQ_...)][; CONSEQUENCE]
# The lines after it on a usage error are the usage. A message of the
# library's (one with an offset) names its code.
form() {
	d=$(grep -v '^usage: \|^       ' "$err")
	[ -z "$d" ] && return 0
	if printf '%s\n' "$d" | grep -qv '^condreq: [^ ].*: [^ ]' ||
	    printf '%s\n' "$d" | grep 'at offset' |
	    grep -qv ' at offset [0-9][0-9]* (CONDREQ_[A-Z]*)\(; .*\)\{0,1\}$'; then
		fail=$((fail + 1))
		echo "FAIL: condreq $*: a diagnostic not in the one form:"
		printf '%s\n' "$d"
	else
		pass=$((pass + 1))
	fi
}

# said EXACT-DIAGNOSTIC -- ARGS...: the one line on standard error.
said() {
	want=$1
	shift 2
	$RUN "$bin" "$@" >/dev/null 2>"$err"
	got=$(head -n 1 "$err")
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: condreq $*: said '$got' (want '$want')"
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

out=$($RUN "$bin" eval --explain --etag '"v1"' 'If-None-Match: "v1"' \
    "If-Modified-Since: $LM")
case "$out" in
*"decided-by: If-None-Match"*"If-Modified-Since ignored: If-None-Match is present"*)
	pass=$((pass + 1)) ;;
*) fail=$((fail + 1)); echo "FAIL: --explain output: $out" ;;
esac

# RFC 9110 13.2.1: the natural status, and methods that ignore preconditions.
expect 0 404 -- eval --natural-status 404 --etag '"v1"' 'If-None-Match: "v1"'
expect 0 301 -- eval --natural-status 301 --method PUT --etag '"v1"' 'If-Match: "v0"'
expect 0 404 -- eval --natural-status 404
expect 0 204 -- eval --natural-status 204 --method PUT --etag '"v1"' 'If-Match: "v1"'
expect 0 412 -- eval --natural-status 204 --method PUT --etag '"v1"' 'If-Match: "v0"'
expect 0 304 -- eval --natural-status 0 --etag '"v1"' 'If-None-Match: "v1"'
expect 0 200 -- eval --method OPTIONS --etag '"v1"' 'If-Match: "nope"'
expect 0 200 -- eval --method TRACE --etag '"v1"' 'If-None-Match: *'
expect 0 200 -- eval --method CONNECT 'If-Unmodified-Since: Sat, 08 Sep 2001 00:00:00 GMT'
expect 0 412 -- eval --method options --etag '"v1"' 'If-Match: "nope"'
expect 2 '' -- eval --natural-status
expect 2 '' -- eval --natural-status x
expect 2 '' -- eval --natural-status 99
expect 2 '' -- eval --natural-status 600
out=$($RUN "$bin" eval --explain --method OPTIONS --etag '"v1"' 'If-Match: "nope"')
case "$out" in
*"decided-by: method"*"13.2.1"*) pass=$((pass + 1)) ;;
*) fail=$((fail + 1)); echo "FAIL: OPTIONS --explain output: $out" ;;
esac
# Repeated field lines are one list (RFC 9110 5.3).
expect 0 304 -- eval --etag '"v1"' 'If-None-Match: "a"' 'If-None-Match: "v1"'
# A malformed --etag is said so, and evaluated as no ETag.
expect 0 200 -- eval --etag 'v1' 'If-None-Match: "v1"'
said 'condreq: --etag: entity-tag is not quoted at offset 0 (CONDREQ_EUNQUOTED); evaluated as no ETag' \
    -- eval --etag 'v1' 'If-None-Match: "v1"'
# The same form for every argument: the library's reason, offset and code.
said 'condreq: HTTP-date: malformed value at offset 0 (CONDREQ_ESYNTAX)' \
    -- date 'Sundy, 06 Nov 1994 08:49:37 GMT'
said 'condreq: --last-modified: malformed value at offset 0 (CONDREQ_ESYNTAX)' \
    -- eval --last-modified 'Sundy, 06 Nov 1994 08:49:37 GMT'
said 'condreq: entity-tag list: malformed value at offset 4 (CONDREQ_ESYNTAX)' \
    -- etag '"a" "b"'
said 'condreq: ETAG: entity-tag is not quoted at offset 0 (CONDREQ_EUNQUOTED)' \
    -- match --strong a '"b"'
said 'condreq: LIST: malformed value at offset 2 (CONDREQ_ESYNTAX)' \
    -- match --strong '"a"' '"b'
said "condreq: 'not a header': not a 'Name: value' line (CONDREQ_ESYNTAX)" \
    -- eval 'not a header'
said 'condreq: --method: request method missing or not a token (CONDREQ_EMETHOD)' \
    -- eval --method 'G T'
said 'condreq: --bogus: unknown option' -- eval --bogus
said 'condreq: --now: needs Unix seconds' -- date --now x 'Sun, 06 Nov 1994 08:49:37 GMT'
said 'condreq: nothing: unknown command' -- nothing
expect 0 412 -- eval --method PUT $(i=0; while [ $i -lt 70 ]; do
    echo 'If-Match:"a"'; i=$((i + 1)); done)
grep -q "^condreq: 'If-Match:\"a\"': more field lines than kept (CONDREQ_ENOSPC); the decision fails safe\$" \
    "$err" && pass=$((pass + 1)) ||
    { fail=$((fail + 1)); echo "FAIL: too many field lines not said"; }

# --help and --version, for the tool and every command, exit 0.
version=$(sed -n 's/^#define CONDREQ_VERSION_STRING "\(.*\)"$/\1/p' \
    "$(dirname "$0")/../include/condreq.h")
for c in "" eval date etag match; do
	expect 0 "condreq $version" -- $c --version
	out=$($RUN "$bin" $c --help 2>/dev/null); rc=$?
	case "$rc $out" in
	"0 usage: condreq ${c:-eval} "*) pass=$((pass + 1)) ;;
	*) fail=$((fail + 1)); echo "FAIL: condreq $c --help: exit $rc, $out" ;;
	esac
done
# The usage text lists every option of condreq(1)'s synopsis.
help=$($RUN "$bin" --help; $RUN "$bin" eval --help)
for o in $(sed -n 's/^\.Op Fl -\([a-z-]*\).*/--\1/p; s/^\.Fl -\([a-z-]*\).*/--\1/p' \
    "$(dirname "$0")/../man/condreq.1" | sort -u); do
	case "$help" in
	*"$o"*) pass=$((pass + 1)) ;;
	*) fail=$((fail + 1)); echo "FAIL: usage text lacks $o" ;;
	esac
done
# An error prints the usage on standard error, which lists every command.
$RUN "$bin" nothing 2>"$err" >/dev/null
for c in eval date etag match; do
	grep -q "condreq $c" "$err" && pass=$((pass + 1)) ||
	    { fail=$((fail + 1)); echo "FAIL: usage on error lacks $c"; }
done

expect 0 "784111777 Sun, 06 Nov 1994 08:49:37 GMT" -- date 'Sun, 06 Nov 1994 08:49:37 GMT'
expect 0 "784111777 Sun, 06 Nov 1994 08:49:37 GMT" -- date 'Sun Nov  6 08:49:37 1994'
expect 0 "784111777 Sun, 06 Nov 1994 08:49:37 GMT" -- date --now 1764000000 'Sunday, 06-Nov-94 08:49:37 GMT'
expect 1 '' -- date 'Sun, 06 Nov 1994 08:49:37 UTC'
grep -q 'offset 26' "$err" && pass=$((pass + 1)) ||
    { fail=$((fail + 1)); echo "FAIL: date error lacks the offset"; }
expect 2 '' -- date
expect 2 '' -- date --now x 'Sun, 06 Nov 1994 08:49:37 GMT'

expect 0 'W/"a"' -- etag 'W/"a" , "b",,'
out=$($RUN "$bin" etag 'W/"a" , "b",,')
[ "$out" = 'W/"a"
"b"' ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: etag lines: $out"; }
expect 0 '*' -- etag ' * '
expect 1 '' -- etag '"a" "b"'
grep -q 'offset 4' "$err" && pass=$((pass + 1)) ||
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

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
