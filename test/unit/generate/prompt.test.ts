import * as assert from 'node:assert/strict';
import { CURSOR, SELECTION_END, SELECTION_START, generateRequest, windowAround } from '../../../src/generate/prompt';

const file = 'def add(a, b):\n    \n\nprint(add(1, 2))\n';

describe('generateRequest', () => {
  it('marks the cursor, names the file and the instruction, asks for code only', () => {
    const cursor = file.indexOf('\n\n');
    const r = generateRequest({ path: 'src/math.py', languageId: 'python', text: file, selectionStart: cursor, selectionEnd: cursor, instruction: ' return the sum ' }, { maxTokens: 500, temperature: 0.1 });
    assert.equal(r.kind, 'chat');
    assert.equal(r.maxTokens, 500);
    assert.equal(r.temperature, 0.1);
    const [system, user] = r.messages;
    assert.equal(system?.role, 'system');
    assert.match(system?.content ?? '', /only the code to insert at <CURSOR>/);
    assert.match(system?.content ?? '', /no code fences/i);
    assert.equal(user?.role, 'user');
    const content = user?.content ?? '';
    assert.match(content, /^File: src\/math\.py \(python\)/);
    assert.ok(content.includes(`def add(a, b):\n    ${CURSOR}\n\nprint`), content);
    assert.match(content, /Instruction: return the sum$/);
  });

  it('marks a selection to be replaced', () => {
    const s = file.indexOf('print');
    const e = file.length - 1;
    const r = generateRequest({ path: 'a.py', languageId: 'python', text: file, selectionStart: s, selectionEnd: e, instruction: 'use f-strings' });
    const content = r.messages[1]?.content ?? '';
    assert.ok(content.includes(`${SELECTION_START}print(add(1, 2))${SELECTION_END}`), content);
    assert.match(r.messages[0]?.content ?? '', /replaces the text between <SELECTION> and <\/SELECTION>/);
    assert.equal(r.maxTokens, undefined);
  });

  it('is the same for the same input (no clock, no randomness)', () => {
    const input = { path: 'a.py', languageId: 'python', text: file, selectionStart: 3, selectionEnd: 3, instruction: 'x' };
    assert.deepEqual(generateRequest(input), generateRequest(input));
  });
});

describe('windowAround', () => {
  const lines = Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(2, '0')}`).join('\n');

  it('keeps a small file whole', () => {
    assert.equal(windowAround('abc', 1, 1, 100), 'abc');
  });

  it('cuts a large file at line boundaries around the cursor, saying how much was left out', () => {
    const cursor = lines.indexOf('line 50');
    const w = windowAround(lines, cursor, cursor, 200);
    assert.ok(w.includes('line 50'), w);
    const kept = w.split('\n').filter((l) => l.startsWith('line '));
    assert.ok(kept.every((l) => /^line \d\d$/.test(l)), 'a line was cut in the middle');
    const above = Number(/\[… (\d+) lines above left out\]/.exec(w)?.[1]);
    const below = Number(/\[… (\d+) lines below left out\]/.exec(w)?.[1]);
    assert.equal(above + kept.length + below, 100);
    assert.ok(above > 0 && below > 0);
    assert.ok(w.indexOf('line 50') > w.length / 2 - 40, 'most of the room should be before the cursor');
  });

  it('gives the room the top of the file cannot use to the text below', () => {
    const w = windowAround(lines, 0, 0, 200);
    assert.ok(w.startsWith('line 00'), w);
    assert.ok(!w.includes('above'));
    assert.ok(w.length > 150);
  });

  it('a line longer than the room, full of emoji, is never cut inside a character (no lone surrogate is sent)', () => {
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    for (const pad of ['', 'a']) {
      const text = `${pad}${'🎉'.repeat(300)}<CURSOR>${'🎉'.repeat(300)}`;
      const cursor = text.indexOf('<CURSOR>');
      for (const room of [201, 202]) {
        const w = windowAround(text, cursor, cursor + '<CURSOR>'.length, room);
        assert.ok(!lone.test(w), `pad '${pad}', room ${room}: half an emoji`);
      }
    }
  });
});
