"""What the Python adapters share: the protocol loop, and the mapping of a
row onto a server's inputs as test/vectors/README describes it."""
import json
import sys

RANGE_RULES = ('RANGE-MAY', 'RANGE-GET-ONLY', 'RANGE-INVALID',
               'RANGE-200-ONLY', 'IR-TRUE', 'IR-FALSE', 'IR-DATE-LM-WEAK',
               'IR-IGNORE-NO-RANGE')


class Skip(Exception):
    """The row cannot be given to this implementation; the text says why."""


def joined_fields(headers):
    """The field lines as one value per lower-cased name, lines of the
    same name joined by ", " in order (what a WSGI server hands on)."""
    out = {}
    for h in headers:
        name, _, value = h.partition(':')
        name = name.strip().lower()
        value = value.strip(' \t')
        out[name] = out[name] + ', ' + value if name in out else value
    return out


def wsgi_environ(method, headers):
    env = {'REQUEST_METHOD': method}
    for name, value in joined_fields(headers).items():
        env['HTTP_' + name.upper().replace('-', '_')] = value
    return env


def common_skips(row):
    if row.get('flags'):
        raise Skip('a libcondreq compatibility option (%s)' %
                   '|'.join(row['flags']))


def serve(name, version, answer):
    print(json.dumps({'name': name, 'version': version}), flush=True)
    for line in sys.stdin:
        row = json.loads(line)
        try:
            reply = {'answer': answer(row)}
        except Skip as e:
            reply = {'skip': str(e)}
        print(json.dumps(reply), flush=True)
