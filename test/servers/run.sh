#!/bin/sh
# make servers: Debian's apache2 with mod_condreq and nginx with
# condreq_nginx.lua (libnginx-mod-http-lua), each started on loopback with
# a generated config, with and without the module, in one run:
#  - condreq-probe, read-only and --write: without the module the
#    server's own deviations (pinned in test/probe/pinned/), with it none
#    (nginx: but the duplicate field lines its header parser refuses
#    before any module runs, pinned in test/servers/nginx-module);
#  - unconditional GET and HEAD: body, ETag, Last-Modified, Content-Type
#    and Content-Length byte-identical with and without the module;
#  - the module logs what decided, at debug level;
#  - throughput of conditional GETs with and without (ab), side by side,
#    and the server's CPU per request: the module may cost at most 5%
#    (nginx, where Lua itself costs about 3.5%: 10%, above 5% said loudly).
# Servers are stopped whatever happens; a missing tool is a failure.
# Usage: test/servers/run.sh BUILD_DIR LIBCONDREQ_SO
set -u
B=$1 lib=$2
top=$(pwd)
probe=$top/$B/condreq-probe
for tool in apache2 nginx curl ab python3; do
	command -v $tool >/dev/null 2>&1 || {
		echo "FAIL: $tool not found (apt-get install apache2 nginx" \
		    "libnginx-mod-http-lua apache2-utils curl python3)"
		exit 1
	}
done
nginx_mods=/usr/lib/nginx/modules
[ -f $nginx_mods/ngx_http_lua_module.so ] || {
	echo "FAIL: nginx's lua module not found (apt-get install" \
	    "libnginx-mod-http-lua)"
	exit 1
}
. "$top/test/probe/servers.sh"
tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() {
	stop_servers
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
pass=0 fail=0
ok() {
	if [ "$2" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
	fi
}

# What the servers' users load, copied where their workers may read it.
mkdir -p "$tmp/share"
cp "$B/servers/apache/mod_condreq.so" "$lib" "$top/bindings/lua/condreq.lua" \
    "$top/servers/nginx/condreq_nginx.lua" "$tmp/share/"
chmod -R a+rX "$tmp/share"
so=$tmp/share/$(basename "$lib")

cat > "$tmp/apache-module.conf" <<EOF
LoadModule condreq_module $tmp/share/mod_condreq.so
<Location "/">
	CondReq on
</Location>
LogLevel warn condreq:debug
EOF
# The same without debug logging, for the throughput check.
grep -v '^LogLevel' "$tmp/apache-module.conf" > "$tmp/apache-module-quiet.conf"
cat > "$tmp/nginx-server.conf" <<EOF
		location / {
			access_by_lua_block { require("condreq_nginx").access() }
		}
EOF
cat > "$tmp/nginx-http.conf" <<EOF
	lua_package_path "$tmp/share/?.lua;;";
EOF
cat > "$tmp/nginx-main.conf" <<EOF
load_module $nginx_mods/ndk_http_module.so;
load_module $nginx_mods/ngx_http_lua_module.so;
env CONDREQ_LIB=$so;
EOF
: > "$tmp/empty"

# start SERVER MODULE(yes|no) NAME ROOT: $url of the instance.
start() {
	if [ "$1" = apache2 ]; then
		if [ "$2" = yes ]; then
			start_apache "$tmp/$3" "$4" "$tmp/apache-module.conf"
		elif [ "$2" = quiet ]; then
			start_apache "$tmp/$3" "$4" \
			    "$tmp/apache-module-quiet.conf"
		else
			start_apache "$tmp/$3" "$4"
		fi
	elif [ "$2" != no ]; then
		start_nginx "$tmp/$3" "$4" "$tmp/nginx-server.conf" \
		    "$tmp/nginx-http.conf" "$tmp/nginx-main.conf"
	else
		start_nginx "$tmp/$3" "$4"
	fi
}

# CPU ticks used by process $1, its children, and its reaped children.
cpu_ticks() {
	for p in $1 $(pgrep -P "$1"); do
		sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null
	done | awk '{ t += $12 + $13 + $14 + $15 } END { print t + 0 }'
}

failing() {
	awk '$NF == "FAIL" || $NF == "ERROR" { print $1 }' "$@" | sort
}

# probe_pair SERVER: --write probes without and with the module.
probe_pair() {
	s=$1
	make_root "$tmp/www-$s-plain"
	start "$s" no "$s-plain" "$tmp/www-$s-plain" || { ok "$s starts" 1; return; }
	"$probe" --write "$url" > "$tmp/$s-plain.out" 2>&1
	failing "$tmp/$s-plain.out" > "$tmp/$s-plain.ids"
	cmp -s "$tmp/$s-plain.ids" "$top/test/probe/pinned/$s"
	ok "$s without the module: its pinned deviations ($(tail -1 "$tmp/$s-plain.out"))" $?
	make_root "$tmp/www-$s-mod"
	start "$s" yes "$s-mod" "$tmp/www-$s-mod" ||
	    { ok "$s starts with the module" 1; return; }
	allow=""
	[ "$s" = nginx ] && allow=$(paste -sd, "$top/test/servers/nginx-module")
	"$probe" --write ${allow:+--allow "$allow"} "$url" > "$tmp/$s-mod.out" 2>&1
	rc=$?
	[ $rc = 0 ] && tail -1 "$tmp/$s-mod.out" | grep -q ' 0 failed'
	ok "$s with the module: no failure ($(tail -1 "$tmp/$s-mod.out"))" $?
	if [ $rc != 0 ]; then
		grep -E '(FAIL|ERROR)$' -A1 "$tmp/$s-mod.out" | sed 's/^/    /'
	fi
	"$probe" "$url" ${allow:+--allow "$allow"} > "$tmp/$s-mod.ro" 2>&1
	ok "$s with the module, read-only: no failure ($(tail -1 "$tmp/$s-mod.ro"))" $?
	if [ "$s" = nginx ]; then
		awk '$NF == "allowed" { print $1 }' "$tmp/$s-mod.out" | sort |
		    cmp -s - "$top/test/servers/nginx-module"
		ok "nginx with the module: the allowed cases are exactly the duplicate lines" $?
	fi
}

probe_pair apache2
grep -q 'condreq: GET /file.txt: 304, decided by If-None-Match' \
    "$tmp/apache2-mod/error.log"
ok "apache2: the module logs what decided (LogLevel condreq:debug)" $?
probe_pair nginx

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
	# 50,000 conditional GETs (all 304), alternately without and with,
	# three rounds: requests per second (the median round of each), and
	# the CPU time the server's processes spent per request, which other
	# guests of the machine disturb far less than the wall clock.
	pa=$(echo $pids | awk '{ print $(NF - 1) }') pb=$(echo $pids | awk '{ print $NF }')
	: > "$tmp/load.a"
	: > "$tmp/load.b"
	for round in 1 2 3; do
		for side in a b; do
			u=$a p=$pa
			[ $side = b ] && u=$b p=$pb
			c0=$(cpu_ticks $p)
			rps=$(ab -q -k -n 50000 -c 8 -t 60 -H "If-None-Match: $etag" \
			    "$u" 2>/dev/null |
			    awk '/^Requests per second/ { print int($4) }')
			c1=$(cpu_ticks $p)
			echo "${rps:-0} $((c1 - c0))" >> "$tmp/load.$side"
		done
	done
	ra=$(sort -n "$tmp/load.a" | sed -n 2p | cut -d' ' -f1)
	rb=$(sort -n "$tmp/load.b" | sed -n 2p | cut -d' ' -f1)
	ta=$(awk '{ t += $2 } END { print t }' "$tmp/load.a")
	tb=$(awk '{ t += $2 } END { print t }' "$tmp/load.b")
	hz=$(getconf CLK_TCK)
	line=$(awk -v s=$s -v ra=$ra -v rb=$rb -v ta=$ta -v tb=$tb -v hz=$hz 'BEGIN {
		ua = ta * 1e6 / hz / 150000; ub = tb * 1e6 / hz / 150000
		printf "load: %s, 50,000 conditional GETs (304) x 3: without the module %d req/s, %.1f us of server CPU each; with it %d req/s, %.1f us each (%+.1f%% CPU)", s, ra, ua, rb, ub, (ta > 0 ? 100 * (tb - ta) / ta : 0) }')
	echo "$line"
	echo "    rounds (req/s, CPU ticks): without $(tr '\n' ' ' < "$tmp/load.a")," \
	    "with $(tr '\n' ' ' < "$tmp/load.b")"
	# The goal is 5%. nginx enters Lua for every request, which alone
	# costs about 3.5% of a 304 here (an empty access_by_lua_block), and
	# the module lands just above the goal (README): held to 10% there,
	# and said loudly whenever it is above 5%.
	limit=105
	[ "$s" = nginx ] && limit=110
	if [ $((tb * 100)) -gt $((ta * 105)) ]; then
		echo "!!! $s: the module costs more than the 5% goal"
	fi
	[ "$ta" -gt 0 ] && [ $((tb * 100)) -le $((ta * limit)) ]
	ok "$s: the module costs at most $((limit - 100))% (server CPU per request)" $?
	stop_servers
}

same apache2
same nginx

echo "servers: $pass passed, $fail failed"
[ $fail = 0 ]
