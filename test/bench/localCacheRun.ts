// One run of the local-server bench: the real engine and the real llama.cpp adapter (FIM chosen by
// asking the fake server's /props and /infill), against the fake server in cache mode on a laptop
// profile (one slot, a cost per prompt token evaluated, a fixed generation start). The typing trace
// is replayed the way VS Code drives Rill: every keystroke observed at once, the provider called
// 50 ms after the last one and cancelled by the next. Rill's strategy gets the context ring and the
// idle refresh with its warm-ups, fed as its VS Code adapter feeds them; the baseline gets today's
// per-request similarity snippets and sliding windows. Figures come from the server's own records.
import { CompletionEngine, defaultEngineConfig } from '../../src/completion/engine';
import { defaultPromptOptions } from '../../src/completion/prompt/buildRequest';
import { ContextRing } from '../../src/completion/prompt/contextRing';
import { IdleRefresh } from '../../src/completion/prompt/idleRefresh';
import type { DocumentState, OpenDocument } from '../../src/completion/types';
import { ServerCapabilities } from '../../src/llm/capabilityCache';
import { createProvider } from '../../src/llm/createProvider';
import { percentile } from '../../src/report/percentile';
import { FakeLlmServer, type FakeReply, type RecordedRequest } from '../fake-llm/server';
import { realClock, VSCODE_DELAY_MS } from './completionDriver';
import { BURST_GAP_MS, type TypingSession } from './localCacheTrace';

/**
 * `rill-waits`: Rill's prompts, but a stream with no token yet that the user types past is waited
 * for whatever its age (Rill before it replaced such streams on a one-slot server, slotWait.ts).
 */
export type LocalStrategy = 'rill' | 'rill-waits' | 'similarity';

export interface LaptopProfile {
  readonly promptMsPerToken: number;
  /** The server's time from a fully cached prompt to the first token (the fake's ttftMs in cache mode). */
  readonly generationStartMs: number;
  readonly tokensPerSec: number;
  readonly slots: number;
}

export interface LocalRunFigures {
  readonly keystrokes: number;
  /** Completion requests the server received (warm-ups not counted). */
  readonly requests: number;
  /** Of them, asked for while the user was typing a burst (the last keystroke less than BURST_GAP_MS after the one before). */
  readonly burstRequests: number;
  readonly warmUps: number;
  readonly promptTokensP50: number;
  readonly evaluatedP50: number;
  readonly evaluatedP95: number;
  readonly burstEvaluatedP50: number;
  readonly burstEvaluatedP95: number;
  /** Prompt tokens reused from the slot's cache / prompt tokens, over the requests. */
  readonly reusedShare: number;
  readonly burstReusedShare: number;
  /** Request received to first token, at the server, for requests that got one. */
  readonly ttftMsP50: number;
  readonly ttftMsP95: number;
  readonly burstTtftMsP50: number;
  readonly burstTtftMsP95: number;
  readonly ttftSamples: number;
  /** Keystrokes followed by a pause (no key for PAUSE_MS or more). */
  readonly pauses: number;
  /** Pauses that ended (or the session did) with no ghost text for the state they began at. */
  readonly pauseMisses: number;
  /** Keystroke before a pause to ghost text there, p50 and p90, misses counted as never (-1: more than that share missed). */
  readonly pauseToGhostMsP50: number;
  readonly pauseToGhostMsP90: number;
}

/** A gap this long after a key is a pause: the typist waits and reads (the trace's pauses are 600 ms or more; keys inside a burst at most 400 ms apart). */
export const PAUSE_MS = 500;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const uriOf = (path: string) => `file:///bench/${path}`;

/** The model: it knows the files and writes the rest of the cursor's line (or the next line), as a FIM model would. */
function infillModel(files: () => readonly string[], profile: LaptopProfile): (request: RecordedRequest) => FakeReply | undefined {
  return (request) => {
    const body = request.body as { input_prefix?: unknown } | undefined;
    if (request.endpoint !== 'llamacpp-infill' || typeof body?.input_prefix !== 'string') return undefined;
    const tail = body.input_prefix.slice(-300);
    const reply = (text: string): FakeReply => ({ text, ttftMs: profile.generationStartMs, tokensPerSec: profile.tokensPerSec });
    for (const full of files()) {
      const at = tail ? full.lastIndexOf(tail) : -1;
      if (at < 0) continue;
      const from = at + tail.length;
      const lineEnd = full.indexOf('\n', from);
      const rest = full.slice(from, lineEnd < 0 ? full.length : lineEnd);
      if (rest.trim()) return reply(rest);
      const next = full.indexOf('\n', lineEnd + 1);
      return reply(full.slice(from, next < 0 ? full.length : next));
    }
    return reply('');
  };
}

export async function runLocal(strategy: LocalStrategy, profile: LaptopProfile, trace: readonly TypingSession[]): Promise<LocalRunFigures> {
  const server = await FakeLlmServer.start();
  server.persona = { name: 'llamacpp', llamacpp: { modelPath: '/models/qwen2.5-coder-1.5b-q8_0.gguf', totalSlots: profile.slots, contextTokens: 8192, fimTokens: true } };
  server.modelCache({ slots: profile.slots, promptMsPerToken: profile.promptMsPerToken });
  server.route(infillModel(() => trace.map((s) => s.full), profile));
  const burstById = new Map<string, boolean>();
  let inBurst = false;
  let nextId = 1;
  const benchFetch: typeof fetch = (input, init) => {
    const id = String(nextId++);
    burstById.set(id, inBurst);
    const headers = new Headers(init?.headers);
    headers.set('x-bench-id', id);
    return fetch(input, { ...init, headers });
  };
  const target = { provider: 'llamacpp' as const, baseUrl: server.url, model: 'local', fetch: benchFetch };
  const capabilities = new ServerCapabilities();
  const provider = createProvider({ ...target, maxRetries: 0, firstTokenTimeoutMs: 30_000, idleTimeoutMs: 15_000, fimChoice: () => capabilities.fimChoice(target) });

  let state: DocumentState | undefined;
  let documents: OpenDocument[] = [];
  const ring = strategy === 'similarity' ? undefined : new ContextRing();
  const defaults = defaultEngineConfig();
  const engineStrategy = strategy === 'rill-waits' ? { ...defaults.strategy, name: 'rill-waits', replacesUnstartedStreams: false } : defaults.strategy;
  const engine = new CompletionEngine(
    { ...defaults, strategy: engineStrategy, maxStreamsPerDocument: 1 },
    { provider: () => provider, clock: realClock, context: { openDocuments: () => documents.filter((d) => d.uri !== state?.uri) }, ...(ring ? { promptContext: ring } : {}) },
  );
  const refresh = ring
    ? new IdleRefresh({ clock: realClock, ring, provider: () => provider, documents: () => documents, focus: () => state, promptOptions: () => defaultPromptOptions, completionOn: () => true })
    : undefined;
  let call: { timer: ReturnType<typeof setTimeout>; controller: AbortController } | undefined;
  let keystrokes = 0;
  // Each keystroke's time, the next one's gap, and when ghost text for its state first came back.
  const keys: Array<{ at: number; nextGapMs: number; ghostAt?: number }> = [];
  try {
    for (const session of trace) {
      const uri = uriOf(session.path);
      state = { uri, path: session.path, languageId: 'typescript', prefix: session.full.slice(0, session.start), suffix: session.full.slice(session.end), indentUnit: '  ', tabSize: 2 };
      // Every file of the trace is open in a tab; the one being edited holds what was typed so far.
      const live = () => [...trace.filter((s) => s.path !== session.path).map((s) => ({ uri: uriOf(s.path), path: s.path, languageId: 'typescript', text: s.full })), { uri, path: session.path, languageId: 'typescript', text: state!.prefix + state!.suffix }];
      documents = live();
      refresh?.focusChanged();
      engine.observe(state, false);
      let due = performance.now();
      for (const [i, key] of session.keystrokes.entries()) {
        due += key.gapMs;
        await sleep(due - performance.now());
        state = key.kind === 'type' ? { ...state, prefix: state.prefix + key.text } : { ...state, prefix: state.prefix.slice(0, -1) };
        documents = live();
        keystrokes++;
        inBurst = key.gapMs < BURST_GAP_MS;
        ring?.noteEdit(uri, state.prefix.split('\n').length - 1);
        refresh?.activity();
        engine.observe(state, true);
        if (call) {
          clearTimeout(call.timer);
          call.controller.abort();
        }
        const controller = new AbortController();
        const asked = state;
        const typed = { at: performance.now(), nextGapMs: session.keystrokes[i + 1]?.gapMs ?? Infinity } as (typeof keys)[number];
        keys.push(typed);
        const ask = async () => {
          const answer = await engine.provide({ ...asked, trigger: 'automatic' }, controller.signal);
          if (answer?.insertText && !controller.signal.aborted) typed.ghostAt ??= performance.now();
        };
        call = { controller, timer: setTimeout(() => void ask(), VSCODE_DELAY_MS) };
      }
      await sleep(1500);
    }
    await sleep(3000);
    return { ...figuresOf(server.requests, burstById, keystrokes), ...pauseFigures(keys) };
  } finally {
    if (call) clearTimeout(call.timer);
    refresh?.dispose();
    engine.dispose();
    await server.close();
  }
}

/** Pause -> ghost text: for each key followed by a pause, how long until ghost text for its state came (within the pause), misses counted as never. */
function pauseFigures(keys: ReadonlyArray<{ at: number; nextGapMs: number; ghostAt?: number }>): Pick<LocalRunFigures, 'pauses' | 'pauseMisses' | 'pauseToGhostMsP50' | 'pauseToGhostMsP90'> {
  const paused = keys.filter((k) => k.nextGapMs >= PAUSE_MS);
  const times = paused.map((k) => (k.ghostAt !== undefined && k.ghostAt - k.at < k.nextGapMs ? k.ghostAt - k.at : Infinity));
  const p = (q: number) => {
    const v = percentile(times, q);
    return v === undefined || !Number.isFinite(v) ? -1 : Math.round(v);
  };
  return { pauses: paused.length, pauseMisses: times.filter((t) => !Number.isFinite(t)).length, pauseToGhostMsP50: p(50), pauseToGhostMsP90: p(90) };
}

function figuresOf(requests: readonly RecordedRequest[], burstById: ReadonlyMap<string, boolean>, keystrokes: number): Omit<LocalRunFigures, 'pauses' | 'pauseMisses' | 'pauseToGhostMsP50' | 'pauseToGhostMsP90'> {
  // The capability probe (an empty /infill with n_predict 0) is neither a completion nor a warm-up.
  const infill = requests.filter((r) => r.endpoint === 'llamacpp-infill' && r.cache !== undefined && (r.body as { input_prefix?: unknown }).input_prefix !== '');
  const isWarmUp = (r: RecordedRequest) => (r.body as { n_predict?: unknown }).n_predict === 0;
  const completions = infill.filter((r) => !isWarmUp(r));
  const burst = completions.filter((r) => burstById.get(r.headers['x-bench-id'] ?? '') === true);
  const p = (values: number[], q: number) => Math.round(percentile(values, q) ?? -1);
  const evaluated = (rs: RecordedRequest[]) => rs.map((r) => r.cache!.evaluated);
  const share = (rs: RecordedRequest[]) => {
    const prompt = rs.reduce((n, r) => n + r.cache!.promptTokens, 0);
    return prompt === 0 ? -1 : Math.round((1000 * rs.reduce((n, r) => n + r.cache!.reused, 0)) / prompt) / 1000;
  };
  const ttft = (rs: RecordedRequest[]) => rs.filter((r) => r.firstTokenAt !== undefined).map((r) => r.firstTokenAt! - r.receivedAt);
  return {
    keystrokes,
    requests: completions.length,
    burstRequests: burst.length,
    warmUps: infill.length - completions.length,
    promptTokensP50: p(completions.map((r) => r.cache!.promptTokens), 50),
    evaluatedP50: p(evaluated(completions), 50),
    evaluatedP95: p(evaluated(completions), 95),
    burstEvaluatedP50: p(evaluated(burst), 50),
    burstEvaluatedP95: p(evaluated(burst), 95),
    reusedShare: share(completions),
    burstReusedShare: share(burst),
    ttftMsP50: p(ttft(completions), 50),
    ttftMsP95: p(ttft(completions), 95),
    burstTtftMsP50: p(ttft(burst), 50),
    burstTtftMsP95: p(ttft(burst), 95),
    ttftSamples: ttft(completions).length,
  };
}
