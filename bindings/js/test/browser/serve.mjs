// Headless Chromium loads the package in a page served on loopback and
// runs the shared vectors through it; the page posts its result back.
// node serve.mjs PKG-DIR VECTORS-DIR: exit 0 when every row agrees.
// Chromium runs in its own process group, stopped whatever happens.
import { createServer } from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname, normalize } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const [pkg, vectors] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const FILES = ['dates.tsv', 'etag_lists.tsv', 'etag_compare.tsv', 'eval.tsv'];
const page = `<!doctype html><meta charset="utf-8"><title>condreq</title>
<script type="module">
const post = (r) => fetch('/result', { method: 'POST', body: JSON.stringify(r) });
try {
  const t0 = performance.now();
  const lib = await import('/pkg/dist/index.mjs');
  const { runVectors } = await import('/runner.mjs');
  const texts = {};
  for (const f of ${JSON.stringify(FILES)}) texts[f] = await (await fetch('/vectors/' + f)).text();
  const r = runVectors(lib, texts);
  r.version = lib.version();
  r.ms = Math.round(performance.now() - t0);
  r.agent = navigator.userAgent;
  await post(r);
} catch (e) {
  await post({ error: String(e && e.stack || e) });
}
</script>`;

function send (res, type, body) {
  res.writeHead(200, { 'content-type': type });
  res.end(body);
}

const profile = mkdtempSync(join(tmpdir(), 'condreq-chromium-'));
let chrome = null;
let done = false;
function finish (code, msg) {
  if (done) return;
  done = true;
  console.log(msg);
  if (chrome && chrome.exitCode === null) {
    try { process.kill(-chrome.pid, 'SIGKILL'); } catch (e) { /* gone */ }
  }
  server.close();
  setTimeout(() => {
    rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  }, 300);
}

const server = createServer((req, res) => {
  const u = new URL(req.url, 'http://x');
  const p = normalize(u.pathname);
  try {
    if (p === '/') return send(res, 'text/html', page);
    if (p === '/runner.mjs') return send(res, 'text/javascript', readFileSync(join(here, 'runner.mjs')));
    if (p === '/rows.mjs') return send(res, 'text/javascript', readFileSync(join(here, '../rows.mjs')));
    if (p.startsWith('/pkg/dist/') && p.endsWith('.mjs')) {
      return send(res, 'text/javascript', readFileSync(join(pkg, p.slice(5))));
    }
    if (p.startsWith('/vectors/') && FILES.includes(p.slice(9))) {
      return send(res, 'text/plain; charset=iso-8859-1', readFileSync(join(vectors, p.slice(9))));
    }
    if (p === '/result' && req.method === 'POST') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        res.end('ok');
        const r = JSON.parse(body);
        if (r.error) return finish(1, 'chromium: the page failed: ' + r.error);
        for (const b of r.bad.slice(0, 20)) console.log('  ' + b);
        finish(r.bad.length === 0 && r.count > 2500 ? 0 : 1,
          `chromium: ${r.count} vector checks, ${r.bad.length} disagree (libcondreq ${r.version}, ${r.ms} ms; ${r.agent})`);
      });
      return;
    }
  } catch (e) { /* fall through to 404 */ }
  res.writeHead(404);
  res.end();
});

server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}/`;
  chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-extensions', '--no-first-run',
    '--disable-dev-shm-usage', '--user-data-dir=' + profile, url],
  { detached: true, stdio: 'ignore' });
  chrome.on('exit', (code) => finish(1, `chromium exited (${code}) before the page reported`));
  setTimeout(() => finish(1, 'chromium: no result in 90 s'), 90000).unref();
});
