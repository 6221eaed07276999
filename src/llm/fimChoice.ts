// How fill-in-the-middle is sent, decided from what the server reports rather than from the
// model's name: an explicit `rill.completion.fimMode` wins; hosted chat APIs use the hole-filling
// prompt; otherwise Ollama's capabilities (`insert`) and template, llama.cpp's /infill support and
// an OpenAI-compatible server's owner (vLLM takes no `suffix`) pick /infill, /v1/completions with
// `suffix`, a raw template in the model family's FIM tokens, or the chat hole-filling prompt. When
// the server says nothing useful, the fixed rule applies and the reason says so. Pure.
import { isAzureEndpoint } from './endpointUrls';
import { detectFimFamily, type FimFamily } from './fimTemplates';
import type { ServerReport } from './serverCapabilities';
import type { FimMode, ProviderKind } from './types';

export type ResolvedFimMode = Exclude<FimMode, 'auto'>;

export interface FimChoice {
  readonly mode: ResolvedFimMode;
  /** For `template`: the family whose FIM tokens the raw prompt uses (else the fimTemplate setting decides). */
  readonly family?: FimFamily;
  /** Who decided: the user's setting, what the server reported, or the fixed rule (nothing reported). */
  readonly source: 'setting' | 'server' | 'fixed-rule';
  /** False when nothing the server reported fits well; the reason then says what it reported. */
  readonly fits: boolean;
  /** One or two sentences for `Rill: Show Last Completion Prompt` and for error messages. */
  readonly reason: string;
  /** The server's slot count (llama.cpp total_slots), when it reported one. */
  readonly totalSlots?: number;
  /** What kind of server answered the probe, when one did. */
  readonly server?: ServerReport['kind'];
}

export interface FimSettings {
  readonly provider: ProviderKind;
  readonly model: string;
  readonly fimMode?: FimMode;
  /** What set an explicit fimMode, as the user can find it: the setting (the default), or the environment variable VS Code was started with. */
  readonly fimModeFrom?: string;
  readonly baseUrl?: string;
}

export const FIM_MODE_LABEL: Record<ResolvedFimMode, string> = {
  infill: "llama.cpp's /infill",
  completions: '/v1/completions with `suffix`',
  template: 'a raw prompt in the model family’s FIM tokens on /v1/completions',
  chat: 'the chat hole-filling prompt',
};

/** The fixed rule, used when the setting is explicit, the provider is hosted, or nothing was reported. */
export function fixedFimChoice(settings: FimSettings): FimChoice {
  const mode = settings.fimMode;
  if (mode && mode !== 'auto') return { mode, source: 'setting', fits: true, reason: `${settings.fimModeFrom ?? 'rill.completion.fimMode'} is "${mode}".` };
  switch (settings.provider) {
    case 'llamacpp':
      return { mode: 'infill', source: 'fixed-rule', fits: true, reason: 'A llama.cpp server fills in the middle through /infill (the fixed rule; the server was not asked).' };
    case 'openai-compatible':
      if (isAzureEndpoint(settings.baseUrl ?? '')) {
        return { mode: 'chat', source: 'fixed-rule', fits: true, reason: "Azure OpenAI's chat models complete code through the hole-filling prompt (its /completions serves only older models)." };
      }
      return { mode: 'completions', source: 'fixed-rule', fits: true, reason: 'An OpenAI-compatible server fills in the middle through /v1/completions with `suffix` (the fixed rule; the server was not asked).' };
    default:
      return { mode: 'chat', source: 'fixed-rule', fits: true, reason: `${settings.provider === 'openai' ? 'OpenAI' : 'Anthropic'} chat models complete code through the hole-filling prompt.` };
  }
}

/** Whether the server is worth asking: only `auto` on a local or self-hosted server. */
export function shouldProbe(settings: FimSettings): boolean {
  if (settings.provider === 'openai-compatible' && isAzureEndpoint(settings.baseUrl ?? '')) return false;
  return (settings.fimMode ?? 'auto') === 'auto' && (settings.provider === 'llamacpp' || settings.provider === 'openai-compatible');
}

export function chooseFim(settings: FimSettings, report: ServerReport): FimChoice {
  const choice = choose(settings, report);
  return report.kind === 'unknown' ? choice : { ...choice, server: report.kind };
}

/** Whether the server keeps a prompt cache worth warming up: llama.cpp's slots, Ollama's loaded model. */
export function cachesPrompts(provider: ProviderKind, choice: FimChoice): boolean {
  return provider === 'llamacpp' || choice.server === 'llamacpp' || choice.server === 'ollama';
}

function choose(settings: FimSettings, report: ServerReport): FimChoice {
  const fixed = fixedFimChoice(settings);
  if (!shouldProbe(settings)) return fixed;
  const heard = report.heard.join('; ');
  const fallback = (why: string): FimChoice => ({ ...fixed, reason: `${why} (${heard}), so Rill uses the fixed rule: ${FIM_MODE_LABEL[fixed.mode]}.` });
  switch (report.kind) {
    case 'ollama':
      return report.missing ? fallback(`Ollama does not have the model "${settings.model}"`) : fromOllama(settings, report);
    case 'llamacpp':
      return fromLlamaCpp(report, fallback);
    case 'openai-compatible':
      return fromModelList(settings, report, fallback);
    case 'unknown':
      return fallback(report.reachable ? 'The server did not say what it supports' : 'The server could not be reached');
  }
}

function familyOf(model: string, reported?: string): FimFamily | undefined {
  return detectFimFamily(model) ?? (reported ? detectFimFamily(reported) : undefined);
}

/** A template written for conversations (roles, system prompt, tool calls). */
function isChatTemplate(template: string): boolean {
  return /\.Messages|\.System|\.Tools|<\|im_start\|>|\[INST\]|<start_of_turn>|<\|start_header_id\|>/.test(template);
}

function fromOllama(settings: FimSettings, report: Extract<ServerReport, { kind: 'ollama' }>): FimChoice {
  const caps = report.capabilities;
  const listed = caps ? `capabilities [${caps.join(', ')}]` : 'no capabilities list (Ollama before 0.6)';
  // Ollama before 0.6 lists no capabilities: a template that uses .Suffix is what "insert" meant.
  const insert = caps ? caps.includes('insert') : report.template.includes('.Suffix');
  if (insert) {
    return { mode: 'completions', source: 'server', fits: true, reason: `Ollama reports ${listed} for "${settings.model}": it fills in the middle with its own template, through /v1/completions with \`suffix\`.` };
  }
  if (caps && !caps.includes('completion')) {
    return { mode: 'chat', source: 'server', fits: false, reason: `Nothing fits: Ollama reports ${listed} for "${settings.model}", no text generation at all. Choose another model for completion ("Rill: Select Model…").` };
  }
  if (isChatTemplate(report.template)) {
    return { mode: 'chat', source: 'server', fits: true, reason: `Ollama reports ${listed} for "${settings.model}" (no \`insert\`) and a chat template: it completes code through the hole-filling prompt.` };
  }
  const family = familyOf(settings.model, report.family);
  if (family) {
    return { mode: 'template', family, source: 'server', fits: true, reason: `Ollama reports ${listed} for "${settings.model}" (no \`insert\`) and a plain prompt template; the ${family} family's FIM tokens are known, so Rill sends a raw FIM prompt.` };
  }
  return {
    mode: 'chat',
    source: 'server',
    fits: false,
    reason: `Nothing fits: Ollama reports ${listed} for "${settings.model}" (family ${report.family ?? 'unknown'}), a plain prompt template and no \`insert\`, and the family's FIM tokens are not known; Rill tries the hole-filling prompt. Set rill.completion.fimMode to "template" with rill.completion.fimTemplate if the model has FIM tokens, or choose a code model.`,
  };
}

function fromLlamaCpp(report: Extract<ServerReport, { kind: 'llamacpp' }>, fallback: (why: string) => FimChoice): FimChoice {
  const slots = report.totalSlots === undefined ? {} : { totalSlots: report.totalSlots };
  const model = report.model ? `"${report.model}"` : 'its model';
  const slotText = report.totalSlots === undefined ? '' : ` with ${report.totalSlots} slot${report.totalSlots === 1 ? '' : 's'}`;
  switch (report.infill) {
    case 'supported':
      return { mode: 'infill', source: 'server', fits: true, ...slots, reason: `The llama.cpp server reports ${model}${slotText} (/props), and /infill accepted a probe: the model has FIM tokens.` };
    case 'unsupported':
      return { mode: 'chat', source: 'server', fits: true, ...slots, reason: `The llama.cpp server reports ${model}${slotText}, and /infill answered "${report.infillMessage ?? 'not supported'}": Rill uses the hole-filling prompt over its chat endpoint.` };
    case 'unknown':
      return { ...fallback(`The llama.cpp server reports ${model}${slotText}, but /infill gave no clear answer`), ...slots };
  }
}

function fromModelList(settings: FimSettings, report: Extract<ServerReport, { kind: 'openai-compatible' }>, fallback: (why: string) => FimChoice): FimChoice {
  if (report.owner === 'vllm') {
    const family = familyOf(settings.model);
    if (family) {
      return { mode: 'template', family, source: 'server', fits: true, reason: `A vLLM server (its /v1/models says owned_by "vllm"): its /v1/completions takes no \`suffix\`, and "${settings.model}" is a ${family} model, so Rill sends a raw FIM prompt in its tokens.` };
    }
    if (/instruct|chat|-it\b/i.test(settings.model)) {
      return { mode: 'chat', source: 'server', fits: true, reason: `A vLLM server (owned_by "vllm") takes no \`suffix\`, and "${settings.model}" is an instruct model of no known FIM family: Rill uses the hole-filling prompt.` };
    }
    return { mode: 'chat', source: 'server', fits: false, reason: `Nothing fits: a vLLM server (owned_by "vllm") takes no \`suffix\`, and no FIM tokens are known for "${settings.model}"; Rill tries the hole-filling prompt. Set rill.completion.fimMode to "template" with rill.completion.fimTemplate if the model has FIM tokens.` };
  }
  return fallback(`The server lists ${report.listed ? `"${settings.model}"` : 'models'}${report.owner ? ` (owned_by "${report.owner}")` : ''} but does not say whether it fills in the middle`);
}
