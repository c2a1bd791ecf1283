#!/bin/sh
# Every manual page as a reader sees it, rendered by both formatters a
# Debian system reads pages with: mandoc, and groff (what man-db's man
# runs), 80 columns wide. Fails on
#  - a line wider than 80 columns (a table or display that overflows);
#  - a row of a -column table that does not stay on one line (its last
#    cell wrapped under the others);
#  - parentheses or commas that markup left astray: ") (", "), (",
#    "( ", " )", " ,", and "()" after no function name.
#   manrender.sh PAGE...
set -u
for tool in mandoc groff; do
	command -v $tool >/dev/null 2>&1 || {
		echo "error: $tool not found: the pages cannot be rendered" \
		    "(sudo apt-get install mandoc groff-base)"
		exit 1
	}
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0 pages=0 rows=0

# The first word of a -column row's first non-empty cell and of its last
# cell, one pair a line, with mdoc's macro names taken out.
row_words() {
	awk '
	/^\.Bl / { depth++; column[depth] = ($0 ~ /^\.Bl -column/) }
	/^\.El/ { depth--; next }
	depth > 0 && column[depth] && /^\.It/ {
		line = $0
		sub(/^\.It/, "", line)
		gsub(/\t/, " Ta ", line)
		line = line " "
		n = split(line, cell, / Ta /)
		first = ""; last = ""
		for (i = 1; i <= n; i++) {
			w = word(cell[i])
			if (w == "") continue
			if (first == "") first = w
			last = w
		}
		if (first != "" && last != "" && n > 1)
			print first "\t" last
	}
	function word(s,   k, m, t) {
		m = split(s, t, / +/)
		for (k = 1; k <= m; k++) {
			if (t[k] == "" || t[k] ~ /^(Sy|Li|Dv|Fa|Fn|Va|Vt|Ar|Fl|Cm|Em|Ql|Dq|Sq|Pq|No|Ns|Xr|Er|Ev|Ic|Nm)$/)
				continue
			gsub(/"/, "", t[k])
			return t[k]
		}
		return ""
	}' "$1"
}

# Plain text: bold and underline by overstriking (a character, a
# backspace) undone, tabs expanded (col(1) is not on a minimal system).
bs=$(printf '\b')
plain() { sed "s/.$bs//g" | expand; }

for page in "$@"; do
	pages=$((pages + 1))
	name=$(basename "$page")
	mandoc -Tascii -Owidth=78 "$page" 2>"$tmp/err" | plain > "$tmp/mandoc"
	if [ -s "$tmp/err" ]; then
		echo "FAIL: $name: mandoc:"; cat "$tmp/err"; fail=$((fail + 1))
	fi
	# man-db formats for an 80-column terminal with a 78n line.
	groff -t -mandoc -Tascii -rLL=78n -rLT=78n -P-c "$page" 2>"$tmp/err" |
	    plain > "$tmp/groff"
	if [ -s "$tmp/err" ]; then
		echo "FAIL: $name: groff:"; cat "$tmp/err"; fail=$((fail + 1))
	fi
	for r in mandoc groff; do
		out="$tmp/$r"
		[ -s "$out" ] || { echo "FAIL: $name: $r rendered nothing"; \
		    fail=$((fail + 1)); continue; }
		wide=$(awk 'length > 80 { print "  " FNR ": " $0 }' "$out")
		if [ -n "$wide" ]; then
			echo "FAIL: $name ($r): lines wider than 80 columns:"
			echo "$wide"
			fail=$((fail + 1))
		fi
		stray=$(grep -nE '\) \(|\), \(|\( | \)| ,|(^|[^A-Za-z0-9_])\(\)' "$out")
		if [ -n "$stray" ]; then
			echo "FAIL: $name ($r): stray parentheses or commas:"
			echo "$stray" | sed 's/^/  /'
			fail=$((fail + 1))
		fi
		row_words "$page" > "$tmp/rows"
		[ $r = mandoc ] && rows=$((rows + $(wc -l < "$tmp/rows")))
		while IFS='	' read -r a b; do
			# Each word starts a cell: a space before it.
			awk -v a=" $a" -v b=" $b" '{ i = index(" " $0, a)
			    if (i && index(substr(" " $0, i + length(a)), b))
			    found = 1 } END { exit !found }' "$out" && continue
			echo "FAIL: $name ($r): the table row of '$a' ... '$b'" \
			    "is not on one line:"
			grep -n -F -e "$a" "$out" | sed 's/^/  /'
			fail=$((fail + 1))
		done < "$tmp/rows"
	done
done
echo "manrender: $pages pages by mandoc and groff, $rows table rows" \
    "held to one line, $fail failed"
[ "$fail" = 0 ]
