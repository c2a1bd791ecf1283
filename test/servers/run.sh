#!/bin/sh
# make servers: Debian's apache2 with mod_condreq and nginx with
# ngx_http_condreq_module, each started on loopback with a generated
# config, with and without the module, in one run:
#  - condreq-probe, read-only and --write: without the module the
#    server's own deviations (pinned in test/probe/pinned/), with it none
#    (nginx: but the duplicate field lines its header parser refuses
#    before any module runs, pinned in test/servers/nginx-module);
#  - unconditional GET and HEAD: body, ETag, Last-Modified, Content-Type
#    and Content-Length byte-identical with and without the module;
#  - the module logs what decided, at debug level;
#  - apache2: the ETag mod_condreq writes itself is Apache's, under every
#    FileETag setting and for a file dated ahead of the clock (weak);
#  - lost updates: K writers with If-Match, a body that arrives late, a
#    stale tag of equal size (none lost with the module; without it the
#    losses are printed), and the bad-input sweep of writes;
#  - instructions per 304 and per 200 with and without (callgrind);
#    nginx's writes run with worker_processes 4;
#  - throughput of conditional GETs with and without (ab), side by side,
#    and the server's CPU per request: measured and printed, said loudly
#    when above the 5% goal, never a failure (timings are not tests).
# Servers are stopped whatever happens; a missing tool is a failure.
# Usage: test/servers/run.sh BUILD_DIR LIBCONDREQ_SO
set -u
B=$1 lib=$2
top=$(pwd)
probe=$top/$B/condreq-probe
. "$top/test/probe/servers.sh"
need "apt-get install apache2 nginx apache2-utils curl python3" \
    apache2 nginx curl ab python3
make_tmp

# What the servers' users load, copied where their workers may read it.
mkdir -p "$tmp/share"
cp "$B/servers/apache/mod_condreq.so" \
    "$B/servers/nginx/ngx_http_condreq_module.so" "$tmp/share/"
chmod -R a+rX "$tmp/share"

cat > "$tmp/apache-module.conf" <<EOF
LoadModule condreq_module $tmp/share/mod_condreq.so
<Location "/">
	CondReq on
</Location>
LogLevel warn condreq:debug
EOF
# The same without debug logging, for the throughput check.
grep -v '^LogLevel' "$tmp/apache-module.conf" > "$tmp/apache-module-quiet.conf"
# ETags of size alone: two writes of equal size share one.
echo 'FileETag Size' > "$tmp/apache-size.conf"
cat > "$tmp/nginx-server.conf" <<EOF
		location / {
			condreq on;
		}
EOF
: > "$tmp/nginx-http.conf"
cat > "$tmp/nginx-main.conf" <<EOF
load_module $tmp/share/ngx_http_condreq_module.so;
EOF

# start SERVER MODULE NAME ROOT: $url of the instance. MODULE is no, yes,
# size (FileETag Size), size-mod (both),
# or quiet (with it, no debug log). nginx has no FileETag: its size and
# size-mod are its own ETag (seconds and size) without and with the
# module. NGINX_WORKERS sets nginx's worker_processes.
start() {
	case $1:$2 in
	apache2:no) start_apache "$tmp/$3" "$4" ;;
	apache2:yes) start_apache "$tmp/$3" "$4" "$tmp/apache-module.conf" ;;
	apache2:quiet)
		start_apache "$tmp/$3" "$4" "$tmp/apache-module-quiet.conf" ;;
	apache2:size) start_apache "$tmp/$3" "$4" "$tmp/apache-size.conf" ;;
	apache2:size-mod)
		cat "$tmp/apache-module-quiet.conf" "$tmp/apache-size.conf" \
		    > "$tmp/apache-size-mod.conf"
		start_apache "$tmp/$3" "$4" "$tmp/apache-size-mod.conf" ;;
	nginx:no|nginx:size) start_nginx "$tmp/$3" "$4" ;;
	nginx:*) start_nginx "$tmp/$3" "$4" "$tmp/nginx-server.conf" \
		    "$tmp/nginx-http.conf" "$tmp/nginx-main.conf" ;;
	esac
}

# CPU time (ns) used so far by the workers of server process $1, every
# thread of each (Apache's event MPM serves from threads).
cpu_ns() {
	for p in $(pgrep -P "$1"); do
		cat /proc/$p/task/*/schedstat 2>/dev/null
	done | awk '{ t += $1 } END { printf "%.0f\n", t }'
}

# probe_pair SERVER: --write probes without and with the module.
probe_pair() {
	s=$1
	make_root "$tmp/www-$s-plain"
	start "$s" no "$s-plain" "$tmp/www-$s-plain" || { ok "$s starts" 1; return; }
	"$probe" --write "$url" > "$tmp/$s-plain.out" 2>&1
	pinned "$s without the module: its pinned deviations ($(tail -1 "$tmp/$s-plain.out"))" \
	    "$tmp/$s-plain.out" "$top/test/probe/pinned/$s"
	make_root "$tmp/www-$s-mod"
	start "$s" yes "$s-mod" "$tmp/www-$s-mod" ||
	    { ok "$s starts with the module" 1; return; }
	# What the server itself does before or around the module (nginx
	# refuses duplicate lines; both honour Range on HEAD) is allowed, the
	# list in test/servers/SERVER-module.
	allow=$(paste -sd, "$top/test/servers/$s-module")
	what="no failure but the server's own, listed in test/servers/$s-module"
	"$probe" --write ${allow:+--allow "$allow"} "$url" > "$tmp/$s-mod.out" 2>&1
	rc=$?
	[ $rc = 0 ] && tail -1 "$tmp/$s-mod.out" | grep -q ' 0 failed'
	ok "$s with the module: $what ($(tail -1 "$tmp/$s-mod.out"))" $?
	if [ $rc != 0 ]; then
		grep -E '(FAIL|ERROR)$' -A1 "$tmp/$s-mod.out" | sed 's/^/    /'
	fi
	"$probe" "$url" ${allow:+--allow "$allow"} > "$tmp/$s-mod.ro" 2>&1
	ok "$s with the module, read-only: $what ($(tail -1 "$tmp/$s-mod.ro"))" $?
	awk '$NF == "allowed" { print $1 }' "$tmp/$s-mod.out" | sort |
	    cmp -s - "$top/test/servers/$s-module"
	ok "$s with the module: the allowed cases are exactly those listed" $?
}

probe_pair apache2
grep -q 'condreq: GET /file.txt: 304, decided by If-None-Match' \
    "$tmp/apache2-mod/error.log"
ok "apache2: the module logs what decided (LogLevel condreq:debug)" $?

# mod_condreq writes Apache's ETag itself for FileETag's INode, Size, MTime
# and None (Apache's default handler makes it again, as it always does),
# and leaves Digest to Apache: under every setting, the tag Apache sends
# must be the one the module decided with. Its own tag in If-None-Match:
# 304; in If-Match: the request goes on when the tag is strong; a tag one
# byte off: neither. A file dated ahead of the clock has Apache's weak tag
# (less than a second old), which If-Match never matches, in either form.
apache_etags() {
	r=$tmp/www-etags
	make_root "$r"
	: > "$tmp/apache-etags.conf"
	cat "$tmp/apache-module-quiet.conf" >> "$tmp/apache-etags.conf"
	for d in default all inode size mtime inode-size none digest fresh; do
		make_root "$r/$d"
		case $d in
		default|fresh) v="" ;;
		all) v="INode MTime Size" ;;
		inode-size) v="INode Size" ;;
		*) v=$d ;;
		esac
		[ -n "$v" ] && printf '<Directory "%s">\n\tFileETag %s\n</Directory>\n' \
		    "$r/$d" "$v" >> "$tmp/apache-etags.conf"
	done
	touch -d '+1 hour' "$r/fresh/file.txt"
	start_apache "$tmp/apache2-etags" "$r" "$tmp/apache-etags.conf" ||
	    { ok "apache2 starts with FileETag settings" 1; return; }
	base=${url%/file.txt}
	for d in default all inode size mtime inode-size none digest fresh; do
		u=$base/$d/file.txt
		tag=$(curl -sI "$u" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r')
		bare=${tag#W/}
		# The tag with its last character before the quote changed.
		off=$(printf '%s' "$bare" | sed 's/.\("\)$/~\1/')
		st() { curl -s -o /dev/null -w '%{http_code}' -H "$1" "$u"; }
		case $d in
		none)
			[ -z "$tag" ] && [ "$(st 'If-None-Match: "x"')" = 200 ] &&
			    [ "$(st 'If-Match: *')" = 200 ]
			ok "apache2 FileETag None with the module: no tag, none matches" $?
			continue ;;
		fresh) want=412 ;;
		*) want=200 ;;
		esac
		got="$(st "If-None-Match: $tag") $(st "If-None-Match: $off") $(st "If-Match: $bare") $(st "If-Match: $off")"
		ok "apache2 FileETag $d with the module: its tag $tag decides (304 200 $want 412: $got)" \
		    "$([ "$got" = "304 200 $want 412" ] && echo 0 || echo 1)"
	done
	case $(curl -sI "$base/fresh/file.txt" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p') in
	W/*) ok "apache2: a file dated ahead of the clock has a weak tag" 0 ;;
	*) ok "apache2: a file dated ahead of the clock has a weak tag" 1 ;;
	esac
	stop_servers
}
apache_etags

probe_pair nginx

# Lost updates (RFC 9110 13.1.1): K writers each read the value and its
# ETag and write value+1 with If-Match, in rows of K = 2, 8, 32, values of
# one width (equal sizes) or growing, the body sent with the head or after
# it (test/servers/lostupdate.py). With the module no row may lose an
# update; without it the losses are printed beside, not pinned (they
# depend on timing). Then the slow body (A's head, B's update, A's body:
# A gets 412, B's bytes stay) and the stale tag of an equal-sized write
# under FileETag Size, each with and without the module.
lost_updates() {
	s=$1
	lu=$top/test/servers/lostupdate.py
	make_root "$tmp/www-$s-lu-plain"
	make_root "$tmp/www-$s-lu-mod"
	start "$s" no "$s-lu-plain" "$tmp/www-$s-lu-plain" && plain=$url &&
	    start "$s" quiet "$s-lu-mod" "$tmp/www-$s-lu-mod" && mod=$url ||
	    { ok "$s: two instances start for the lost-update test" 1; return; }
	for k in 2 8 32; do
		for values in fixed grow; do
			for body in with after; do
				row="--writers $k --values $values --body $body --seconds ${LOST_SECONDS:-3}"
				python3 "$lu" run "$plain" $row --label "$s" |
				    sed 's/^/    without the module: /'
				python3 "$lu" run "$mod" $row --label "$s+condreq" \
				    > "$tmp/lu.out"
				rc=$?
				grep -q ' lost=0 ' "$tmp/lu.out" && [ $rc = 0 ]
				ok "$(head -1 "$tmp/lu.out")" $?
				tail -n +2 "$tmp/lu.out"
			done
		done
	done
	python3 "$lu" slow-body "$plain" | sed 's/^/    without the module: /'
	python3 "$lu" slow-body "$mod" > "$tmp/lu.out"
	rc=$?
	ok "$s with the module: a body that arrives after another write is refused ($(grep -c '^ok' "$tmp/lu.out") of 3)" $rc
	grep -v '^ok' "$tmp/lu.out" | sed 's/^/    /'
	stop_servers
	make_root "$tmp/www-$s-size-plain"
	make_root "$tmp/www-$s-size-mod"
	start "$s" size "$s-size-plain" "$tmp/www-$s-size-plain" && plain=$url &&
	    start "$s" size-mod "$s-size-mod" "$tmp/www-$s-size-mod" && mod=$url ||
	    { ok "$s: two more instances start" 1; return; }
	sz="FileETag Size"
	[ "$s" = nginx ] && sz="its own ETag (seconds and size)"
	python3 "$lu" stale "$plain" | sed "s/^/    without the module, $sz: /"
	python3 "$lu" stale "$mod" > "$tmp/lu.out"
	rc=$?
	ok "$s with the module, $sz: an If-Match a same-sized write made stale is refused ($(grep -c '^ok' "$tmp/lu.out") of 3)" $rc
	grep -v '^ok' "$tmp/lu.out" | sed 's/^/    /'
	stop_servers
}

lost_updates apache2
NGINX_WORKERS=4 lost_updates nginx

# The bad-input sweep (test/servers/badinput.py): some 1,300 PUT and DELETE
# requests with malformed, repeated, hostile and far-dated preconditions;
# with the module the file changes only where RFC 9110 requires the write,
# and the server stays up with no crash in its log. Without it, what the
# server alone lets through is printed.
bad_input() {
	s=$1
	make_root "$tmp/www-$s-bad-plain"
	make_root "$tmp/www-$s-bad-mod"
	start "$s" no "$s-bad-plain" "$tmp/www-$s-bad-plain" && plain=$url &&
	    start "$s" quiet "$s-bad-mod" "$tmp/www-$s-bad-mod" && mod=$url ||
	    { ok "$s: two instances start for the bad-input sweep" 1; return; }
	python3 "$top/test/servers/badinput.py" "$plain" \
	    "$tmp/www-$s-bad-plain/file.txt" | sed 's/^/    without the module: /'
	python3 "$top/test/servers/badinput.py" "$mod" \
	    "$tmp/www-$s-bad-mod/file.txt" > "$tmp/bad.out"
	rc=$?
	ok "$s with the module: $(tail -1 "$tmp/bad.out")" $rc
	grep '^FAIL' "$tmp/bad.out" | sed 's/^/    /'
	alive=0
	for p in $pids; do
		kill -0 "$p" 2>/dev/null || alive=1
	done
	ok "$s: both instances still up after the sweep" $alive
	! grep -qiE 'segfault|exit signal|exited on signal|AH00051|AH00052' \
	    "$tmp/$s-bad-plain/error.log" "$tmp/$s-bad-mod/error.log"
	ok "$s: no crash in the error logs" $?
	stop_servers
}

bad_input apache2
NGINX_WORKERS=4 bad_input nginx

# Instructions per 304 and per 200, with and without mod_condreq
# (callgrind, apache2 -X; nginx with one process): printed, loudly above
# the goals, never failed; each script bounded (20 min) so that a server
# that will not stop cannot hold the run.
timeout 1200 sh "$top/test/servers/apache-cost.sh" "$top/$B/servers/apache/mod_condreq.so" \
    > "$tmp/cost.out" 2>&1
rc=$?
cat "$tmp/cost.out"
ok "apache2: the module's cost measured in instructions" $rc
timeout 1200 sh "$top/test/servers/nginx-cost.sh" \
    "$top/$B/servers/nginx/ngx_http_condreq_module.so" > "$tmp/cost.out" 2>&1
rc=$?
cat "$tmp/cost.out"
ok "nginx: the module's cost measured in instructions" $rc

# same SERVER: unconditional answers of two instances on one root, one
# with the module, compared; then their throughput.
same() {
	s=$1
	make_root "$tmp/www-$s-same"
	start "$s" no "$s-a" "$tmp/www-$s-same" && a=$url &&
	    start "$s" quiet "$s-b" "$tmp/www-$s-same" && b=$url ||
	    { ok "$s: two instances start" 1; return; }
	for m in GET HEAD; do
		flag=""
		[ $m = HEAD ] && flag=-I
		curl -s $flag -D "$tmp/h.a" -o "$tmp/b.a" "$a"
		curl -s $flag -D "$tmp/h.b" -o "$tmp/b.b" "$b"
		for f in ETag Last-Modified Content-Type Content-Length; do
			grep -i "^$f:" "$tmp/h.a" > "$tmp/f.a"
			grep -i "^$f:" "$tmp/h.b" > "$tmp/f.b"
			[ -s "$tmp/f.a" ] && cmp -s "$tmp/f.a" "$tmp/f.b"
			ok "$s $m: $f the same with and without the module" $?
		done
		[ "$(head -1 "$tmp/h.a")" = "$(head -1 "$tmp/h.b")" ]
		ok "$s $m: the same status line" $?
		cmp -s "$tmp/b.a" "$tmp/b.b"
		ok "$s $m: the same body bytes" $?
	done
	etag=$(sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' "$tmp/h.a" | tr -d '\r')
	lm=$(sed -n 's/^[Ll]ast-[Mm]odified: *//p' "$tmp/h.a" | tr -d '\r')
	# (ab: -t implies -n 50000, so -n comes after it.)
	# Conditional GETs (all 304), as curl or a CDN sends them (If-None-
	# Match) and as a browser does (with If-Modified-Since too): rounds of
	# 20,000 alternately without and with, the server's CPU time (its
	# workers' schedstat, in ns) and requests per second of each. A
	# measurement, not a test (timings here move by tens of percent from
	# round to round): the median of the rounds is printed, and said
	# loudly when the module costs more than the 5% goal.
	pa=$(echo $pids | awk '{ print $(NF - 1) }') pb=$(echo $pids | awk '{ print $NF }')
	for kind in inm browser; do
		ims=""
		[ $kind = browser ] && ims="If-Modified-Since: $lm"
		: > "$tmp/load"
		for round in 1 2 3 4 5; do
			for side in a b; do
				u=$a p=$pa
				[ $side = b ] && u=$b p=$pb
				c0=$(cpu_ns $p)
				rps=$(ab -q -k -t 60 -n 20000 -c 8 \
				    -H "If-None-Match: $etag" ${ims:+-H "$ims"} \
				    "$u" 2>/dev/null |
				    awk '/^Requests per second/ { print int($4) }')
				c1=$(cpu_ns $p)
				echo "$round $side ${rps:-0} $((c1 - c0))" >> "$tmp/load"
			done
		done
		line=$(python3 - "$tmp/load" "$s" "$kind" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
rps = {"a": [], "b": []}; ns = {"a": {}, "b": {}}
for r, side, q, t in rows:
    rps[side].append(int(q)); ns[side][r] = int(t) / 20000 / 1000
ratio = st.median(ns["b"][r] / ns["a"][r] for r in ns["a"] if ns["a"][r] > 0)
what = {"inm": "If-None-Match", "browser": "If-None-Match + If-Modified-Since"}[sys.argv[3]]
print("load: %s, %s (304), 5 x 20,000: without the module %d req/s, %.1f us "
      "of server CPU each; with it %d req/s, %.1f us (median of rounds "
      "%+.1f%% CPU, %+.1f%% req/s)" % (sys.argv[2], what,
      st.median(rps["a"]), st.median(ns["a"].values()), st.median(rps["b"]),
      st.median(ns["b"].values()), 100 * (ratio - 1),
      100 * (st.median(rps["b"]) / max(st.median(rps["a"]), 1) - 1)))
print("over" if ratio > 1.05 else "within")
PY
)
		echo "$line" | head -1
		if [ "$(echo "$line" | tail -1)" = over ]; then
			echo "!!! $s: the module costs more than the 5% goal ($kind)"
		fi
	done
	stop_servers
}

same apache2
same nginx

echo "servers: $pass passed, $fail failed"
[ $fail = 0 ]
