#!/bin/sh
# Line coverage of src/ by the fuzz corpora (what `make fuzz` left in
# B/fuzz/corpus), replayed once through coverage builds of the targets;
# the files the fuzzers aim at must reach the goal.
#   coverage.sh B GOAL TARGET...
set -eu
b=$1 goal=$2
shift 2
prof=$(command -v llvm-profdata-14 || command -v llvm-profdata || true)
cov=$(command -v llvm-cov-14 || command -v llvm-cov || true)
if [ -z "$prof" ] || [ -z "$cov" ]; then
	echo "FAIL: fuzz-coverage: llvm-profdata and llvm-cov not found" \
	    "(apt-get install llvm-14)"
	exit 1
fi
objs=""
for t in "$@"; do
	c="$b/fuzz/corpus/$t"
	[ -d "$c" ] || { echo "FAIL: fuzz-coverage: no corpus $c (make fuzz first)"; exit 1; }
	rm -f "$b/fuzzcov/$t.profraw"
	LLVM_PROFILE_FILE="$b/fuzzcov/$t.profraw" "$b/fuzzcov/fuzz_$t" -runs=0 \
	    "$c" >/dev/null 2>&1
	echo "fuzz-coverage: $t: $(find "$c" -type f | wc -l) corpus inputs"
	objs="$objs -object $b/fuzzcov/fuzz_$t"
done
"$prof" merge -o "$b/fuzzcov/all.profdata" "$b"/fuzzcov/*.profraw
# The first -object is given as the binary; the others follow it.
set -- $objs
shift
"$cov" report "$b/fuzzcov/fuzz_$(echo "$objs" | sed 's/.*fuzz_//; s/ .*//')" \
    "$@" -instr-profile="$b/fuzzcov/all.profdata" 2>/dev/null |
    awk -v goal="$goal" '
	/^src\/[a-z_]+\.c/ {
		lines = $(NF - 3); sub(/%/, "", lines)
		printf "fuzz-coverage: %-16s lines %6.2f%%\n", $1, lines
		if ($1 ~ /^src\/(date|etag|eval)\.c$/ && lines + 0 < goal) {
			printf "FAIL: %s below %s%% of its lines\n", $1, goal
			bad = 1 }
	}
	END { exit bad }'
