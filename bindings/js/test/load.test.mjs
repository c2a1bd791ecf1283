// Loading where a runtime refuses to compile WebAssembly synchronously
// (as a browser's main thread may): the ES module compiles it
// asynchronously and is ready when its import settles; the CommonJS
// module says it is loading until `ready` settles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pkgRoot } from './subject.mjs';

const refuse = 'WebAssembly.Module = function () { throw new RangeError("no synchronous compile here"); };';

test('ES module: asynchronous compile, ready when the import settles', () => {
  const url = pathToFileURL(join(pkgRoot, 'dist/index.mjs')).href;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', refuse + `
    const c = await import(${JSON.stringify(url)});
    console.log(c.evaluate({ headers: { 'if-none-match': '"a"' }, etag: '"a"' }).status);`]).toString();
  assert.equal(out.trim(), '304');
});

test('CommonJS: "still loading" until ready settles, then the answers', () => {
  const file = join(pkgRoot, 'dist/index.cjs');
  const out = execFileSync(process.execPath, ['-e', refuse + `
    const c = require(${JSON.stringify(file)});
    try { c.evaluate({}); console.log('no error'); } catch (e) { console.log(/still loading/.test(e.message) ? 'loading' : e.message); }
    c.ready.then(() => console.log(c.evaluate({ method: 'PUT', headers: { 'if-match': 'W/"a"' }, etag: 'W/"a"' }).status));`]).toString();
  assert.deepEqual(out.trim().split('\n'), ['loading', '412']);
});
