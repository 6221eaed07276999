// Starting a model request: resolve the provider, size the request to the backend's budgets, build
// the prompt, make room among the document's streams, and hand the stream to a new session.
import { isLlmError } from '../llm/errors';
import type { FimRequest, LlmProvider, WireRequest } from '../llm/types';
import type { Budgets } from './backendStats';
import type { Clock } from '../base/clock';
import { defaultRules } from './postprocess/rules';
import type { Strategy } from './strategies';
import { buildFimRequest, type PromptOptions } from './prompt/buildRequest';
import type { PromptContext } from './prompt/promptContext';
import type { RequestManager } from './requestManager';
import type { RecordKeeper } from './recordKeeper';
import type { SessionKind } from './requestRecord';
import { SuggestionSession } from './session';
import type { CompletionSite } from './site';
import type { DocumentState, OpenDocument } from './types';

/** Exactly what was sent for the last request, for `Rill: Show Last Completion Prompt`. */
export interface LastPrompt {
  readonly request: FimRequest;
  readonly model: string;
  readonly provider: string;
  readonly kind: SessionKind;
  readonly at: number;
  /** URL and body exactly as the provider sends them, when it can say (built only when asked for). */
  readonly wire?: () => WireRequest;
}

export interface StartDeps {
  readonly provider: () => LlmProvider | Promise<LlmProvider>;
  readonly clock: Clock;
  readonly manager: RequestManager;
  /** Where extra context and window positions come from (the ring, or per-request similarity). */
  readonly index: PromptContext;
  /** The budgets for a request to `model` (from its measured speed, shortened while backed off). */
  readonly budgets: (model: string) => Budgets;
  /** Open tabs allowed as context (the deny-list already applied). */
  readonly documents: () => readonly OpenDocument[];
  readonly prompt: PromptOptions;
  readonly maxLifetimeMs: number;
  /** Its budgets, rules and whether streams run to their end (a peer's strategy may replace Rill's). */
  readonly strategy: Strategy;
  /** The session's one listener, and where a listener's failure is reported (see SessionInit). */
  readonly onChange: (session: SuggestionSession) => void;
  readonly onListenerError: (error: unknown) => void;
}

export interface StartParams {
  readonly deps: StartDeps;
  readonly state: DocumentState;
  readonly site: CompletionSite;
  readonly kind: SessionKind;
  /** The request's record, opened by the caller (it may have waited in the throttle). */
  readonly keeper: RecordKeeper;
  /** False once everything was stopped (turned off, snoozed, provider changed) after this start began. */
  readonly stillWanted: () => boolean;
}

/** What came of a start. The record is ended for every result but `started`. */
export type StartResult =
  | { readonly kind: 'started'; readonly session: SuggestionSession; readonly prompt: LastPrompt }
  /** The provider could not be had (no key, a bad setting): the error to show. */
  | { readonly kind: 'failed'; readonly error: unknown }
  /** Not sent: stopped meanwhile, or no stream slot for a prefetch. */
  | { readonly kind: 'dropped'; readonly reason: 'disabled' | 'capacity'; readonly prompt?: LastPrompt };

export async function startSession({ deps, state, site, kind, keeper, stillWanted }: StartParams): Promise<StartResult> {
  let provider: LlmProvider;
  try {
    provider = await deps.provider();
  } catch (error) {
    keeper.end({ outcome: 'error', errorKind: isLlmError(error) ? error.kind : 'unknown' });
    return { kind: 'failed', error };
  }
  keeper.model(provider.model);
  // Resolving the provider may have waited (a key from SecretStorage): a stop meanwhile wins.
  if (!stillWanted()) {
    keeper.end({ outcome: 'aborted', reason: 'disabled' });
    return { kind: 'dropped', reason: 'disabled' };
  }
  const budgets = { ...deps.budgets(provider.model), ...deps.strategy.budgets };
  const request = buildFimRequest(state, site, deps.documents(), deps.index, { ...deps.prompt, maxTokens: budgets.maxTokens });
  const describe = provider.describe?.bind(provider);
  const prompt: LastPrompt = { request, model: provider.model, provider: provider.label, kind, at: deps.clock.now(), wire: describe && (() => describe(request)) };
  if (!deps.manager.makeRoom(state.uri, kind === 'prefetch')) {
    keeper.end({ outcome: 'aborted', reason: 'capacity' });
    return { kind: 'dropped', reason: 'capacity', prompt };
  }
  const session = new SuggestionSession({
    kind,
    state,
    request,
    rules: deps.strategy.rules ?? defaultRules,
    ruleContext: { ...site, maxLines: budgets.maxLines },
    clock: deps.clock,
    keeper,
    partialLineCutoffMs: budgets.partialLineCutoffMs,
    maxLifetimeMs: deps.maxLifetimeMs,
    runsToEnd: deps.strategy.closesStreams === false,
    cutoffFromLastKey: deps.strategy.partialLinesWhileWaiting === true,
    onChange: deps.onChange,
    onListenerError: deps.onListenerError,
  });
  // Judged against the latest state at once: the user may have typed on while the provider resolved.
  deps.manager.add(session);
  if (session.live) void session.start(provider);
  return { kind: 'started', session, prompt };
}
