// `Rill: Show Last Completion Prompt`: what the engine handed the provider for the last request,
// read as parts (snippets, prefix, suffix), and the URL and body exactly as the provider sent them
// (secrets masked, as on the wire; headers, which carry the key, left out).
import { FIM_MODE_LABEL } from '../llm/fimChoice';
import { maskRequest } from '../llm/secretMask';
import type { WireRequest } from '../llm/types';
import type { LastPrompt } from './startSession';

const SOURCE_LABEL: Record<string, string> = { setting: 'an explicit mode', server: 'what the server reported', 'fixed-rule': 'the fixed rule' };

/** How fill-in-the-middle went to this server, and why (from the provider's description of the request). */
function fimLines(wire: WireRequest | undefined): string[] {
  const fim = wire?.fim;
  if (!fim) return [];
  return [`- Fill-in-the-middle: ${FIM_MODE_LABEL[fim.mode]} (chosen from ${SOURCE_LABEL[fim.source] ?? fim.source}${fim.fits ? '' : '; nothing the server reported fits well'})`, `- Why: ${fim.reason}`];
}

export function promptReport(prompt: LastPrompt | undefined): string {
  if (!prompt) return '# No completion request yet\n\nType in an editor (or press Alt+\\) and run this command again.\n';
  // The provider layer masks secrets (keys, tokens) in every request before it leaves: show that.
  const request = maskRequest(prompt.request);
  const fence = (text: string) => {
    let ticks = '```';
    while (text.includes(ticks)) ticks += '`';
    return `${ticks}\n${text}\n${ticks}`;
  };
  const wire = prompt.wire?.();
  const parts = [
    `# Last completion request`,
    '',
    // A provider's label names its model too ("openai-compatible · qwen2.5-coder"): said once.
    `- Provider: ${prompt.provider.endsWith(` · ${prompt.model}`) ? prompt.provider.slice(0, -` · ${prompt.model}`.length) : prompt.provider}`,
    `- Model: ${prompt.model}`,
    `- Kind: ${prompt.kind}`,
    `- File: ${request.path ?? '(none)'} (${request.language ?? 'unknown language'})`,
    `- Max tokens: ${request.maxTokens ?? '-'}, temperature: ${request.temperature ?? '-'}` +
      (request.stop ? `, stop: ${JSON.stringify(request.stop)}` : '') +
      (request.indent !== undefined ? `, indent: ${request.indent}` : ''),
    ...fimLines(wire),
    '',
    `## Extra context: edited, selected and open files (${request.snippets?.length ?? 0})`,
    '',
    ...(request.snippets ?? []).flatMap((s) => [`### ${s.path}`, '', fence(s.text), '']),
    '## Prefix (text before the cursor)',
    '',
    fence(request.prefix),
    '',
    '## Suffix (text after the cursor)',
    '',
    fence(request.suffix),
    '',
  ];
  if (wire) {
    parts.push(`## As sent: POST ${wire.url}`, '', fence(JSON.stringify(wire.body, null, 2)), '');
  } else {
    parts.push('## Request handed to the provider (JSON)', '', fence(JSON.stringify(request, null, 2)), '');
  }
  return parts.join('\n');
}
