#!/bin/sh
# condreq-probe against real servers on loopback (make integration):
#  - examples/mhd-static: 0 failures, read-only and with --write;
#  - Debian's apache2, nginx and lighttpd, each started here with a
#    generated config (WebDAV on): the set of case ids each fails is the
#    one pinned in test/probe/pinned/, on ROUNDS (default 10) back-to-back
#    --write runs, and the file on disk keeps its bytes;
#  - Debian's varnish in front of mhd-static (generated VCL): judged as a
#    cache, it passes; --write through it refuses or leaves the origin's
#    file intact;
#  - test/probe/faulty.py: one mode per way a server (or the probe) went
#    wrong: each gets the right verdict, or a refusal with exit 2 and the
#    bytes on disk intact; hostile answers never hang, crash or reach the
#    terminal or JUnit raw (every JUnit file is parsed by xmllint).
# Servers are stopped whatever happens. A missing server is a failure.
# Usage: [ROUNDS=N] test/probe/run.sh PROBE MHD_STATIC
set -u
probe=$1 mhd=$2
here=$(dirname "$0")
. "$here/servers.sh"
need "apt-get install apache2 nginx lighttpd lighttpd-mod-webdav varnish python3 curl libxml2-utils" \
    apache2 nginx lighttpd varnishd python3 curl xmllint
rounds=${ROUNDS:-10}
make_tmp

# started NAME PORTFILE: wait for a server's "listening on PORT"; the
# base URL in $base.
started() {
	i=0
	until grep -q 'listening on' "$2" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "FAIL: $1 did not start"; exit 1; }
		sleep 0.05
	done
	base="http://127.0.0.1:$(sed -n 's/listening on //p' "$2")"
}

# probe_run NAME OUT ARGS...: run the probe; its status in $rc. It must
# end with its closing line and never exit 2 against a live server.
probe_run() {
	name=$1 out=$2
	shift 2
	"$probe" "$@" > "$out" 2>&1
	rc=$?
	tail -1 "$out" | grep -q '^probe: [0-9]* passed, [0-9]* failed'
	ok "$name: the probe ran to completion (exit $rc)" $?
	[ $rc -le 1 ]
	ok "$name: exit status 0 or 1, not $rc" $?
}

# xml NAME FILE: FILE is well-formed XML (xmllint parses it).
xml() {
	xmllint --noout "$2" 2>"$2.err"
	ok "$1: the JUnit file is well-formed XML" $?
	[ -s "$2.err" ] && sed 's/^/    /' "$2.err"
}

# --- mhd-static: libcondreq's own server gets everything right -------------
make_root "$tmp/www-mhd"
"$mhd" "$tmp/www-mhd" 0 > "$tmp/mhd.port" 2> "$tmp/mhd.log" &
pids="$pids $!"
started mhd-static "$tmp/mhd.port"
mhd_url="$base/file.txt" mport=${base##*:}
probe_run mhd-static "$tmp/mhd.ro" --junit "$tmp/mhd.xml" "$mhd_url"
[ $rc = 0 ] && grep -q '^probe: [0-9]* passed, 0 failed, 0 skipped$' "$tmp/mhd.ro"
ok "mhd-static: read-only, 0 failures ($(tail -1 "$tmp/mhd.ro"))" $?
probe_run mhd-static "$tmp/mhd.rw" --write "$mhd_url"
[ $rc = 0 ] && grep -q '^probe: [0-9]* passed, 0 failed, 0 skipped$' "$tmp/mhd.rw"
ok "mhd-static: --write, 0 failures ($(tail -1 "$tmp/mhd.rw"))" $?
cmp -s "$tmp/www-mhd/file.txt" /dev/stdin <<EOF
0123456789abcdefghij
EOF
ok "mhd-static: --write put the original bytes back" $?
grep -q '<testsuite name="condreq-probe" tests="[1-9][0-9]*" failures="0"' \
    "$tmp/mhd.xml" && [ "$(grep -c '<testcase ' "$tmp/mhd.xml")" -gt 50 ]
ok "mhd-static: JUnit XML with every case" $?
xml mhd-static "$tmp/mhd.xml"
[ "$(grep -c '^ir-' "$tmp/mhd.ro")" -ge 4 ] &&
    [ "$(grep -c '^ims-' "$tmp/mhd.ro")" -ge 20 ] &&
    [ "$(grep -c -- '-put ' "$tmp/mhd.rw")" -ge 8 ]
ok "mhd-static: the matrix has its If-Range, If-Modified-Since and PUT cases" $?

# --- Debian's varnish in front of mhd-static: a cache judged as one ---------
# The generated VCL stores every answer for an hour (mhd-static's
# Cache-Control: no-cache would otherwise keep varnish from storing).
vport=$(free_port)
mkdir -p "$tmp/varnish"
cat > "$tmp/varnish.vcl" <<EOF
vcl 4.1;
backend origin { .host = "127.0.0.1"; .port = "$mport"; }
sub vcl_backend_response {
	set beresp.ttl = 1h;
	set beresp.grace = 0s;
	return (deliver);
}
EOF
varnishd -F -a "127.0.0.1:$vport" -f "$tmp/varnish.vcl" -n "$tmp/varnish" \
    -s malloc,16m -T none > "$tmp/varnish.log" 2>&1 &
pids="$pids $!"
vurl="http://127.0.0.1:$vport/file.txt"
if wait_up "$vurl" "$tmp/varnish.log"; then
	"$probe" --junit "$tmp/varnish.xml" "$vurl" > "$tmp/varnish.det" 2>&1
	grep -q '^note: judged as a cache (Age: ' "$tmp/varnish.det"
	ok "varnish: detected as a cache by its Age field" $?
	pinned "varnish, detected: fails exactly the cases pinned in test/probe/pinned/varnish" \
	    "$tmp/varnish.det" "$here/pinned/varnish"
	! grep -q -e '^im-nomatch-get .*FAIL' -e '^ius-earlier-get .*FAIL' "$tmp/varnish.det" &&
	    grep -A1 '^im-nomatch-get ' "$tmp/varnish.det" | grep -q 'a cache or intermediary MAY ignore'
	ok "varnish: If-Match and If-Unmodified-Since ignored on a hit pass, by 13.1.1 and 13.1.4" $?
	xml varnish "$tmp/varnish.xml"
	"$probe" --cache "$vurl" > "$tmp/varnish.cache" 2>&1
	pinned "varnish, --cache: fails exactly the pinned cases" \
	    "$tmp/varnish.cache" "$here/pinned/varnish"
	"$probe" --write "$vurl" > "$tmp/varnish.rw" 2>&1
	rc=$?
	cmp -s "$tmp/www-mhd/file.txt" /dev/stdin <<EOF
0123456789abcdefghij
EOF
	[ $? = 0 ] && { [ $rc = 2 ] && grep -q 'refusing --write' "$tmp/varnish.rw" ||
	    [ $rc -le 1 ]; }
	ok "varnish: --write through it refuses (exit $rc), the origin's file intact" $?
else
	ok "varnish started" 1
fi

# --- Debian's servers: their deviations, pinned ----------------------------
# check_server NAME: probe $url read-only and with --write, $rounds times
# back to back: each run's failing ids are those of
# test/probe/pinned/NAME, and the file keeps its bytes.
check_server() {
	probe_run "$1" "$tmp/$1.ro" "$url"
	n=1 same=0
	while [ $n -le $rounds ]; do
		"$probe" --write "$url" > "$tmp/$1.rw$n" 2>&1
		failing "$tmp/$1.rw$n" | cmp -s - "$here/pinned/$1" &&
		    same=$((same + 1))
		n=$((n + 1))
	done
	[ $same = $rounds ]
	ok "$1: $same of $rounds back-to-back --write runs fail exactly the pinned cases" $?
	pinned "$1: fails exactly the cases pinned in test/probe/pinned/$1" \
	    "$tmp/$1.rw1" "$here/pinned/$1"
	failing "$tmp/$1.ro" > "$tmp/$1.ro.ids"
	grep -v -e '-put$' -e '-delete$' "$tmp/$1.rw1.ids" | cmp -s - "$tmp/$1.ro.ids"
	ok "$1: read-only, the same GET and HEAD failures" $?
	cmp -s "$tmp/www-$1/file.txt" /dev/stdin <<EOF
0123456789abcdefghij
EOF
	ok "$1: the original bytes are back after --write" $?
}

make_root "$tmp/www-apache2"
start_apache "$tmp/apache2" "$tmp/www-apache2" && check_server apache2 ||
    ok "apache2 started" 1
make_root "$tmp/www-nginx"
start_nginx "$tmp/nginx" "$tmp/www-nginx" && check_server nginx ||
    ok "nginx started" 1
make_root "$tmp/www-lighttpd"
start_lighttpd "$tmp/lighttpd" "$tmp/www-lighttpd" && check_server lighttpd ||
    ok "lighttpd started" 1

# --- a server that gets things wrong on purpose ----------------------------
mkdir -p "$tmp/faulty"
for m in w-good w-500 w-noop w-weak w-lagging w-lagging-quiet w-unstable-body \
    w-strict-400 w-one-write; do
	printf '0123456789abcdefghij\n' > "$tmp/faulty/$m"
done
: > "$tmp/faulty/w-empty"
touch -d '2001-09-09 01:46:40 UTC' "$tmp/faulty"/w-*
python3 "$here/faulty.py" "$tmp/faulty" > "$tmp/faulty.port" 2> "$tmp/faulty.log" &
pids="$pids $!"
started faulty.py "$tmp/faulty.port"
f=$base

probe_run "wrong statuses" "$tmp/f.wrong" "$f/wrong-status"
[ $rc = 1 ] && grep -q '^inm-match-get .* 304 *200 *FAIL$' "$tmp/f.wrong" &&
    grep -q '^im-nomatch-get .* 412 *200 *FAIL$' "$tmp/f.wrong"
ok "wrong statuses: failures named, exit 1" $?
grep -A1 '^inm-match-get ' "$tmp/f.wrong" | grep -q 'RFC 9110 13.1.2'
ok "wrong statuses: the failure names RFC 9110 13.1.2" $?

probe_run "304 without ETag" "$tmp/f.noetag" --only 'inm-match-get' \
    "$f/no-etag-304"
[ $rc = 1 ] && grep -q 'RFC 9110\|15.4.5' "$tmp/f.noetag" &&
    grep -q '15.4.5: a 304 MUST carry the ETag' "$tmp/f.noetag"
ok "304 without ETag: a 15.4.5 failure" $?

probe_run "dropped connection" "$tmp/f.drop" --only 'inm-*' "$f/drop"
[ $rc = 1 ] && grep -q '^inm-match-get .*ERROR$' "$tmp/f.drop" &&
    grep -q 'libcurl: .*Empty reply' "$tmp/f.drop"
ok "dropped connection: errors, exit 1" $?

t0=$(date +%s)
probe_run "slow answers" "$tmp/f.slow" --timeout 1 --only 'inm-match-*' \
    "$f/slow"
t=$(( $(date +%s) - t0 ))
[ $rc = 1 ] && [ $t -lt 20 ] && grep -q 'ERROR$' "$tmp/f.slow"
ok "slow answers: timeouts are errors, the run ends (${t} s)" $?

"$probe" "$f/missing" > "$tmp/f.404" 2>&1
[ $? = 2 ] && grep -q 'answered 404 to GET, not 200' "$tmp/f.404"
ok "a 404 URL: exit 2 with a message" $?
port=$(free_port)
"$probe" "http://127.0.0.1:$port/" > "$tmp/f.closed" 2>&1
[ $? = 2 ] && grep -q 'no answer from the server' "$tmp/f.closed"
ok "a closed port: exit 2 with a message" $?
"$probe" "https://127.0.0.1:${f##*:}/wrong-status" > "$tmp/f.tls" 2>&1
[ $? = 2 ] && grep -q 'TLS error' "$tmp/f.tls"
ok "TLS to a plain HTTP server: exit 2, TLS error" $?
"$probe" --compat bogus "$f/wrong-status" > /dev/null 2>&1
[ $? = 2 ]
ok "a bad --compat: exit 2" $?
"$probe" --allow inm-match-get --only inm-match-get "$f/wrong-status" \
    > "$tmp/f.allow" 2>&1
[ $? = 0 ] && tail -1 "$tmp/f.allow" |
    grep -qx 'probe: 0 passed, 0 failed, 0 skipped, 1 allowed-deviations'
ok "--allow: a known deviation does not fail the run" $?


# --- one mode per false verdict seen, and the probe's data safety ------------
# intact MODE: the file behind faulty.py's /MODE still holds its bytes.
intact() {
	if [ "$1" = w-empty ]; then
		[ -f "$tmp/faulty/$1" ] && [ ! -s "$tmp/faulty/$1" ]
	else
		printf '0123456789abcdefghij\n' | cmp -s - "$tmp/faulty/$1"
	fi
}
# row OUT ID VERDICT: the table of OUT has ID with VERDICT.
row() {
	grep -q "^$2 .* $3\$" "$1"
}

"$probe" --only 'ims-two-lines*-get' "$f/first-line-only" > "$tmp/f.first" 2>&1
[ $? = 1 ] && row "$tmp/f.first" ims-two-lines-get pass &&
    row "$tmp/f.first" ims-two-lines-reversed-get FAIL
ok "reads only the first line: the reversed If-Modified-Since lines fail (13.1.3), the other order passes by luck" $?

"$probe" --only 'inm-match-get,inm-nomatch-get,inm-star-get' "$f/body-304" \
    > "$tmp/f.body304" 2>&1
[ $? = 1 ] && row "$tmp/f.body304" inm-match-get FAIL &&
    grep -A1 '^inm-match-get ' "$tmp/f.body304" | grep -q '25 bytes followed' &&
    row "$tmp/f.body304" inm-nomatch-get pass
ok "a 304 with a body: that case fails (15.4.5, 25 bytes), the next is not blamed" $?

"$probe" --junit "$tmp/f.noetag.xml" "$f/no-etag-304-any" > "$tmp/f.noetag-any" 2>&1
[ $? = 1 ] && row "$tmp/f.noetag-any" inm-nomatch-ims-equal-get FAIL &&
    row "$tmp/f.noetag-any" im-nomatch-ims-equal-get FAIL &&
    row "$tmp/f.noetag-any" inm-match-get skipped &&
    grep -q 'not sent: needs the ETag: the server sent no ETag' "$tmp/f.noetag-any" &&
    tail -1 "$tmp/f.noetag-any" | grep -q '^probe: [0-9]* passed, [1-9][0-9]* failed, [1-9][0-9]* skipped' &&
    head -1 "$tmp/f.noetag-any" | grep -q '^E: the server sent no ETag'
ok "no ETag: cases needing none are sent (INM: X + IMS and IM: X + IMS fail), the rest listed as skipped and counted" $?
grep -q '<skipped message=' "$tmp/f.noetag.xml"
ok "no ETag: skipped cases in JUnit" $?
xml "no ETag" "$tmp/f.noetag.xml"

"$probe" --only 'ims-future-get,ims-later-get' "$f/wrong-status" > "$tmp/f.should" 2>&1
[ $? = 0 ] && row "$tmp/f.should" ims-later-get warning &&
    tail -1 "$tmp/f.should" | grep -q ', 2 warnings$'
ok "a SHOULD deviation is a warning with its own count, exit 0" $?
"$probe" --strict --only 'ims-later-get' "$f/wrong-status" > /dev/null 2>&1
[ $? = 1 ]
ok "--strict: a SHOULD deviation fails" $?

"$probe" --only nothing-like-this "$f/wrong-status" > "$tmp/f.nomatch" 2>&1
[ $? = 2 ] && grep -q 'matches no case' "$tmp/f.nomatch" &&
    ! grep -q '^probe:' "$tmp/f.nomatch"
ok "--only matching nothing: a usage error before anything is sent" $?
echo keep > "$tmp/keep.xml"
"$probe" --allow 'zzz*' --junit "$tmp/keep.xml" "$f/wrong-status" > /dev/null 2>&1
[ $? = 2 ] && [ "$(cat "$tmp/keep.xml")" = keep ]
ok "--allow matching nothing: a usage error, the JUnit file untouched" $?
port=$(free_port)
"$probe" --junit "$tmp/keep.xml" "http://127.0.0.1:$port/" > /dev/null 2>&1
[ $? = 2 ] && [ "$(cat "$tmp/keep.xml")" = keep ]
ok "an unreachable server: exit 2, an existing JUnit file is not emptied" $?
for t in nan inf 1e300 -1 0; do
	"$probe" --timeout $t "$f/wrong-status" > /dev/null 2>&1
	[ $? = 2 ] || break
done
ok "--timeout nan, inf, 1e300, -1, 0: usage errors" $?

# Writes: verified, undone, refused when unsure; the file on disk decides.
"$probe" --write --only '*-put,*-delete' "$f/w-good" > "$tmp/f.wgood" 2>&1
[ $? = 0 ] && intact w-good &&
    tail -1 "$tmp/f.wgood" | grep -q '^probe: 22 passed, 0 failed, 0 skipped$'
ok "writes done right: 22 write cases pass, the bytes are back" $?
"$probe" --write --only '*-put,*-delete' "$f/w-500" > "$tmp/f.w500" 2>&1
[ $? = 1 ] && intact w-500 && row "$tmp/f.w500" im-match-put FAIL &&
    grep -q 'which the same request without preconditions does not get (it got 2' "$tmp/f.w500"
ok "500 to every conditional write: failures (the unconditional write succeeds), the bytes are back" $?
"$probe" --write --only '*-put,*-delete' "$f/w-noop" > "$tmp/f.wnoop" 2>&1
[ $? = 1 ] && intact w-noop && grep -q '^note: writes not exercised' "$tmp/f.wnoop" &&
    row "$tmp/f.wnoop" write-stored-put FAIL && ! grep -q ' pass$' "$tmp/f.wnoop"
ok "writes answered 200 that change nothing: a failure, writes not exercised, none passed" $?
"$probe" --write --only 'im-match-put,im-match-delete,ius-equal-put,inm-match-put' \
    "$f/w-weak" > "$tmp/f.wweak1" 2>&1
r1=$?
"$probe" --write --only 'im-match-put,im-match-delete,ius-equal-put,inm-match-put' \
    "$f/w-weak" > "$tmp/f.wweak2" 2>&1
[ $r1 = 0 ] && [ $? = 0 ] && intact w-weak &&
    [ "$(grep -c ' pass$' "$tmp/f.wweak2")" = 4 ]
ok "W/ tags for a second after a write: the probe waits, both runs pass the same" $?
"$probe" --write --deadline 3 --only '*-put,*-delete' "$f/w-weak" \
    > "$tmp/f.wdead" 2>&1
[ $? = 2 ] && intact w-weak && grep -q 'deadline' "$tmp/f.wdead" &&
    grep -q '^probe: [0-9]* passed, [0-9]* failed' "$tmp/f.wdead"
ok "--deadline in the middle of --write: exit 2, the report so far, the bytes put back" $?
"$probe" --write "$f/w-lagging" > "$tmp/f.wlag" 2>&1
[ $? = 2 ] && intact w-lagging && grep -q 'refusing --write' "$tmp/f.wlag"
ok "reads lagging a cached copy (Age): --write refused, exit 2, the bytes intact" $?
"$probe" --write "$f/w-lagging-quiet" > "$tmp/f.wlagq" 2>&1
rc=$?
intact w-lagging-quiet && [ $rc -ge 1 ] && ! grep -q -e '-put .* pass$' -e '-delete .* pass$' "$tmp/f.wlagq"
ok "reads lagging a cached copy (no Age): no write passes, exit $rc, the bytes intact" $?
"$probe" --write "$f/w-unstable-body" > "$tmp/f.wunst" 2>&1
[ $? = 2 ] && intact w-unstable-body && grep -q 'bytes differ from one GET to the next' "$tmp/f.wunst"
ok "bytes that differ on every GET: --write refused (not blamed on a 412)" $?
"$probe" --write --only '*-put,*-delete' "$f/w-empty" > "$tmp/f.wempty" 2>&1
[ $? = 0 ] && intact w-empty
ok "an empty resource with --write: passes, stays empty" $?
mkdir -p "$tmp/restore"
pabs=$(cd "$(dirname "$probe")" && pwd)/$(basename "$probe")
(cd "$tmp/restore" && "$pabs" --write --junit "$tmp/f.wone.xml" \
    --only 'im-match-put' "$f/w-one-write") > "$tmp/f.wone" 2>&1
rc=$?
saved=$(ls "$tmp/restore"/condreq-probe-restore-* 2>/dev/null | head -1)
[ $rc = 2 ] && grep -q 'restore them yourself' "$tmp/f.wone" &&
    grep -q "URL: $f/w-one-write" "$tmp/f.wone" &&
    grep -q 'they read: 0123456789abcdefghij\\x0a' "$tmp/f.wone" &&
    [ -n "$saved" ] && printf '0123456789abcdefghij\n' | cmp -s - "$saved"
ok "one write taken, the restoring one refused: exit 2 at once, the URL and the original bytes shown and saved ($(basename "${saved:-none}"))" $?
xml "stopped unrestored" "$tmp/f.wone.xml"

# --- test/probe/verdicts.tsv: each verdict once wrong, as a row ------------
n=0 bad=0
while IFS='	' read -r path opts id request answer verdict rule; do
	case $path in '#'*|'') continue ;; esac
	n=$((n + 1))
	set -f
	set --
	[ "$opts" = - ] || set -- $(echo "$opts" | tr = ' ')
	set +f
	"$probe" "$@" --only "$id" "$f/$path?row$n" > "$tmp/v.$n" 2>&1
	grep -q "^$id .* $verdict\$" "$tmp/v.$n" || {
		bad=$((bad + 1))
		echo "    row $n: $path $id: not $verdict ($rule)"
		grep -A1 "^$id " "$tmp/v.$n" | sed 's/^/      /'
	}
done < "$here/verdicts.tsv"
[ $n -gt 25 ] && [ $bad = 0 ]
ok "test/probe/verdicts.tsv: $n rows, $bad wrong" $?

# --- hostile answers ---------------------------------------------------------
for n in 188 200 1000; do
	"$probe" --only 'inm-match-get,inm-list-last-get,im-match-get' "$f/long-etag-$n" \
	    > "$tmp/f.long$n" 2>&1
	[ $? = 0 ] && [ "$(grep -c ' pass$' "$tmp/f.long$n")" = 3 ] || break
done
ok "ETags of 188, 200 and 1000 bytes are sent whole (the cases pass)" $?
"$probe" --only 'inm-match-get,inm-nomatch-get' --junit "$tmp/f.long64k.xml" \
    "$f/long-etag-65536" > "$tmp/f.long64k" 2>&1
[ $? = 0 ] && row "$tmp/f.long64k" inm-match-get skipped &&
    grep -q 'the ETag is 65536 bytes, over the probe.s limit' "$tmp/f.long64k" &&
    row "$tmp/f.long64k" inm-nomatch-get pass
ok "a 64 KB ETag: its cases are skipped with the reason" $?
xml "64 KB ETag" "$tmp/f.long64k.xml"

"$probe" --verbose --junit "$tmp/f.esc.xml" --only 'inm-*-get' "$f/escape-etag" \
    > "$tmp/f.esc" 2>&1
! grep -q "$(printf '\033')" "$tmp/f.esc" && ! grep -q "$(printf '\007')" "$tmp/f.esc" &&
    grep -q 'x1b]0;TITLE' "$tmp/f.esc"
ok "escapes in an ETag and a field: shown as \\x1b, never sent to the terminal" $?
xml "escapes" "$tmp/f.esc.xml"
"$probe" --junit "$tmp/f.utf8.xml" --only 'inm-*-get' "$f/utf8-etag" > "$tmp/f.utf8" 2>&1
xml "a cut UTF-8 sequence in the ETag" "$tmp/f.utf8.xml"

for y in 9999 0000; do
	"$probe" --only 'ims-*-get,ius-*-get' "$f/lm-$y" > "$tmp/f.lm$y" 2>&1
	! grep -q 'no date' "$tmp/f.lm$y" &&
	    grep -q 'date is outside the years 0000 to 9999' "$tmp/f.lm$y" || break
done
ok "Last-Modified in 9999 and 0000: cases whose date cannot be written are skipped, never sent as text" $?

"$probe" --only 'inm-*-get' "$f/nul-header" > "$tmp/f.nul" 2>&1
[ $? = 1 ] && grep -q 'libcurl: .*Nul byte' "$tmp/f.nul"
ok "a NUL byte in a header: an error naming it, exit 1" $?

"$probe" --allow '*' "$f/close-after-first?allow" > "$tmp/f.close" 2>&1
rc=$?
[ $rc != 0 ] && ! tail -1 "$tmp/f.close" | grep -q ' 0 failed'
ok "--allow '*' against a server that closes after one answer: errors stay errors (exit $rc)" $?

"$probe" --only 'inm-match-get,inm-nomatch-get' "$f/dup-etag" > "$tmp/f.dup" 2>&1
row "$tmp/f.dup" inm-match-get skipped && grep -q 'sent 2 ETag fields' "$tmp/f.dup"
ok "two ETag fields: named, the cases needing it skipped" $?
"$probe" --only 'inm-match-get' "$f/unstable-etag" > "$tmp/f.unst" 2>&1
row "$tmp/f.unst" inm-match-get skipped && grep -q 'ETag changed from one GET to the next' "$tmp/f.unst"
ok "an ETag that changes on every answer: named, not blamed on 13.1" $?

t0=$(date +%s)
"$probe" --timeout 1 --deadline 4 --junit "$tmp/f.trickle.xml" "$f/trickle" \
    > "$tmp/f.trickle" 2>&1
rc=$?
t=$(( $(date +%s) - t0 ))
[ $rc = 2 ] && [ $t -lt 15 ] && grep -q 'deadline' "$tmp/f.trickle" &&
    grep -q '^probe: [0-9]* passed, [0-9]* failed' "$tmp/f.trickle"
ok "trickling answers: --deadline ends the run (${t} s), exit 2, the report so far" $?
xml "trickling, deadline" "$tmp/f.trickle.xml"
echo keep > "$tmp/keep2.xml"
timeout 3 "$probe" --timeout 2 --junit "$tmp/keep2.xml" "$f/trickle" \
    > "$tmp/f.killed" 2>&1
[ $? = 124 ] && [ -s "$tmp/f.killed" ] && [ -z "$(tail -c1 "$tmp/f.killed")" ] &&
    [ "$(cat "$tmp/keep2.xml")" = keep ]
ok "killed by an outer timeout: stdout ends with a whole line, the JUnit file untouched" $?

echo "probe: $pass passed, $fail failed"
[ $fail = 0 ]
