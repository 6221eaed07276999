// Test-only probe (plain JS, no build): an inline completion provider whose answer grows by one line
// every GROW_MS once shown. After each growth it asks VS Code to re-query with the strategy named on
// the first line of the document ("strategy: <name>"). Every provider call is logged to PROBE_LOG.
const vscode = require('vscode');
const fs = require('fs');

const LINES = ['alpha();', 'beta();', 'gamma();', 'delta();', 'epsilon();'];
const GROW_MS = 600;

const STRATEGIES = {
  // Automatic -> Explicit re-query (refetches once: an explicit result satisfies later triggers).
  trigger: async () => vscode.commands.executeCommand('editor.action.inlineSuggest.trigger'),
  hideTrigger: async () => {
    void vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  },
  triggerNext: async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
  },
  reregTrigger: async (probe) => {
    probe.reregister();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  },
  reregTriggerNext: async (probe) => {
    probe.reregister();
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
  },
  // Rill's algorithm: swap the registration (old one first), trigger; showNext only when VS Code
  // re-queried; otherwise hide + trigger.
  adaptive: async (probe) => {
    probe.swap();
    const calls = probe.calls;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    if (probe.calls > calls) {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.showNext');
    } else {
      void vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    }
  },
};

exports.activate = (context) => {
  const logFile = process.env.PROBE_LOG;
  const log = (entry) => logFile && fs.appendFileSync(logFile, JSON.stringify({ t: Date.now(), ...entry }) + '\n');
  const levels = new Map();
  let generation = 0;
  let registration;
  const probe = {
    calls: 0,
    swap() {
      if (registration) registration.dispose();
      registration = vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider(++generation));
    },
    reregister() {
      const old = registration;
      registration = vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider(++generation));
      // The old registration goes after the new one is in place.
      setTimeout(() => old && old.dispose(), 50);
    },
  };
  function provider(id) {
    return {
      provideInlineCompletionItems(document, position, ctx) {
        const first = document.lineAt(0).text;
        if (!first.startsWith('strategy:') || position.line < 1) return undefined;
        const strategy = first.slice('strategy:'.length).trim();
        const key = document.uri.toString();
        if (!levels.has(key)) {
          levels.set(key, 1);
          grow(strategy, key);
        }
        const level = levels.get(key);
        probe.calls++;
        log({ event: 'provide', provider: id, triggerKind: ctx.triggerKind, level, strategy });
        const text = LINES.slice(0, level).join('\n');
        return [new vscode.InlineCompletionItem(text, new vscode.Range(position, position))];
      },
    };
  }
  function grow(strategy, key) {
    const step = async () => {
      const level = levels.get(key) + 1;
      if (level > LINES.length) return;
      levels.set(key, level);
      log({ event: 'grow', level, strategy });
      try {
        await STRATEGIES[strategy](probe);
      } catch (error) {
        log({ event: 'error', message: String(error) });
      }
      setTimeout(step, GROW_MS);
    };
    setTimeout(step, GROW_MS);
  }
  probe.reregister();
  context.subscriptions.push({ dispose: () => registration && registration.dispose() });
  log({ event: 'activated', version: vscode.version });
};
