// What the webview is sent of the host's chat state: context chips without their text (a whole
// file need not cross to the page), and the answer flags the page draws.
import type { ChatViewState, ContextChip, TurnView } from '../protocol/chat';
import type { ContextItem, Conversation, Turn } from './model';
import { remedyOf } from '../llm/errors';
import { canContinue } from './resume';

export interface ViewInputs {
  readonly conversation: Conversation;
  readonly streaming: boolean;
  readonly attachments: readonly ContextItem[];
  readonly model: string;
  readonly models: readonly string[];
  /** rill.chat.smoothReveal. */
  readonly smoothReveal?: boolean;
}

export function toViewState(input: ViewInputs): ChatViewState {
  const models = input.models.includes(input.model) ? input.models : [input.model, ...input.models];
  return {
    conversationId: input.conversation.id,
    title: input.conversation.title,
    turns: input.conversation.turns.map(toTurnView),
    streaming: input.streaming,
    attachments: input.attachments.map(toChip),
    model: input.model,
    models,
    reveal: input.smoothReveal === false ? 'immediate' : 'paced',
  };
}

export function toTurnView(turn: Turn): TurnView {
  return {
    id: turn.id,
    question: turn.question,
    context: turn.context.map(toChip),
    answer: turn.answer,
    status: turn.status,
    truncated: turn.finishReason === 'length',
    continuable: canContinue(turn),
    continued: (turn.continued ?? 0) > 0,
    ...(turn.error ? { error: { kind: turn.error.kind, message: turn.error.message, remedy: remedyOf(turn.error) } } : {}),
    model: turn.model,
    ...(turn.status === 'streaming' && turn.progress ? { progress: turn.progress } : {}),
  };
}

function toChip(item: ContextItem): ContextChip {
  return { id: item.id, label: item.label, tokens: item.tokens };
}
