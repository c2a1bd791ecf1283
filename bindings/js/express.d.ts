// Type declarations of condreq/express, as CommonJS code requires it
// (module.exports is the function; .condreq is the same function).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Time } from './index';

declare global {
  namespace Express {
    interface Request {
      /** The one-line check before a write: false means a 412 (or 304) was sent. */
      preconditionsPass(current: { etag?: string; lastModified?: Time | string; exists?: boolean }): boolean;
    }
  }
}

declare function condreq(options?: condreq.CondreqMiddlewareOptions): condreq.Middleware;
declare namespace condreq {
  interface CondreqMiddlewareOptions {
    /** The clock, as Date.now() gives it. */
    now?: () => number;
    /** F_* bits of the main module. */
    flags?: number;
  }
  type Middleware =
    (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
  const condreq: (options?: CondreqMiddlewareOptions) => Middleware;
}
export = condreq;
