import assert from 'node:assert/strict';
import { buildFimRequest, defaultPromptOptions } from '../../../src/completion/prompt/buildRequest';
import { prefixWindow, suffixWindow } from '../../../src/completion/prompt/contextWindow';
import { steppedPrefixStart, steppedSuffix } from '../../../src/completion/prompt/steppedWindow';
import { SnippetIndex, jaccard, identifiers, selectSnippets } from '../../../src/completion/prompt/snippets';
import { completionSite } from '../../../src/completion/site';
import type { OpenDocument } from '../../../src/completion/types';
import { doc } from './helpers/fixture';

const lines = (n: number, word = 'line') => Array.from({ length: n }, (_, i) => `${word}${i} = ${i};`).join('\n');

describe('prompt: context windows', () => {
  it('the prefix window ends at the cursor and starts at a line start', () => {
    const prefix = lines(200) + '\nconst x = ';
    const window = prefixWindow(prefix, 100);
    assert.ok(prefix.endsWith(window));
    assert.ok(window.length <= 300);
    assert.ok(prefix[prefix.length - window.length - 1] === '\n', 'cut at a line boundary');
  });
  it('the suffix window starts at the cursor and ends at a line end', () => {
    const suffix = ';\n' + lines(200);
    const window = suffixWindow(suffix, 50);
    assert.ok(suffix.startsWith(window) && window.endsWith('\n') && window.length <= 150);
  });
  it('a line longer than the budget, full of emoji, is never cut inside a character (no lone surrogate is sent)', () => {
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const pad of ['', 'a']) {
      const line = `${pad}${'😀'.repeat(400)}`;
      for (const [what, text] of [
        ['sliding prefix', prefixWindow(`x = "${line}`, 101)],
        ['sliding suffix', suffixWindow(`${line}"\n`, 101)],
        ['stepped prefix', `x = "${line}`.slice(steppedPrefixStart(`x = "${line}`, 301))],
        ['stepped suffix', steppedSuffix(`${line}"\n`, 301)],
      ]) {
        assert.ok(!lone.test(text!), `${what} (pad '${pad}') has half an emoji`);
        assert.ok(text!.length >= 300, `${what} still fills its budget`);
      }
    }
  });
  it('small texts are sent whole', () => {
    assert.equal(prefixWindow('abc', 10), 'abc');
    assert.equal(suffixWindow('abc', 10), 'abc');
  });
});

describe('prompt: snippets from open tabs', () => {
  const tabs: OpenDocument[] = [
    { uri: 'file:///w/b.ts', path: 'b.ts', languageId: 'typescript', text: 'export function computeInvoiceTotal(invoice) {\n  return invoice.lines.reduce((sum, line) => sum + line.amount, 0);\n}\n' },
    { uri: 'file:///w/a.ts', path: 'a.ts', languageId: 'typescript', text: 'export function computeInvoiceTotal(invoice) {\n  return invoice.lines.reduce((sum, line) => sum + line.amount, 0);\n}\n' },
    { uri: 'file:///w/c.ts', path: 'c.ts', languageId: 'typescript', text: 'const unrelated = makeWidget(color, size);\n' },
  ];
  const query = 'const invoice = loadInvoice(id);\nconst lines = invoice.lines;\nconst amount = computeInvoiceTotal(invoice);\n';

  it('chooses similar code, in a deterministic order (score, then path)', () => {
    const chosen = selectSnippets(query, tabs, new SnippetIndex());
    assert.deepEqual(chosen.map((s) => s.path), ['a.ts', 'b.ts']);
    const again = selectSnippets(query, [...tabs].reverse(), new SnippetIndex());
    assert.deepEqual(again, chosen, 'the order of the tabs does not matter');
  });
  it('Jaccard over identifiers', () => {
    assert.equal(jaccard(identifiers('alpha beta'), identifiers('beta gamma')), 1 / 3);
    assert.equal(jaccard(identifiers(''), identifiers('beta')), 0);
  });
});

describe('prompt: the FIM request', () => {
  it('is the same for the same state, whatever the order of the tabs', () => {
    const state = doc('import { x } from "./x";\nfunction f() {\n  █\n}\n');
    const site = completionSite(state);
    const tabs: OpenDocument[] = [{ uri: 'file:///w/x.ts', path: 'x.ts', languageId: 'typescript', text: 'export const x = 1;\nfunction f() {}\n' }];
    const a = buildFimRequest(state, site, tabs, new SnippetIndex(), defaultPromptOptions);
    const b = buildFimRequest(state, site, tabs, new SnippetIndex(), defaultPromptOptions);
    assert.deepEqual(a, b);
    assert.equal(a.path, 'demo.ts');
    assert.equal(a.language, 'typescript');
    assert.equal(a.prefix, state.prefix);
    assert.equal(a.suffix, state.suffix);
    assert.equal(a.indent, 2);
    assert.equal(a.stop, undefined);
  });
  it('in a tab-indented file, llama.cpp\'s n_indent counts the tabs as characters, as the server does', () => {
    // llama.cpp stops at a line indented by fewer whitespace characters than n_indent: 4 (columns)
    // for `\tif err != nil {` stopped the block at its first line, `\t\treturn err` being 2 characters.
    const state = doc('func f() error {\n\tif err != nil {█\n\t}\n}\n', { languageId: 'go', indentUnit: '\t', tabSize: 4 });
    assert.equal(buildFimRequest(state, completionSite(state), [], new SnippetIndex(), defaultPromptOptions).indent, 1);
  });
  it('inside a line, asks the server to stop at the newline', () => {
    const state = doc('foo(█);\n');
    assert.deepEqual(buildFimRequest(state, completionSite(state), [], new SnippetIndex(), defaultPromptOptions).stop, ['\n']);
  });
});
