// What the host suite's extension host gets, whichever way VS Code is started (VS Code server in
// the browser, or desktop VS Code through @vscode/test-electron).
import { GREP_ENV, PROGRESS_ENV, REPORT_ENV } from '../host/report';
import { SHARE_ENV } from '../host/share';
import type { VsCodeFlavor } from '../../tools/flavors';

/** Every generation request to the fake LLM server gets this answer (the provider test checks it). */
export const FAKE_REPLY = 'Hello from the fake LLM server.';

/** User settings the harness writes; host tests check that they arrive (one window-, one application-scoped). */
export const HOST_USER_SETTINGS: Readonly<Record<string, unknown>> = {
  'rill.completion.maxTokens': 77,
  'rill.chat.headers': { 'x-rill-host-test': 'from-user-settings' },
  // The fake server answers requests in parallel: completion need not wait for chat (the one-slot
  // tests set 1 themselves).
  'rill.network.localServerSlots': 4,
};

/**
 * `flavor`: the VS Code flavor the suite runs on; with RILL_HOST_SHARE=1 (`npm test` sets it) the
 * suites that share their wire formats between the two flavors take this flavor's share (test/host/share.ts).
 */
export function hostSuiteEnv(options: { readonly llmUrl: string; readonly reportFile: string; readonly progressFile: string; readonly flavor?: VsCodeFlavor }): Record<string, string> {
  const grep = process.env[GREP_ENV];
  return {
    [REPORT_ENV]: options.reportFile,
    [PROGRESS_ENV]: options.progressFile,
    ...(grep ? { [GREP_ENV]: grep } : {}),
    ...(process.env[SHARE_ENV] === '1' && options.flavor ? { [SHARE_ENV]: options.flavor } : {}),
    RILL_HOST_FAKE_REPLY: FAKE_REPLY,
    RILL_PROVIDER: 'openai-compatible',
    RILL_BASE_URL: `${options.llmUrl}/v1`,
    RILL_MODEL: 'fake-chat-model',
    RILL_COMPLETION_BASE_URL: `${options.llmUrl}/v1`,
    RILL_COMPLETION_MODEL: 'fake-completion-model',
    RILL_COMPLETION_FIM_MODE: 'completions',
  };
}
