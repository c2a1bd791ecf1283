#!/bin/sh
# Line and branch coverage of src/ by the Check suite (gcov), with the
# goals: 98% of lines, 95% of branches.
set -eu
objdir=$1
out=$(cd "$objdir" && gcov -b -n -o . ../../../src/*.c 2>/dev/null ||
    gcov -b -n -o "$objdir" src/*.c)
echo "$out" | awk '
/^File/ { lf = $2; bf = $2 }
/^Lines executed/ { split($2, a, ":"); p = a[2] + 0; n = $4 + 0;
	if (lf == "") bf = "";  # the summary over all files: not counted
	if (lf ~ /src\//) { lh += p * n / 100; lt += n; printf "%-22s lines %6.2f%% of %d\n", lf, p, n }
	lf = "" }
/^Taken at least once/ { split($4, a, ":"); p = a[2] + 0; n = $6 + 0;
	if (bf ~ /src\//) { bh += p * n / 100; bt += n; printf "%-22s branches %6.2f%% of %d\n", bf, p, n }
	bf = "" }
END { lp = 100 * lh / lt; bp = 100 * bh / bt;
	printf "coverage: lines %.2f%% of %d, branches %.2f%% of %d (goals 98%%, 95%%)\n", lp, lt, bp, bt;
	if (lp < 98 || bp < 95) { print "FAIL: coverage below its goals"; exit 1 } }'
