// The package's declarations, as an ES module importing it sees them
// (tsc --strict, module nodenext): what compiles, and what must not.
import { evaluate, fresh, parseETagList, parseHttpDate, formatHttpDate, keeps304,
  conditionalResponse, checkPreconditions, ready, ETagError, F_LENIENT_ETAG } from 'condreq';
import type { Decision, ETag } from 'condreq';
import condreq from 'condreq/express';
import { createServer } from 'node:http';

await ready;
const d: Decision = evaluate({ method: 'GET', headers: { 'if-none-match': ['"a"', '"b"'] }, etag: '"a"', now: null });
const status: number = d.status;
const by: string = d.decidedBy;
const ok: boolean = d.rangeOk && fresh(new Headers(), { etag: '"a"' });
const reasons: readonly string[] = d.ignored;
// @ts-expect-error: status is a number
const wrong: string = d.status;
// @ts-expect-error: the options are checked
evaluate({ method: 'GET', etag: 7 });
for (const m of parseETagList('"a", W/"b"', { lenient: (F_LENIENT_ETAG & 1) === 1 })) {
  const t: string = m === '*' ? '*' : (m as ETag).tag;
  void t;
}
const when: Date = parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', { now: Date.now() });
const text: string = formatHttpDate(when);
const keep: 0 | 1 | 2 = keeps304('ETag');
const r: Response = conditionalResponse(new Request('http://x/'), new Response('x'));
const refused: Response | null = checkPreconditions(new Request('http://x/', { method: 'PUT' }), { etag: '"a"' });
try { evaluate({ etag: 'bad' }); } catch (e) { if (e instanceof ETagError) { const off: number | undefined = e.offset; void off; } }
const mw = condreq({ now: () => Date.now() });
createServer((req, res) => mw(req, res, () => { res.end(); }));
void [status, by, ok, reasons, wrong, text, keep, r, refused];
