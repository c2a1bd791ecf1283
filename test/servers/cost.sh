# The part of apache-cost.sh and nginx-cost.sh that does not depend on the
# server, sourced by both after they define instructions(): a module's
# cost per request in instructions, as the difference of two runs under
# callgrind (N1, then N2 requests) over N2 - N1, so that start-up and
# shutdown cancel out; for a 304 (If-None-Match with the server's own
# ETag) and an unconditional 200, without and with the module.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.

N1=${COST_N1:-500} N2=${COST_N2:-1500}

# measured PID PORT: stop the server under callgrind that has PID and
# listens on PORT, so that callgrind writes its totals. Under valgrind a
# signal can wait for the server's next event, and a server blocked in
# accept may never see it: TERM is sent again each second with a
# connection opened and closed to wake it; a server still there after 60 s
# is killed (its totals are then missing, and the measure fails). Never
# waits for ever.
measured() {
	kill "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 60 ]; do
		i=$((i + 1))
		sleep 1
		kill "$1" 2>/dev/null
		python3 -c "import socket; socket.create_connection(('127.0.0.1', $2), 1).close()" 2>/dev/null
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# load N PORT [HEADER]: N keep-alive requests, one at a time, for the
# file, each bounded (ab -s) so that a server that stops answering cannot
# hold the run.
load() {
	n=$1 port=$2
	shift 2
	timeout 600 ab -q -k -s 30 -n "$n" -c 1 "$@" \
	    "http://127.0.0.1:$port/file.txt" > "$w/ab.out" 2>&1
}

# per MODE [HEADER]: instructions of one request.
per() {
	mode=$1
	shift
	a=$(instructions "$mode" "$N1" "$@") && b=$(instructions "$mode" "$N2" "$@") &&
	    [ -n "$a" ] && [ -n "$b" ] || return 1
	echo $(( (b - a) / (N2 - N1) ))
}

# report SERVER MODULE GOAL304 GOAL200 START: one "cost:" line per kind,
# said loudly when the module adds more than its goal (in percent); exits
# 1 only when a figure could not be measured. START (servers.sh's start
# function) serves the file once, for its ETag.
report() {
	server=$1 module_name=$2
	"$5" "$tmp/probe" "$tmp/www" || exit 1
	etag=$(curl -sI "$url" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r')
	stop_servers
	[ -n "$etag" ] || { echo "FAIL: cost: $server sent no ETag"; exit 1; }
	rc=0
	for kind in 304 200; do
		hdr="" goal=$3 what="If-None-Match"
		[ $kind = 304 ] && hdr="If-None-Match: $etag"
		[ $kind = 200 ] && goal=$4 what="unconditional GET"
		p=$(per plain ${hdr:+-H "$hdr"}) && q=$(per module ${hdr:+-H "$hdr"}) || {
			echo "FAIL: cost: $server $kind could not be measured"
			rc=1
			continue
		}
		pct=$(awk -v p="$p" -v q="$q" 'BEGIN { printf "%+.1f", 100 * (q - p) / p }')
		echo "cost: $server $kind ($what): $p instructions per request without $module_name, $q with ($pct%, goal +$goal%)"
		if awk -v p="$p" -v q="$q" -v g="$goal" 'BEGIN { exit !(100 * (q - p) / p > g) }'; then
			echo "!!! $server $kind: $module_name adds more than its goal of $goal%"
		fi
	done
	exit $rc
}
