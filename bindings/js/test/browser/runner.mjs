// The shared vectors through a loaded condreq module, in a page: runs
// dates.tsv, etag_lists.tsv, etag_compare.tsv and eval.tsv given their
// texts, and returns the rows run and the rows that disagree.
import { splitRows as rows, unescape, flags, evalOptions } from './rows.mjs';

export function runVectors (lib, texts) {
  let count = 0;
  const bad = [];
  const check = (file, n, got, want) => {
    count++;
    if (got !== want) bad.push(`${file}:${n}: got ${got}, want ${want}`);
  };
  const err = (f) => { try { f(); return 'no error'; } catch (e) { return e.codeName + '@' + e.offset; } };
  for (const { n, r } of rows(texts['dates.tsv'])) {
    const o = { now: r[1] === '-' ? null : Number(r[1]) * 1000, anyWeekday: (flags(lib, r[2]) & lib.F_ANY_WEEKDAY) !== 0 };
    const raw = unescape(r[0]);
    if (r[3] === 'CONDREQ_OK') check('dates.tsv', n, String(lib.parseHttpDate(raw, o).getTime() / 1000), r[4]);
    else check('dates.tsv', n, err(() => lib.parseHttpDate(raw, o)), r[3] + '@' + r[5]);
  }
  for (const { n, r } of rows(texts['etag_lists.tsv'])) {
    const o = { lenient: (flags(lib, r[1]) & lib.F_LENIENT_ETAG) !== 0 };
    const raw = unescape(r[0]);
    if (r[2] === 'CONDREQ_OK') {
      const got = lib.parseETagList(raw, o).map((m) => m === '*' ? '*' : m.tag).join(' ');
      check('etag_lists.tsv', n, got, r[3] === '-' ? '' : unescape(r[3]));
    } else {
      check('etag_lists.tsv', n, err(() => lib.parseETagList(raw, o)),
        r[2] + '@' + r[4]);
    }
  }
  for (const { n, r } of rows(texts['etag_compare.tsv'])) {
    const a = unescape(r[0]);
    const b = unescape(r[1]);
    check('etag_compare.tsv', n, lib.evaluate({ method: 'PUT', headers: { 'If-Match': b }, etag: a }).status, r[2] === 'match' ? 200 : 412);
    check('etag_compare.tsv', n, lib.evaluate({ method: 'GET', headers: new Headers({ 'If-None-Match': b }), etag: a }).status, r[3] === 'match' ? 304 : 200);
  }
  for (const { n, r } of rows(texts['eval.tsv'])) {
    const d = lib.evaluate(evalOptions(lib, r));
    check('eval.tsv', n, d.status + ' ' + d.decidedBy, r[9] + ' ' + r[10]);
  }
  return { count, bad };
}
