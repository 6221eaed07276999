// A chat request whose last message is the assistant's asks the model to go on from exactly there
// (Anthropic's prefill, vLLM's `continue_final_message`, llama.cpp's trailing assistant message).
// The fake plays the scripted answer's rest after that prefix, so that prefix + continuation is the
// scripted answer, byte for byte; a reply may ask for the seam to repeat a few words first.

import { asObject } from './requestInfo';
import { splitTokens } from './tokenize';
import type { EndpointKind, FakeReply } from './types';

interface Message {
  readonly role: string;
  readonly text: string;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => {
    const p = asObject(part);
    return p.type === 'text' && typeof p.text === 'string' ? p.text : '';
  }).join('');
}

function messagesOf(body: unknown): Message[] {
  const list = asObject(body).messages;
  if (!Array.isArray(list)) return [];
  return list.map((m) => {
    const o = asObject(m);
    return { role: typeof o.role === 'string' ? o.role : '', text: textOf(o.content) };
  });
}

/** The assistant text the request asks the model to continue, if it asks for that. */
export function continuationPrefix(endpoint: EndpointKind, body: unknown, reply: FakeReply): string | undefined {
  if (endpoint !== 'openai-chat' && endpoint !== 'anthropic-messages') return undefined;
  const messages = messagesOf(body);
  const last = messages[messages.length - 1];
  if (last?.role === 'assistant') return last.text;
  const before = messages[messages.length - 2];
  if (reply.continueAfterInstruction && last?.role === 'user' && before?.role === 'assistant') return before.text;
  return undefined;
}

/**
 * The tokens after `prefix` when the answer starts with it (undefined when it does not: the model
 * then writes its answer as if asked afresh), preceded by the prefix's last `repeatWords` words.
 */
export function continuedTokens(tokens: readonly string[], prefix: string, repeatWords = 0): string[] | undefined {
  if (prefix === '' || !tokens.join('').startsWith(prefix)) return undefined;
  let at = 0;
  let rest: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (at + token.length > prefix.length) {
      const tail = token.slice(prefix.length - at);
      rest = [...(tail ? [tail] : []), ...tokens.slice(i + 1)];
      break;
    }
    at += token.length;
  }
  if (repeatWords <= 0) return rest;
  const repeated = new RegExp(`(?:\\s*\\S+){1,${repeatWords}}\\s*$`).exec(prefix)?.[0] ?? '';
  return [...splitTokens(repeated), ...rest];
}
