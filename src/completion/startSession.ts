// Starting a model request: resolve the provider, size the request to the backend's budgets, build
// the prompt, make room among the document's streams, and hand the stream to a new session.
import { isLlmError } from '../llm/errors';
import type { FimRequest, LlmProvider, WireRequest } from '../llm/types';
import type { Budgets } from './backendStats';
import type { Clock } from './clock';
import { defaultRules } from './postprocess/rules';
import type { Strategy } from './strategies';
import { buildFimRequest, type PromptOptions } from './prompt/buildRequest';
import type { PromptContext } from './prompt/promptContext';
import type { RequestManager } from './requestManager';
import type { MutableRequestRecord, RequestLog, SessionKind } from './requestRecord';
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
  readonly log: RequestLog;
  /** Where extra context and window positions come from (the ring, or per-request similarity). */
  readonly index: PromptContext;
  /** The budgets for a request to `model` (from its measured speed, shortened while backed off). */
  readonly budgets: (model: string) => Budgets;
  /** Open tabs allowed as context (the deny-list already applied). */
  readonly documents: () => readonly OpenDocument[];
  readonly prompt: PromptOptions;
  readonly maxLifetimeMs: number;
  /** False once everything was stopped (turned off, snoozed, provider changed) after this start began. */
  readonly stillWanted: () => boolean;
  /** Its budgets, rules and whether streams run to their end (a peer's strategy may replace Rill's). */
  readonly strategy: Strategy;
}

export async function startSession(
  deps: StartDeps,
  state: DocumentState,
  site: CompletionSite,
  kind: SessionKind,
  record: MutableRequestRecord,
  onPrompt: (prompt: LastPrompt) => void,
  onError: (error: unknown) => void,
): Promise<SuggestionSession | undefined> {
  const end = (outcome: 'error' | 'aborted', reason: 'error' | 'capacity' | 'disabled') => {
    record.outcome = outcome;
    record.abortReason = reason;
    record.endedAt = deps.clock.now();
    deps.log.touch(record);
  };
  let provider: LlmProvider;
  try {
    provider = await deps.provider();
  } catch (error) {
    record.errorKind = isLlmError(error) ? error.kind : 'unknown';
    end('error', 'error');
    onError(error);
    return undefined;
  }
  record.model = provider.model;
  // Resolving the provider may have waited (a key from SecretStorage): a stop meanwhile wins.
  if (!deps.stillWanted()) {
    end('aborted', 'disabled');
    return undefined;
  }
  const budgets = { ...deps.budgets(provider.model), ...deps.strategy.budgets };
  const request = buildFimRequest(state, site, deps.documents(), deps.index, { ...deps.prompt, maxTokens: budgets.maxTokens });
  const describe = provider.describe?.bind(provider);
  onPrompt({ request, model: provider.model, provider: provider.label, kind, at: deps.clock.now(), wire: describe && (() => describe(request)) });
  if (!deps.manager.makeRoom(state.uri, kind === 'prefetch')) {
    end('aborted', 'capacity');
    return undefined;
  }
  const session = new SuggestionSession({
    id: record.id,
    kind,
    state,
    request,
    rules: deps.strategy.rules ?? defaultRules,
    ruleContext: { ...site, maxLines: budgets.maxLines },
    clock: deps.clock,
    record,
    partialLineCutoffMs: budgets.partialLineCutoffMs,
    maxLifetimeMs: deps.maxLifetimeMs,
    onRecordChange: () => deps.log.touch(record),
    runsToEnd: deps.strategy.closesStreams === false,
  });
  // Judged against the latest state at once: the user may have typed on while the provider resolved.
  deps.manager.add(session);
  if (session.live) void session.start(provider);
  return session;
}
