// One HTTP request from arrival to close: read and record it, pick the reply, play it, and
// note when (and by whom) the connection ended. Close detection listens on the response's
// `close` event, which Node emits as soon as the socket closes, so an aborted client shows up
// within a millisecond or two.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { recordedCredentials } from './credentials';
import { admitToCache } from './cacheAdmission';
import { introspect } from './introspection';
import type { ServerPersona } from './personas';
import type { PromptCacheModel } from './promptCache';
import { planGeneration } from './generation';
import { playComplete } from './playComplete';
import type { PlayContext } from './playContext';
import { isFixedReply, playFixed, playHtml } from './playFixed';
import { playStream } from './playStream';
import { readRequest } from './requestInfo';
import { dialectOf, endpointOf, isGeneration } from './routes';
import type { FakeReply, RecordedRequest } from './types';
import { ResponseWriter } from './writer';

export interface ExchangeHost {
  nextId(): number;
  /** A request arrived (body read); record it. */
  arrived(record: RecordedRequest, connection: AbortController): void;
  /** Something about a record changed (finished, closed). */
  changed(record: RecordedRequest): void;
  /** Routes, then queue, then default; `undefined` for none. Only routes for non-generation endpoints. */
  replyFor(record: RecordedRequest): FakeReply | undefined;
  models(): readonly string[];
  /** What the server says about itself (/api/show, /props, /v1/models' owner). */
  persona(): ServerPersona;
  /** The prompt cache model, when the server runs in cache mode. */
  cache(): PromptCacheModel | undefined;
  log(line: string): void;
}

const REDACTED_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'cookie']);

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name] = REDACTED_HEADERS.has(name) ? '<redacted>' : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    // A client that leaves mid-body still gets its request recorded (with what arrived).
    req.on('error', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('close', () => resolve(Buffer.concat(parts).toString('utf8')));
  });
}

function parseBody(raw: string): { body: unknown; valid: boolean } {
  if (raw === '') return { body: '', valid: true };
  try {
    return { body: JSON.parse(raw) as unknown, valid: true };
  } catch {
    return { body: raw, valid: false };
  }
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function describe(r: RecordedRequest): string {
  const end =
    r.closedByClientAt !== undefined ? 'closed by client'
    : r.destroyedByServerAt !== undefined ? 'reset by server'
    : r.finishedAt !== undefined ? 'finished' : 'open';
  const last = r.closedByClientAt ?? r.destroyedByServerAt ?? r.finishedAt ?? performance.now();
  const fault = r.fault ? ` fault=${r.fault}` : '';
  const mode = r.streamRequested ? 'stream' : 'json';
  return `#${r.id} ${r.method} ${r.path} ${mode} -> ${r.status ?? '-'} ${r.tokensSent} tokens ${(last - r.receivedAt).toFixed(1)} ms ${end}${fault}`;
}

export async function handleExchange(host: ExchangeHost, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = performance.now();
  const connection = new AbortController();
  let record: RecordedRequest | undefined;
  let closedEarlyAt: number | undefined;
  res.on('error', () => undefined); // a write racing a client close must not crash the server
  // The earliest sign the client left is its FIN ('end') or a reset ('error') on the socket;
  // the response's own 'close' can lag until the next write fails. HTTP clients never
  // half-close while waiting for an answer, so either one means the client is gone.
  const socket = req.socket;
  const clientGone = (): void => {
    const at = performance.now();
    if (!record) closedEarlyAt ??= at;
    else if (record.finishedAt === undefined && record.destroyedByServerAt === undefined) record.closedByClientAt ??= at;
    connection.abort();
    socket.destroy();
  };
  socket.on('end', clientGone);
  socket.on('error', clientGone);
  res.on('finish', () => {
    if (!record) return;
    record.finishedAt ??= performance.now();
    host.changed(record);
  });
  res.on('close', () => {
    // The socket may serve the next request (keep-alive): stop watching it for this one.
    socket.off('end', clientGone);
    socket.off('error', clientGone);
    const at = performance.now();
    connection.abort();
    if (!record) {
      closedEarlyAt ??= at;
      return;
    }
    if (record.finishedAt === undefined && record.destroyedByServerAt === undefined) record.closedByClientAt ??= at;
    host.changed(record);
    host.log(describe(record));
  });

  const method = req.method ?? 'GET';
  const [path = '/', query = ''] = (req.url ?? '/').split('?');
  const endpoint = endpointOf(method, path);
  const { body, valid } = parseBody(await readBody(req));
  const info = readRequest(endpoint, body);
  record = {
    id: host.nextId(),
    method,
    path,
    query,
    body,
    headers: recordedHeaders(req),
    credentials: recordedCredentials(req),
    receivedAt,
    chunks: [],
    tokensSent: 0,
    endpoint,
    streamRequested: info.stream,
  };
  if (closedEarlyAt !== undefined) record.closedByClientAt = closedEarlyAt;
  host.arrived(record, connection);
  if (closedEarlyAt !== undefined) {
    host.log(describe(record));
    return;
  }

  const dialect = dialectOf(endpoint);
  // A generation request that is not JSON gets the provider's 400 and takes no scripted reply.
  const unparsable = isGeneration(endpoint) && !valid;
  const routed = unparsable ? undefined : host.replyFor(record);
  const reply: FakeReply = { ...(routed ?? {}), headers: lowerCaseKeys(routed?.headers) };
  record.fault = reply.fault;
  let planned = planGeneration(record.id, endpoint, reply, body, info, host.models()[0] ?? 'fake-model');
  // In cache mode a generation waits for a slot and pays for the prompt tokens its cache lacks.
  const played = isGeneration(endpoint) && !unparsable && !isFixedReply(reply) && reply.fault !== 'reset-before-headers' && reply.fault !== 'html-200';
  const cache = played ? host.cache() : undefined;
  const admitted = cache ? await admitToCache(cache, record, planned, reply, connection.signal) : undefined;
  if (cache && !admitted) return; // the client left while waiting for a slot
  if (admitted) planned = admitted.planned;
  const writer = new ResponseWriter(
    res,
    record,
    { lineEnding: reply.lineEnding ?? 'lf', splitEveryByte: reply.splitEveryByte === true },
    connection.signal,
  );
  const ctx: PlayContext = { dialect, reply: admitted?.reply ?? reply, writer, record, signal: connection.signal, startAt: admitted?.startAt ?? record.receivedAt, ...planned };

  try {
    if (reply.fault === 'reset-before-headers') {
      record.destroyedByServerAt = performance.now();
      req.socket.resetAndDestroy();
    } else if (reply.fault === 'html-200') {
      await playHtml(ctx);
    } else if (routed && isFixedReply(reply)) {
      await playFixed(ctx);
    } else if (!isGeneration(endpoint)) {
      await answerOther(ctx, req, host);
    } else if (unparsable) {
      await playFixed({ ...ctx, reply: { status: 400, body: { message: 'We could not parse the JSON body of your request.' } } });
    } else if (reply.stream ?? info.stream) {
      await playStream(ctx);
    } else {
      await playComplete(ctx);
    }
  } catch (error) {
    host.log(`#${record.id} fake-llm error: ${error instanceof Error ? error.message : String(error)}`);
    record.destroyedByServerAt ??= performance.now();
    res.destroy();
  } finally {
    admitted?.release();
  }
}

/** Model listings, the persona's /api/show and /props, and 404s. */
async function answerOther(ctx: PlayContext, req: IncomingMessage, host: ExchangeHost): Promise<void> {
  const { status, doc } = introspect(ctx.record, host.persona(), host.models(), req.headers['anthropic-version'] !== undefined);
  const text = JSON.stringify(doc);
  ctx.writer.head(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...ctx.reply.headers,
  });
  await ctx.writer.write(text);
  ctx.writer.end();
}
