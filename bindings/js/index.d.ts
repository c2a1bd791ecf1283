// Type declarations of the condreq package (dist/index.mjs, dist/index.cjs).

/** Request headers: a plain object (IncomingMessage.headers: repeated
 * lines as arrays), a fetch Headers instance, or a Map. */
export type HeadersLike =
  | Record<string, string | string[] | number | undefined>
  | Headers
  | Map<string, string | string[]>;

/** A time: a Date, or milliseconds since the epoch (Date.now()). */
export type Time = Date | number;

export interface EvaluateOptions {
  /** Request method, case-sensitive; default "GET". */
  method?: string;
  headers?: HeadersLike;
  /** The representation's ETag as sent ("x" or W/"x"); none if absent. */
  etag?: string | null;
  /** Its Last-Modified: a Date, milliseconds, or an HTTP-date string. */
  lastModified?: Time | string | null;
  /** Server clock; default Date.now(); null: unknown (rfc850 dates are not read). */
  now?: Time | null;
  /** Status the request would get without preconditions; default 200. */
  naturalStatus?: number;
  /** Does a current representation exist? Default true. */
  exists?: boolean;
  /** Last-Modified is a strong validator (RFC 9110 8.8.2.2). */
  lmStrong?: boolean;
  /** F_* bits. */
  flags?: number;
}

export interface Decision {
  /** What to send: 304, 412, 206 (the Range may be honoured), or the natural status. */
  status: number;
  /** "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "none", "natural-status" or "method". */
  decidedBy: string;
  /** Why each field present was ignored, with its RFC 9110 rule. */
  ignored: readonly string[];
  /** Names of the malformed precondition fields. */
  malformed: readonly string[];
  /** status is 206. */
  rangeOk: boolean;
}

export interface ETag {
  weak: boolean;
  /** The characters between the quotes. */
  opaque: string;
  /** Canonical form: "x" or W/"x". */
  tag: string;
}

export class CondreqError extends Error {
  /** The library's negative CONDREQ_E* code. */
  code: number;
  /** Its name, e.g. "CONDREQ_ESYNTAX". */
  codeName: string;
  /** Offset of the first bad character, where known. */
  offset?: number;
}
export class HttpDateError extends CondreqError {}
export class ETagError extends CondreqError {}

export function evaluate(options: EvaluateOptions): Decision;
export function parseHttpDate(value: string, options?: { now?: Time | null; anyWeekday?: boolean }): Date;
export function formatHttpDate(time: Time): string;
export function parseETagList(value: string | string[], options?: { lenient?: boolean }): Array<ETag | '*'>;
/** The `fresh` package's signature, RFC 9110's answers (see the README). */
export function fresh(reqHeaders: HeadersLike, resHeaders: HeadersLike): boolean;
/** RFC 9110 15.4.5: 0 leave out of a 304, 1 keep, 2 keep only without an ETag. */
export function keeps304(name: string): 0 | 1 | 2;
/** The library's version string. */
export function version(): string;
/** For fetch handlers: a 304 or 412 Response, or the response itself. */
export function conditionalResponse(request: Request, response: Response, options?: { now?: Time; flags?: number }): Response;
/** For writes in fetch handlers: null to go on, or the 412 Response. */
export function checkPreconditions(request: Request, current: { etag?: string; lastModified?: Time | string; exists?: boolean }, options?: { now?: Time }): Response | null;
/** Settles once the WebAssembly module is loaded. */
export const ready: Promise<void>;

export const F_LENIENT_ETAG: number;
export const F_ANY_WEEKDAY: number;
export const F_IMS_EXACT: number;
export const F_IMS_IGNORE_FUTURE: number;
export const F_LM_ZERO_UNKNOWN: number;
export const F_WEAK_COMPARE: number;
