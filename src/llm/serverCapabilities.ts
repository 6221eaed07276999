// Asks a model server what it is and what it can do, the way each server says it: Ollama's
// POST /api/show (a model's capabilities, `insert` meaning fill-in-the-middle, and its template),
// llama.cpp's GET /props (model, total_slots, n_ctx) plus whether /infill works (it answers 501
// when the model has no FIM tokens), and an OpenAI-compatible server's GET /v1/models (vLLM names
// itself as the owner). Never throws: what each endpoint answered is kept as a phrase, so a choice
// made from the report can say why. No vscode import.
import { endpointUrls, isAzureEndpoint } from './endpointUrls';
import type { ProviderKind } from './types';
import { placeKey } from './keyPlacement';

export interface ProbeTarget {
  readonly provider: ProviderKind;
  /** As in settings: empty for the provider's default. */
  readonly baseUrl?: string;
  readonly model: string;
  readonly apiKey?: string;
  /** For a header that writes `${gatewayKey}`. */
  readonly gatewayKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly fetch?: typeof fetch;
}

interface ReportBase {
  /** One phrase per endpoint asked, e.g. "POST /api/show: 404", in the order asked. */
  readonly heard: readonly string[];
  /** False when nothing answered at all (connection refused, timeouts): worth asking again later. */
  readonly reachable: boolean;
}

export interface OllamaReport extends ReportBase {
  readonly kind: 'ollama';
  /** Ollama answered "model not found" for the configured model. */
  readonly missing: boolean;
  /** `capabilities`, or undefined for an Ollama too old to list them. */
  readonly capabilities: readonly string[] | undefined;
  readonly template: string;
  readonly family: string | undefined;
}

export interface LlamaCppReport extends ReportBase {
  readonly kind: 'llamacpp';
  /** The model file's name (from model_alias or model_path). */
  readonly model: string | undefined;
  readonly totalSlots: number | undefined;
  readonly contextTokens: number | undefined;
  /** Whether /infill accepted a probe: 'unsupported' when it answered that the model has no FIM tokens. */
  readonly infill: 'supported' | 'unsupported' | 'unknown';
  /** The server's own words when /infill refused. */
  readonly infillMessage: string | undefined;
}

export interface ModelListReport extends ReportBase {
  readonly kind: 'openai-compatible';
  /** `owned_by` of the configured model (or of the first one listed), e.g. "vllm". */
  readonly owner: string | undefined;
  readonly listed: boolean;
}

export interface UnknownReport extends ReportBase {
  readonly kind: 'unknown';
}

export type ServerReport = OllamaReport | LlamaCppReport | ModelListReport | UnknownReport;

/** Each request of a probe gives up after this long (a busy local server may queue it). */
export const PROBE_STEP_TIMEOUT_MS = 2500;

interface Answer {
  /** HTTP status, or undefined when no response came. */
  readonly status: number | undefined;
  readonly json: unknown;
  /** "404", "not JSON", "connection refused"... */
  readonly phrase: string;
}

/** The slot count a server reports (llama.cpp's total_slots), or undefined when it does not say. */
export function totalSlotsOf(report: ServerReport | undefined): number | undefined {
  return report?.kind === 'llamacpp' ? report.totalSlots : undefined;
}

export async function probeServer(target: ProbeTarget, signal?: AbortSignal): Promise<ServerReport> {
  const { root, openAiBase } = endpointUrls(target.provider, target.baseUrl);
  const fetchImpl = target.fetch ?? globalThis.fetch;
  const heard: string[] = [];
  let reachable = false;
  const ask = async (method: 'GET' | 'POST', url: string, label: string, body?: unknown): Promise<Answer> => {
    const answer = await request(fetchImpl, method, url, target, body, signal);
    heard.push(`${method} ${label}: ${answer.phrase}`);
    if (answer.status !== undefined) reachable = true;
    return answer;
  };
  const done = (report: ReportFields): ServerReport => ({ ...report, heard, reachable });

  // Azure OpenAI is none of these servers: asking its deployment for /api/show or /props is only
  // requests it answers with 404 (and requests a gateway in front of it may bill or log).
  if (target.provider === 'openai-compatible' && isAzureEndpoint(target.baseUrl ?? '')) {
    return { kind: 'unknown', heard: ['not asked: an Azure OpenAI endpoint'], reachable: true };
  }

  if (target.provider === 'openai-compatible') {
    const show = await ask('POST', `${root}/api/show`, '/api/show', { model: target.model });
    const ollama = readOllamaShow(show);
    if (ollama) return done(ollama);
  }
  const props = await ask('GET', `${root}/props`, '/props');
  const llama = readProps(props);
  if (llama) {
    const infill = await ask('POST', `${root}/infill`, '/infill', { input_prefix: '', input_suffix: '', prompt: '', n_predict: 0, stream: false });
    return done({ ...llama, ...readInfill(infill) });
  }
  if (target.provider === 'openai-compatible') {
    const models = await ask('GET', `${openAiBase}/models`, '/v1/models');
    const list = readModelList(models, target.model);
    if (list) return done(list);
  }
  return done({ kind: 'unknown' });
}

async function request(fetchImpl: typeof fetch, method: string, url: string, target: ProbeTarget, body: unknown, signal: AbortSignal | undefined): Promise<Answer> {
  const timeout = AbortSignal.timeout(PROBE_STEP_TIMEOUT_MS);
  const placed = placeKey(target.headers, target.apiKey, target.gatewayKey);
  try {
    const response = await fetchImpl(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...placed.headers,
        ...(placed.apiKey ? { authorization: `Bearer ${placed.apiKey}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { status: response.status, json: undefined, phrase: response.ok ? `${response.status}, not JSON` : String(response.status) };
    }
    return { status: response.status, json, phrase: String(response.status) };
  } catch (error) {
    const phrase = timeout.aborted ? `no answer within ${PROBE_STEP_TIMEOUT_MS} ms` : signal?.aborted ? 'cancelled' : networkPhrase(error);
    return { status: undefined, json: undefined, phrase };
  }
}

function networkPhrase(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused';
  return code ? `network error (${code})` : 'network error';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

type Fields<T> = Omit<T, 'heard' | 'reachable'>;
type ReportFields = Fields<OllamaReport> | Fields<LlamaCppReport> | Fields<ModelListReport> | Fields<UnknownReport>;

function readOllamaShow(answer: Answer): Fields<OllamaReport> | undefined {
  const body = answer.json;
  // Ollama's "model not found" is a 404 whose error is a bare string (OpenAI-style servers send an object).
  if (answer.status === 404 && isRecord(body) && typeof body.error === 'string' && /not found/i.test(body.error)) {
    return { kind: 'ollama', missing: true, capabilities: undefined, template: '', family: undefined };
  }
  if (answer.status !== 200 || !isRecord(body) || (typeof body.template !== 'string' && !Array.isArray(body.capabilities))) return undefined;
  const capabilities = Array.isArray(body.capabilities) ? body.capabilities.filter((c): c is string => typeof c === 'string') : undefined;
  const details = isRecord(body.details) ? body.details : {};
  return { kind: 'ollama', missing: false, capabilities, template: str(body.template) ?? '', family: str(details.family) };
}

function readProps(answer: Answer): Omit<Fields<LlamaCppReport>, 'infill' | 'infillMessage'> | undefined {
  const body = answer.json;
  if (answer.status !== 200 || !isRecord(body)) return undefined;
  const settings = isRecord(body.default_generation_settings) ? body.default_generation_settings : undefined;
  const totalSlots = num(body.total_slots);
  if (totalSlots === undefined && settings === undefined) return undefined;
  const path = str(body.model_path);
  const model = str(body.model_alias) || (path ? path.split(/[\\/]/).pop() : undefined);
  return { kind: 'llamacpp', model: model || undefined, totalSlots, contextTokens: num(settings?.n_ctx) };
}

function readInfill(answer: Answer): Pick<LlamaCppReport, 'infill' | 'infillMessage'> {
  if (answer.status !== undefined && answer.status >= 200 && answer.status < 300) return { infill: 'supported', infillMessage: undefined };
  const error = isRecord(answer.json) && isRecord(answer.json.error) ? answer.json.error : undefined;
  const message = str(error?.message);
  // 501 "Infill is not supported by this model: prefix token is missing..." (older builds: 4xx with the same words).
  if (answer.status === 501 || (message !== undefined && /not supported|token is missing/i.test(message))) {
    return { infill: 'unsupported', infillMessage: message?.trim() };
  }
  return { infill: 'unknown', infillMessage: message?.trim() };
}

function readModelList(answer: Answer, model: string): Fields<ModelListReport> | undefined {
  const body = answer.json;
  if (answer.status !== 200 || !isRecord(body) || !Array.isArray(body.data)) return undefined;
  const entries = body.data.filter(isRecord);
  const mine = entries.find((m) => m.id === model);
  return { kind: 'openai-compatible', owner: str((mine ?? entries[0])?.owned_by), listed: mine !== undefined };
}
