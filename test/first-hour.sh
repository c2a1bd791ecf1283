#!/bin/sh
# make first-hour: a new user's first hour, on a fresh Debian 12
# (bookworm) minbase made by debootstrap with gcc, make, libc6-dev and git
# only. The tree (the tracked files as they are now) is copied in, and
# test/first-hour-steps.sh follows the README from there inside the new
# root: make demo, make, make check without and with a terminal, make
# install, a program linked by pkg-config that runs without
# LD_LIBRARY_PATH, man 3 condreq, and make uninstall leaving the prefix
# as it found it; then the same with libcurl for condreq-probe.
#   first-hour.sh BUILDDIR          (FIRST_HOUR_REV=COMMIT: that tree)
# Needs root (debootstrap, chroot, mounts), debootstrap, and the Debian
# mirror this machine's apt uses (MIRROR overrides it). The debootstrapped
# root is kept as a tarball in BUILDDIR/first-hour/ and unpacked afresh
# for each run. Bounded: FIRST_HOUR_TIMEOUT seconds (default 600) for the
# debootstrap and as much again for the steps.
set -eu
B=${1:-build}
top=$(pwd)
limit=${FIRST_HOUR_TIMEOUT:-600}
suite=bookworm
pkgs=gcc,make,libc6-dev,git
t0=$(date +%s)
say() { echo "first-hour: $* ($(( $(date +%s) - t0 )) s)"; }

[ "$(id -u)" = 0 ] || { echo "FAIL: first-hour needs root (debootstrap," \
    "chroot and mounts): sudo make first-hour"; exit 1; }
for tool in debootstrap chroot mount umount git timeout setsid; do
	command -v $tool >/dev/null 2>&1 || { echo "FAIL: first-hour needs" \
	    "$tool (sudo apt-get install debootstrap)"; exit 1; }
done

# The mirror this machine's apt uses for Debian 12, from the one-line
# format of sources.list or the deb822 format of *.sources.
mirror=${MIRROR:-$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    2>/dev/null | awk -v s=$suite '{ sub(/ \[[^]]*\]/, "") }
    $1 == "deb" && $3 == s && $2 ~ /^https?:/ { print $2; exit }')}
[ -n "$mirror" ] || mirror=$(awk -v s=$suite '
	/^$/ { if (uri != "" && suites ~ "(^| )" s "( |$)") { print uri; exit }
	       uri = ""; suites = "" }
	$1 == "URIs:" { uri = $2 }
	$1 == "Suites:" { $1 = ""; suites = $0 " " }
	END { if (uri != "" && suites ~ "(^| )" s "( |$)") print uri }' \
    /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}

case $B in
/*) cache=$B/first-hour ;;
*) cache=$top/$B/first-hour ;;
esac
mkdir -p "$cache"
work=$(mktemp -d "${TMPDIR:-/var/tmp}/first-hour.XXXXXX")
root=$work/root
mkdir "$root"

# Only what this script mounted is unmounted; the root is removed only
# when nothing is mounted under it any more.
mounted=""
session=""
cleanup() {
	trap '' PIPE # a reader gone must not stop the cleaning up
	# The steps' session (its id is the setsid process's pid), if it is
	# still running: this script was stopped.
	if [ -n "$session" ] && kill -0 "$session" 2>/dev/null; then
		kill -TERM -- "-$session" 2>/dev/null || true
		sleep 2
		kill -KILL -- "-$session" 2>/dev/null || true
		wait "$session" 2>/dev/null || true
	fi
	for m in $mounted; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	if awk -v r="$root" 'index($2, r) == 1 { found = 1 }
	    END { exit !found }' /proc/mounts; then
		echo "first-hour: something is still mounted under $root;" \
		    "left in place"
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# A fresh root: unpacked from the cached tarball of a finished
# debootstrap, or made now (and cached).
tarball=$cache/$suite-minbase.tar.gz
key="$suite minbase $pkgs $mirror"
if [ -f "$tarball" ] && [ "$(cat "$tarball.key" 2>/dev/null)" = "$key" ]; then
	say "unpacking the cached $suite minbase root"
	tar -C "$root" -xzf "$tarball"
else
	say "debootstrap --variant=minbase --include=$pkgs $suite from $mirror"
	if ! timeout -k 10 "$limit" debootstrap --variant=minbase \
	    --include=$pkgs $suite "$root" "$mirror" > "$cache/debootstrap.log" 2>&1
	then
		tail -n 30 "$cache/debootstrap.log"
		echo "FAIL: debootstrap (log: $cache/debootstrap.log)"
		exit 1
	fi
	rm -f "$root"/var/cache/apt/archives/*.deb
	tar -C "$root" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
	echo "$key" > "$tarball.key"
fi
say "root ready"

# What a box has: its resolver, /proc, and a terminal device of its own
# (a new devpts instance, so that script(1) can open a terminal there).
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mount -t proc proc "$root/proc" && mounted="$root/proc $mounted"
mkdir -p "$root/dev/pts"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts \
    "$root/dev/pts" && mounted="$root/dev/pts $mounted"
rm -f "$root/dev/ptmx"
ln -s pts/ptmx "$root/dev/ptmx"
for d in null zero random urandom tty; do
	[ -c "$root/dev/$d" ] || { echo "FAIL: the new root has no /dev/$d"; \
	    exit 1; }
done

# The tree as a clone would give it: the tracked files, with the changes
# not yet committed (git stash create makes a commit of them and touches
# nothing; HEAD when there are none).
# FIRST_HOUR_REV=COMMIT takes that commit's tree instead (the steps stay
# this tree's): how an older tree fared.
# Not a git checkout (an unpacked release): the tree without build/. The
# user's home in the new root is /first-hour (the steps run as root).
home=first-hour
mkdir -p "$root/$home/libcondreq"
if [ -n "${FIRST_HOUR_REV:-}" ]; then
	git archive "$FIRST_HOUR_REV" | tar -C "$root/$home/libcondreq" -xf -
	say "the tree of $FIRST_HOUR_REV copied in"
elif git rev-parse --verify -q HEAD >/dev/null 2>&1; then
	rev=$(git stash create 2>/dev/null || true)
	git archive "${rev:-HEAD}" | tar -C "$root/$home/libcondreq" -xf -
	say "the tree copied in ($(git rev-parse --short HEAD)$(
	    [ -z "$rev" ] || echo ', with uncommitted changes'))"
else
	tar --exclude=./build --exclude=./.git -cf - . |
	    tar -C "$root/$home/libcondreq" -xf -
	say "the tree copied in (not a git checkout: all but build/)"
fi
[ -f "$root/$home/libcondreq/Makefile" ] ||
    { echo "FAIL: the tree could not be copied in"; exit 1; }
cp test/first-hour-steps.sh "$root/$home/steps.sh"

# The user's path, in a clean environment, in a session of its own with
# no terminal (the steps open one with script(1) where they want one);
# timeout stops the whole session when it runs over.
rc=0
setsid -w timeout -k 10 "$limit" chroot "$root" /usr/bin/env -i HOME=/$home \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb sh /$home/steps.sh </dev/null &
session=$!
wait $session || rc=$?
session=""
[ $rc != 124 ] && [ $rc != 137 ] ||
    echo "FAIL: the steps took more than $limit s"
say "done"
exit $rc
