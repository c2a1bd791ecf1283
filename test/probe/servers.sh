# Shell functions that start Debian's apache2, nginx and lighttpd on
# loopback with generated configs (WebDAV on, so that PUT and DELETE can
# be probed), for test/probe/run.sh and the server modules' tests
# (test/servers/run.sh), with the checks both count. Each start_*
# function takes a work directory and a document root, sets $url to the
# file it serves and adds the server's process to $pids; make_tmp stops
# them (stop_servers) whatever happens.
# Copyright (c) 2026 The libcondreq authors. MIT licence, see COPYING.

pids=""
as_root=no
[ "$(id -u)" = 0 ] && as_root=yes

# need HINT TOOL...: a missing tool fails the test, saying how to get it.
need() {
	hint=$1
	shift
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || {
			echo "FAIL: $tool not found ($hint)"
			exit 1
		}
	done
}

# make_tmp: the work directory $tmp, readable by the servers' user, and
# removed with every server stopped however the test ends.
make_tmp() {
	tmp=$(mktemp -d)
	chmod 755 "$tmp"
	trap 'stop_servers; rm -rf "$tmp"' EXIT INT TERM
}

# ok NAME STATUS: one check, passed when STATUS is 0.
pass=0 fail=0
ok() {
	if [ "$2" = 0 ]; then
		pass=$((pass + 1))
		echo "ok: $1"
	else
		fail=$((fail + 1))
		echo "FAIL: $1"
	fi
}

# The ids of the failing (and erring) rows of probe outputs.
failing() {
	awk '$NF == "FAIL" || $NF == "ERROR" { print $1 }' "$@" | sort
}

# pinned LABEL OUT PINNED: the ids failing in probe output OUT (written to
# OUT.ids) are exactly those of the file PINNED; a difference is shown.
pinned() {
	failing "$2" > "$2.ids"
	if cmp -s "$2.ids" "$3"; then
		ok "$1" 0
	else
		ok "$1" 1
		diff "$3" "$2.ids" | sed 's/^/    /'
	fi
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Wait until $1 answers; fail after 10 s, with the log $2.
wait_up() {
	i=0
	until curl -s -o /dev/null --max-time 1 "$1"; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "FAIL: no server at $1"
			[ -f "$2" ] && cat "$2"
			return 1
		fi
		sleep 0.1
	done
}

# A document root with file.txt, old enough that its Last-Modified is
# well before the server's clock; writable by the server's user.
make_root() {
	mkdir -p "$1"
	printf '0123456789abcdefghij\n' > "$1/file.txt"
	touch -d '2001-09-09 01:46:40 UTC' "$1/file.txt"
	if [ $as_root = yes ]; then
		chown -R www-data:www-data "$1"
	fi
}

# apache2 WORKDIR ROOT [EXTRA-CONFIG-FILE]
start_apache() {
	w=$1 root=$2 port=$(free_port) m=/usr/lib/apache2/modules
	mkdir -p "$w"
	[ $as_root = yes ] && chown www-data:www-data "$w"
	cat > "$w/apache2.conf" <<EOF
ServerRoot "$w"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$w/apache2.pid"
DefaultRuntimeDir "$w"
ErrorLog "$w/error.log"
LogLevel warn
Mutex file:$w default
LoadModule mpm_event_module $m/mod_mpm_event.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule mime_module $m/mod_mime.so
LoadModule dav_module $m/mod_dav.so
LoadModule dav_fs_module $m/mod_dav_fs.so
TypesConfig /etc/mime.types
DavLockDB "$w/davlock"
DocumentRoot "$root"
<Directory "$root">
	Require all granted
	Dav On
</Directory>
EOF
	if [ $as_root = yes ]; then
		printf 'User www-data\nGroup www-data\n' >> "$w/apache2.conf"
	fi
	[ $# -ge 3 ] && cat "$3" >> "$w/apache2.conf"
	launch "$w" apache2 -f "$w/apache2.conf" -DFOREGROUND
}

# nginx WORKDIR ROOT [EXTRA-SERVER-CONFIG-FILE [EXTRA-HTTP-CONFIG-FILE
# [EXTRA-MAIN-CONFIG-FILE]]]
start_nginx() {
	w=$1 root=$2 port=$(free_port)
	mkdir -p "$w/tmp"
	[ $as_root = yes ] && chown -R www-data:www-data "$w"
	{
		[ $as_root = yes ] && echo "user www-data;"
		cat <<EOF
daemon off;
pid $w/nginx.pid;
error_log $w/error.log warn;
worker_processes ${NGINX_WORKERS:-1};
EOF
		[ $# -ge 5 ] && cat "$5"
		cat <<EOF
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path $w/tmp;
	proxy_temp_path $w/tmp;
	fastcgi_temp_path $w/tmp;
	uwsgi_temp_path $w/tmp;
	scgi_temp_path $w/tmp;
EOF
		[ $# -ge 4 ] && cat "$4"
		cat <<EOF
	server {
		listen 127.0.0.1:$port;
		root $root;
		dav_methods PUT DELETE;
		create_full_put_path on;
EOF
		[ $# -ge 3 ] && cat "$3"
		printf '\t}\n}\n'
	} > "$w/nginx.conf"
	launch "$w" nginx -c "$w/nginx.conf" -p "$w"
}

# lighttpd WORKDIR ROOT
start_lighttpd() {
	w=$1 root=$2 port=$(free_port)
	mkdir -p "$w"
	[ $as_root = yes ] && chown www-data:www-data "$w"
	cat > "$w/lighttpd.conf" <<EOF
server.document-root = "$root"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$w/error.log"
server.modules = ( "mod_webdav" )
webdav.activate = "enable"
mimetype.assign = ( ".txt" => "text/plain" )
EOF
	if [ $as_root = yes ]; then
		printf 'server.username = "www-data"\nserver.groupname = "www-data"\n' \
		    >> "$w/lighttpd.conf"
	fi
	launch "$w" lighttpd -D -f "$w/lighttpd.conf"
}

# launch WORKDIR COMMAND...: start a server in the background, its output
# in WORKDIR/stdout, and wait until $url (on $port) answers.
launch() {
	lw=$1
	shift
	"$@" > "$lw/stdout" 2>&1 &
	pids="$pids $!"
	url="http://127.0.0.1:$port/file.txt"
	wait_up "$url" "$lw/error.log"
}

# Stop every server started, and wait for each.
stop_servers() {
	for p in $pids; do
		kill "$p" 2>/dev/null
	done
	for p in $pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	pids=""
}
