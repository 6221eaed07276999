// Which model `npm run demo` points Rill at, and the environment that says so to Rill. The VS Code
// server's extension host inherits the server's environment, and Rill reads RILL_* variables as
// defaults below the user's own settings, so the demo configures Rill without writing settings.
import { DEMO_MODEL_ID } from './model/workspaceModel';

export type DemoBackend = 'demo-model' | 'server' | 'openai' | 'anthropic';

/** Models for a hosted provider when RILL_MODEL and friends are not set: fast for completion. */
export const OPENAI_MODEL = 'gpt-4o-mini';
export const ANTHROPIC_COMPLETION_MODEL = 'claude-haiku-5-5';
export const ANTHROPIC_CHAT_MODEL = 'claude-sonnet-5-5';

const KEY_VARIABLE: Readonly<Record<string, string>> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

/** Every variable Rill reads; the user's own values of these are passed on untouched. */
const RILL_VARIABLES = [
  'RILL_PROVIDER',
  'RILL_BASE_URL',
  'RILL_MODEL',
  'RILL_COMPLETION_BASE_URL',
  'RILL_CHAT_BASE_URL',
  'RILL_COMPLETION_MODEL',
  'RILL_CHAT_MODEL',
  'RILL_COMPLETION_FIM_MODE',
  'RILL_API_KEY',
] as const;

/**
 * The first that applies: the demo model when asked for (`--demo-model`, RILL_DEMO_MODEL=1); a
 * server the user named (RILL_BASE_URL, RILL_COMPLETION_BASE_URL, RILL_CHAT_BASE_URL or
 * RILL_PROVIDER); OpenAI with OPENAI_API_KEY; Anthropic with ANTHROPIC_API_KEY; else the demo model.
 */
export function chooseBackend(env: NodeJS.ProcessEnv, forceDemoModel = false): DemoBackend {
  if (forceDemoModel || env.RILL_DEMO_MODEL === '1') return 'demo-model';
  if (env.RILL_BASE_URL || env.RILL_COMPLETION_BASE_URL || env.RILL_CHAT_BASE_URL || env.RILL_PROVIDER) return 'server';
  if (env.OPENAI_API_KEY) return 'openai';
  if (env.ANTHROPIC_API_KEY) return 'anthropic';
  return 'demo-model';
}

export interface ProviderPlan {
  readonly backend: DemoBackend;
  /** Added to the VS Code server's environment (which otherwise gets no keys or RILL_* values). */
  readonly env: Readonly<Record<string, string>>;
  /** Where Rill's requests go, for the console. Never holds a key. */
  readonly description: string;
}

/**
 * The environment for a backend. `demoBaseUrl` is the demo model server's URL (demo-model only).
 * The user's own RILL_* values win over the demo's choices, except for the demo model, which
 * replaces them all so that nothing points half of Rill elsewhere.
 */
export function providerPlan(backend: DemoBackend, env: NodeJS.ProcessEnv, demoBaseUrl?: string): ProviderPlan {
  const own = pick(env, RILL_VARIABLES);
  switch (backend) {
    case 'demo-model': {
      if (!demoBaseUrl) throw new Error('The demo model server must be started before its environment is built.');
      return {
        backend,
        env: {
          RILL_PROVIDER: 'openai-compatible',
          RILL_BASE_URL: demoBaseUrl,
          RILL_MODEL: DEMO_MODEL_ID,
          RILL_COMPLETION_MODEL: DEMO_MODEL_ID,
          RILL_CHAT_MODEL: DEMO_MODEL_ID,
          RILL_COMPLETION_FIM_MODE: 'completions',
        },
        description: `the demo model ${DEMO_MODEL_ID} (an n-gram model of the sample workspace) at ${demoBaseUrl}`,
      };
    }
    case 'server': {
      const vars: Record<string, string> = { RILL_PROVIDER: 'openai-compatible', ...own };
      const url = vars.RILL_BASE_URL ?? vars.RILL_COMPLETION_BASE_URL ?? vars.RILL_CHAT_BASE_URL ?? 'its default URL';
      // A hosted provider named explicitly (RILL_PROVIDER=openai) still needs its key.
      const keyName = KEY_VARIABLE[vars.RILL_PROVIDER];
      const key = keyName && env[keyName] ? { [keyName]: env[keyName] ?? '' } : {};
      return { backend, env: { ...vars, ...key }, description: `${vars.RILL_PROVIDER} at ${url}, model ${modelsOf(vars)}` };
    }
    case 'openai': {
      const vars = withModels({ RILL_PROVIDER: 'openai', RILL_BASE_URL: 'https://api.openai.com/v1', RILL_COMPLETION_FIM_MODE: 'chat' }, own, OPENAI_MODEL, OPENAI_MODEL);
      return { backend, env: { ...vars, OPENAI_API_KEY: env.OPENAI_API_KEY ?? '' }, description: `OpenAI, model ${modelsOf(vars)} (key from OPENAI_API_KEY)` };
    }
    case 'anthropic': {
      const vars = withModels({ RILL_PROVIDER: 'anthropic', RILL_BASE_URL: 'https://api.anthropic.com', RILL_COMPLETION_FIM_MODE: 'chat' }, own, ANTHROPIC_COMPLETION_MODEL, ANTHROPIC_CHAT_MODEL);
      return { backend, env: { ...vars, ANTHROPIC_API_KEY: env.ANTHROPIC_API_KEY ?? '' }, description: `Anthropic, model ${modelsOf(vars)} (key from ANTHROPIC_API_KEY)` };
    }
  }
}

/**
 * Fills in models for a hosted provider. Role-specific variables win over RILL_MODEL in Rill, so
 * the demo sets them only when the user set no model at all.
 */
function withModels(defaults: Record<string, string>, own: Record<string, string>, completion: string, chat: string): Record<string, string> {
  const models: Record<string, string> = own.RILL_MODEL || own.RILL_COMPLETION_MODEL || own.RILL_CHAT_MODEL ? {} : { RILL_COMPLETION_MODEL: completion, RILL_CHAT_MODEL: chat };
  return { ...defaults, ...models, ...own };
}

function modelsOf(vars: Readonly<Record<string, string>>): string {
  const completion = vars.RILL_COMPLETION_MODEL ?? vars.RILL_MODEL ?? 'from settings';
  const chat = vars.RILL_CHAT_MODEL ?? vars.RILL_MODEL ?? 'from settings';
  return completion === chat ? completion : `${completion} for completion, ${chat} for chat`;
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value) out[name] = value;
  }
  return out;
}
