#!/bin/sh
# Install into a temporary DESTDIR, build a program against it with only
# pkg-config (shared, then --static), run both, uninstall, and fail on
# anything left behind. A staged install is not where the dynamic linker
# looks, so the shared build runs with LD_LIBRARY_PATH here; a real
# install, ldconfig and a program that runs without it are make
# first-hour's (in a fresh root of its own).
set -eu
CC=${1:-cc}
PKG_CONFIG=${2:-pkg-config}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
dest="$tmp/dest"
prefix=/opt/condreq-consumer
# Every directory named: a make check given LIBDIR= (a package build's
# multiarch one) passes it down to this make too.
dirs="PREFIX=$prefix EXEC_PREFIX=$prefix BINDIR=$prefix/bin LIBDIR=$prefix/lib
INCLUDEDIR=$prefix/include MANDIR=$prefix/share/man
PKGCONFIGDIR=$prefix/lib/pkgconfig"
make -s install DESTDIR="$dest" $dirs >/dev/null
cat > "$tmp/consumer.c" <<'C'
#include <condreq.h>
#include <stdio.h>
#include <string.h>
int main(void) {
	const char *d = "Sun, 06 Nov 1994 08:49:37 GMT";
	int64_t t;
	if (condreq_version() != CONDREQ_VERSION_NUMBER) return 1;
	if (condreq_date_parse(d, strlen(d), 0, 0, &t, NULL) != 0) return 2;
	if (t != 784111777) return 3;
	printf("consumer ok: %s -> %lld\n", d, (long long)t);
	return 0;
}
C
export PKG_CONFIG_SYSROOT_DIR="$dest"
export PKG_CONFIG_LIBDIR="$dest$prefix/lib/pkgconfig"
cflags=$($PKG_CONFIG --cflags libcondreq)
libs=$($PKG_CONFIG --libs libcondreq)
slibs=$($PKG_CONFIG --static --libs libcondreq)
ver=$($PKG_CONFIG --modversion libcondreq)
# RUN: an emulator for a foreign target's binaries (qemu-s390x), or empty.
RUN=${RUN:-}
# The build's flags, as a packager's program would have them (-m32 too).
uflags="${CPPFLAGS:-} ${CFLAGS:-}"
$CC $uflags $cflags -o "$tmp/shared" "$tmp/consumer.c" $libs ${LDFLAGS:-}
LD_LIBRARY_PATH="$dest$prefix/lib" $RUN "$tmp/shared"
# The shared build must really use the shared library (readelf reads any
# target's binary, where ldd would run it).
readelf -d "$tmp/shared" | grep -q 'NEEDED.*libcondreq\.so\.[0-9]' ||
    { echo "FAIL: consumer not linked to libcondreq.so"; exit 1; }
$CC $uflags $cflags -static -o "$tmp/static" "$tmp/consumer.c" $slibs \
    ${LDFLAGS:-}
$RUN "$tmp/static"
[ -L "$dest$prefix/lib/libcondreq.so" ] || { echo "FAIL: no libcondreq.so link"; exit 1; }
[ -f "$dest$prefix/share/man/man3/condreq.3" ] || [ ! -f "$top/man/condreq.3" ] ||
    { echo "FAIL: man page not installed"; exit 1; }
grep -q '^URL:.*\.invalid' "$dest$prefix/lib/pkgconfig/libcondreq.pc" &&
    { echo "FAIL: libcondreq.pc names a URL that does not exist"; exit 1; }
# Uninstall removes the folders install made, and only those: after an
# install into nothing, nothing is left; a folder that was there before
# (empty) stays.
make -s uninstall DESTDIR="$dest" $dirs >/dev/null
if [ -e "$dest" ]; then
	echo "FAIL: left after uninstall:"; find "$dest"; exit 1
fi
mkdir -p "$dest$prefix/share/man"
make -s install DESTDIR="$dest" $dirs >/dev/null
make -s uninstall DESTDIR="$dest" $dirs >/dev/null
left=$(find "$dest" ! -path "$dest" ! -path "$dest/opt" \
    ! -path "$dest$prefix" ! -path "$dest$prefix/share" \
    ! -path "$dest$prefix/share/man")
if [ -n "$left" ] || [ ! -d "$dest$prefix/share/man" ]; then
	echo "FAIL: after uninstall (only $prefix/share/man should be left):"
	find "$dest"; exit 1
fi
echo "consumer: pkg-config $ver, shared and static builds ran, uninstall" \
    "left only the folder that was there before"
