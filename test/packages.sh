#!/bin/sh
# The Debian packages, built as a packager builds them and used as a
# system uses them. A copy of the committed tree (git archive HEAD, so
# the source tree stays as it is) is built with dpkg-buildpackage -us
# -uc -b under BUILDDIR/packages; lintian must find no error and no
# warning that debian/ does not override with its reason. Then, as
# root: the five packages install with dpkg -i, a2enmod condreq makes
# Debian's Apache configuration load the module (apache2ctl -M parses
# it, no server is started), a program linked by pkg-config runs
# without LD_LIBRARY_PATH, Debian's python3 imports condreq, the tools
# run; dpkg -P removes them all and nothing they installed is left.
#   packages.sh BUILDDIR
set -eu
top=$(pwd)
b=${1:-build}
case $b in /*) ;; *) b="$top/$b" ;; esac
out="$b/packages"
fail=0
bad() { echo "FAIL: packages: $*"; fail=1; }

for t in git:git dpkg-buildpackage:dpkg-dev dh:debhelper lintian:lintian \
    dh_apache2:apache2-dev dh_python3:dh-python apache2ctl:apache2 \
    pkg-config:pkg-config; do
	command -v "${t%%:*}" >/dev/null 2>&1 || {
		echo "error: ${t%%:*} not found (apt-get install ${t#*:})"
		exit 1
	}
done
[ "$(id -u)" = 0 ] || {
	echo "error: make packages installs and purges the packages it" \
	    "builds: run it as root (it is CI's, on a throw-away machine)"
	exit 1
}
git -C "$top" rev-parse --verify -q HEAD >/dev/null || {
	echo "error: make packages builds the committed tree (git archive" \
	    "HEAD): this is not a git checkout"
	exit 1
}
[ -z "$(git -C "$top" status --porcelain -- debian)" ] ||
    echo "*** note: debian/ has uncommitted changes; the packages are" \
        "built from HEAD, without them"

# The package names, from debian/control (the library's follows the
# soname: debian/rules stops the build when it does not).
pkgs=$(sed -n 's/^Package: //p' "$top/debian/control")
libpkg=$(echo "$pkgs" | grep -x 'libcondreq[0-9][0-9]*')
for p in $pkgs; do
	if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q installed
	then
		echo "error: $p is installed already; make packages installs" \
		    "and purges its own: dpkg -P $p first"
		exit 1
	fi
done

rm -rf "$out"
mkdir -p "$out/src"
git -C "$top" archive HEAD | tar -x -C "$out/src"
echo "== dpkg-buildpackage -us -uc -b (log: $out/build.log)"
t0=$(date +%s)
if ! (cd "$out/src" && dpkg-buildpackage -us -uc -b -j2) \
    > "$out/build.log" 2>&1; then
	tail -40 "$out/build.log"
	echo "FAIL: packages: dpkg-buildpackage failed"
	exit 1
fi
grep -E '^100%: Checks:|^(symbols|cli|consumer|sizes|noalloc):' \
    "$out/build.log" | sed 's/^/   make check: /'
echo "   built in $(( $(date +%s) - t0 )) s:"
changes=$(ls "$out"/*.changes)
debs=""
for p in $pkgs; do
	f=$(ls "$out/${p}_"*.deb 2>/dev/null) || { bad "no $p .deb"; continue; }
	debs="$debs $f"
	echo "   $(basename "$f") $(du -k "$f" | cut -f1) KiB"
done
[ $fail = 0 ] || exit 1

# python3-condreq loads only its own upstream version of the library: its
# Depends must hold the library to that version (>= this one, << next).
pydeb=$(ls "$out"/python3-condreq_*.deb)
libver=$(dpkg-deb -f "$(ls "$out/${libpkg}_"*.deb)" Version)
pydep=$(dpkg-deb -f "$pydeb" Depends)
echo "   python3-condreq Depends: $pydep"
echo "$pydep" | grep -q "$libpkg (>= $libver)" &&
    echo "$pydep" | grep -q "$libpkg (<< ${libver%%[-+]*}.1~)" ||
    bad "python3-condreq's Depends does not hold $libpkg to $libver"

# lintian: errors and warnings fail; overridden tags are listed with
# their reasons (debian/library.lintian-overrides).
echo "== lintian $(lintian --version | sed 's/^Lintian v//')"
lintian -I --show-overrides "$changes" > "$out/lintian.log" 2>&1 || true
grep -v 'root privileges' "$out/lintian.log" | sed 's/^/   /'
nE=$(grep -c '^E: ' "$out/lintian.log" || true)
nW=$(grep -c '^W: ' "$out/lintian.log" || true)
nI=$(grep -c '^I: ' "$out/lintian.log" || true)
nO=$(grep -c '^O: ' "$out/lintian.log" || true)
echo "   lintian: $nE errors, $nW warnings, $nI info, $nO overridden"
[ "$nE$nW" = 00 ] || bad "lintian: $nE errors, $nW warnings"

# The library as packaged: RELRO and BIND_NOW (hardening=+all), no
# import and no NEEDED, only condreq_ exports.
x="$out/x"
mkdir -p "$x"
dpkg-deb -x "$out/${libpkg}_"*.deb "$x"
so=$(ls "$x"/usr/lib/*/libcondreq.so.*.*.*)
readelf -lW "$so" | grep -q GNU_RELRO || bad "the packaged library: no RELRO"
readelf -dW "$so" | grep -q 'FLAGS.*BIND_NOW' ||
    bad "the packaged library: no BIND_NOW"
needed=$(readelf -dW "$so" | grep -c NEEDED || true)
imports=$(nm -D --undefined-only "$so" | wc -l)
# (type A: the version script's nodes, CONDREQ_0.2 and on)
exports=$(nm -D --defined-only "$so" | awk '$2 != "A"' | wc -l)
others=$(nm -D --defined-only "$so" | awk '$2 != "A" && $3 !~ /^condreq_/' |
    wc -l)
[ "$needed$imports$others" = 000 ] ||
    bad "the packaged library: $needed NEEDED, $imports imports," \
        "$others exports not named condreq_"
echo "   $(basename "$so"): GNU_RELRO, BIND_NOW, $needed NEEDED," \
    "$imports imports, $exports exports (all condreq_)"

# What the system holds of ours before: after dpkg -P it must hold the
# same (files, links, Apache's module state, dpkg's own records).
snapshot() {
	{
		find /etc/apache2 /var/lib/apache2 /usr/lib /usr/include \
		    /usr/bin /usr/share/man /usr/share/doc /usr/share/lintian \
		    /var/lib/dpkg/info \( -name '*condreq*' -o -name "$libpkg*" \) \
		    2>/dev/null || true
		ldconfig -p | grep libcondreq || true
	} | LC_ALL=C sort
}
snapshot > "$out/before.txt"

installed=no
purge() {
	[ $installed = yes ] || return 0
	installed=no
	echo "== dpkg -P" $pkgs
	dpkg -P $pkgs > "$out/purge.log" 2>&1 || {
		cat "$out/purge.log"; bad "dpkg -P failed"
	}
}
tmp=$(mktemp -d)
trap 'purge; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

echo "== dpkg -i$(for f in $debs; do printf ' %s' "$(basename "$f")"; done)"
installed=yes
if ! dpkg -i $debs > "$out/install.log" 2>&1; then
	cat "$out/install.log"
	bad "dpkg -i failed (a Depends missing? each package's dependencies" \
	    "are apt-get installable: apache2, python3, libcurl4)"
	exit 1
fi

# Apache: installed, not enabled (--noenable); a2enmod, then Debian's
# own configuration is parsed with it and lists the module.
[ ! -e /etc/apache2/mods-enabled/condreq.load ] ||
    bad "the module was enabled on install (it is --noenable)"
if a2enmod condreq > "$tmp/a2enmod" 2>&1; then
	if apache2ctl -M > "$tmp/modules" 2>&1 &&
	    grep -q 'condreq_module (shared)' "$tmp/modules"; then
		echo "   a2enmod condreq: apache2ctl -M lists condreq_module (shared)"
	else
		cat "$tmp/modules"
		bad "apache2ctl -M does not list condreq_module after a2enmod"
	fi
	apache2ctl -t > "$tmp/t" 2>&1 || { cat "$tmp/t"; bad "apache2ctl -t"; }
else
	cat "$tmp/a2enmod"; bad "a2enmod condreq failed"
fi

# A program linked by pkg-config alone, run without LD_LIBRARY_PATH: the
# dynamic linker finds the installed library (ldconfig ran).
cat > "$tmp/t.c" <<'C'
#include <condreq.h>
#include <stdio.h>
#include <string.h>
int main(void) {
	const char *d = "Sun, 06 Nov 1994 08:49:37 GMT";
	int64_t t;
	if (condreq_version() != CONDREQ_VERSION_NUMBER) return 1;
	if (condreq_date_parse(d, strlen(d), 0, 0, &t, NULL) != 0) return 2;
	printf("%s %lld\n", condreq_version_string(), (long long)t);
	return t != 784111777;
}
C
(
	unset PKG_CONFIG_PATH PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR \
	    LD_LIBRARY_PATH CONDREQ_LIB PYTHONPATH
	cd "$tmp"
	ver=$(pkg-config --modversion libcondreq)
	cc -std=c99 -Wall -Werror $(pkg-config --cflags libcondreq) -o t t.c \
	    $(pkg-config --libs libcondreq)
	lib=$(readlink -f "$(ldd ./t | awk '/libcondreq/ { print $3 }')")
	got=$(./t) || { echo "FAIL: packages: the program failed"; exit 1; }
	echo "   pkg-config $ver: the program ran ($got) with $lib"
	case $lib in /usr/lib/*/libcondreq.so.*) ;; *)
		echo "FAIL: packages: the program found $lib"; exit 1 ;; esac
	out=$(/usr/bin/python3 -c 'import condreq, sys
d = condreq.evaluate("GET", {"If-None-Match": "\"v1\""},
    rep=condreq.Representation("\"v1\""))
print(condreq.__file__, d.status)')
	echo "   /usr/bin/python3: import condreq: $out"
	[ "$out" = "/usr/lib/python3/dist-packages/condreq/__init__.py 304" ] || {
		echo "FAIL: packages: python3 did not load the packaged condreq"
		exit 1; }
	got=$(condreq date 'Sunday, 06-Nov-94 08:49:37 GMT')
	[ "$got" = "784111777 Sun, 06 Nov 1994 08:49:37 GMT" ] || {
		echo "FAIL: packages: condreq date said $got"; exit 1; }
	condreq-probe --help > /dev/null || {
		echo "FAIL: packages: condreq-probe --help"; exit 1; }
	echo "   condreq and condreq-probe run"
) || fail=1

snapshot > "$out/installed.txt"
purge
snapshot > "$out/after.txt"
n=$(LC_ALL=C comm -13 "$out/before.txt" "$out/installed.txt" | wc -l)
[ "$n" -gt 0 ] || bad "the check for what is left found nothing installed"
if cmp -s "$out/before.txt" "$out/after.txt"; then
	echo "   after dpkg -P: of the $n paths (files, links, Apache's and" \
	    "dpkg's records, ld.so.cache entries) there while installed, none is left"
else
	bad "left after dpkg -P:"
	diff "$out/before.txt" "$out/after.txt" || true
fi

[ $fail = 0 ] || exit 1
echo "packages: $(echo $pkgs | wc -w) packages built, lintian $nE errors" \
    "$nW warnings ($nO overridden), installed, used and purged"
