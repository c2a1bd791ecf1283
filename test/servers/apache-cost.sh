#!/bin/sh
# What mod_condreq costs Apache httpd, in instructions, not seconds:
# apache2 -X (one process) under callgrind serves N1, then (a fresh one)
# N2 requests; the difference of the two totals over N2 - N1 is the cost
# of one request, start-up and shutdown cancelling out. Measured for a
# 304 (If-None-Match with the file's own ETag) and an unconditional 200,
# without and with the module (CondReq on for the whole server). Prints
# one "cost:" line per kind and says loudly when the module adds more
# than its goal (3% to a 304, 2% to a 200); never fails for a figure
# (instruction counts are a benchmark, not a test), only when it cannot
# measure.
# Usage: test/servers/apache-cost.sh MOD_CONDREQ_SO
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
set -u
module=$1
top=$(pwd)
. "$top/test/probe/servers.sh"
need "apt-get install valgrind apache2 apache2-utils curl" valgrind \
    apache2 ab curl setpriv
make_tmp
make_root "$tmp/www"
mkdir -p "$tmp/share"
cp "$module" "$tmp/share/"
chmod -R a+rX "$tmp/share"
m=/usr/lib/apache2/modules
# The server runs as the user that owns the document root, so that
# callgrind, started as that user, can write its output.
run_as=""
[ $as_root = yes ] && run_as="setpriv --reuid=www-data --regid=www-data --clear-groups"

# instructions MODE N [HEADER]: the total of an apache2 -X that served N
# requests, MODE plain or module.
instructions() {
	mode=$1 n=$2
	shift 2
	w=$tmp/ap-$mode-$n-$#
	port=$(free_port)
	mkdir -p "$w"
	[ $as_root = yes ] && chown www-data "$w"
	cat > "$w/apache2.conf" <<E2
ServerRoot "$w"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$w/apache2.pid"
DefaultRuntimeDir "$w"
ErrorLog "$w/error.log"
LogLevel warn
Mutex file:$w default
LoadModule mpm_prefork_module $m/mod_mpm_prefork.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule mime_module $m/mod_mime.so
TypesConfig /etc/mime.types
DocumentRoot "$tmp/www"
<Directory "$tmp/www">
	Require all granted
</Directory>
E2
	if [ "$mode" = module ]; then
		printf 'LoadModule condreq_module %s\nCondReq on\n' \
		    "$tmp/share/$(basename "$module")" >> "$w/apache2.conf"
	fi
	$run_as valgrind --tool=callgrind --callgrind-out-file="$w/cg.out" \
	    apache2 -f "$w/apache2.conf" -X > "$w/valgrind.log" 2>&1 &
	vp=$!
	pids="$pids $vp"
	i=0
	until curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/file.txt"; do
		i=$((i + 1))
		[ $i -gt 120 ] && { echo "cost: apache2 under callgrind did not start" >&2; cat "$w/valgrind.log" >&2; return 1; }
		sleep 0.5
	done
	load "$n" "$port" "$@"
	measured "$vp" "$port"
	sed -n 's/^totals: //p' "$w/cg.out"
}

. "$top/test/servers/cost.sh"
report apache2 mod_condreq 3 2 start_apache
