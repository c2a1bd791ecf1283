// The package under test: the one npm installed from the tarball into
// the project CONDREQ_APP (make js sets it); both of its builds.
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { splitRows } from './rows.mjs';

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

export { unescape, flags } from './rows.mjs';

// Rows of a vectors file (rows.mjs's splitRows of its text).
export function rows (name) {
  return splitRows(readFileSync(join(VECTORS, name), 'latin1'));
}
