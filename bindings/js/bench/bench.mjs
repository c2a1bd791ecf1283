// make bench-js: operations per second of the JavaScript package against
// fresh 2.0 and send 1.2's own checks (npm), one process, one run; a
// benchmark, never a timed test. Lines:
//   bench: NAME ops_per_s=N [vs_fresh=R] [vs_send=R]
// (run with --expose-gc: the heap is collected before each measurement)
// (R = our ops/s over the peer's: above 1 is faster). Rows:
//   revalidate-*: a browser's revalidation (IncomingMessage.headers of a
//     real browser's request with If-None-Match of one tag and
//     If-Modified-Since; the response's ETag and Last-Modified);
//   list10-*: If-None-Match with a 10-member list, the last one matching.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const app = createRequire(join(resolve(process.env.CONDREQ_APP), 'package.json'));
const deps = createRequire(join(resolve(process.env.CONDREQ_DEPS), 'package.json'));
const condreq = app('condreq');
const fresh = deps('fresh');
const send = deps('send');

const ETAG = 'W/"15-3b9aca00"';
const LM = 'Sun, 09 Sep 2001 01:46:40 GMT';
const browser = (inm) => ({
  host: '127.0.0.1:8080',
  connection: 'keep-alive',
  'cache-control': 'max-age=0',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en-US,en;q=0.9',
  'if-none-match': inm,
  'if-modified-since': LM
});
const list10 = Array.from({ length: 9 }, (_, i) => `W/"${i}-deadbeef"`).concat([ETAG]).join(', ');
const resHeaders = { etag: ETAG, 'last-modified': LM };

// send's conditional-GET checks as its pipeline runs them, on a
// SendStream over the request, with the response's validators set.
function sendChecks (reqHeaders) {
  const s = send({ headers: reqHeaders }, '/file.txt');
  s.res = {
    statusCode: 200,
    getHeader: (n) => n === 'ETag' ? ETAG : n === 'Last-Modified' ? LM : undefined
  };
  return () => {
    if (s.isConditionalGET()) {
      if (s.isPreconditionFailure()) return 412;
      if (s.isCachable() && s.isFresh()) return 304;
    }
    return 200;
  };
}

// Iterations that take about 50 ms.
function calibrate (fn) {
  let n = 1000;
  for (;;) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    if (Number(process.hrtime.bigint() - t) > 5e7) return n;
    n *= 2;
  }
}

function row (label, reqHeaders) {
  const want = 304;
  const cases = {
    'condreq-evaluate': () => condreq.evaluate({ method: 'GET', headers: reqHeaders, etag: ETAG, lastModified: LM }).status,
    'condreq-fresh': () => condreq.fresh(reqHeaders, resHeaders) ? 304 : 200,
    fresh: () => fresh(reqHeaders, resHeaders) ? 304 : 200,
    send: sendChecks(reqHeaders)
  };
  const names = Object.keys(cases);
  const n = {};
  const r = {};
  for (const k of names) {
    if (cases[k]() !== want) throw new Error(`${label} ${k}: not a 304`);
    n[k] = calibrate(cases[k]) * 2;
    r[k] = [];
  }
  // Nine rounds, each contender in turn in every round (the machine's
  // load falls on all alike); the median round of each.
  for (let round = 0; round < 9; round++) {
    for (const k of names) {
      const fn = cases[k];
      // Each starts with a collected heap: none pays for another's garbage.
      if (typeof globalThis.gc === 'function') globalThis.gc();
      const t = process.hrtime.bigint();
      for (let i = 0; i < n[k]; i++) fn();
      r[k].push(n[k] / (Number(process.hrtime.bigint() - t) / 1e9));
    }
  }
  const ops = {};
  for (const k of names) ops[k] = r[k].sort((a, b) => a - b)[4];
  for (const k of names) {
    const vs = k.startsWith('condreq')
      ? ` vs_fresh=${(ops[k] / ops.fresh).toFixed(2)} vs_send=${(ops[k] / ops.send).toFixed(2)}`
      : '';
    console.log(`bench: ${label}-${k} ops_per_s=${Math.round(ops[k])}${vs}`);
  }
}

console.log(`# condreq ${condreq.version()} (WebAssembly), node ${process.version}`);
row('revalidate', browser(ETAG));
row('list10', browser(list10));
