// Commands take no arguments that make them act silently. Any extension can run any command with
// any arguments (`vscode.commands.executeCommand('rill.…', …)`): a handler that took a key, a
// question, a file or a model from its caller would store, send, write or switch it without the
// user. This reads every `registerCommand` in src/ (TypeScript's parser) and fails when a handler
// declares a parameter that is not on the short list below, each with why it is safe.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { ROOT, sourceFiles } from '../layers/importGraph';

/** The only parameters a command handler may declare, and why each cannot act for its caller. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  // VS Code passes the session id of the accepted inline item; it marks a request record accepted.
  'rill.completion.accepted': ['sessionId'],
  // The status menu passes 5, 30 or 60; any other value is ignored and the user picks. A snooze
  // sends nothing and writes no setting.
  'rill.snoozeInlineCompletions': ['minutes'],
};

interface Registration {
  readonly file: string;
  readonly command: string;
  /** Parameter names, or undefined when the handler is not a function this test can read. */
  readonly params: readonly string[] | undefined;
}

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration;

function isFunction(node: ts.Node | undefined): node is FunctionNode {
  return node !== undefined && (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node));
}

/** `const NAME = 'literal'` across src/, to read command ids kept in constants. */
function stringConstants(files: readonly ts.SourceFile[]): Map<string, string> {
  const constants = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isStringLiteral(node.initializer)) {
      constants.set(node.name.text, node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) visit(file);
  return constants;
}

/** A handler named by an identifier: the function it was declared as in the same file. */
function localFunction(file: ts.SourceFile, name: string): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === name) found = node;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name && isFunction(node.initializer)) found = node.initializer;
    if (!found) ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function registrations(): Registration[] {
  const files = sourceFiles('src').map((path) => ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.Latest, true));
  const constants = stringConstants(files);
  const found: Registration[] = [];
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && /^register(TextEditor)?Command$/.test(node.expression.name.text)) {
        const [id, handler] = node.arguments;
        const command = id && ts.isStringLiteral(id) ? id.text : id && ts.isIdentifier(id) ? (constants.get(id.text) ?? `<${id.text}>`) : '<unreadable>';
        const fn = isFunction(handler) ? handler : handler && ts.isIdentifier(handler) ? localFunction(file, handler.text) : undefined;
        found.push({ file: file.fileName, command, params: fn?.parameters.map((p) => p.name.getText(file)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

describe('Commands take no arguments that act for their caller', () => {
  const found = registrations();

  it('every command Rill contributes is registered where this test can read its handler', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const registered = new Set(found.map((r) => r.command));
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c)), []);
    assert.deepEqual(found.filter((r) => r.params === undefined).map((r) => `${r.file}: ${r.command}`), [], 'handlers this test cannot read');
  });

  it('no handler declares a parameter beyond the allowed ones', () => {
    const extra = found
      .filter((r) => (r.params ?? []).some((p) => !(ALLOWED[r.command] ?? []).includes(p)))
      .map((r) => `${r.file}: ${r.command}(${(r.params ?? []).join(', ')})`);
    assert.deepEqual(extra, []);
  });
});
