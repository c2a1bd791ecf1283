#!/bin/sh
# After make install: a shared library put into a directory the dynamic
# linker searches is found by programs only once ldconfig has rebuilt the
# linker's cache. Installing there as root without DESTDIR, ldconfig is
# run; as another user, the one command to run is printed. A directory
# the linker does not search is said so, with the ways to reach it. With
# DESTDIR (a staged install, a package) nothing is done: the package's
# own triggers run ldconfig where it is installed. After make uninstall,
# ldconfig runs in the same case, to drop the library from the cache,
# and nothing is printed otherwise.
#   ldconfig.sh install|uninstall DESTDIR LIBDIR SONAME
set -u
mode=$1 destdir=$2 libdir=$3 soname=$4
[ -z "$destdir" ] || exit 0
ldc=$(command -v ldconfig 2>/dev/null) ||
    { [ -x /sbin/ldconfig ] && ldc=/sbin/ldconfig; } ||
    exit 0 # no ldconfig (musl's loader reads its path file each time)
here=$(cd "$libdir" 2>/dev/null && pwd -P) || exit 0
# The directories the linker searches: those ldconfig reads from
# ld.so.conf, and the built-in ones it names, compared as real paths (on
# a merged-/usr system /lib is /usr/lib).
searched=no
for d in $("$ldc" -N -v -X 2>/dev/null | sed -n 's/^\(\/[^:]*\):.*/\1/p') \
    /lib /usr/lib; do
	[ "$(cd "$d" 2>/dev/null && pwd -P)" = "$here" ] && searched=yes
done
if [ $mode = uninstall ]; then
	[ $searched = no ] || [ "$(id -u)" != 0 ] || "$ldc"
elif [ $searched = no ]; then
	echo "note: $libdir is not searched by the dynamic linker; a program" \
	    "linked with -lcondreq finds $soname there with" \
	    "LD_LIBRARY_PATH=$libdir, with -Wl,-rpath,$libdir at its link," \
	    "or once $libdir is in a file of /etc/ld.so.conf.d/ and" \
	    "ldconfig has run"
elif [ "$(id -u)" = 0 ]; then
	echo "$ldc   # the linker's cache, so that programs find $soname"
	"$ldc"
else
	echo "note: run 'sudo ldconfig' so that programs find $soname in" \
	    "$libdir"
fi
