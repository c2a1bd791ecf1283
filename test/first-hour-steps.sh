#!/bin/sh
# A new user's first hour, step by step as the README tells it, inside
# the fresh Debian 12 minbase root test/first-hour.sh makes (run as root
# there, with no terminal, the tree in $HOME/libcondreq). Each step
# prints ok or FAIL with what went wrong; the exit status is the number
# of failures (capped at 100).
set -u
cd "$HOME/libcondreq"
t0=$(date +%s)
fails=0
out=$HOME/step.out
prefix=/usr/local

ok() { echo "ok   $* ($(( $(date +%s) - t0 )) s)"; }
bad() {
	echo "FAIL $*"
	fails=$((fails + 1))
}
# run NAME COMMAND...: the command's output in $out; shown when it fails.
run() {
	name=$1
	shift
	rc=0
	"$@" > "$out" 2>&1 || rc=$?
	if [ $rc = 0 ]; then
		ok "$name"
		return 0
	fi
	bad "$name (exit $rc); its output:"
	tail -n 60 "$out" | sed 's/^/    /'
	return 1
}
# check WHAT COMMAND...: a condition on the last step's results.
check() {
	what=$1
	shift
	if "$@" >/dev/null 2>&1; then
		ok "  $what"
	else
		bad "  $what; the last step's output:"
		tail -n 30 "$out" | sed 's/^/    /'
	fi
}
# The prefix as a list of names, types, modes and owners (not times).
snapshot() {
	find "$prefix" -exec stat -c '%A %U:%G %n' {} + | LC_ALL=C sort
}
packages() { dpkg-query -W -f '${Package}\n' | LC_ALL=C sort; }
# apt-get as the README's commands run it, its output kept out of sight.
apt_install() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y \
	    --no-install-recommends "$@"
}

echo "first hour: $(. /etc/os-release; echo "$PRETTY_NAME"), $(gcc --version |
    head -n 1), packages: $(packages | wc -l)"

# --- Quick start, as a newcomer reads and types it ------------------------
sed -n '/^Quick start/,/^Building and linking/p' README > $HOME/quickstart
check "the quick start says where to start reading (man 3 condreq)" \
    grep -q 'man 3 condreq' $HOME/quickstart
check "  ...and what a minimal system needs to read pages (man-db)" \
    grep -q 'apt-get install man-db' $HOME/quickstart
check "  ...and what condreq-probe needs (libcurl4-openssl-dev)" \
    grep -q 'apt-get install libcurl4-openssl-dev' $HOME/quickstart
check "  ...and how a packager keeps make check from installing" \
    grep -q 'NO_INSTALL=1' $HOME/quickstart
run "make demo (README's first command)" make demo
check "the demo decides a revalidation (304)" grep -q 304 "$out"

run "make (without libcurl)" make
check "make says condreq-probe is not built, and how to get it" \
    grep -q 'condreq-probe not built.*libcurl4-openssl-dev' "$out"

# 26: no terminal, root: install nothing, print the one command, stop.
packages > $HOME/packages.before
if make check > "$out" 2>&1; then
	bad "make check without a terminal passed: it must stop, as its tools are missing"
else
	ok "make check without a terminal stops"
fi
check "  ...and prints the one command to run" \
    grep -q '^    sudo apt-get install .*check' "$out"
check "  ...and says why it installed nothing" grep -q 'no terminal' "$out"
packages > $HOME/packages.after
check "  ...and installed nothing" cmp $HOME/packages.before $HOME/packages.after

# A packager's switches hold from a terminal too.
for how in "make check NO_INSTALL=1" "DEB_BUILD_OPTIONS=nocheck make check"; do
	if script -qec "$how" /dev/null > "$out" 2>&1; then
		bad "$how from a terminal passed: it must stop"
	else
		ok "$how from a terminal stops"
	fi
	packages > $HOME/packages.after
	check "  ...and installed nothing" \
	    cmp $HOME/packages.before $HOME/packages.after
done

# From a terminal, as root: one line says what it installs, apt's output
# stays in build/needs-apt.log, and the suite passes.
run "make check from a terminal, as root" script -qec "make check" /dev/null
tr -d '\r' < "$out" > "$out.lf" && mv "$out.lf" "$out"
check "  ...one line says what it installs" \
    test "$(grep -c '^make check: installing .* with apt-get' "$out")" = 1
check "  ...apt's output is not in make check's" \
    sh -c "! grep -Eq '^(Get:|Unpacking|Setting up|Selecting|Reading package)' $out"
check "  ...apt's output is kept in build/needs-apt.log" \
    grep -q '^Setting up check' build/needs-apt.log
check "  ...the Check suite ran and passed" \
    grep -Eq '^100%: Checks: [0-9]+, Failures: 0, Errors: 0' "$out"
echo "     (make check printed $(wc -l < "$out") lines)"

# --- Reading: the README says man-db or mandoc -------------------------
run "apt-get install man-db (README: needed to read the pages)" \
    apt_install man-db

# --- Install, link, run --------------------------------------------------
snapshot > $HOME/prefix.before
run "make install (as root, no DESTDIR)" make install
check "make install ran ldconfig" grep -q 'ldconfig' "$out"
check "make install printed no empty loop" \
    sh -c "! grep -Eq 'for [a-z]+ in *;' $out"
check "the installed libcondreq.pc has no made-up URL" \
    sh -c "! grep -q 'invalid' $prefix/lib/pkgconfig/libcondreq.pc"

cat > $HOME/hello.c <<'C'
#include <condreq.h>
#include <stdio.h>
#include <string.h>
int main(void) {
	struct condreq_rep rep;
	struct condreq_request req;
	struct condreq_result res;
	struct condreq_line lines[8];
	const char *inm = "\"v1\"";
	size_t errpos;
	int status;

	condreq_rep_init(&rep);
	if (condreq_rep_set_etag(&rep, "\"v1\"", 4, 0, &errpos) != CONDREQ_OK)
		return 2;
	condreq_request_init(&req);
	condreq_result_init(&res);
	req.method = "GET";
	req.method_len = 3;
	req.lines = lines;
	req.lines_cap = 8;
	condreq_request_header(&req, "If-None-Match", 13, inm, strlen(inm));
	status = condreq_evaluate(&req, &rep, &res);
	if (status < 0)
		return 3;
	printf("%d %s\n", status, condreq_version_string());
	return status == 304 ? 0 : 1;
}
C
run "cc \$(pkg-config --cflags libcondreq) hello.c \$(pkg-config --libs libcondreq)" \
    sh -c 'cc $(pkg-config --cflags libcondreq) -o $HOME/hello $HOME/hello.c \
    $(pkg-config --libs libcondreq)'
run "the program runs without LD_LIBRARY_PATH" env -u LD_LIBRARY_PATH $HOME/hello
check "  ...and answers 304" grep -q '^304 ' "$out"
run "ldd $HOME/hello" ldd $HOME/hello
soname=libcondreq.so.$(sed -n 's/^ABI_MAJOR := //p' Makefile)
check "  ...it loaded $prefix/lib/$soname" \
    grep -q "$soname => $prefix/lib/$soname" "$out"

run "condreq eval from PATH" condreq eval --etag '"v1"' 'If-None-Match: "v1"'
check "  ...answers 304" grep -qx 304 "$out"

MANWIDTH=80
export MANWIDTH
run "man 3 condreq" man 3 condreq
check "  ...is the library's overview" grep -q 'Evaluation order' "$out"
check "  ...renders without a warning" sh -c "! grep -qi 'warning' $out"
run "man condreq" man condreq
check "  ...is the command-line tool" grep -q 'condreq eval' "$out"
run "man condreq_date_format (a link)" man condreq_date_format
check "  ...opens condreq_date_parse(3)" grep -q 'condreq_date_format' "$out"

run "make uninstall" make uninstall
snapshot > $HOME/prefix.after
if cmp -s $HOME/prefix.before $HOME/prefix.after; then
	ok "  $prefix is as it was before make install ($(wc -l < \
	    $HOME/prefix.after) entries)"
else
	bad "  $prefix differs from before make install:"
	diff $HOME/prefix.before $HOME/prefix.after | sed 's/^/    /'
fi
check "  ...and the linker's cache forgot libcondreq" \
    sh -c "! ldconfig -p | grep -q libcondreq"

# --- condreq-probe: libcurl, as the quick start says ----------------------
run "apt-get install libcurl4-openssl-dev (README's quick start)" \
    apt_install libcurl4-openssl-dev
run "make (with libcurl)" make
check "  ...built condreq-probe" test -x build/condreq-probe
snapshot > $HOME/prefix.before
run "make install (with condreq-probe)" make install
check "  ...installed condreq-probe" test -x $prefix/bin/condreq-probe
run "man condreq-probe" man condreq-probe
check "  ...is the probe's page" grep -q 'condreq-probe' "$out"
run "condreq-probe --help" condreq-probe --help
run "make uninstall" make uninstall
snapshot > $HOME/prefix.after
if cmp -s $HOME/prefix.before $HOME/prefix.after; then
	ok "  $prefix is as it was before make install"
else
	bad "  $prefix differs from before make install:"
	diff $HOME/prefix.before $HOME/prefix.after | sed 's/^/    /'
fi

echo "first hour: $fails failed ($(( $(date +%s) - t0 )) s)"
[ $fails -lt 100 ] || fails=100
exit $fails
