// Fill-in-the-middle prompt templates per model family, for servers that take a raw prompt (llama.cpp
// /completion, vLLM or Ollama in raw mode). Servers that accept `suffix` or `/infill` apply the
// model's own template; the adapter then sends prefix and suffix as they are.
import type { FimRequest } from './types';

export type FimFamily = 'qwen' | 'deepseek' | 'starcoder' | 'codellama' | 'codestral' | 'codegemma';

export const FIM_FAMILIES: readonly FimFamily[] = ['qwen', 'deepseek', 'starcoder', 'codellama', 'codestral', 'codegemma'];

export interface FimTemplate {
  readonly family: FimFamily;
  /** Renders the whole prompt: context snippets, file path, prefix and suffix. */
  render(request: FimRequest): string;
  /** Tokens that end the middle part; send them as stop sequences. */
  readonly stop: readonly string[];
}

/** Model names, as servers spell them, to their families. First match wins. */
const FAMILY_BY_NAME: ReadonlyArray<[RegExp, FimFamily]> = [
  [/qwen/i, 'qwen'],
  [/deepseek/i, 'deepseek'],
  [/starcoder|stable-?code|refact/i, 'starcoder'],
  [/code-?llama/i, 'codellama'],
  [/codestral|mistral/i, 'codestral'],
  [/codegemma|gemma/i, 'codegemma'],
];

/** The family of a model by its name, or undefined when unknown. */
export function detectFimFamily(model: string): FimFamily | undefined {
  return FAMILY_BY_NAME.find(([pattern]) => pattern.test(model))?.[1];
}

/** `setting`: 'auto' or a family name (the `rill.completion.fimTemplate` setting). */
export function fimTemplateFor(model: string, setting: string = 'auto'): FimTemplate | undefined {
  const family = setting !== 'auto' && (FIM_FAMILIES as readonly string[]).includes(setting) ? (setting as FimFamily) : detectFimFamily(model);
  return family && TEMPLATES[family];
}

/** Line-comment syntax, for families that take context as comments. */
function commentPrefix(language: string | undefined): string {
  switch (language) {
    case 'python': case 'shellscript': case 'ruby': case 'perl': case 'r': case 'yaml': case 'toml':
    case 'dockerfile': case 'makefile': case 'powershell': case 'elixir': case 'julia':
      return '#';
    case 'sql': case 'lua': case 'haskell': case 'elm':
      return '--';
    case 'clojure': case 'lisp': case 'scheme':
      return ';;';
    default:
      return '//';
  }
}

/** Snippets and the path as comments on top of the prefix. */
function commentedContext(request: FimRequest): string {
  const c = commentPrefix(request.language);
  const parts: string[] = [];
  for (const snippet of request.snippets ?? []) {
    parts.push(`${c} Path: ${snippet.path}\n${snippet.text.split('\n').map((line) => `${c} ${line}`).join('\n')}\n`);
  }
  if (request.path) parts.push(`${c} Path: ${request.path}\n`);
  return parts.join('');
}

/** Repository-level context with file-separator tokens (Qwen2.5-Coder, StarCoder2, CodeGemma). */
function fileSeparated(sep: string, request: FimRequest): string {
  const files = (request.snippets ?? []).map((s) => `${sep}${s.path}\n${s.text}\n`).join('');
  return files + (request.path ? `${sep}${request.path}\n` : '');
}

const TEMPLATES: Readonly<Record<FimFamily, FimTemplate>> = {
  qwen: {
    family: 'qwen',
    render: (r) => `${fileSeparated('<|file_sep|>', r)}<|fim_prefix|>${r.prefix}<|fim_suffix|>${r.suffix}<|fim_middle|>`,
    stop: ['<|endoftext|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<|file_sep|>', '<|repo_name|>', '<|im_end|>'],
  },
  deepseek: {
    family: 'deepseek',
    render: (r) => `<｜fim▁begin｜>${commentedContext(r)}${r.prefix}<｜fim▁hole｜>${r.suffix}<｜fim▁end｜>`,
    stop: ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<|EOT|>'],
  },
  starcoder: {
    family: 'starcoder',
    render: (r) => `${fileSeparated('<file_sep>', r)}<fim_prefix>${r.prefix}<fim_suffix>${r.suffix}<fim_middle>`,
    stop: ['<|endoftext|>', '<fim_prefix>', '<fim_suffix>', '<fim_middle>', '<file_sep>'],
  },
  codellama: {
    family: 'codellama',
    render: (r) => `<PRE> ${commentedContext(r)}${r.prefix} <SUF>${r.suffix} <MID>`,
    stop: ['<EOT>', '<PRE>', '<SUF>', '<MID>'],
  },
  codestral: {
    family: 'codestral',
    // Suffix first: Mistral's FIM format is SPM.
    render: (r) => `[SUFFIX]${r.suffix}[PREFIX]${commentedContext(r)}${r.prefix}`,
    stop: ['</s>', '[PREFIX]', '[SUFFIX]'],
  },
  codegemma: {
    family: 'codegemma',
    render: (r) => `${fileSeparated('<|file_separator|>', r)}<|fim_prefix|>${r.prefix}<|fim_suffix|>${r.suffix}<|fim_middle|>`,
    stop: ['<|file_separator|>', '<|fim_prefix|>', '<|fim_suffix|>', '<|fim_middle|>', '<end_of_turn>', '<eos>'],
  },
};
