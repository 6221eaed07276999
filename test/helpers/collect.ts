// The one way tests read a provider stream to its end (unit, contract and demo tests alike).
import { LlmError } from '../../src/llm/errors';
import type { StreamEvent } from '../../src/llm/types';

export interface Outcome {
  text: string;
  end?: string;
  error?: LlmError;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** performance.now() of the first text event. */
  firstTextAt?: number;
  events: StreamEvent[];
}

/** Drains a provider stream into what the user would end up with. `onText` may abort mid-stream. */
export async function collect(stream: AsyncIterable<StreamEvent>, onText?: (text: string) => void): Promise<Outcome> {
  const out: Outcome = { text: '', events: [] };
  try {
    for await (const event of stream) {
      out.events.push(event);
      if (event.type === 'text') {
        out.firstTextAt ??= performance.now();
        out.text += event.text;
        onText?.(out.text);
      }
      if (event.type === 'usage') out.usage = { ...out.usage, ...strip(event) };
      if (event.type === 'end') out.end = event.finishReason;
    }
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    out.error = error;
  }
  return out;
}

/** What a stream threw, read to its end (any error, not only an LlmError); undefined when it ended well. */
export async function streamFailure(stream: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of stream) void _;
  } catch (error) {
    return error;
  }
  return undefined;
}

function strip(e: { inputTokens?: number; outputTokens?: number }) {
  const r: { inputTokens?: number; outputTokens?: number } = {};
  if (e.inputTokens !== undefined) r.inputTokens = e.inputTokens;
  if (e.outputTokens !== undefined) r.outputTokens = e.outputTokens;
  return r;
}
