#!/bin/sh
# What ngx_http_condreq_module costs nginx, in instructions, not seconds:
# nginx in one process (master_process off, daemon off) under callgrind
# serves N1, then (a fresh one) N2 requests; the difference of the two
# totals over N2 - N1 is the cost of one request, start-up and shutdown
# cancelling out. Measured for a 304 (If-None-Match with the file's own
# ETag) and an unconditional 200, without and with the module (condreq on
# for the whole server). Prints one "cost:" line per kind and says loudly
# when the module adds more than its goal (3% to either); never fails for
# a figure (instruction counts are a benchmark, not a test), only when it
# cannot measure.
# Usage: test/servers/nginx-cost.sh NGX_HTTP_CONDREQ_MODULE_SO
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
set -u
module=$1
top=$(pwd)
. "$top/test/probe/servers.sh"
need "apt-get install valgrind nginx apache2-utils curl" valgrind \
    nginx ab curl setpriv
make_tmp
make_root "$tmp/www"
mkdir -p "$tmp/share"
cp "$module" "$tmp/share/"
chmod -R a+rX "$tmp/share"
# The server runs as the user that owns the document root, so that
# callgrind, started as that user, can write its output.
run_as=""
[ $as_root = yes ] && run_as="setpriv --reuid=www-data --regid=www-data --clear-groups"

# instructions MODE N [HEADER]: the total of a one-process nginx that
# served N requests, MODE plain or module.
instructions() {
	mode=$1 n=$2
	shift 2
	w=$tmp/ngx-$mode-$n-$#
	port=$(free_port)
	mkdir -p "$w/tmp"
	[ $as_root = yes ] && chown -R www-data "$w"
	{
		[ "$mode" = module ] && echo "load_module $tmp/share/$(basename "$module");"
		cat <<E2
master_process off;
daemon off;
pid $w/nginx.pid;
error_log $w/error.log warn;
worker_processes 1;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path $w/tmp;
	proxy_temp_path $w/tmp;
	fastcgi_temp_path $w/tmp;
	uwsgi_temp_path $w/tmp;
	scgi_temp_path $w/tmp;
	server {
		listen 127.0.0.1:$port;
		root $tmp/www;
E2
		[ "$mode" = module ] && printf '\t\tcondreq on;\n'
		printf '\t}\n}\n'
	} > "$w/nginx.conf"
	$run_as valgrind --tool=callgrind --callgrind-out-file="$w/cg.out" \
	    nginx -c "$w/nginx.conf" -p "$w" > "$w/valgrind.log" 2>&1 &
	vp=$!
	pids="$pids $vp"
	i=0
	until curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/file.txt"; do
		i=$((i + 1))
		[ $i -gt 120 ] && { echo "cost: nginx under callgrind did not start" >&2; cat "$w/valgrind.log" "$w/error.log" >&2; return 1; }
		sleep 0.5
	done
	load "$n" "$port" "$@"
	measured "$vp" "$port"
	sed -n 's/^totals: //p' "$w/cg.out"
}

. "$top/test/servers/cost.sh"
report nginx ngx_http_condreq_module 3 3 start_nginx
