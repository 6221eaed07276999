// Where the engine's requests come from: it opens each request's record (before the throttle, so a
// request replaced while it waited is counted too), starts sessions through startSession, and keeps
// what starting learns: the model in use, its measured speed, and the last prompt sent. A stop
// (turned off, snoozed, provider changed) drops every start that began before it.
import type { Budgets } from './backendStats';
import { type BackendStats, BackendStatsByModel } from './backendStats';
import type { EngineConfig, EngineDeps } from './engineConfig';
import type { PromptContext } from './prompt/promptContext';
import { SnippetIndex } from './prompt/snippets';
import { RecordKeeper } from './recordKeeper';
import type { RequestManager } from './requestManager';
import type { RequestLog, SessionKind } from './requestRecord';
import type { SuggestionSession } from './session';
import type { CompletionSite } from './site';
import { type LastPrompt, startSession, type StartResult } from './startSession';
import type { DocumentState, OpenDocument } from './types';

export interface StarterDeps {
  readonly engine: EngineDeps;
  readonly config: () => EngineConfig;
  readonly manager: RequestManager;
  readonly log: RequestLog;
  /** Open tabs that may be context for a request in `uri` (the deny-list already applied). */
  readonly documents: (uri: string) => readonly OpenDocument[];
  /** Budgets as the engine's state wants them (shortened while backed off). */
  readonly limit: (budgets: Budgets) => Budgets;
  readonly onChange: (session: SuggestionSession) => void;
  readonly onListenerError: (error: unknown) => void;
}

export class SessionStarter {
  /** The adapter's context ring (cache-friendly prompts); by default per-request similarity. */
  private readonly index: PromptContext;
  private readonly stats = new BackendStatsByModel();
  private nextId = 1;
  private stops = 0;
  private _model: string | undefined;
  private _lastPrompt: LastPrompt | undefined;

  constructor(private readonly deps: StarterDeps) {
    this.index = deps.engine.promptContext ?? new SnippetIndex();
  }

  /** The model of the last request (undefined before the first). */
  get model(): string | undefined {
    return this._model;
  }
  /** What produced the ghost text the user sees (prefetches are built the same way, and left out). */
  get lastPrompt(): LastPrompt | undefined {
    return this._lastPrompt;
  }

  statsFor(model: string | undefined = this._model): BackendStats {
    return this.stats.get(model);
  }

  budgets(model: string | undefined = this._model): Budgets {
    return this.deps.limit(this.statsFor(model).budgets(this.deps.config().prompt.maxTokens));
  }

  /** A request the engine wants for `state`; `keystrokeAt`: the keystroke it follows. */
  open(state: DocumentState, kind: SessionKind, keystrokeAt: number | undefined): RecordKeeper {
    const clock = this.deps.engine.clock;
    return new RecordKeeper({ id: this.nextId++, kind, languageId: state.languageId, model: this._model ?? '', keystrokeAt, requestedAt: clock.now() }, this.deps.log, clock);
  }

  /** Starts the request `keeper` stands for (its kind says typing, explicit or prefetch). */
  async start(state: DocumentState, site: CompletionSite, keeper: RecordKeeper): Promise<StartResult> {
    const stopsAtStart = this.stops;
    const kind = keeper.view.kind;
    const config = this.deps.config();
    const result = await startSession({
      deps: {
        provider: this.deps.engine.provider,
        clock: this.deps.engine.clock,
        manager: this.deps.manager,
        index: this.index,
        budgets: (model) => this.budgets(model),
        documents: () => this.deps.documents(state.uri),
        prompt: config.prompt,
        maxLifetimeMs: config.maxLifetimeMs,
        strategy: config.strategy,
        onChange: this.deps.onChange,
        onListenerError: this.deps.onListenerError,
      },
      state,
      site,
      kind,
      keeper,
      stillWanted: () => this.stops === stopsAtStart,
    });
    const prompt = result.kind === 'failed' ? undefined : result.prompt;
    if (prompt) {
      this._model = prompt.model;
      if (prompt.kind !== 'prefetch') this._lastPrompt = prompt;
    }
    return result;
  }

  /** Every start still resolving its provider is dropped. */
  stop(): void {
    this.stops++;
  }
}
