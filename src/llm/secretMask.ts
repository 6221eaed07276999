// Masks what looks like a secret before any text leaves the machine: private key blocks and the
// common token formats. Applied to every request at the provider layer, so no path (completion
// context, chat attachments, Ask, Generate) can forget it.
import type { LlmRequest } from './types';

interface SecretPattern {
  readonly kind: string;
  readonly pattern: RegExp;
  /** Replacement keeping the parts around the secret ($1, $3); default: the whole match. */
  readonly keep?: string;
}

// Name parts are bounded ({0,80}, {0,40}): unbounded ones backtracked quadratically on a long run
// of word characters (a 1 MB line took minutes), and every prompt passes through here.
const PATTERNS: readonly SecretPattern[] = [
  { kind: 'private key', pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g },
  { kind: 'Anthropic key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: 'OpenAI key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'AWS access key', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: 'Stripe key', pattern: /\b(?:sk|rk)_live_[0-9a-zA-Z]{20,}/g },
  { kind: 'JSON web token', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  {
    kind: 'secret value',
    pattern: /\b([A-Za-z0-9_]{0,80}?(?:password|passwd|secret|token|api_?key|access_?key|private_?key|client_?secret)[A-Za-z0-9_]{0,40}["']?\s*[:=]\s*["'])([^"'\s]{8,})(["'])/gi,
    keep: '$1[secret value masked by Rill]$3',
  },
  {
    // A config line of its own, unquoted (`.aws/credentials`, `.env`, `.npmrc`, properties, YAML):
    // a token-like value with a digit, no dots or parentheses, so code (`token = self.get()`) stays.
    kind: 'secret value',
    pattern: /^([ \t]*[^\s=]{0,80}?(?:password|passwd|secret|token|api_?key|access_?key|private_?key|client_?secret|_auth)[A-Za-z0-9_.-]{0,40}[ \t]*[:=][ \t]*)(?=[^\s]*\d)([A-Za-z0-9+/=_~-]{16,})[ \t]*$/gim,
    keep: '$1[secret value masked by Rill]',
  },
];

export function maskSecrets(text: string): string {
  let out = text;
  for (const { kind, pattern, keep } of PATTERNS) {
    out = out.replace(pattern, keep ?? `[${kind} masked by Rill]`);
  }
  return out;
}

/** The request with every text field masked. Returns the same object when nothing changed. */
export function maskRequest<T extends LlmRequest>(request: T): T {
  if (request.kind === 'chat') {
    let changed = false;
    const messages = request.messages.map((m) => {
      const content = maskSecrets(m.content);
      // A tool's result is text from the workspace (a file read, a command's output) like any other.
      const toolResults = m.toolResults?.map((r) => {
        const masked = maskSecrets(r.content);
        return masked === r.content ? r : { ...r, content: masked };
      });
      const resultsChanged = toolResults?.some((r, i) => r !== m.toolResults?.[i]) ?? false;
      if (content === m.content && !resultsChanged) return m;
      changed = true;
      return { ...m, content, ...(resultsChanged ? { toolResults } : {}) };
    });
    return changed ? { ...request, messages } : request;
  }
  const prefix = maskSecrets(request.prefix);
  const suffix = maskSecrets(request.suffix);
  let changed = prefix !== request.prefix || suffix !== request.suffix;
  const snippets = request.snippets?.map((s) => {
    const text = maskSecrets(s.text);
    if (text === s.text) return s;
    changed = true;
    return { ...s, text };
  });
  return changed ? { ...request, prefix, suffix, snippets } : request;
}
