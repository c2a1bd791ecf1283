#!/bin/sh
# install|uninstall DIR PAGE...: one link per extra .Nm name of each page,
# so that "man condreq_date_format" works (like OpenBSD's MLINKS).
set -eu
mode=$1 dir=$2
shift 2
for page in "$@"; do
	base=$(basename "$page")
	for nm in $(sed -n 's/^\.Nm \([a-z_0-9]*\).*/\1/p' "$page" | sort -u); do
		[ "$nm.3" = "$base" ] && continue
		if [ "$mode" = install ]; then
			ln -sf "$base" "$dir/$nm.3"
		else
			rm -f "$dir/$nm.3"
		fi
	done
done
