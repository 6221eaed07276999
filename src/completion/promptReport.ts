// `Rill: Show Last Completion Prompt`: exactly what the engine handed the provider for the last
// request (with secrets masked, as the provider sends it), and, for servers that take a raw prompt,
// the prompt the model family's template makes of it.
import { maskRequest } from '../llm/secretMask';
import { fimTemplateFor } from './fimTemplates';
import type { LastPrompt } from './startSession';

export function promptReport(prompt: LastPrompt | undefined, fimTemplateSetting = 'auto'): string {
  if (!prompt) return '# No completion request yet\n\nType in an editor (or press Alt+\\) and run this command again.\n';
  // The provider layer masks secrets (keys, tokens) in every request before it leaves: show that.
  const request = maskRequest(prompt.request);
  const template = fimTemplateFor(prompt.model, fimTemplateSetting);
  const fence = (text: string) => {
    let ticks = '```';
    while (text.includes(ticks)) ticks += '`';
    return `${ticks}\n${text}\n${ticks}`;
  };
  const parts = [
    `# Last completion request`,
    '',
    `- Provider: ${prompt.provider}`,
    `- Model: ${prompt.model}`,
    `- Kind: ${prompt.kind}`,
    `- File: ${request.path ?? '(none)'} (${request.language ?? 'unknown language'})`,
    `- Max tokens: ${request.maxTokens ?? '-'}, temperature: ${request.temperature ?? '-'}` +
      (request.stop ? `, stop: ${JSON.stringify(request.stop)}` : '') +
      (request.indent !== undefined ? `, indent: ${request.indent}` : ''),
    '',
    `## Snippets from open tabs (${request.snippets?.length ?? 0})`,
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
  if (template) {
    parts.push(`## As a raw ${template.family} FIM prompt`, '', fence(template.render(request)), '', `Stop tokens: ${JSON.stringify(template.stop)}`, '');
  }
  parts.push('## Request as sent to the provider (JSON)', '', fence(JSON.stringify(request, null, 2)), '');
  return parts.join('\n');
}
