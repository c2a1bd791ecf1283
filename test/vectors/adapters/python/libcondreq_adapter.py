"""The vectors' adapter for libcondreq's Python binding (bindings/python),
over the library CONDREQ_LIB names. Protocol: test/vectors/README."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', '..', '..', 'bindings', 'python'))
import condreq  # noqa: E402


def flags(names):
    f = 0
    for n in names:
        f |= getattr(condreq, n[len('CONDREQ_'):])
    return f


def answer(row):
    file = row['file']
    if file == 'dates':
        raw = row['input'].encode('latin-1')
        now = condreq.NOW_UNKNOWN if row['now'] is None else row['now']
        try:
            v = condreq.parse_http_date_epoch(raw, now, flags(row['flags']))
        except condreq.HTTPDateError:
            return {'valid': False}
        return {'valid': True, 'value': v}
    if file == 'etag_lists':
        raw = row['input'].encode('latin-1')
        lenient = bool(flags(row['flags']) & condreq.F_LENIENT_ETAG)
        try:
            members = ['*' if m is condreq.STAR else str(m)
                       for m in condreq.iter_etags(raw, lenient)]
        except condreq.ETagError:
            return {'valid': False}
        return {'valid': True, 'members': members}
    if file == 'etag_compare':
        a, b = row['a'].encode('latin-1'), row['b'].encode('latin-1')
        return {'strong': condreq.etag_match(a, b),
                'weak': condreq.etag_match(a, b, weak=True)}
    d = condreq.evaluate(
        row['method'], row['headers'], etag=row['etag'],
        last_modified=row['last_modified'], exists=row['exists'],
        flags=flags(row['flags']), lm_strong=row['lm_strong'],
        now=condreq.NOW_UNKNOWN if row['now'] is None else row['now'],
        natural_status=row['natural_status'])
    return {'status': d.status}


print(json.dumps({'name': 'libcondreq (Python)',
                  'version': condreq.version()}), flush=True)
for line in sys.stdin:
    print(json.dumps({'answer': answer(json.loads(line))}), flush=True)
