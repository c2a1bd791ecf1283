// The package under test: the one npm installed from the tarball into
// the project CONDREQ_APP (make js sets it); both of its builds.
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const app = process.env.CONDREQ_APP && resolve(process.env.CONDREQ_APP);
if (!app) throw new Error('CONDREQ_APP is not set: run these tests with make js');
const require = createRequire(join(app, 'package.json'));
const root = dirname(require.resolve('condreq/package.json'));
export const esm = await import(pathToFileURL(join(root, 'dist/index.mjs')));
export const cjs = require('condreq');
export const expressEsm = await import(pathToFileURL(join(root, 'dist/express.mjs')));
export const expressCjs = require('condreq/express');
export const pkgRoot = root;

const here = dirname(fileURLToPath(import.meta.url));
export const VECTORS = process.env.CONDREQ_VECTORS || join(here, '../../../test/vectors');

// Rows of a vectors file, split on tabs; columns past those a test reads
// (such as a rule id) are left alone.
export function rows (name) {
  const out = [];
  const text = readFileSync(join(VECTORS, name), 'latin1');
  text.split('\n').forEach((line, i) => {
    if (line !== '' && !line.startsWith('#')) out.push({ n: i + 1, r: line.split('\t') });
  });
  return out;
}

export function unescape (s) {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[trn\\])/g, (m, e) =>
    ({ t: '\t', r: '\r', n: '\n', '\\': '\\' })[e] || String.fromCharCode(parseInt(e.slice(1), 16)));
}

export function flags (lib, s) {
  let f = 0;
  for (const part of s.split('|')) {
    if (part === '0') continue;
    const v = lib[part.replace(/^CONDREQ_/, '')];
    if (typeof v !== 'number') throw new Error('unknown flag ' + part);
    f |= v;
  }
  return f;
}
