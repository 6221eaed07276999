// Chat-only models complete code through a hole-filling prompt: the file with a marker where the
// cursor is, and an instruction to answer with the inserted text only. What models add anyway
// (a markdown fence around the answer) is removed as the text streams.
import type { ChatRequest, FimRequest, StreamEvent } from './types';

export const HOLE = '<FILL_HERE>';

const SYSTEM = [
  'You are a code completion engine inside an editor.',
  `The user sends a file with a hole marked ${HOLE}.`,
  'Reply with exactly the text that belongs in the hole and nothing else: no explanations, no markdown code fences,',
  'and do not repeat text that is already before or after the hole. Keep the indentation style of the file.',
  'If the hole needs nothing, reply with an empty answer.',
].join(' ');

export function holeFillingRequest(fim: FimRequest): ChatRequest {
  const context = (fim.snippets ?? []).map((s) => `Context from ${s.path}:\n${s.text}\n`).join('\n');
  const header = `File: ${fim.path ?? 'untitled'}${fim.language ? ` (${fim.language})` : ''}\n`;
  return {
    kind: 'chat',
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: `${context ? `${context}\n` : ''}${header}${fim.prefix}${HOLE}${fim.suffix}` },
    ],
    maxTokens: fim.maxTokens,
    temperature: fim.temperature,
    stop: fim.stop,
  };
}

/** Drops an opening markdown fence and ends the answer at the closing one. */
export async function* withoutFences(events: AsyncIterable<StreamEvent>): AsyncGenerator<StreamEvent> {
  let atHead = true;
  let pending = '';
  for await (const event of events) {
    if (event.type !== 'text') {
      if (event.type === 'end' && pending && !atHead) yield { type: 'text', text: pending };
      if (event.type === 'end' && atHead && pending.trim()) yield { type: 'text', text: pending };
      yield event;
      if (event.type === 'end') return;
      continue;
    }
    pending += event.text;
    if (atHead) {
      const trimmed = pending.trimStart();
      // Wait only while the answer could still be the start of a fence.
      if (trimmed.length === 0 || ('```'.startsWith(trimmed) && !pending.includes('\n'))) continue;
      if (trimmed.startsWith('```')) {
        const newline = pending.indexOf('\n', pending.indexOf('```'));
        if (newline < 0) continue;
        pending = pending.slice(newline + 1);
      }
      atHead = false;
    }
    const fence = /(^|\n)```/.exec(pending);
    if (fence) {
      const text = pending.slice(0, fence.index);
      if (text) yield { type: 'text', text };
      // Returning ends the consumer's loop; the guarded stream below aborts the request.
      yield { type: 'end', finishReason: 'stop' };
      return;
    }
    // Hold back a line end that might begin a closing fence.
    const tail = /\n`{0,2}$/.exec(pending);
    const cut = tail ? tail.index : pending.length;
    if (cut > 0) {
      yield { type: 'text', text: pending.slice(0, cut) };
      pending = pending.slice(cut);
    }
  }
}

/**
 * Drops the line before the hole when the answer starts by repeating it: chat models asked to fill
 * `const total = <FILL_HERE>` often answer `const total = sum(values);`, which would be written as
 * `const total = const total = …`. The answer's head is held only until it shows whether it repeats
 * the line (as it stands, or without its indentation, but not after a line break); a line of fewer than 2 visible characters is
 * no evidence and is left alone.
 */
export async function* withoutRepeatedLine(events: AsyncIterable<StreamEvent>, prefix: string): AsyncGenerator<StreamEvent> {
  const line = prefix.slice(prefix.lastIndexOf('\n') + 1);
  const bare = line.trimStart();
  if (bare.trimEnd().length < 2) {
    yield* events;
    return;
  }
  let deciding = true;
  let head = '';
  for await (const event of events) {
    if (!deciding || event.type !== 'text') {
      if (deciding && event.type === 'end' && head) yield { type: 'text', text: head };
      deciding &&= event.type !== 'end';
      yield event;
      continue;
    }
    head += event.text;
    // Indentation may differ; a line break first is the next line, not a repeat.
    const answer = head.replace(/^[ \t]+/, '');
    const repeated = [line, bare].find((candidate) => head.startsWith(candidate) || answer.startsWith(candidate));
    if (repeated !== undefined) {
      const rest = head.startsWith(repeated) ? head.slice(repeated.length) : answer.slice(repeated.length);
      deciding = false;
      if (rest) yield { type: 'text', text: rest };
      continue;
    }
    // Still a possible start of the line: wait for more.
    if (bare.startsWith(answer) || line.startsWith(head)) continue;
    deciding = false;
    yield { type: 'text', text: head };
  }
}
