// A plain node:http client for tests that must see the wire as it is: exact bytes, when each
// read arrived, whether the body ended by itself or broke, and what a socket reset looks like.
// fetch hides most of this (and buffers), so the fake's own tests use this.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface RawRequest {
  readonly method?: string;
  readonly path: string;
  /** Sent as JSON unless a string. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /**
   * Give up (and close the connection) once no byte has arrived for this long; for answers that
   * never end. Default: wait for the end.
   */
  readonly idleMs?: number;
  /** Give up (and close the connection) after this long in all; for answers that trickle forever. */
  readonly untilMs?: number;
  /** Aborting closes the connection at once (node:http destroys the socket synchronously). */
  readonly signal?: AbortSignal;
}

export interface RawResponse {
  /** 0 when no response arrived (reset before headers). */
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
  /** performance.now() of each read of body bytes. */
  readonly reads: readonly { at: number; bytes: number }[];
  readonly sentAt: number;
  readonly headersAt?: number;
  /** When this client's connection closed. */
  readonly closedAt: number;
  /** The body ended normally. */
  readonly ended: boolean;
  /** The client gave up (idleMs or untilMs). */
  readonly idle: boolean;
  /** Set when the connection broke (e.g. code ECONNRESET) or was aborted. */
  readonly error?: NodeJS.ErrnoException;
}

export function rawRequest(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(r.path, baseUrl);
  const payload = r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const parts: Buffer[] = [];
    const reads: { at: number; bytes: number }[] = [];
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let headersAt: number | undefined;
    let ended = false;
    let idle = false;
    let error: NodeJS.ErrnoException | undefined;
    let idleTimer: NodeJS.Timeout | undefined;
    let untilTimer: NodeJS.Timeout | undefined;
    const giveUp = (): void => {
      idle = true;
      req.destroy();
    };
    const armIdle = (): void => {
      if (r.idleMs === undefined) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(giveUp, r.idleMs);
    };
    const req = httpRequest(
      url,
      {
        method: r.method ?? (payload === undefined ? 'GET' : 'POST'),
        // A fresh connection per request, so one test's half-dead socket never serves the next.
        agent: false,
        headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers },
        signal: r.signal,
      },
      (res) => {
        status = res.statusCode ?? 0;
        headers = res.headers;
        headersAt = performance.now();
        armIdle();
        res.on('data', (part: Buffer) => {
          reads.push({ at: performance.now(), bytes: part.length });
          parts.push(part);
          armIdle();
        });
        res.on('end', () => (ended = true));
        res.on('error', (e: NodeJS.ErrnoException) => (error ??= e));
        res.on('aborted', () => (error ??= Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => (error ??= e));
    // 'close' always comes last, whatever ended the exchange: settle there.
    req.on('close', () => {
      clearTimeout(idleTimer);
      clearTimeout(untilTimer);
      const body = Buffer.concat(parts);
      const closedAt = performance.now();
      const broken = ended || idle ? undefined : error;
      resolve({ status, headers, body, text: body.toString('utf8'), reads, sentAt, headersAt, closedAt, ended, idle, error: broken });
    });
    armIdle();
    if (r.untilMs !== undefined) untilTimer = setTimeout(giveUp, r.untilMs);
    req.end(payload);
  });
}
