#!/bin/sh
# condreq-probe against real servers on loopback (make integration):
#  - examples/mhd-static: 0 failures, read-only and with --write;
#  - Debian's apache2, nginx and lighttpd, each started here with a
#    generated config (WebDAV on): the probe runs to completion and the
#    set of case ids each fails is the one pinned in test/probe/pinned/,
#    so that a change in the probe's judgement (or a server's) shows;
#  - test/probe/faulty.py: wrong statuses, a 304 without its ETag, a
#    dropped connection and a slow answer give failures or errors, never a
#    hang; a 404, a closed port and TLS to a plain server exit 2.
# Servers are stopped whatever happens. A missing server is a failure.
# Usage: test/probe/run.sh PROBE MHD_STATIC
set -u
probe=$1 mhd=$2
here=$(dirname "$0")
. "$here/servers.sh"
need "apt-get install apache2 nginx lighttpd lighttpd-mod-webdav python3 curl" \
    apache2 nginx lighttpd python3 curl
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

# --- mhd-static: libcondreq's own server gets everything right -------------
make_root "$tmp/www-mhd"
"$mhd" "$tmp/www-mhd" 0 > "$tmp/mhd.port" 2> "$tmp/mhd.log" &
pids="$pids $!"
started mhd-static "$tmp/mhd.port"
mhd_url="$base/file.txt"
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
[ "$(grep -c '^ir-' "$tmp/mhd.ro")" -ge 4 ] &&
    [ "$(grep -c '^ims-' "$tmp/mhd.ro")" -ge 20 ] &&
    [ "$(grep -c -- '-put ' "$tmp/mhd.rw")" -ge 8 ]
ok "mhd-static: the matrix has its If-Range, If-Modified-Since and PUT cases" $?

# --- Debian's servers: their deviations, pinned ----------------------------
# check_server NAME: probe $url read-only and with --write, and compare
# the failing ids with test/probe/pinned/NAME.
check_server() {
	probe_run "$1" "$tmp/$1.ro" "$url"
	probe_run "$1" "$tmp/$1.rw" --write "$url"
	pinned "$1: fails exactly the cases pinned in test/probe/pinned/$1" \
	    "$tmp/$1.rw" "$here/pinned/$1"
	failing "$tmp/$1.ro" > "$tmp/$1.ro.ids"
	grep -v -e '-put$' -e '-delete$' "$tmp/$1.rw.ids" | cmp -s - "$tmp/$1.ro.ids"
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

echo "probe: $pass passed, $fail failed"
[ $fail = 0 ]
