// Rill: Set API Key… as a new user pastes keys: a trailing newline or space is dropped, and a key of
// the other provider (an Anthropic key in OpenAI's box) is flagged before it is stored, as a
// warning the user may still accept (a gateway may take any key).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { rillApi, storedKey } from './rill';
import { answerRillWarnings, pickWhere, runRillCommand, withRillDialogs } from './rillDialogs';

describe('Rill: Set API Key', () => {
  after(async () => {
    await (await rillApi()).keys.clear('openai');
  });

  it("an Anthropic key pasted into OpenAI's box is flagged as Anthropic's; Enter still stores it, without the pasted newline", async () => {
    const pasted = 'sk-ant-api03-set-api-key-test\n';
    const run = await runRillCommand<boolean>('rill.setApiKey', { pick: pickWhere('provider', 'openai'), inputs: [pasted] });
    assert.equal(run.result, true);
    const validate = run.inputs[0]?.validateInput;
    assert.ok(validate, 'the key box checks what is typed');
    const verdict = await validate(pasted);
    assert.ok(verdict !== null && typeof verdict === 'object', `a warning, not ${JSON.stringify(verdict)}`);
    assert.equal(verdict.severity, vscode.InputBoxValidationSeverity.Warning, 'a warning lets Enter store it');
    assert.match(verdict.message, /looks like an Anthropic key/);
    assert.equal(await validate('sk-proj-an-openai-key '), undefined, "OpenAI's own key is not flagged");
    assert.equal(await validate('  '), 'The key is empty.');
    assert.equal(await storedKey('openai'), 'sk-ant-api03-set-api-key-test');
  });

  it('Clear API Key while OPENAI_API_KEY is set: says the environment key is still used, and how to stop it', async () => {
    const api = await rillApi();
    const previous = process.env.OPENAI_API_KEY;
    // The extension host's environment is the one Rill's KeyStore reads.
    process.env.OPENAI_API_KEY = 'sk-clear-api-key-test-environment';
    try {
      await api.keys.set('openai', 'sk-clear-api-key-test-stored');
      const warnings = answerRillWarnings(() => undefined);
      const run = await withRillDialogs([warnings], () => runRillCommand<boolean>('rill.clearApiKey', { pick: pickWhere('provider', 'openai') }));
      assert.equal(run.result, true);
      assert.equal(await storedKey('openai'), undefined);
      assert.equal(warnings.shown.length, 1, 'no word that a key is still sent');
      assert.match(warnings.shown[0]?.message ?? '', /OPENAI_API_KEY is set in the environment .* still uses that key/);
      assert.doesNotMatch(warnings.shown[0]?.message ?? '', /sk-clear/, 'the key itself is never shown');
    } finally {
      if (previous === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = previous;
    }
  });
});
