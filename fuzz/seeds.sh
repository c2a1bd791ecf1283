#!/bin/sh
# Seed corpora from test/vectors: one file per input column value.
set -eu
out=$1
mkdir -p "$out/date" "$out/etag" "$out/eval"
awk -F '\t' -v d="$out/date" '!/^#/ && NF { f = d "/v" NR; printf "\000%s", $1 > f; close(f) }' test/vectors/dates.tsv
awk -F '\t' -v d="$out/etag" '!/^#/ && NF { f = d "/v" NR; printf "\000%s", $1 > f; close(f) }' test/vectors/etag_lists.tsv
awk -F '\t' -v d="$out/eval" '!/^#/ && NF && NR % 7 == 0 { f = d "/v" NR; h = $2; gsub(/ \|\| /, "\n", h); printf "\000\013%s\n%s\n%s", $1, $3, h > f; close(f) }' test/vectors/eval.tsv
