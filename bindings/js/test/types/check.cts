// The declarations as CommonJS code requiring the package sees them.
import condreq = require('condreq');
import middleware = require('condreq/express');

const d = condreq.evaluate({ method: 'PUT', headers: new Map([['if-match', '"a"']]), etag: '"a"' });
const s: number = d.status;
// @ts-expect-error: no such function
condreq.notThere();
void [s, middleware];
const mw: middleware.Middleware = middleware.condreq({ flags: 0 });
const mw2: middleware.Middleware = middleware();
void [mw, mw2];
