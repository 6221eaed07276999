// The real engine on a fake clock with a scripted model, driven the way the VS Code adapter drives
// it: every keystroke is observed at once, the editor asks (and cancels) separately.
import { CompletionEngine, defaultEngineConfig, type EngineConfig } from '../../../../src/completion/engine';
import type { CompletionAnswer, DocumentState, OpenDocument } from '../../../../src/completion/types';
import type { FimRequest } from '../../../../src/llm/types';
import { FakeClock } from '../../helpers/fakeClock';
import { query } from './fixture';
import { type ScriptedReply, ScriptedProvider } from './scriptedProvider';

/**
 * A quick model (100 ms to first token, 100 tokens/s): its lines are complete before a partial line
 * may show (the cut-off is 333 ms before the model is measured), so each answer is whole lines.
 */
export const WHOLE_LINES = { ttftMs: 100, msPerToken: 10 } as const;

export interface Asked {
  readonly result: Promise<CompletionAnswer | undefined>;
  /** What VS Code's CancellationToken does on the next keystroke. */
  cancel(): void;
}

export class EngineHarness {
  readonly clock = new FakeClock();
  readonly provider: ScriptedProvider;
  readonly engine: CompletionEngine;
  readonly openDocuments: OpenDocument[] = [];
  grows = 0;

  constructor(script: (request: FimRequest, index: number) => ScriptedReply, config: Partial<EngineConfig> = {}) {
    this.provider = new ScriptedProvider(this.clock, script);
    this.engine = new CompletionEngine(
      { ...defaultEngineConfig(), ...config },
      { provider: () => this.provider, clock: this.clock, context: { openDocuments: () => this.openDocuments } },
    );
    this.engine.onDidGrow(() => this.grows++);
  }

  get requests() {
    return this.provider.requests;
  }

  /** Records of requests made for the user's own states (not prefetches). */
  demandRequests() {
    return this.engine.log.all().filter((r) => r.kind !== 'prefetch' && r.sentAt !== undefined);
  }

  prefetches() {
    return this.engine.log.all().filter((r) => r.kind === 'prefetch');
  }

  /** A keystroke that produced `state`. */
  key(state: DocumentState): DocumentState {
    this.engine.observe(state, true);
    return state;
  }

  ask(state: DocumentState, trigger: 'automatic' | 'explicit' = 'automatic'): Asked {
    const controller = new AbortController();
    return { result: this.engine.provide(query(state, trigger), controller.signal), cancel: () => controller.abort() };
  }

  /** Asks and lets fake time run until the answer comes. */
  async answer(state: DocumentState, trigger: 'automatic' | 'explicit' = 'automatic', maxMs = 10_000): Promise<CompletionAnswer | undefined> {
    return this.clock.settle(this.ask(state, trigger).result, maxMs);
  }

  /** Lets the streams run to their end. */
  async drain(ms = 10_000): Promise<void> {
    await this.clock.advance(ms);
  }
}

/** A model that knows the whole file: it streams the true text from wherever the cursor is. */
export function knowsFile(full: string, reply: Omit<ScriptedReply, 'text'> = {}, length = 400): (request: FimRequest) => ScriptedReply {
  return (request) => {
    const at = full.indexOf(request.prefix);
    if (at < 0) return { ...reply, text: '' };
    const from = at + request.prefix.length;
    return { ...reply, text: full.slice(from, from + length) };
  };
}
