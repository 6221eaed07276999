// How a request to continue a partial answer (a chat request ending with the assistant's message)
// goes on the wire. Servers differ, as checked in their sources and issue trackers:
// - Anthropic Messages takes a trailing assistant message as a prefill (up to the Claude 4.5
//   models; later ones answer 400 "does not support assistant message prefill").
// - vLLM (and SGLang, TGI, lmdeploy) continue the last message with `continue_final_message: true`
//   and `add_generation_prompt: false` (true together is an error).
// - llama.cpp's server prefills a trailing assistant message by default (since 2025) and accepts
//   the same two flags (since 2026); Ollama continues a trailing assistant message on its own.
//   Unknown body fields are ignored by these servers.
// - OpenAI's own API has no prefill: it would start a new message. There, and wherever the prefill
//   form is refused with a 400, the partial answer is followed by a short instruction to go on.
// The seam (a model repeating its last words) is the chat's to clean up (src/chat/seam.ts).
import type { ChatMessage, ChatRequest } from './types';

/** How a server is asked to continue: prefill (with vLLM's flags) or an instruction. */
export type ContinueBy = 'prefill' | 'instruction';

export const CONTINUE_INSTRUCTION =
  'Your answer above was cut off. Continue it from exactly where it stops, mid-sentence or mid-code if need be. ' +
  'Do not repeat anything already written, do not start over and add no preamble.';

/** Whether the request asks to continue the assistant's last message. */
export function isContinuation(request: ChatRequest): boolean {
  return request.messages[request.messages.length - 1]?.role === 'assistant';
}

/** The messages to send: as they are for a prefill, with the instruction appended otherwise. */
export function messagesToSend(request: ChatRequest, by: ContinueBy): readonly ChatMessage[] {
  if (!isContinuation(request) || by === 'prefill') return request.messages;
  return [...request.messages, { role: 'user', content: CONTINUE_INSTRUCTION }];
}

/** vLLM's flags that make the chat template leave the last message open. */
export function prefillFlags(request: ChatRequest, by: ContinueBy): Record<string, boolean> {
  return isContinuation(request) && by === 'prefill' ? { continue_final_message: true, add_generation_prompt: false } : {};
}

/**
 * Runs `prefill`; when the server refuses it (HTTP 400/422 before any text: a model without
 * prefill, a server that rejects the flags) runs `instruction` instead. Errors after text, and
 * every other error, pass through.
 */
export async function* withInstructionFallback<T extends { type: string }>(
  prefill: AsyncIterable<T>,
  instruction: () => AsyncIterable<T>,
): AsyncGenerator<T> {
  let sawText = false;
  try {
    for await (const event of prefill) {
      if (event.type === 'text') sawText = true;
      yield event;
    }
  } catch (error) {
    const status = (error as { status?: unknown } | null)?.status;
    if (sawText || (status !== 400 && status !== 422)) throw error;
    yield* instruction();
  }
}
