#!/usr/bin/env python3
"""Writes vectors.json, the JSON twin of the .tsv files of this directory.

The .tsv files are the source; vectors.json holds the same rows with the
escapes decoded and the columns typed, for JavaScript and any other user
that reads JSON more easily than TSV (README: "The JSON twin"). Strings
that hold bytes (the inputs of dates.tsv, etag_lists.tsv and
etag_compare.tsv) carry one code point per byte, U+0000 to U+00FF
(ISO 8859-1). The output is byte-for-byte stable (make check compares it
with the committed file).
Run: python3 test/vectors/tojson.py > test/vectors/vectors.json
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def rows(name):
    with open(os.path.join(HERE, name), encoding='latin-1') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line and not line.startswith('#'):
                yield n, line.split('\t')


def unescape(s):
    # \t \r \n \\ \xHH, as README says; any other backslash is kept.
    return re.sub(r'\\(x[0-9a-fA-F]{2}|[trn\\])', lambda m: {
        't': '\t', 'r': '\r', 'n': '\n', '\\': '\\'}.get(m.group(1)) or
        chr(int(m.group(1)[1:], 16)), s)


def opt_int(s):
    return None if s == '-' else int(s)


def flag_list(s):
    return [] if s == '0' else s.split('|')


def checked(name, n, r, ncol):
    if len(r) != ncol:
        sys.exit('tojson.py: %s line %d has %d columns, not %d' %
                 (name, n, len(r), ncol))
    return r


def dates():
    for n, r in rows('dates.tsv'):
        r = checked('dates.tsv', n, r, 9)
        yield dict(line=n, input=unescape(r[0]), now=opt_int(r[1]),
                   flags=flag_list(r[2]), code=r[3],
                   valid=r[3] == 'CONDREQ_OK', value=opt_int(r[4]),
                   errpos=int(r[5]), section=r[6], note=r[7], rule=r[8])


def etag_lists():
    for n, r in rows('etag_lists.tsv'):
        r = checked('etag_lists.tsv', n, r, 8)
        yield dict(line=n, input=unescape(r[0]), flags=flag_list(r[1]),
                   code=r[2], valid=r[2] == 'CONDREQ_OK',
                   members=[] if r[3] == '-' else unescape(r[3]).split(' '),
                   errpos=opt_int(r[4]), section=r[5], note=r[6], rule=r[7])


def etag_compare():
    for n, r in rows('etag_compare.tsv'):
        r = checked('etag_compare.tsv', n, r, 7)
        yield dict(line=n, a=unescape(r[0]), b=unescape(r[1]),
                   strong=r[2] == 'match', weak=r[3] == 'match',
                   section=r[4], note=r[5], rule=r[6])


def evaluation():
    for n, r in rows('eval.tsv'):
        r = checked('eval.tsv', n, r, 14)
        yield dict(line=n, method=r[0],
                   headers=[] if r[1] == '-' else r[1].split(' || '),
                   etag=None if r[2] == '-' else r[2],
                   last_modified=opt_int(r[3]), exists=r[4] == '1',
                   flags=flag_list(r[5]), lm_strong=r[6] == '1',
                   now=opt_int(r[7]), natural_status=int(r[8]),
                   status=int(r[9]), decided_by=r[10], section=r[11],
                   note=r[12], rule=r[13])


def rules():
    for n, r in rows('rules.tsv'):
        r = checked('rules.tsv', n, r, 6)
        yield dict(id=r[0], kind=r[1], section=r[2],
                   strength=None if r[3] == '-' else r[3], statement=r[4],
                   reason=None if r[5] == '-' else r[5])


def dump(v):
    return json.dumps(v, ensure_ascii=True, separators=(', ', ': '))


def main():
    out = ['{"format": "libcondreq-vectors 1",',
           ' "generated_from": "rules.tsv dates.tsv etag_lists.tsv '
           'etag_compare.tsv eval.tsv, by tojson.py: edit those",']
    parts = [('rules', rules()), ('dates', dates()),
             ('etag_lists', etag_lists()), ('etag_compare', etag_compare()),
             ('eval', evaluation())]
    for i, (key, gen) in enumerate(parts):
        items = [dump(x) for x in gen]
        out.append(' %s: [' % dump(key))
        out.append(',\n'.join('  ' + x for x in items))
        out.append(' ]' + (',' if i < len(parts) - 1 else ''))
    out.append('}')
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
