#!/bin/sh
# The public header compiles without a warning as every language a user
# may include it from: C89, C99, C11, C17, C++98, C++11, C++17, for
# 32-bit and 64-bit targets, with gcc and clang; a compiler that is not
# installed is said so, and fails the run.
#   header.sh [BITS...]    (default: 64 32)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
bits=${*:-64 32}
pass=0 fail=0

# A translation unit that uses every kind of name the header declares,
# in the oldest style (C89 declarations, /* */ comments).
cat > "$tmp/use.c" <<'C'
#include "condreq.h"

int condreq_header_use(const char *v, size_t n);

int
condreq_header_use(const char *v, size_t n)
{
	struct condreq_rep rep;
	struct condreq_request req;
	struct condreq_result res;
	struct condreq_line line;
	struct condreq_etag_iter it;
	struct condreq_etag tag;
	int64_t now = CONDREQ_NOW_UNKNOWN;
	uint32_t flags = CONDREQ_F_LENIENT_ETAG | CONDREQ_F_WEAK_COMPARE;
	int rc;

	int fault;

	condreq_rep_init(&rep);
	condreq_request_init(&req);
	condreq_result_init(&res);
	req.field[CONDREQ_IF_MATCH].value = v;
	if (condreq_if_match(&rep, v, n, 0, &fault, NULL) != 0 && fault != 0)
		return -1;
	line.value = v;
	line.len = n;
	line.field = CONDREQ_IF_NONE_MATCH;
	req.lines = &line;
	req.lines_cap = 1;
	req.now = now;
	condreq_etag_iter_init(&it, v, n, flags);
	rc = condreq_etag_next(&it, &tag, &fault, NULL);
	if (rc == CONDREQ_STAR || res.ignored == CONDREQ_IGN_ALL_METHOD ||
	    res.decided_by == CONDREQ_BY_METHOD)
		return CONDREQ_304_KEEP_IF_NO_ETAG + CONDREQ_DATE_LEN;
	return condreq_evaluate(&req, &rep, &res) + CONDREQ_EFLAGS +
	    CONDREQ_VERSION_MAJOR;
}
C
cp "$tmp/use.c" "$tmp/use.cc"

# try COMPILER STD EXTRA-FLAGS
try() {
	c=$1 std=$2
	shift 2
	if ! command -v "$c" >/dev/null 2>&1; then
		fail=$((fail + 1))
		echo "FAIL: header: $c is not installed (apt-get install $c)"
		return
	fi
	for b in $bits; do
		case "$std" in c++*) src=use.cc ;; *) src=use.c ;; esac
		if "$c" -m"$b" -std="$std" -Wall -Wextra -Wpedantic -Werror "$@" \
		    -I"$top/include" -fsyntax-only "$tmp/$src" 2>"$tmp/err"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
			echo "FAIL: header: $c -m$b -std=$std $*:"
			sed 's/^/    /' "$tmp/err" | head -10
		fi
	done
}

for c in gcc clang; do
	for std in c89 c99 c11 c17; do
		try "$c" "$std" -Wconversion -Wshadow -Wstrict-prototypes \
		    -Wmissing-prototypes
	done
done
for c in g++ clang++; do
	for std in c++98 c++11 c++17; do
		try "$c" "$std" -Wconversion -Wshadow -Wold-style-cast
	done
done

# 0.2's trap: condreq_result_init(&res, sizeof(req)) wrote past res. The
# init macros take the struct alone and pass its size: a size typed by
# hand, or another struct, does not compile.
wrong() { # NAME CODE: CODE must not compile
	printf '#include "condreq.h"\nint f(void);\nint f(void) {\n\tstruct condreq_request req;\n\tstruct condreq_result res;\n\t%s\n}\n' "$2" > "$tmp/wrong.c"
	if gcc -std=c99 -Wall -Werror -I"$top/include" -fsyntax-only \
	    "$tmp/wrong.c" 2>/dev/null; then
		fail=$((fail + 1))
		echo "FAIL: header: $1 compiles"
	else
		pass=$((pass + 1))
	fi
}
wrong "a size typed by hand" \
    "return condreq_result_init(&res, sizeof(req)) + (int)req.size;"
wrong "the wrong struct" "(void)res; return condreq_result_init(&req);"
echo "header: $pass passed, $fail failed"
[ "$fail" = 0 ]
