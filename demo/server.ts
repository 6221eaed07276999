// The demo model server: OpenAI's API (`/v1/models`, `/v1/completions` with `suffix`,
// `/v1/chat/completions`, streamed or not) in front of the n-gram model of a workspace folder.
// It is what `npm run demo` points Rill at when no real provider is configured.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveModel } from './liveModel';
import { answerChat } from './model/chatAnswer';
import { completeFim } from './model/complete';
import { tokenize } from './model/tokenize';
import { DEMO_MODEL_ID, type WorkspaceModel } from './model/workspaceModel';
import {
  BadRequest,
  type FinishReason,
  type ResponseHead,
  chatBody,
  chatChunk,
  completionBody,
  completionChunk,
  errorBody,
  modelObject,
  parseChatRequest,
  parseCompletionRequest,
  usage,
  usageChunk,
} from './openaiWire';
import { type Pace, type PacedEvent, sleep, writePaced } from './pacedWriter';

export interface DemoServerOptions {
  /** The folder the model learns from (and watches). */
  readonly workspace: string;
  /** 0 or undefined: any free port. Always bound to 127.0.0.1. */
  readonly port?: number;
  readonly pace?: Partial<Pace>;
  readonly order?: number;
  /** One line per request and per rebuild; nothing is logged when absent. */
  readonly log?: (line: string) => void;
}

/** One request the server answered, for logs and for `npm run demo -- --check`. */
export interface ServedRequest {
  readonly kind: 'fim' | 'chat';
  readonly text: string;
  readonly tokens: number;
  readonly sent: number;
  readonly aborted: boolean;
}

export interface DemoServer {
  /** Base URL for an OpenAI client: `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  readonly port: number;
  /** The most recent requests, oldest first (at most 100). */
  readonly served: readonly ServedRequest[];
  close(): Promise<void>;
}

/** A realistic small hosted model: ~150 ms to the first token, then ~40 tokens/s. */
export const DEFAULT_PACE: Pace = { ttftMs: 150, tokensPerSecond: 40 };

/** OpenAI's default `max_tokens` for `/v1/completions`. */
const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A fixed creation time for the model list: the same answer on every run. */
const MODEL_CREATED = 1_735_689_600;

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const log = options.log ?? (() => {});
  const pace: Pace = { ...DEFAULT_PACE, ...options.pace };
  const model = new LiveModel(options.workspace, options.order, (m) => log(`model rebuilt: ${describe(m)}`));
  log(`model built: ${describe(model.current)}`);
  const served: ServedRequest[] = [];
  let sequence = 0;

  const record = (id: string, r: ServedRequest): void => {
    served.push(r);
    if (served.length > 100) served.shift();
    const outcome = r.aborted ? `aborted after ${r.sent} of ${r.tokens} tokens` : `${r.tokens} tokens`;
    log(`${id}: ${outcome}: ${JSON.stringify(r.text.length > 80 ? `${r.text.slice(0, 77)}...` : r.text)}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) return sendJson(res, 400, errorBody(error.message, 'invalid_request_error', error.param));
      log(`error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, errorBody('The demo model server failed; see its log.', 'server_error'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0].replace(/^\/v1(?=\/)/, '').replace(/\/+$/, '') || '/';
    // Aborted when the client closes the connection before the answer is complete.
    const client = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) client.abort();
    });

    if (req.method === 'GET' && (path === '/' || path === '/health')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Rill demo model server: ${DEMO_MODEL_ID}, ${describe(model.current)}.\n`);
      return;
    }
    if (req.method === 'GET' && path === '/models') {
      return sendJson(res, 200, { object: 'list', data: [modelObject(DEMO_MODEL_ID, MODEL_CREATED)] });
    }
    if (req.method === 'GET' && path.startsWith('/models/')) {
      const id = decodeURIComponent(path.slice('/models/'.length));
      if (id === DEMO_MODEL_ID) return sendJson(res, 200, modelObject(DEMO_MODEL_ID, MODEL_CREATED));
      return sendJson(res, 404, errorBody(`The model '${id}' does not exist. This server has only '${DEMO_MODEL_ID}'.`, 'invalid_request_error', 'model', 'model_not_found'));
    }
    if (path === '/completions' || path === '/chat/completions') {
      if (req.method !== 'POST') return sendJson(res, 405, errorBody(`Use POST for ${path}.`, 'invalid_request_error'));
      const body = await readJson(req);
      sequence++;
      const head: ResponseHead = { id: `${path === '/completions' ? 'cmpl' : 'chatcmpl'}-demo-${sequence}`, created: Math.floor(Date.now() / 1000), model: DEMO_MODEL_ID };
      if (path === '/completions') return completions(body, head, res, client.signal);
      return chat(body, head, res, client.signal);
    }
    sendJson(res, 404, errorBody(`Unknown path ${req.url}. The demo model server speaks /v1/models, /v1/completions and /v1/chat/completions.`, 'invalid_request_error'));
  }

  async function completions(body: unknown, head: ResponseHead, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const r = parseCompletionRequest(body);
    const maxTokens = r.maxTokens ?? COMPLETIONS_DEFAULT_MAX_TOKENS;
    const result = completeFim(model.current.counts, r.prompt, r.suffix, { maxTokens, stop: r.stop });
    const finish: FinishReason = result.cause === 'length' ? 'length' : 'stop';
    const use = usage(result.promptTokens, result.pieces.length);
    if (!r.stream) {
      // Unstreamed, the whole answer arrives when a real model would have finished it.
      if (!(await delay(pace, result.pieces.length, signal))) return;
      sendJson(res, 200, completionBody(head, result.text, finish, use));
      record(head.id, { kind: 'fim', text: result.text, tokens: result.pieces.length, sent: result.pieces.length, aborted: false });
      return;
    }
    const events: PacedEvent[] = [
      ...result.pieces.map((piece) => ({ data: JSON.stringify(completionChunk(head, piece, null)), token: true })),
      { data: JSON.stringify(completionChunk(head, '', finish)), token: false },
      ...(r.includeUsage ? [{ data: JSON.stringify(usageChunk(head, 'text_completion', use)), token: false }] : []),
      { data: '[DONE]', token: false },
    ];
    const sent = await writePaced(res, events, pace, signal);
    record(head.id, { kind: 'fim', text: result.text, tokens: result.pieces.length, sent, aborted: signal.aborted });
  }

  async function chat(body: unknown, head: ResponseHead, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const r = parseChatRequest(body);
    let pieces = tokenize(answerChat(model.current, r.question));
    const finish: FinishReason = r.maxTokens !== undefined && pieces.length > r.maxTokens ? 'length' : 'stop';
    if (r.maxTokens !== undefined) pieces = pieces.slice(0, r.maxTokens);
    const text = pieces.join('');
    const use = usage(tokenize(r.promptText).length, pieces.length);
    if (!r.stream) {
      if (!(await delay(pace, pieces.length, signal))) return;
      sendJson(res, 200, chatBody(head, text, finish, use));
      record(head.id, { kind: 'chat', text, tokens: pieces.length, sent: pieces.length, aborted: false });
      return;
    }
    const events: PacedEvent[] = [
      { data: JSON.stringify(chatChunk(head, { role: 'assistant', content: '', refusal: null }, null)), token: false },
      ...pieces.map((piece) => ({ data: JSON.stringify(chatChunk(head, { content: piece }, null)), token: true })),
      { data: JSON.stringify(chatChunk(head, {}, finish)), token: false },
      ...(r.includeUsage ? [{ data: JSON.stringify(usageChunk(head, 'chat.completion.chunk', use)), token: false }] : []),
      { data: '[DONE]', token: false },
    ];
    const sent = await writePaced(res, events, pace, signal);
    record(head.id, { kind: 'chat', text, tokens: pieces.length, sent, aborted: signal.aborted });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        model.dispose();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest('The request body is too large.');
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BadRequest('The request body is not valid JSON.');
  }
}

/** Waits as long as generating `tokens` would take; false when the client left meanwhile. */
function delay(pace: Pace, tokens: number, signal: AbortSignal): Promise<boolean> {
  return sleep(pace.ttftMs + (tokens * 1000) / pace.tokensPerSecond, signal);
}

/** As the chat answer counts them: the source files counted (prose is read for passages only). */
function describe(model: WorkspaceModel): string {
  return `${model.counted.length} source files counted of ${model.files.length} read, ${model.counts.size.toLocaleString('en-US')} tokens`;
}
