// The demo model: a lossless code tokenizer, n-gram counts with backoff, and fill-in-the-middle
// that stops where a code model would. Fixtures are tiny corpora; the last group runs on the real
// sample workspace (demo/workspace), as the demo does.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readWorkspace } from '../../demo/corpus';
import { completeFim } from '../../demo/model/complete';
import { NgramCounts, predictNext } from '../../demo/model/ngram';
import { tokenize } from '../../demo/model/tokenize';
import { buildWorkspaceModel } from '../../demo/model/workspaceModel';

const SAMPLE = join(__dirname, '..', '..', 'demo', 'workspace');

function model(...texts: string[]): NgramCounts {
  return buildWorkspaceModel(texts.map((text, i) => ({ path: `f${i}.ts`, text }))).counts;
}

describe('demo model: tokenize', () => {
  it('attaches spaces to the next token and indentation to the line break', () => {
    assert.deepEqual(tokenize('if (x === 1) {\n    return y;'), ['if', ' (', 'x', ' ===', ' 1', ')', ' {', '\n    ', 'return', ' y', ';']);
    assert.deepEqual(tokenize('a = 3.14  \r\n\tb'), ['a', ' =', ' 3.14', '  ', '\r\n\t', 'b']);
  });

  it('gives back the text exactly, whatever it is', () => {
    const texts = ['', ' ', '\n\n', 'héllo wörld 😀 ∑x', 'a\u00a0b\fc\rd', '  x  \n', "f'{x:>5}' // ok ?? y?.z ... => ->"];
    for (const text of texts) assert.equal(tokenize(text).join(''), text, JSON.stringify(text));
    for (const file of readWorkspace(SAMPLE)) assert.equal(tokenize(file.text).join(''), file.text, file.path);
  });
});

describe('demo model: n-gram counts', () => {
  it('predicts from the longest context seen, backing off to shorter ones', () => {
    const counts = model('a b c X\na b c X\nz b c Y\nq c Y\nq c Y');
    // Three tokens of context ("a b c") saw X twice.
    assert.equal(predictNext([counts], tokenize('a b c'))?.token, ' X');
    assert.equal(predictNext([counts], tokenize('a b c'))?.contextLength, 3);
    // "w b c" was never seen: "b c" was, followed by X twice and Y once.
    assert.equal(predictNext([counts], tokenize('w b c'))?.token, ' X');
    // "w c" was never seen; " c" alone is followed by Y more often.
    const backedOff = predictNext([counts], tokenize('w w c'));
    assert.equal(backedOff?.token, ' Y');
    assert.equal(backedOff?.contextLength, 1);
  });

  it('breaks ties by what it saw first, and adds the counts of several tables', () => {
    const counts = model('k P\nk Q');
    assert.equal(predictNext([counts], ['k'])?.token, ' P');
    assert.equal(predictNext([counts, model('k Q')], ['k'])?.token, ' Q');
  });

  it('finishes a half-typed token, down to the most frequent word that starts with it', () => {
    const counts = model('const inventory = 1;\nconst inventory = 2;\nlet invoice = 3;');
    assert.equal(predictNext([counts], ['let'], { startsWith: ' inv', minContext: 1 })?.token, ' invoice');
    assert.equal(predictNext([counts], ['return'], { startsWith: ' inv', minContext: 0 })?.token, ' inventory');
  });
});

describe('demo model: fill in the middle', () => {
  const corpus = model(
    [
      'function total(items) {',
      '  let sum = 0;',
      '  for (const item of items) {',
      '    sum += item.price;',
      '  }',
      '  return sum;',
      '}',
      '',
      'console.log(total(items));',
      '',
    ].join('\n'),
  );
  const fim = (prefix: string, suffix = '', maxTokens = 64) => completeFim(corpus, prefix, suffix, { maxTokens });

  it('completes the word being typed and the rest of its line', () => {
    const r = fim('function other(list) {\n  let s', '\n}');
    assert.equal(r.text, 'um = 0;');
    assert.equal(r.pieces[0], 'um', 'the first piece is the rest of the half-typed token');
  });

  it('stops where the text after the cursor takes over', () => {
    assert.deepEqual([fim('console.log(to', ');').text, fim('console.log(to', ');').cause], ['tal(items)', 'suffix']);
  });

  it('writes the body of a block it has seen, and stops at the end of the block', () => {
    const r = fim('function total(items) {\n  ', '\n}\n');
    assert.equal(r.text, 'let sum = 0;\n  for (const item of items) {\n    sum += item.price;\n  }\n  return sum;');
    assert.equal(r.cause, 'block-end');
  });

  it('does not repeat the line that follows the cursor', () => {
    const r = fim('function total(items) {\n  let sum = 0;\n  ', '\n  return sum;\n}\n');
    assert.equal(r.text, 'for (const item of items) {\n    sum += item.price;\n  }');
    assert.equal(r.cause, 'suffix');
  });

  it('completes only the current line when the cursor is mid-line with nothing after it', () => {
    assert.equal(fim('function total(items) {\n  let sum').text, ' = 0;');
  });

  it('at the end of a finished line, goes on with the next line', () => {
    assert.equal(fim('function total(items) {\n  let sum = 0;').text, '\n  for (const item of items) {\n    sum += item.price;\n  }\n  return sum;');
  });

  it('says nothing when it has never seen the context', () => {
    const r = fim('import numpy as np\nnp');
    assert.deepEqual([r.text, r.cause], ['', 'no-context']);
  });

  it('stops at max_tokens (finish "length") and at stop sequences', () => {
    const short = fim('function total(items) {\n  ', '', 3);
    assert.deepEqual([short.text, short.pieces.length, short.cause], ['let sum =', 3, 'length']);
    const stopped = completeFim(corpus, 'function total(items) {\n  ', '', { maxTokens: 64, stop: [' = '] });
    assert.deepEqual([stopped.text, stopped.cause], ['let sum', 'stop-sequence']);
  });

  it('stops instead of looping when its greedy choice comes round again', () => {
    // At the end of "p q p q" the longest context is gone; " q" alone leads back to " p", forever.
    const r = completeFim(model('p q p q'), '\np', '', { maxTokens: 100 });
    assert.equal(r.cause, 'loop');
    assert.ok(r.pieces.length < 10);
  });

  it('learns names from the request itself (the unsaved file)', () => {
    const r = fim('const basketWeight = 3;\nconsole.log(bas', ');');
    assert.equal(r.text, 'ketWeight');
  });

  it('is deterministic: the same input, and the same files in any order, give the same text', () => {
    const files = readWorkspace(SAMPLE);
    const a = buildWorkspaceModel(files).counts;
    const b = buildWorkspaceModel([...files].reverse()).counts;
    const prefix = 'def summary(values):\n    ';
    assert.deepEqual(completeFim(a, prefix, '', { maxTokens: 40 }), completeFim(b, prefix, '', { maxTokens: 40 }));
  });
});

describe('demo model: on the sample workspace', () => {
  const files = readWorkspace(SAMPLE);
  const counts = buildWorkspaceModel(files).counts;
  const file = (path: string): string => {
    const f = files.find((x) => x.path === path);
    assert.ok(f, path);
    return f.text;
  };

  /** Cuts `path` at `marker` (which must occur once) and completes from there. */
  const completeAt = (path: string, marker: string): { got: string; want: string } => {
    const text = file(path);
    const at = text.indexOf(marker) + marker.length;
    assert.equal(text.indexOf(marker, at), -1, `"${marker}" occurs once in ${path}`);
    const lineEnd = text.indexOf('\n', at);
    const r = completeFim(counts, text.slice(0, at), text.slice(lineEnd), { maxTokens: 64 });
    return { got: r.text.split('\n')[0], want: text.slice(at, lineEnd) };
  };

  it('completes a line of a TypeScript file from its prefix', () => {
    const { got, want } = completeAt('src/cart.ts', '    return addTax(applyDis');
    assert.equal(want, 'count(this.subtotal(), this.discountPercent), this.taxRate);');
    assert.equal(got, want);
  });

  it('completes a line of a Python file from its prefix', () => {
    const { got, want } = completeAt('scripts/stats.py', '    return math.sq');
    assert.equal(got, want);
    assert.equal(want, 'rt(variance(values))');
  });

  it('completes most lines of the workspace exactly from their first half', () => {
    let exact = 0;
    let lines = 0;
    for (const f of files.filter((x) => !x.path.endsWith('.md'))) {
      let offset = 0;
      for (const line of f.text.split('\n')) {
        const cut = Math.floor(line.length / 2);
        if (line.trim().length > 8) {
          lines++;
          const r = completeFim(counts, f.text.slice(0, offset + cut), f.text.slice(offset + line.length), { maxTokens: 64 });
          if (r.text.split('\n')[0] === line.slice(cut)) exact++;
        }
        offset += line.length + 1;
      }
    }
    assert.ok(exact / lines > 0.8, `${exact} of ${lines} lines`);
  });

  it('completes what the demo check types at the end of src/main.ts', () => {
    const r = completeFim(counts, `${file('src/main.ts')}console.log(cart.rec`, ')\n', { maxTokens: 64 });
    assert.equal(r.text, 'eipt()');
  });
});
