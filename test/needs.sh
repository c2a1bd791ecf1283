#!/bin/sh
# What `make check` needs beyond cc and make, by Debian package. What is
# missing is installed with apt-get when that may be done (as root, or
# with sudo that asks for no password) and NO_INSTALL is not set; the
# command is printed first. Otherwise the one command to run is printed
# and the check stops: no test is skipped for want of its tool.
#   needs.sh CC PKG_CONFIG       (BINDINGS=no: no interpreters needed)
set -u
cc=${1:-cc}
pc=${2:-pkg-config}
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
how=none
if [ -z "${NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		how=root
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		how=sudo
	fi
fi
case $how in
root)
	echo "make check: installing what its tests need: $cmd"
	DEBIAN_FRONTEND=noninteractive apt-get update -q &&
	    DEBIAN_FRONTEND=noninteractive $cmd && exit 0 ;;
sudo)
	echo "make check: installing what its tests need: sudo $cmd"
	sudo DEBIAN_FRONTEND=noninteractive apt-get update -q &&
	    sudo DEBIAN_FRONTEND=noninteractive $cmd && exit 0 ;;
*)
	echo "make check needs:$missing. On Debian or Ubuntu, run:"
	echo "    sudo $cmd"
	echo "(or run make check as root, or with sudo that needs no password," \
	    "to have it installed; NO_INSTALL=1 never installs)"
	exit 1 ;;
esac
echo "make check: the install failed; run it by hand:"
echo "    sudo $cmd"
exit 1
