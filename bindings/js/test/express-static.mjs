// express.static (Express 5, from npm) serving ROOT on loopback, with the
// condreq middleware in front of it or without: node express-static.mjs
// ROOT with|without. Prints "listening on PORT"; stops on SIGTERM.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [root, mode] = process.argv.slice(2);
if (!root || (mode !== 'with' && mode !== 'without')) {
  console.error('usage: node express-static.mjs ROOT with|without');
  process.exit(2);
}
const deps = createRequire(join(resolve(process.env.CONDREQ_DEPS), 'package.json'));
const app = createRequire(join(resolve(process.env.CONDREQ_APP), 'package.json'));
const express = deps('express');
const server = express();
if (mode === 'with') server.use(app('condreq/express')());
server.use(express.static(root));
const listener = server.listen(0, '127.0.0.1', () => {
  console.log('listening on ' + listener.address().port);
});
process.on('SIGTERM', () => listener.close(() => process.exit(0)));
