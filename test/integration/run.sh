#!/bin/sh
# Integration: examples/mhd-static.c on a free loopback port, driven by
# curl, wget and headless Chromium. The server is stopped at the end,
# whatever happens. A missing client is a failure, never a skip.
# Usage: test/integration/run.sh SERVER_BINARY
set -u
server=$1
for tool in curl wget chromium; do
	command -v $tool >/dev/null 2>&1 || {
		echo "FAIL: $tool not found; install it (apt-get install curl wget chromium)"
		exit 1
	}
done

tmp=$(mktemp -d)
root="$tmp/root"
mkdir -p "$root" "$tmp/wget"
pid=""
cpids=""
cleanup() {
	# Chromium's helpers can outlive its main process for a moment:
	# each run of it is a process group of its own (timeout makes one),
	# ended as a whole.
	for g in $cpids; do
		kill -- "-$g" 2>/dev/null
		i=0
		while [ -n "$(ps -eo pgid=,stat= | awk -v g="$g" '$1 == g && $2 !~ /^Z/')" ] &&
		    [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 -- "-$g" 2>/dev/null
	done
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

printf '0123456789abcdefghij\n' > "$root/file.txt"
printf '<!doctype html><title>t</title><p>hello</p>\n' > "$root/index.html"
touch -d '2001-09-09 01:46:40 UTC' "$root/file.txt" "$root/index.html"

"$server" "$root" 0 > "$tmp/port" 2> "$tmp/log" &
pid=$!
i=0
while ! grep -q 'listening on' "$tmp/port" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "FAIL: server did not start"; cat "$tmp/log"; exit 1; }
	sleep 0.05
done
port=$(sed -n 's/listening on //p' "$tmp/port")
base="http://127.0.0.1:$port"
pass=0 fail=0

ok() {   # ok NAME CONDITION-RESULT
	if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi
}
code() { rm -f "$tmp/body"; : > "$tmp/body"; curl -s -o "$tmp/body" -w '%{http_code}' "$@"; }

# curl -z: If-Modified-Since older and newer than the file.
c=$(code -z 'Sat, 08 Sep 2001 00:00:00 GMT' "$base/file.txt")
[ "$c" = 200 ] && cmp -s "$tmp/body" "$root/file.txt"; ok "curl -z older date gives 200 and the body ($c)" $?
c=$(code -z 'Mon, 10 Sep 2001 00:00:00 GMT' "$base/file.txt")
[ "$c" = 304 ] && [ ! -s "$tmp/body" ]; ok "curl -z newer date gives 304 ($c)" $?

# --etag-save, then --etag-compare.
c=$(code --etag-save "$tmp/etag" "$base/file.txt")
[ "$c" = 200 ] && [ -s "$tmp/etag" ]; ok "curl --etag-save ($c)" $?
c=$(code --etag-compare "$tmp/etag" "$base/file.txt")
[ "$c" = 304 ]; ok "curl --etag-compare gives 304 ($c)" $?

# A 304 carries ETag, Cache-Control and Vary (RFC 9110 15.4.5).
curl -s -D "$tmp/hdr" -o /dev/null -H "If-None-Match: $(cat "$tmp/etag")" "$base/file.txt"
grep -qi '^etag:' "$tmp/hdr" && grep -qi '^cache-control:' "$tmp/hdr" &&
    grep -qi '^vary:' "$tmp/hdr" && grep -qi '^date:' "$tmp/hdr"
ok "304 keeps ETag, Cache-Control, Vary, Date" $?

# -r with If-Range: the current tag gives 206, an old one the full 200.
old=$(cat "$tmp/etag")
c=$(code -r 0-4 -H "If-Range: $old" "$base/file.txt")
[ "$c" = 206 ] && [ "$(cat "$tmp/body")" = 01234 ]; ok "If-Range current tag gives 206 ($c)" $?
printf '0123456789ABCDEFGHIJ\n' > "$root/file.txt"
c=$(code -r 0-4 -H "If-Range: $old" "$base/file.txt")
[ "$c" = 200 ] && cmp -s "$tmp/body" "$root/file.txt"; ok "If-Range after a change gives the full 200 ($c)" $?

# PUT with a current and a stale If-Match.
cur=$(curl -s -D - -o /dev/null "$base/file.txt" | sed -n 's/^[Ee][Tt][Aa][Gg]: *//p' | tr -d '\r')
c=$(code -X PUT -H "If-Match: $cur" --data-binary 'new content' "$base/file.txt")
[ "$c" = 204 ] && [ "$(cat "$root/file.txt")" = 'new content' ]; ok "PUT with the current If-Match writes ($c)" $?
cp "$root/file.txt" "$tmp/before"
c=$(code -X PUT -H "If-Match: $cur" --data-binary 'lost update' "$base/file.txt")
[ "$c" = 412 ] && cmp -s "$root/file.txt" "$tmp/before"; ok "PUT with a stale If-Match gives 412, file unchanged ($c)" $?
c=$(code -X PUT -H 'If-Unmodified-Since: Sat, 08 Sep 2001 00:00:00 GMT' --data-binary 'x' "$base/file.txt")
[ "$c" = 412 ] && cmp -s "$root/file.txt" "$tmp/before"; ok "PUT with a stale If-Unmodified-Since gives 412 ($c)" $?

# If-None-Match: * on PUT creates only when absent.
c=$(code -X PUT -H 'If-None-Match: *' --data-binary 'created' "$base/new.txt")
[ "$c" = 201 ] && [ "$(cat "$root/new.txt")" = created ]; ok "PUT If-None-Match: * creates ($c)" $?
c=$(code -X PUT -H 'If-None-Match: *' --data-binary 'again' "$base/new.txt")
[ "$c" = 412 ] && [ "$(cat "$root/new.txt")" = created ]; ok "PUT If-None-Match: * on an existing file gives 412 ($c)" $?
c=$(code -X DELETE -H 'If-Match: "nope"' "$base/new.txt")
[ "$c" = 412 ] && [ -f "$root/new.txt" ]; ok "DELETE with a stale If-Match gives 412 ($c)" $?

# wget -N: no re-download when unchanged, a re-download after a change.
(cd "$tmp/wget" && wget -q -N "$base/index.html")
[ -f "$tmp/wget/index.html" ]; ok "wget -N first download" $?
n1=$(grep -c 'GET /index.html 200' "$tmp/log")
(cd "$tmp/wget" && wget -q -N "$base/index.html")
n2=$(grep -c 'GET /index.html 200' "$tmp/log")
[ "$n1" = "$n2" ]; ok "wget -N does not re-download an unchanged file" $?
printf '<!doctype html><p>changed</p>\n' > "$root/index.html"
(cd "$tmp/wget" && wget -q -N "$base/index.html")
grep -q changed "$tmp/wget/index.html"; ok "wget -N re-downloads after a change" $?
touch -d '2001-09-09 01:46:40 UTC' "$root/index.html"

# Headless Chromium: two loads of a no-cache page; the second revalidates.
prof="$tmp/chromium"
mkdir -p "$prof"
before=$(wc -l < "$tmp/log")
for n in 1 2; do
	timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$prof" \
	    --dump-dom "$base/index.html" > "$tmp/dom$n" 2>/dev/null &
	cpids="$cpids $!"
	wait $!
done
grep -q changed "$tmp/dom1" && grep -q changed "$tmp/dom2"; ok "chromium loaded the page twice" $?
tail -n +$((before + 1)) "$tmp/log" > "$tmp/chromelog"
grep -q 'GET /index.html 200' "$tmp/chromelog" &&
    grep -q 'GET /index.html 304' "$tmp/chromelog"
ok "chromium's first load got 200, its revalidation a 304" $?

echo "integration: $pass passed, $fail failed"
[ "$fail" = 0 ]
