// Who may use Rill's models through VS Code's language model API: VS Code itself, Rill and the
// built-in chat go through; any other extension is asked once, and its answer holds; a caller VS
// Code does not name is asked each time.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  type AccessRecord,
  accessFor,
  BUILT_IN_CHAT_EXTENSION,
  callerLabel,
  cleanDisplayName,
  MANAGE_TITLE,
  questionDetail,
  questionText,
  refusalMessage,
} from '../../../src/chat/modelAccess';
import { ModelAccessDecisions } from '../../../src/chat/modelAccessDecisions';
import { MemoryStore } from './memoryStore';

const RILL = 'rill.rill';
const NEIGHBOUR = 'rill-tests.rill-neighbour';

function verdict(initiator: string | undefined, decisions: Record<string, AccessRecord> = {}) {
  return accessFor({ initiator, rillId: RILL, decided: (id) => decisions[id] });
}

describe('Model access: who may use Rill\'s models', () => {
  describe('the rule', () => {
    it('VS Code itself ("core") goes through without a question', () => {
      assert.deepEqual(verdict('core'), { kind: 'through', reason: 'core' });
    });

    it('Rill itself goes through, whatever the case of its id', () => {
      assert.deepEqual(verdict('rill.rill'), { kind: 'through', reason: 'rill' });
      assert.deepEqual(verdict('Rill.Rill'), { kind: 'through', reason: 'rill' });
    });

    it('VS Code\'s built-in chat extension (the user\'s chat-view questions) goes through', () => {
      assert.equal(BUILT_IN_CHAT_EXTENSION, 'github.copilot-chat');
      assert.deepEqual(verdict('github.copilot-chat'), { kind: 'through', reason: 'built-in chat' });
      assert.deepEqual(verdict('GitHub.copilot-chat'), { kind: 'through', reason: 'built-in chat' });
    });

    it('another extension nobody decided about is asked about, and the answer is to be remembered', () => {
      assert.deepEqual(verdict(NEIGHBOUR), { kind: 'ask', caller: { kind: 'extension', id: NEIGHBOUR }, remember: true });
      // The id is compared in lower case, as VS Code keys extensions.
      assert.deepEqual(verdict('Rill-Tests.Rill-Neighbour'), { kind: 'ask', caller: { kind: 'extension', id: NEIGHBOUR }, remember: true });
    });

    it('an extension the user allowed goes through; one the user denied is refused without a question', () => {
      assert.deepEqual(verdict(NEIGHBOUR, { [NEIGHBOUR]: { decision: 'allowed', displayName: 'N' } }), { kind: 'through', reason: 'allowed by the user' });
      assert.deepEqual(verdict(NEIGHBOUR, { [NEIGHBOUR]: { decision: 'denied', displayName: 'N' } }), { kind: 'refused', caller: { kind: 'extension', id: NEIGHBOUR } });
    });

    it('a decision about one extension says nothing about another', () => {
      assert.equal(verdict('evil.other', { [NEIGHBOUR]: { decision: 'allowed', displayName: 'N' } }).kind, 'ask');
    });

    it('a missing or empty requestInitiator (an older VS Code) is an unknown extension, asked each time', () => {
      for (const initiator of [undefined, '', '  ']) {
        assert.deepEqual(verdict(initiator), { kind: 'ask', caller: { kind: 'unnamed' }, remember: false }, JSON.stringify(initiator));
      }
    });

    it('names that only look like a trusted caller are not one', () => {
      for (const initiator of ['core.core', 'vscode.core', 'github.copilot-chat-evil', 'rill.rill.evil', 'copilot-chat', 'rill']) {
        assert.equal(verdict(initiator).kind, 'ask', initiator);
      }
    });
  });

  describe('what the user is asked', () => {
    it('names the extension and its id, the model, the server and the key', () => {
      assert.equal(
        questionText({ caller: { kind: 'extension', id: NEIGHBOUR }, displayName: "Rill's neighbour", model: 'gpt-4o', server: '127.0.0.1:8080', withKey: true }),
        "Rill's neighbour (rill-tests.rill-neighbour) wants to use your model gpt-4o through Rill. Rill will send its requests to 127.0.0.1:8080 with your key.",
      );
    });

    it('says no key when none goes, and uses the id alone when the extension has no name', () => {
      assert.equal(
        questionText({ caller: { kind: 'extension', id: NEIGHBOUR }, displayName: undefined, model: 'qwen', server: '127.0.0.1:11434', withKey: false }),
        'rill-tests.rill-neighbour wants to use your model qwen through Rill. Rill will send its requests to 127.0.0.1:11434.',
      );
    });

    it('a caller VS Code does not name is said to be one, and the detail says why there is no remembering', () => {
      assert.match(questionText({ caller: { kind: 'unnamed' }, displayName: undefined, model: 'm', server: 'api.openai.com', withKey: true }), /^An extension VS Code does not name wants to use your model m/);
      assert.match(questionDetail(false), /cannot remember/);
      assert.match(questionDetail(true), /remembers your answer.*Manage Extensions Allowed to Use Rill's Models/);
    });

    it('a display name cannot hide the id or break the line: control, bidi and zero-width characters go, long names are cut', () => {
      assert.equal(cleanDisplayName('GitHub\u202e Copilot\u200b\nChat\u0000'), 'GitHub Copilot Chat');
      assert.equal(cleanDisplayName('x'.repeat(200))?.length, 60);
      assert.equal(cleanDisplayName('   '), undefined);
      assert.equal(cleanDisplayName(42), undefined);
      // A name that copies the built-in chat's still shows the real id beside it.
      assert.equal(callerLabel({ kind: 'extension', id: 'evil.copycat' }, cleanDisplayName('GitHub Copilot Chat')), 'GitHub Copilot Chat (evil.copycat)');
    });

    it('the command the question points to is the one in the palette', () => {
      const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string; title: string; category: string }[] } };
      const command = manifest.contributes.commands.find((c) => c.command === 'rill.manageModelAccess');
      assert.equal(`${command?.category}: ${command?.title}`, MANAGE_TITLE);
    });

    it('the refusal says Rill sent nothing, who was refused, and where to change it', () => {
      const caller = { kind: 'extension', id: NEIGHBOUR } as const;
      assert.equal(refusalMessage(caller, 'N', 'denied'), "Rill sent nothing: the user has not allowed N (rill-tests.rill-neighbour) to use Rill's models (Rill: Manage Extensions Allowed to Use Rill's Models…).");
      assert.match(refusalMessage(caller, 'N', 'dismissed'), /^Rill sent nothing: N \(rill-tests\.rill-neighbour\) asked .* closed without an answer; it will be asked again\.$/);
    });
  });

  describe('the remembered decisions', () => {
    it('are kept in the store, per extension id in lower case, and read back by a new instance', async () => {
      const store = new MemoryStore();
      const decisions = new ModelAccessDecisions(store);
      await decisions.set('Rill-Tests.Rill-Neighbour', 'denied', "Rill's neighbour");
      await decisions.set('a.b', 'allowed', undefined);
      const again = new ModelAccessDecisions(store);
      assert.deepEqual(again.get(NEIGHBOUR), { decision: 'denied', displayName: "Rill's neighbour" });
      assert.deepEqual(again.list(), [
        { extensionId: 'a.b', decision: 'allowed', displayName: undefined },
        { extensionId: NEIGHBOUR, decision: 'denied', displayName: "Rill's neighbour" },
      ]);
    });

    it('a changed answer replaces the old one, and a forgotten one is asked again', async () => {
      const store = new MemoryStore();
      const decisions = new ModelAccessDecisions(store);
      await decisions.set(NEIGHBOUR, 'denied', 'N');
      await decisions.set(NEIGHBOUR, 'allowed', 'N');
      assert.equal(decisions.get(NEIGHBOUR)?.decision, 'allowed');
      await decisions.forget(NEIGHBOUR);
      assert.equal(new ModelAccessDecisions(store).get(NEIGHBOUR), undefined);
      assert.equal(accessFor({ initiator: NEIGHBOUR, rillId: RILL, decided: (id) => decisions.get(id) }).kind, 'ask');
    });

    it('damaged stored data is not trusted: only well-formed entries are read', () => {
      const store = new MemoryStore();
      store.values.set('rill.modelAccess.v1', { 'ok.one': { decision: 'allowed' }, 'bad.one': { decision: 'yes' }, 'bad.two': 'allowed', '': { decision: 'allowed' } });
      assert.deepEqual(new ModelAccessDecisions(store).list().map((e) => e.extensionId), ['ok.one']);
      store.values.set('rill.modelAccess.v1', ['allowed']);
      assert.deepEqual(new ModelAccessDecisions(store).list(), []);
    });
  });
});
