// For FIM endpoints that take only prefix and suffix, other files' snippets travel at the top of
// the prefix as comments, each headed by its path (the convention code models were trained on).
import type { ContextSnippet } from './types';

const HASH = new Set(['python', 'shellscript', 'ruby', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'powershell', 'elixir', 'julia', 'coffeescript']);
const DASH = new Set(['sql', 'lua', 'haskell', 'elm']);

export function lineComment(language: string | undefined): string {
  if (!language) return '//';
  if (HASH.has(language)) return '#';
  if (DASH.has(language)) return '--';
  return '//';
}

export function snippetsAsComments(snippets: readonly ContextSnippet[] | undefined, language: string | undefined): string {
  if (!snippets?.length) return '';
  const c = lineComment(language);
  return snippets
    .map((s) => [`${c} Path: ${s.path}`, ...s.text.split('\n').map((line) => `${c} ${line}`)].join('\n'))
    .join('\n')
    .concat('\n');
}
