// FakeLlmServer: a local HTTP server that speaks OpenAI chat / completions, Anthropic Messages
// and llama.cpp /infill byte for byte, with timing knobs, fault injection and a record of every
// request. The judge of Rill's provider adapters: if the official SDKs parse it, it is right.
// See README.md in this folder for the wire shapes and what each fault looks like.

import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DEFAULT_MODELS } from './catalog';
import { handleExchange, type ExchangeHost } from './exchange';
import { personaRefusal } from './introspection';
import { GENERIC_PERSONA, type ServerPersona } from './personas';
import { type CacheModelOptions, PromptCacheModel } from './promptCache';
import { isGeneration } from './routes';
import type { FakeReply, RecordedRequest } from './types';

export type { EndpointKind, FakeFault, FakeReply, RecordedChunk, RecordedRequest } from './types';
export { splitTokens, countTokens } from './tokenize';
export { DEFAULT_TEXT, GIANT_TOKEN_BYTES } from './generation';
export { DEFAULT_MODELS } from './catalog';
export { credentialFingerprint } from './credentials';
export type { LlamaCppProps, OllamaModelCard, ServerPersona } from './personas';
export type { CacheFigures, CacheModelOptions } from './promptCache';

export interface FakeLlmServerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** One line per request, when its connection ends. Never contains keys (headers are redacted). */
  log?: (line: string) => void;
}

type Route = (req: RecordedRequest) => FakeReply | undefined;

const DEFAULT_WAIT_MS = 5000;

export class FakeLlmServer {
  /** http://127.0.0.1:PORT (no trailing slash, no /v1). */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Listed by /v1/models and /api/tags; the first is the default `model` of answers. */
  models: string[] = [...DEFAULT_MODELS];
  /**
   * What the server says about itself: Ollama's /api/show, llama.cpp's /props (and /infill refused
   * without FIM tokens), the owner in /v1/models, `suffix` support. Default: none of it (404s).
   */
  persona: ServerPersona = GENERIC_PERSONA;
  /** Cache mode (see promptCache.ts): undefined = every request answers at once, as before. */
  cache: PromptCacheModel | undefined;
  /** performance.timeOrigin of this process: timeOrigin + a record's time = epoch ms (for other processes). */
  readonly timeOrigin = performance.timeOrigin;

  private readonly queue: FakeReply[] = [];
  private readonly routes: Route[] = [];
  private defaultReply: FakeReply | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly live = new Map<RecordedRequest, AbortController>();
  private readonly listeners = new Set<() => void>();
  private lastId = 0;

  private constructor(
    private readonly http: Server,
    port: number,
    host: string,
    private readonly logLine: (line: string) => void,
  ) {
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  static async start(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
    const host = options.host ?? '127.0.0.1';
    // noDelay: each write leaves at once (no Nagle), so timing records match the wire.
    const http = createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = http.address() as AddressInfo;
    const server = new FakeLlmServer(http, port, host, options.log ?? (() => undefined));
    server.attach();
    return server;
  }

  /** Replies for the next generation requests, in order (not for /v1/models, /api/tags, 404s). */
  enqueue(...replies: FakeReply[]): void {
    this.queue.push(...replies);
  }

  /** The reply when no route answers and the queue is empty (initially: the default text at full speed). */
  setDefault(reply: FakeReply): void {
    this.defaultReply = reply;
  }

  /**
   * Cache mode: requests wait for one of `slots`, and a reply's ttftMs becomes the generation start,
   * after `promptMsPerToken` for every prompt token the slot's cache lacks. Fresh (empty) slots.
   */
  modelCache(options: CacheModelOptions): PromptCacheModel {
    this.cache = new PromptCacheModel(options);
    return this.cache;
  }

  /** Consulted before the queue, in the order added; return undefined to fall through. */
  route(fn: Route): void {
    this.routes.push(fn);
  }

  /** Clears queue, routes, default and records (in-flight answers carry on). */
  reset(): void {
    this.queue.length = 0;
    this.routes.length = 0;
    this.defaultReply = undefined;
    this.requests.length = 0;
  }

  /** The first `n` requests, once that many have arrived. */
  waitForRequests(n: number, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest[]> {
    return this.waitFor(
      () => (this.requests.length >= n ? this.requests.slice(0, n) : undefined),
      timeoutMs,
      () => `expected ${n} request(s), got ${this.requests.length}`,
    );
  }

  /**
   * When `request`'s connection ended: closedByClientAt, else finishedAt, else the time the
   * server reset it.
   */
  waitForClose(request: RecordedRequest, timeoutMs = DEFAULT_WAIT_MS): Promise<number> {
    return this.waitFor(
      () => request.closedByClientAt ?? request.finishedAt ?? request.destroyedByServerAt,
      timeoutMs,
      () => `request #${request.id} (${request.method} ${request.path}) still open`,
    );
  }

  /** Sockets currently open (keep-alive connections included). */
  openConnections(): number {
    return this.sockets.size;
  }

  /** Stops listening and destroys every connection. */
  async close(): Promise<void> {
    const now = performance.now();
    for (const [record, connection] of this.live) {
      if (record.finishedAt === undefined && record.closedByClientAt === undefined) record.destroyedByServerAt ??= now;
      connection.abort();
    }
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private attach(): void {
    this.http.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    const host: ExchangeHost = {
      nextId: () => ++this.lastId,
      arrived: (record, connection) => {
        this.requests.push(record);
        this.live.set(record, connection);
        this.notify();
      },
      changed: (record) => {
        this.live.delete(record);
        this.notify();
      },
      replyFor: (record) => this.replyFor(record),
      models: () => this.models,
      persona: () => this.persona,
      cache: () => this.cache,
      log: (line) => this.logLine(line),
    };
    this.http.on('request', (req, res) => void handleExchange(host, req, res));
  }

  private replyFor(record: RecordedRequest): FakeReply | undefined {
    for (const route of this.routes) {
      const reply = route(record);
      if (reply) return reply;
    }
    if (!isGeneration(record.endpoint)) return undefined;
    // The persona's server refuses before any scripted answer is taken.
    return personaRefusal(record, this.persona) ?? this.queue.shift() ?? this.defaultReply;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private waitFor<T>(probe: () => T | undefined, timeoutMs: number, why: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`fake-llm: timed out after ${timeoutMs} ms: ${why()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }
}
