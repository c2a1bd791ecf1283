// Type declarations of condreq/express, as an ES module imports it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Time } from './index.js';

export interface CondreqMiddlewareOptions {
  /** The clock, as Date.now() gives it. */
  now?: () => number;
  /** F_* bits of the main module. */
  flags?: number;
}

export type Middleware =
  (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

declare global {
  namespace Express {
    interface Request {
      /** The one-line check before a write: false means a 412 (or 304) was sent. */
      preconditionsPass(current: { etag?: string; lastModified?: Time | string; exists?: boolean }): boolean;
    }
  }
}

declare function condreq(options?: CondreqMiddlewareOptions): Middleware;
export default condreq;
export { condreq };
