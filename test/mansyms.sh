#!/bin/sh
# Every function the shared library exports is named (.Nm) by a man page,
# and every .Fn/.Fo a page documents is exported.
set -eu
so=$1
shift
fail=0
exported=$(nm -D --defined-only "$so" | awk '$2 == "T" {print $3}' | sed 's/@.*//' | sort -u)
named=$(sed -n 's/^\.Nm \(condreq_[a-z_0-9]*\).*/\1/p' "$@" | sort -u)
for f in $exported; do
	echo "$named" | grep -qx "$f" || { echo "FAIL: $f has no man page (.Nm)"; fail=1; }
done
# The init macros of include/condreq.h (condreq_rep_init() passes the
# size to condreq_rep_init_sized()) are documented as functions too.
macros=$(sed -n 's/^#define \(condreq_[a-z_0-9]*\)(.*/\1/p' include/condreq.h | sort -u)
for f in $(sed -n 's/^\.F[no] \(condreq_[a-z_0-9]*\).*/\1/p' "$@" | sort -u); do
	printf '%s\n%s\n' "$exported" "$macros" | grep -qx "$f" || { echo "FAIL: man page documents $f, which is neither exported nor a macro of condreq.h"; fail=1; }
done
[ $fail = 0 ] && echo "man: $(echo "$exported" | wc -l) exported functions, each with a page"
exit $fail
