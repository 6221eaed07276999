// The prompt a server would evaluate for a request, as tokens, for the cache model. Tokenization is a
// deterministic stand-in (splitTokens: words whole, punctuation alone, whitespace carried by the next
// token), not a real vocabulary: what matters for caching is that the same text gives the same tokens
// and that a change costs the tokens from where it starts. Special tokens are strings no text can
// produce. The layouts are the servers':
//   /infill (llama.cpp format_prompt_infill, PSM):  [REP]myproject\n {[SEP]filename\n text}... [SEP]filename\n
//                                                   [PRE] input_prefix prompt [SUF] input_suffix [MID]
//     (--spm-infill puts [SUF] input_suffix before [PRE]; the context-size truncation is not modelled)
//   /v1/completions with `suffix` (Ollama's FIM template):  [PRE] prompt [SUF] suffix [MID]
//   /v1/completions without `suffix` (a raw prompt):         prompt
//   chat: each message as [ROLE] content [END], then [ROLE]assistant.
import { asObject } from './requestInfo';
import { splitTokens } from './tokenize';
import type { EndpointKind } from './types';

const special = (name: string): string => `\u0000${name}\u0000`;
export const FIM_PRE = special('FIM_PRE');
export const FIM_SUF = special('FIM_SUF');
export const FIM_MID = special('FIM_MID');
const FIM_REP = special('FIM_REP');
const FIM_SEP = special('FIM_SEP');
const END = special('END');

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function promptTokens(endpoint: EndpointKind, body: unknown, spmInfill = false): string[] {
  const b = asObject(body);
  switch (endpoint) {
    case 'llamacpp-infill': {
      const extra: string[] = [FIM_REP, ...splitTokens('myproject\n')];
      for (const chunk of Array.isArray(b.input_extra) ? b.input_extra : []) {
        const c = asObject(chunk);
        extra.push(FIM_SEP, ...splitTokens(`${str(c.filename) || 'tmp'}\n`), ...splitTokens(str(c.text)));
      }
      extra.push(FIM_SEP, ...splitTokens('filename\n'));
      const prefix = [FIM_PRE, ...splitTokens(str(b.input_prefix)), ...splitTokens(str(b.prompt))];
      const suffix = [FIM_SUF, ...splitTokens(str(b.input_suffix))];
      return spmInfill ? [...extra, ...suffix, ...prefix, FIM_MID] : [...extra, ...prefix, ...suffix, FIM_MID];
    }
    case 'openai-completions': {
      const prompt = Array.isArray(b.prompt) ? b.prompt.map(str).join('') : str(b.prompt);
      if (typeof b.suffix === 'string') return [FIM_PRE, ...splitTokens(prompt), FIM_SUF, ...splitTokens(b.suffix), FIM_MID];
      return splitTokens(prompt);
    }
    case 'openai-chat':
    case 'anthropic-messages': {
      const out: string[] = [];
      if (typeof b.system === 'string') out.push(special('ROLE:system'), ...splitTokens(b.system), END);
      for (const m of Array.isArray(b.messages) ? b.messages : []) {
        const message = asObject(m);
        const content = typeof message.content === 'string' ? message.content : JSON.stringify(message.content ?? '');
        out.push(special(`ROLE:${str(message.role)}`), ...splitTokens(content), END);
      }
      return [...out, special('ROLE:assistant')];
    }
    default:
      return [];
  }
}

/** Tokens two prompts share from their start. */
export function commonPrefix(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
