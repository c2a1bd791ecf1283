#!/usr/bin/env python3
"""Runs the vectors against several implementations and writes a table
of who agrees with which rule (make vectors-report; README: "Adapters").

Each adapter is a program in its implementation's language: it prints a
hello line ({"name": ..., "version": ...}), then reads one row per line
on stdin and answers one line per row on stdout, {"answer": {...}} or
{"skip": "why the row cannot be expressed"}. Rows go as JSON (the row of
vectors.json plus "file"), or, for the C adapter, as the row's line of
the .tsv file after "file<TAB>". Every call is bounded: an adapter that
takes more than --timeout seconds on a row, or dies, is killed (its own
process group, by its pid), the row is reported as hung or crashed, and
a new one is started for the next row.

Exit status: 0 when libcondreq's own adapters agree on every row they
can express and every adapter started; 1 otherwise.
"""
import argparse
import collections
import json
import os
import select
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VEC = os.path.dirname(HERE)
sys.path.insert(0, VEC)
import tojson  # noqa: E402

FILES = [('dates', tojson.dates), ('etag_lists', tojson.etag_lists),
         ('etag_compare', tojson.etag_compare), ('eval', tojson.evaluation)]


def tsv_lines(file):
    with open(os.path.join(VEC, file + '.tsv'), encoding='latin-1') as f:
        return {n: line.rstrip('\n') for n, line in enumerate(f, 1)}


def expected(file, row):
    if file in ('dates', 'etag_lists'):
        want = {'valid': row['valid']}
        if row['valid']:
            want.update({'value': row['value']} if file == 'dates' else
                        {'members': sorted(set(row['members']))})
        return want
    if file == 'etag_compare':
        return {'strong': row['strong'], 'weak': row['weak']}
    return {'status': row['status']}


def comparable(file, answer):
    """The part of an answer that is compared (README: "Comparable")."""
    if file == 'etag_lists' and answer.get('valid'):
        return {'valid': True, 'members': sorted(set(answer['members']))}
    if file == 'dates' and not answer.get('valid'):
        return {'valid': False}
    if file == 'etag_lists':
        return {'valid': False}
    return answer


class Worker:
    def __init__(self, spec, timeout):
        self.spec, self.timeout, self.proc, self.hello = spec, timeout, None, None

    def start(self):
        env = dict(os.environ, **self.spec.get('env', {}))
        self.proc = subprocess.Popen(
            self.spec['cmd'], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=env, start_new_session=True)
        line = self._read(max(self.timeout, 30))
        if not line:
            err = self.stop()
            raise RuntimeError('%s did not start: %s' % (
                ' '.join(self.spec['cmd']), err.strip()[-2000:] or
                'no hello line'))
        self.hello = json.loads(line)

    def _read(self, timeout):
        end = time.monotonic() + timeout
        buf = b''
        fd = self.proc.stdout.fileno()
        while not buf.endswith(b'\n'):
            left = end - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return ''  # end of file: the adapter has exited
            buf += chunk
        return buf.decode('utf-8')

    def stop(self, graceful=False):
        """Ends the worker's process group; returns its stderr. Graceful:
        end of input first, for an adapter to clean up and exit."""
        if self.proc is None:
            return ''
        if graceful:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (subprocess.TimeoutExpired, OSError):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            err = self.proc.communicate(timeout=10)[1].decode('utf-8',
                                                              'replace')
        except (subprocess.TimeoutExpired, ValueError, OSError):
            err = ''
        self.proc = None
        return err

    def ask(self, line):
        """(kind, value): ('answer', {...}), ('skip', why), ('hang', s),
        ('crash', stderr)."""
        if self.proc is None:
            self.start()
        try:
            self.proc.stdin.write(line.encode('utf-8') + b'\n')
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return 'crash', self.stop()[-300:]
        out = self._read(self.timeout)
        if out is None:
            self.stop()
            return 'hang', 'no answer in %g s' % self.timeout
        if out == '':
            return 'crash', self.stop().strip()[-300:]
        reply = json.loads(out)
        if 'skip' in reply:
            return 'skip', reply['skip']
        return 'answer', reply['answer']


def run_adapter(spec, rows, timeout, log):
    w = Worker(spec, timeout)
    w.start()
    results = []
    for file, row, raw in rows:
        line = (file + '\t' + raw if spec.get('wire') == 'tsv' else
                json.dumps(dict(row, file=file), ensure_ascii=True))
        kind, value = w.ask(line)
        if kind == 'answer':
            kind = ('agree' if comparable(file, value) == expected(file, row)
                    else 'disagree')
        results.append((file, row, kind, value))
        if kind in ('hang', 'crash'):
            log('  %s: %s.tsv line %d: %s (%s)' % (
                spec['label'], file, row['line'], kind, value))
    w.stop(graceful=True)
    return w.hello, results


def cell(c):
    compared = c['agree'] + c['disagree'] + c['hang'] + c['crash']
    if compared == 0:
        return 'n/e'
    bad = c['disagree'] + c['hang'] + c['crash']
    if bad == 0:
        return 'ok %d' % compared
    extra = ''.join(', %d %s' % (c[k], 'hung' if k == 'hang' else
                                  'crashed') for k in ('hang', 'crash')
                    if c[k])
    return 'FAIL %d/%d%s' % (bad, compared, extra)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True, help='report path, no suffix')
    ap.add_argument('--timeout', type=float, default=5.0)
    ap.add_argument('--adapter', action='append', default=[],
                    help='JSON: {"label", "cmd", "wire", "env", "own"}, or '
                    '{"label", "missing": why there is no adapter}')
    args = ap.parse_args()
    t0 = time.monotonic()

    rows = []
    for file, gen in FILES:
        raw = tsv_lines(file)
        rows += [(file, r, raw[r['line']]) for r in gen()]
    rules = list(tojson.rules())

    columns, failed = [], False
    for a in args.adapter:
        spec = json.loads(a)
        if 'missing' in spec:
            columns.append(dict(label=spec['label'], results=None,
                                missing=spec['missing'], own=False))
            continue
        t1 = time.monotonic()
        print('vectors-report: %s (%d rows)' % (spec['label'], len(rows)),
              flush=True)
        try:
            hello, results = run_adapter(spec, rows, args.timeout, print)
        except (RuntimeError, OSError) as e:
            print('FAIL: %s: %s' % (spec['label'], e))
            failed = True
            continue
        label = '%s %s' % (hello['name'], hello['version'])
        columns.append(dict(label=label, results=results, own=spec.get(
            'own', False), seconds=time.monotonic() - t1))

    # Per implementation and rule: counts, reasons, failing rows.
    for col in columns:
        per = collections.defaultdict(lambda: collections.Counter())
        why = collections.defaultdict(collections.Counter)
        bad = collections.defaultdict(list)
        for file, row, kind, value in col['results'] or []:
            per[row['rule']][kind] += 1
            if kind == 'skip':
                why[row['rule']][value] += 1
            elif kind != 'agree':
                bad[row['rule']].append((file, row, kind, value))
        col.update(per=per, why=why, bad=bad)
        if col['own'] and any(bad.values()):
            failed = True

    write_reports(args.out, rules, columns, len(rows),
                  time.monotonic() - t0)
    for col in columns:
        if col['own'] and any(col['bad'].values()):
            print('FAIL: %s disagrees with the vectors (see %s-rows.txt)'
                  % (col['label'], args.out))
    sys.exit(1 if failed else 0)


def summary(rules, col):
    if col['results'] is None:
        return None
    s = collections.Counter()
    broken = []
    for r in rules:
        c = cell(col['per'][r['id']])
        k = 'n/e' if c == 'n/e' else 'ok' if c.startswith('ok') else 'fail'
        s[k] += 1
        if k == 'fail' and r['strength'] in ('MUST', 'SHOULD'):
            broken.append('%s (%s)' % (r['id'], r['strength']))
    return s, broken


def write_reports(out, rules, columns, nrows, seconds):
    head = ['rule', 'kind', 'strength'] + [c['label'] for c in columns]
    table = []
    for r in rules:
        table.append([r['id'], r['kind'], r['strength'] or '-'] + [
            'n/a' if c['results'] is None else cell(c['per'][r['id']])
            for c in columns])
    sums = []
    for c in columns:
        s = summary(rules, c)
        if s is None:
            sums.append('%s: not available (%s)' % (c['label'], c['missing']))
            continue
        counts, broken = s
        sums.append('%s: %d rules agree, %d disagree, %d not expressible '
                    '(%.1f s)%s' % (
                        c['label'], counts['ok'], counts['fail'],
                        counts['n/e'], c['seconds'],
                        '; breaks ' + ', '.join(broken) if broken else ''))
    width = [max(len(x[i]) for x in [head] + table) for i in range(len(head))]
    txt = ['Vectors report: %d rows, %d rules and policies, %d '
           'implementations (%.0f s)' % (nrows, len(rules), len(columns),
                                        seconds),
           'ok N: agrees on all N rows it can express; FAIL d/N: disagrees '
           'on d (hung or crashed included); n/e: no row expressible; n/a: '
           'no adapter', '']
    for x in [head] + table:
        txt.append('  '.join(v.ljust(width[i]) for i, v in
                             enumerate(x)).rstrip())
    txt += [''] + sums + ['']
    for c in columns:
        if c['results'] is None:
            continue
        reasons = collections.Counter()
        for file, row, kind, value in c['results']:
            if kind == 'skip':
                reasons[value] += 1
        if reasons:
            txt.append('%s, rows not expressible:' % c['label'])
            txt += ['  %5d  %s' % (n, why) for why, n in
                    sorted(reasons.items(), key=lambda x: (-x[1], x[0]))]
    with open(out + '.txt', 'w') as f:
        f.write('\n'.join(txt) + '\n')
    md = ['| ' + ' | '.join(head) + ' |',
          '|' + '|'.join('---' for _ in head) + '|']
    md += ['| ' + ' | '.join(x) + ' |' for x in table]
    md += [''] + ['- ' + s for s in sums]
    md += ['', 'Why rows are not expressible: ' + out.split('/')[-1] +
           '.txt; every failing row: ' + out.split('/')[-1] + '-rows.txt.']
    with open(out + '.md', 'w') as f:
        f.write('\n'.join(md) + '\n')
    det = []
    for c in columns:
        if c['results'] is None:
            continue
        det.append('== %s' % c['label'])
        for r in rules:
            rid = r['id']
            for why, n in sorted(c['why'][rid].items()):
                det.append('%s: %d rows not expressible: %s' % (rid, n, why))
            for file, row, kind, value in c['bad'][rid][:8]:
                det.append('%s: %s.tsv line %d (%s): %s, want %s, got %s' % (
                    rid, file, row['line'], row.get('note') or '-', kind,
                    json.dumps(expected(file, row)), json.dumps(value)))
            if len(c['bad'][rid]) > 8:
                det.append('%s: ... and %d more' % (
                    rid, len(c['bad'][rid]) - 8))
        det.append('')
    with open(out + '-rows.txt', 'w') as f:
        f.write('\n'.join(det) + '\n')
    print('\n'.join(txt))


if __name__ == '__main__':
    main()
