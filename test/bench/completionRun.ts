// One run: the person writes every block of the script once, with one model at one profile and one
// strategy; the real engine, the real OpenAI SDK adapter (createProvider) and real HTTP to a fake LLM
// server of its own.
import { loadavg } from 'node:os';
import { adaptiveStrategy, blockPrefetchStrategy, debounceStrategy, perKeystrokeStrategy, type Strategy } from '../../src/completion/strategies';
import { createProvider } from '../../src/llm/createProvider';
import { FakeLlmServer, countTokens } from '../fake-llm/server';
import { type EditorMeasurements, SimulatedEditor, type TaggedProvider, newMeasurements } from './completionDriver';
import { type RunFigures, figuresOf } from './completionFigures';
import { Habits } from './completionHabits';
import { type ModelKind, type ModelProfile, benchModel } from './completionModel';
import { Person, newPersonFigures } from './completionPerson';
import type { Block } from './completionTrace';

export type StrategyKey = 'rill' | 'blockPrefetch' | 'debounce350' | 'perKeystroke';
export const STRATEGIES: ReadonlyArray<readonly [StrategyKey, () => Strategy]> = [
  ['rill', adaptiveStrategy],
  ['blockPrefetch', blockPrefetchStrategy],
  ['debounce350', () => debounceStrategy(350)],
  ['perKeystroke', perKeystrokeStrategy],
];

export interface RunSpec {
  readonly model: ModelKind;
  readonly profile: ModelProfile;
  readonly strategy: StrategyKey;
  readonly seed: number;
}

function taggedProvider(server: FakeLlmServer, m: EditorMeasurements): TaggedProvider {
  let nextId = 1;
  const tagged = { currentKeystrokeAt: undefined, onStream: undefined } as TaggedProvider;
  // Each HTTP request carries an id the server records; an abort during observe() belongs to that edit.
  const benchFetch: typeof fetch = (input, init) => {
    const id = nextId++;
    const headers = new Headers(init?.headers);
    headers.set('x-bench-id', String(id));
    init?.signal?.addEventListener(
      'abort',
      () => {
        if (tagged.currentKeystrokeAt !== undefined) m.abortedByKeystrokeAt.set(id, tagged.currentKeystrokeAt);
      },
      { once: true },
    );
    return fetch(input, { ...init, headers });
  };
  const inner = createProvider({
    provider: 'openai-compatible',
    baseUrl: `${server.url}/v1`,
    model: 'qwen2.5-coder:1.5b-base',
    fimMode: 'completions',
    maxRetries: 0,
    firstTokenTimeoutMs: 20_000,
    idleTimeoutMs: 15_000,
    fetch: benchFetch,
  });
  return Object.assign(tagged, {
    label: inner.label,
    model: inner.model,
    listModels: inner.listModels.bind(inner),
    stream: (request: Parameters<TaggedProvider['stream']>[0], signal: AbortSignal) => {
      if (request.kind === 'fim') tagged.onStream?.(request.prefix);
      return inner.stream(request, signal);
    },
  });
}

/** Resolves once no request is open (every stream counted), or after `maxMs`. */
async function streamsEnded(server: FakeLlmServer, maxMs: number): Promise<void> {
  const until = performance.now() + maxMs;
  const open = () => server.requests.some((r) => r.finishedAt === undefined && r.closedByClientAt === undefined && r.destroyedByServerAt === undefined);
  while (open() && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
}

export async function runOnce(spec: RunSpec, blocks: readonly Block[], pool: readonly string[]): Promise<RunFigures> {
  const make = STRATEGIES.find(([key]) => key === spec.strategy)?.[1];
  if (!make) throw new Error(`unknown strategy ${spec.strategy}`);
  const server = await FakeLlmServer.start();
  let files: readonly string[] = [];
  server.route(benchModel(spec.model, spec.profile, () => files, pool, spec.seed));
  const measurements = newMeasurements();
  const editor = new SimulatedEditor(make(), taggedProvider(server, measurements), measurements);
  const person = new Person(editor, new Habits(spec.seed), newPersonFigures());
  const started = performance.now();
  try {
    for (const block of blocks) {
      files = [block.full, ...blocks.map((b) => b.full)];
      await person.write(block, `file:///bench/${block.path}`);
    }
    const seconds = (performance.now() - started) / 1000;
    await streamsEnded(server, 15_000);
    const written = blocks.map((b) => b.full.slice(b.start, b.end));
    return figuresOf({
      person: person.figures,
      editor: measurements,
      requests: server.requests,
      charsWritten: written.reduce((n, t) => n + t.length, 0),
      tokensWritten: written.reduce((n, t) => n + countTokens(t), 0),
      seconds,
      loadAverage: loadavg()[0],
    });
  } finally {
    editor.dispose();
    await server.close();
  }
}
