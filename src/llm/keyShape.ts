// What a pasted key looks like, for the two providers whose keys say whose they are: Anthropic's
// start with `sk-ant-`, OpenAI's with `sk-` (and never `sk-ant-`). A key in the other's slot is the
// commonest first-run mistake, and the server's 401 alone does not say so.
import type { ProviderKind } from './types';

const LABEL = { openai: 'OpenAI', anthropic: 'Anthropic' } as const;

/** Whose key `key` looks like, when that can be told from its prefix. */
function ownerOf(key: string): keyof typeof LABEL | undefined {
  if (key.startsWith('sk-ant-')) return 'anthropic';
  if (key.startsWith('sk-')) return 'openai';
  return undefined;
}

/**
 * A sentence saying the key looks like another provider's, or undefined when it does not (or the
 * provider's keys have no known shape: a server of one's own takes any key).
 */
export function keyShapeWarning(provider: ProviderKind, key: string | undefined): string | undefined {
  if (!key || (provider !== 'openai' && provider !== 'anthropic')) return undefined;
  const owner = ownerOf(key.trim());
  if (owner === undefined || owner === provider) return undefined;
  const prefix = owner === 'anthropic' ? 'sk-ant-' : 'sk- without ant-';
  return `This looks like an ${LABEL[owner]} key (${prefix}), not an ${LABEL[provider]} one.`;
}
