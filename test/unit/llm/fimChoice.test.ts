// How completion fills in the middle on Azure OpenAI: its chat models take the hole-filling chat
// prompt (its /completions serves only older models), and Azure is not probed like a local server.
import * as assert from 'node:assert/strict';
import { fixedFimChoice, shouldProbe } from '../../../src/llm/fimChoice';

describe('fimChoice on Azure OpenAI', () => {
  const azure = { provider: 'openai-compatible', model: 'gpt-4o', baseUrl: 'https://res.openai.azure.com/openai/v1' } as const;

  it('auto gives the chat prompt, without asking the server', () => {
    assert.equal(fixedFimChoice(azure).mode, 'chat');
    assert.equal(shouldProbe(azure), false);
  });

  it('an explicit fimMode is used as is, and the reason names what set it', () => {
    assert.equal(fixedFimChoice({ ...azure, fimMode: 'completions' }).mode, 'completions');
    assert.equal(fixedFimChoice({ ...azure, fimMode: 'completions' }).reason, 'rill.completion.fimMode is "completions".');
    assert.equal(fixedFimChoice({ ...azure, fimMode: 'chat', fimModeFrom: 'RILL_COMPLETION_FIM_MODE (in the environment)' }).reason, 'RILL_COMPLETION_FIM_MODE (in the environment) is "chat".');
  });

  it('a classic deployment URL on another host (a gateway in front of Azure) is Azure too: chat prompt, no probe', () => {
    const gateway = { ...azure, baseUrl: 'https://gw.example/openai/deployments/gpt4o-prod?api-version=2024-10-21' };
    assert.equal(fixedFimChoice(gateway).mode, 'chat');
    assert.equal(shouldProbe(gateway), false);
  });

  it('another OpenAI-compatible server keeps the fixed rule and is asked', () => {
    const other = { ...azure, baseUrl: 'https://gw.example/v1' };
    assert.equal(fixedFimChoice(other).mode, 'completions');
    assert.equal(shouldProbe(other), true);
  });
});
