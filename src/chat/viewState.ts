// What the webview is sent of the host's chat state: context chips without their text (a whole
// file need not cross to the page), and the answer flags the page draws.
import type { ChatViewState, ContextChip, TurnView } from '../protocol/chat';
import type { AnswerError, ContextItem, Conversation, Turn } from './model';
import { remedyOf } from '../llm/errors';
import { describeWait } from '../llm/retryAfter';
import { canContinue } from './resume';

export interface ViewInputs {
  readonly conversation: Conversation;
  readonly streaming: boolean;
  readonly attachments: readonly ContextItem[];
  readonly model: string;
  readonly models: readonly string[];
  /** rill.chat.smoothReveal. */
  readonly smoothReveal?: boolean;
  /** Now on the session's time base: the waits the page counts down are sent as what is left of them. */
  readonly now: number;
}

export function toViewState(input: ViewInputs): ChatViewState {
  const models = input.models.includes(input.model) ? input.models : [input.model, ...input.models];
  return {
    conversationId: input.conversation.id,
    title: input.conversation.title,
    turns: input.conversation.turns.map((t) => toTurnView(t, input.now)),
    streaming: input.streaming,
    attachments: input.attachments.map(toChip),
    model: input.model,
    models,
    reveal: input.smoothReveal === false ? 'immediate' : 'paced',
  };
}

export function toTurnView(turn: Turn, now: number): TurnView {
  return {
    id: turn.id,
    question: turn.question,
    context: turn.context.map(toChip),
    answer: turn.answer,
    status: turn.status,
    truncated: turn.finishReason === 'length',
    continuable: canContinue(turn),
    continued: (turn.continued ?? 0) > 0,
    ...(turn.error ? { error: toErrorView(turn.error, now) } : {}),
    model: turn.model,
    ...(turn.status === 'streaming' && turn.progress ? { progress: turn.progress } : {}),
    ...(turn.status === 'streaming' && turn.progress && turn.retrying ? { retrying: { why: turn.retrying.why, inMs: Math.max(0, turn.retrying.at - now) } } : {}),
  };
}

/**
 * A failure as the page shows it. A server's Retry-After is counted down by the page beside a
 * Retry that waits for it, so the message's own "Retry in 45 s." (true only when it came) goes.
 */
function toErrorView(error: AnswerError, now: number): NonNullable<TurnView['error']> {
  const view = { kind: error.kind, message: error.message, remedy: remedyOf(error) };
  if (!error.retry) return view;
  const message = error.message.replace(`Retry in ${describeWait(error.retry.afterMs)}.`, '').replace(/ {2,}/g, ' ').trim();
  const left = error.retry.at - now;
  return { ...view, message, ...(left > 0 ? { retryInMs: left } : {}) };
}

function toChip(item: ContextItem): ContextChip {
  return { id: item.id, label: item.label, tokens: item.tokens };
}
