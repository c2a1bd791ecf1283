#!/bin/sh
# The library as distributions build it: Debian's own flags (from
# dpkg-buildflags) with gcc and clang, with all hardening, with LTO, and
# for -m32. Each set builds everything with its CC, CPPFLAGS, CFLAGS and
# LDFLAGS, passes the symbol, CLI, size and unit tests, and the shared
# library gets the hardening that applies to it: RELRO and BIND_NOW (as
# LDFLAGS asked), CET (when CFLAGS ask), no stack protector (it would
# import libc's __stack_chk_fail), nothing imported. Then a build installed by a
# `make install` without the flags is the build itself (not a rebuild),
# and changing LDFLAGS alone relinks.
#   buildflags.sh BUILDDIR
set -eu
top=$(pwd)
out=${1:-build}/flags
command -v dpkg-buildflags >/dev/null 2>&1 || {
	echo "error: dpkg-buildflags not found (apt-get install dpkg-dev)"
	exit 1
}
fail=0
bad() { echo "FAIL: buildflags: $*"; fail=1; }

# A kernel without IA-32 emulation runs i386 programs under qemu.
run32=""
mkdir -p "$out"
printf 'int main(void){return 0;}\n' > "$out/run32.c"
if gcc -m32 -o "$out/run32" "$out/run32.c" 2>/dev/null; then
	"$out/run32" 2>/dev/null || run32=qemu-i386
else
	bad "gcc -m32 cannot link a program (apt-get install gcc-multilib)"
fi
# Check for i386 is Debian's check:i386 (multiarch).
pc32=/usr/lib/i386-linux-gnu/pkgconfig

# set NAME CC MAINT-OPTIONS EXTRA-FLAGS
set_flags() {
	name=$1 cc=$2 opts=$3 extra=$4
	b="$out/$name"
	cppflags=$(DEB_BUILD_MAINT_OPTIONS=$opts dpkg-buildflags --get CPPFLAGS)
	cflags="$(DEB_BUILD_MAINT_OPTIONS=$opts dpkg-buildflags --get CFLAGS)${extra:+ $extra}"
	ldflags="$(DEB_BUILD_MAINT_OPTIONS=$opts dpkg-buildflags --get LDFLAGS)${extra:+ $extra}"
	echo "== $name: CC=$cc${opts:+ DEB_BUILD_MAINT_OPTIONS='$opts'}${extra:+ +$extra}"
	echo "   CFLAGS=$cflags"
	echo "   LDFLAGS=$ldflags"
	targets="all test-symbols test-cli test-sizes test-noalloc test-unit"
	set -- B="$b" CC="$cc" CPPFLAGS="$cppflags" CFLAGS="$cflags" \
	    LDFLAGS="$ldflags"
	case $extra in
	*-m32*)
		set -- "$@" RUN="$run32" PKG_CONFIG_LIBDIR=$pc32
		PKG_CONFIG_LIBDIR=$pc32 pkg-config --exists check || {
			echo "*** $name: check:i386 not installed: its unit" \
			    "tests DO NOT RUN (apt-get install check:i386)"
			targets="all test-symbols test-cli test-sizes"
		} ;;
	esac
	if ! make -s "$@" $targets > "$b.log" 2>&1; then
		cat "$b.log"
		bad "$name: make $targets failed"
		return
	fi
	grep -E '^(symbols|cli|sizes|noalloc):|Checks:' "$b.log" | sed 's/^/   /'
	so=$(ls "$b"/libcondreq.so.*.*.*)
	ph=$(readelf -lW "$so")
	dyn=$(readelf -dW "$so")
	echo "$ph" | grep -q GNU_RELRO || bad "$name: $so has no RELRO"
	case $ldflags in
	*-z,now*)
		echo "$dyn" | grep -q 'FLAGS.*BIND_NOW' ||
		    bad "$name: $so has no BIND_NOW"
		readelf -dW "$b/condreq" | grep -q 'FLAGS.*BIND_NOW' ||
		    bad "$name: the CLI has no BIND_NOW (LDFLAGS lost)" ;;
	esac
	if nm -D "$so" | grep -q __stack_chk; then
		bad "$name: $so calls the stack protector"
	fi
	# The programs, linked with libc, keep the stack protector CFLAGS
	# asked for (the Check suite has functions it protects).
	case $cflags in
	*-fstack-protector*)
		nm "$b/check_condreq" 2>/dev/null | grep -q __stack_chk_fail ||
		    [ ! -f "$b/check_condreq" ] ||
		    bad "$name: CFLAGS' stack protector did not reach the tests" ;;
	esac
	# CET: Debian 12's dpkg does not ask for it (later ones do, on
	# amd64); asked, the library must carry it (its x86 property note).
	case $cflags in
	*-fcf-protection*)
		readelf -nW "$so" | grep -q 'IBT, SHSTK' ||
		    bad "$name: -fcf-protection, but $so is not marked IBT, SHSTK" ;;
	esac
	now="no BIND_NOW (not in LDFLAGS)"
	echo "$dyn" | grep -q 'FLAGS.*BIND_NOW' && now="BIND_NOW"
	cet=$(readelf -nW "$so" | grep -o 'IBT\|SHSTK' | paste -sd, - || true)
	echo "   $(basename "$so"): GNU_RELRO, $now, ${cet:-no CET note}," \
	    "$(nm -D --undefined-only "$so" | wc -l) imports"
}

set_flags gcc-default gcc "" ""
set_flags gcc-hardening gcc "hardening=+all" ""
set_flags gcc-hardening-lto gcc "hardening=+all optimize=+lto" ""
set_flags clang-default clang "" ""
set_flags clang-hardening-cet clang "hardening=+all" "-fcf-protection"
set_flags clang-hardening-lto clang "hardening=+all optimize=+lto" ""
set_flags gcc-m32 gcc "hardening=+all" "-m32"

# A build, then `make install` without its flags: what is installed is
# what was built (hardening kept), not a rebuild with the defaults.
b="$out/gcc-hardening-lto"
dest="$out/dest"
rm -rf "$dest"
make B="$b" DESTDIR="$dest" PREFIX=/usr install > "$b.install.log" 2>&1 ||
    { cat "$b.install.log"; bad "make install failed"; }
so=$(cd "$b" && ls libcondreq.so.*.*.*)
if cmp -s "$b/$so" "$dest/usr/lib/$so"; then
	echo "== make install without the flags installed the build as built"
else
	bad "make install rebuilt $so with other flags"
fi
if grep -Eq '^(cc|gcc|clang|ar|objcopy) ' "$b.install.log"; then
	bad "make install compiled or linked:"; cat "$b.install.log"
fi
mode=$(stat -c %a "$dest/usr/lib/$so")
[ "$mode" = 644 ] || bad "the installed $so has mode $mode, not 644"
chain="$(readlink "$dest/usr/lib/libcondreq.so") -> $(readlink "$dest/usr/lib/${so%.*.*}")"
[ "$chain" = "${so%.*.*} -> $so" ] ||
    bad "libcondreq.so's links are $chain, not ${so%.*.*} -> $so"
echo "   libcondreq.so -> $chain, mode $mode"
rm -rf "$dest"

# LDFLAGS alone changed: the library and the programs are linked again.
b="$out/gcc-hardening"
make -s B="$b" CC=gcc CPPFLAGS="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CPPFLAGS)" \
    CFLAGS="$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get CFLAGS)" \
    LDFLAGS="-Wl,-z,relro" all > "$b.relink.log" 2>&1 ||
    { cat "$b.relink.log"; bad "the relink failed"; }
if readelf -dW "$b/$so" | grep -q BIND_NOW; then
	bad "LDFLAGS changed, but $so was not linked again"
else
	echo "== LDFLAGS without -z,now: $so linked again, BIND_NOW gone"
fi

[ $fail = 0 ] && echo "buildflags: 7 flag sets built and passed, install and relink ok"
exit $fail
