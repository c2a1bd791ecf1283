#!/bin/sh
# What `make check` needs beyond cc and make, by Debian package.
#   needs.sh CC PKG_CONFIG BUILDDIR      (BINDINGS=no: no interpreters)
# Nothing missing: nothing is done. Something missing: it is installed
# with apt-get only on a newcomer's box, that is when all of these hold:
#  - NO_INSTALL is not set (a packager's or a careful user's switch);
#  - DEB_BUILD_OPTIONS is not set and dpkg-buildpackage is not running
#    (a package build never installs anything);
#  - there is a terminal (a build from a script, a CI job or a build
#    daemon has none);
#  - it runs as root, or sudo asks for no password.
# It then says in one line what it installs; apt's output goes to
# BUILDDIR/needs-apt.log and is shown only when the install fails.
# Otherwise the one command to run is printed and the check stops: no
# test is skipped for want of its tool.
set -u
cc=${1:-cc}
pc=${2:-pkg-config}
builddir=${3:-build}
missing=""

# need PACKAGE COMMAND...: PACKAGE is missing when COMMAND fails.
need() {
	pkg=$1
	shift
	"$@" >/dev/null 2>&1 || missing="$missing $pkg"
}
has_static_libc() {
	f=$($cc -print-file-name=libc.a 2>/dev/null)
	[ "$f" != libc.a ] && [ -f "$f" ]
}
need pkg-config command -v "$pc"
need check "$pc" --exists check
need mandoc command -v mandoc
need groff-base command -v groff
need libc6-dev has_static_libc
if [ "${BINDINGS:-yes}" != no ]; then
	need python3 command -v python3
	# luajit2 is the interpreter Debian's nginx Lua module is built on;
	# the luajit package serves as well when it is there.
	need luajit2 command -v luajit
fi
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
# Why it does not install, if it does not.
why=""
if [ -n "${NO_INSTALL:-}" ]; then
	why="NO_INSTALL is set"
elif [ -n "${DEB_BUILD_OPTIONS+set}" ]; then
	why="DEB_BUILD_OPTIONS is set: a package build installs nothing"
elif [ -n "${DEB_RULES_REQUIRES_ROOT+set}${DEB_HOST_ARCH+set}" ]; then
	# dpkg-buildpackage exports these to debian/rules.
	why="DEB_HOST_ARCH or DEB_RULES_REQUIRES_ROOT is set: a package"
	why="$why build installs nothing"
elif ! (exec </dev/tty) 2>/dev/null; then
	why="no terminal: only an interactive make check installs"
elif ! command -v apt-get >/dev/null 2>&1; then
	why="no apt-get here"
elif [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo "
else
	why="not root, and sudo asks for a password"
fi
if [ -n "$why" ]; then
	echo "make check needs:$missing. On Debian or Ubuntu, run:"
	echo "    sudo $cmd"
	echo "(not installed by make check: $why)"
	exit 1
fi

mkdir -p "$builddir"
log=$builddir/needs-apt.log
echo "make check: installing$missing with ${sudo}apt-get (its output:" \
    "$log)"
if ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    > "$log" 2>&1 </dev/null &&
    ${sudo}env DEBIAN_FRONTEND=noninteractive $cmd >> "$log" 2>&1 </dev/null
then
	exit 0
fi
cat "$log"
echo "make check: the install failed (above); run it by hand:"
echo "    sudo $cmd"
exit 1
