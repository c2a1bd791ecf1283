#!/bin/sh
# The directories make install creates, and make uninstall removes again:
# only those that install created (recorded in RECORD, in the build
# directory), and only when they are empty. A directory that was there
# before, empty or not, is left as it was.
#   installdirs.sh make RECORD DIR...     create each DIR, record what was new
#   installdirs.sh remove RECORD DIR...   rmdir what install recorded for
#                                         these DIRs, deepest first
set -eu
mode=$1 record=$2
shift 2
case $mode in
make)
	rm -f "$record.new"
	for dir in "$@"; do
		d=$dir
		# Each missing ancestor, up to the first one that exists.
		while [ ! -d "$d" ]; do
			printf '%s\n' "$d" >> "$record.new"
			case $d in */*) d=${d%/*} ;; *) break ;; esac
			[ -n "$d" ] || break
		done
		mkdir -p "$dir"
	done
	if [ -f "$record.new" ]; then
		[ -f "$record" ] && cat "$record" >> "$record.new"
		LC_ALL=C sort -u "$record.new" > "$record"
		rm -f "$record.new"
	fi ;;
remove)
	[ -f "$record" ] || exit 0
	# Reverse order puts a directory's children before it.
	LC_ALL=C sort -r "$record" | while IFS= read -r d; do
		ours=no
		for dir in "$@"; do
			case $dir in "$d" | "$d"/*) ours=yes ;; esac
		done
		[ $ours = yes ] && { [ ! -d "$d" ] || rmdir "$d" 2>/dev/null; } ||
		    printf '%s\n' "$d"
	done | LC_ALL=C sort -u > "$record.new"
	if [ -s "$record.new" ]; then
		mv "$record.new" "$record"
	else
		rm -f "$record.new" "$record"
	fi ;;
*)
	echo "usage: installdirs.sh make|remove RECORD DIR..." >&2
	exit 2 ;;
esac
