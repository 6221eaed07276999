// Turns a conversation into the messages sent to the model: the system prompt, earlier turns that
// fit the budget (newest kept first), and the question being answered with its attached context.
import type { ChatMessage } from '../llm/types';
import type { ContextItem, Turn } from './model';
import { estimateTokens } from '../protocol/tokens';

export const DEFAULT_SYSTEM_PROMPT =
  'You are Rill, a coding assistant inside VS Code. Answer concisely in Markdown. ' +
  'Put code in fenced code blocks tagged with their language.';

export interface PromptOptions {
  readonly systemPrompt: string;
  /** Estimated tokens the earlier turns may take; the current question is always sent whole. */
  readonly historyBudgetTokens: number;
}

export const DEFAULT_PROMPT_OPTIONS: PromptOptions = {
  systemPrompt: DEFAULT_SYSTEM_PROMPT,
  historyBudgetTokens: 24_000,
};

/** The messages that ask the model to answer `turns[index]`, given the turns before it. */
export function buildChatMessages(
  turns: readonly Turn[],
  index: number,
  options: PromptOptions = DEFAULT_PROMPT_OPTIONS,
): ChatMessage[] {
  const current = turns[index];
  if (!current) throw new RangeError(`no turn at ${index}`);
  const earlier: ChatMessage[] = [];
  let budget = options.historyBudgetTokens;
  for (let i = index - 1; i >= 0; i--) {
    const turn = turns[i];
    // A turn without any answer text (failed before the first token) would leave two user
    // messages in a row, which some APIs reject; it carries nothing the model needs.
    if (!turn || turn.answer.length === 0) continue;
    // A turn the provider's safety system stopped would be stopped again as history (Anthropic asks
    // that a refused turn be removed before the conversation goes on); its error says it is left out.
    if (turn.error?.kind === 'declined') continue;
    const question = userContent(turn.question, turn.context);
    const cost = estimateTokens(question) + estimateTokens(turn.answer);
    if (cost > budget) break;
    budget -= cost;
    earlier.unshift({ role: 'user', content: question }, { role: 'assistant', content: turn.answer });
  }
  return [
    { role: 'system', content: options.systemPrompt },
    ...earlier,
    { role: 'user', content: userContent(current.question, current.context) },
  ];
}

/** The question preceded by each attached piece of context in its own fenced block. */
export function userContent(question: string, context: readonly ContextItem[]): string {
  if (context.length === 0) return question;
  const blocks = context.map((item) => {
    const fence = fenceFor(item.text);
    return `${item.label}:\n${fence}${item.language ?? ''}\n${item.text}\n${fence}`;
  });
  return `${blocks.join('\n\n')}\n\n${question}`;
}

/** A backtick fence longer than any run of backticks inside `text`, so the text cannot close it. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}
