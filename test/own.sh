#!/bin/sh
# own.sh [--decoy] COMMAND...: run a test COMMAND in a session of its own
# and fail when a process of that session outlives it: the servers,
# browsers and caches a test starts are its own processes, told apart by
# session id, never by name, so that the same programs running for
# anything else on the machine neither fail the test nor get stopped.
# With --decoy, an unrelated nginx (outside the test's session, on a
# port of its own) runs the whole time: it must still be running at the
# end, untouched and not counted; it is then stopped by its PID.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.
set -u
here=$(dirname "$0")
decoy=no
[ "${1:-}" = --decoy ] && { decoy=yes; shift; }
w=$(mktemp -d)
dpid="" sid=""
cleanup() {
	[ -n "$sid" ] && kill -TERM -- "-$sid" 2>/dev/null
	if [ -n "$dpid" ]; then
		kill "$dpid" 2>/dev/null
		wait "$dpid" 2>/dev/null
	fi
	rm -rf "$w"
}
trap 'cleanup; exit 1' INT TERM
trap cleanup EXIT

if [ $decoy = yes ]; then
	command -v nginx >/dev/null 2>&1 ||
	    { echo "FAIL: nginx not found (apt-get install nginx)"; exit 1; }
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	mkdir -p "$w/tmp"
	cat > "$w/nginx.conf" <<CONF
daemon off;
master_process on;
pid $w/nginx.pid;
error_log $w/error.log warn;
events { worker_connections 16; }
http {
	access_log off;
	client_body_temp_path $w/tmp;
	proxy_temp_path $w/tmp;
	fastcgi_temp_path $w/tmp;
	uwsgi_temp_path $w/tmp;
	scgi_temp_path $w/tmp;
	server { listen 127.0.0.1:$port; root $w; }
}
CONF
	nginx -c "$w/nginx.conf" -p "$w" > "$w/stdout" 2>&1 &
	dpid=$!
	i=0
	until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "FAIL: the decoy nginx did not start"; cat "$w/error.log"; exit 1; }
		sleep 0.1
	done
fi

# The command's session: setsid's child writes its own PID (the session
# id) before it becomes the command.
setsid -w sh -c 'echo $$ > "$0"; exec "$@"' "$w/sid" "$@"
rc=$?
sid=$(cat "$w/sid" 2>/dev/null)
[ -n "$sid" ] || { echo "FAIL: the test's session id is unknown"; exit 1; }

# Anything of that session still running (zombies, already ended, aside)?
left=""
i=0
while [ $i -lt 20 ]; do
	left=$(ps -eo sid=,pid=,stat=,args= |
	    awk -v s="$sid" '$1 == s && $3 !~ /^Z/ { $1 = ""; print }')
	[ -z "$left" ] && break
	sleep 0.25
	i=$((i + 1))
done
if [ -n "$left" ]; then
	echo "FAIL: processes the test started were left behind:"
	echo "$left"
	kill -KILL -- "-$sid" 2>/dev/null
	rc=1
fi
sid=""
if [ $decoy = yes ]; then
	if kill -0 "$dpid" 2>/dev/null && [ -z "$left" ] &&
	    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
		echo "ok: an unrelated nginx (pid $dpid) ran throughout, untouched and not counted as left behind"
	else
		echo "FAIL: the unrelated nginx (pid $dpid) was stopped or counted"
		rc=1
	fi
fi
exit $rc
