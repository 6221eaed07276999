// The cache-friendly prompt: the context ring (deterministic, changes only in a refill, chunks that
// stay keep their positions), the prefix window that moves in whole steps (and keeps its idle-time
// anchor), the short suffix (most of what a keystroke costs the server), and the same prompt for
// the same state during a burst of typing.
import assert from 'node:assert/strict';
import { buildFimRequest, defaultPromptOptions } from '../../../src/completion/prompt/buildRequest';
import { ContextRing } from '../../../src/completion/prompt/contextRing';
import { SnippetIndex } from '../../../src/completion/prompt/snippets';
import { anchorLineFor, STEP_LINES, steppedPrefixStart, steppedSuffix, SUFFIX_LINES } from '../../../src/completion/prompt/steppedWindow';
import { completionSite } from '../../../src/completion/site';
import type { DocumentState, OpenDocument } from '../../../src/completion/types';
import { infillBody } from '../../../src/llm/llamaInfill';
import { commonPrefix, FIM_PRE, FIM_SUF, promptTokens } from '../../fake-llm/promptTokens';
import { splitTokens } from '../../fake-llm/tokenize';

const code = (name: string, n: number) => Array.from({ length: n }, (_, i) => `export const ${name}${i} = compute${name}(${i}, "${'x'.repeat(i % 7)}");`).join('\n') + '\n';
const docOf = (path: string, text: string): OpenDocument => ({ uri: `file:///w/${path}`, path, languageId: 'typescript', text });

const UTIL = docOf('util.ts', code('util', 60));
const API = docOf('api.ts', code('api', 60));
const MAIN_TEXT = code('main', 200);

/** The state with the cursor at the end of line `line` of main.ts, `typed` appended. */
function mainAt(line: number, typed = ''): DocumentState {
  const lines = MAIN_TEXT.split('\n');
  const prefix = lines.slice(0, line).join('\n') + '\n' + typed;
  return { uri: 'file:///w/main.ts', path: 'main.ts', languageId: 'typescript', prefix, suffix: '\n' + lines.slice(line).join('\n'), indentUnit: '  ', tabSize: 2 };
}
const MAIN = docOf('main.ts', MAIN_TEXT);
const DOCS = [UTIL, MAIN, API];
const TOKENS = defaultPromptOptions.contextTokens;

/** A burst of typing: one keystroke after another, as states. */
function burst(from: DocumentState, text: string): DocumentState[] {
  return [...text].map((_, i) => ({ ...from, prefix: from.prefix + text.slice(0, i + 1) }));
}

describe('context ring', () => {
  it('is deterministic: the same notes and documents give the same ring, whatever the tab order', () => {
    const a = new ContextRing();
    const b = new ContextRing();
    for (const ring of [a, b]) {
      ring.noteEdit(UTIL.uri, 30);
      ring.noteSelection(API.uri, 10, 20);
    }
    a.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    b.refill({ documents: [...DOCS].reverse(), focus: mainAt(120), contextTokens: TOKENS });
    assert.deepEqual(a.chunks, b.chunks);
    // Newest note first; the open files' tops only as far as the budget goes.
    assert.deepEqual(a.chunks.map((c) => [c.path, c.source, c.startLine, c.endLine]), [
      ['api.ts', 'selection', 10, 21],
      ['util.ts', 'edit', 20, 36],
      ['main.ts', 'open', 0, 7], // the top of an open file, cut short to what is left of the budget
    ]);
  });

  it('changes only in a refill: notes taken during a burst wait, and every prompt of the burst starts the same', () => {
    const ring = new ContextRing();
    ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    const before = [...ring.chunks];
    const requests = burst(mainAt(120), 'const total = computeMain(').map((state) => {
      ring.noteEdit(UTIL.uri, 5); // edits elsewhere during the burst (a formatter, a second editor)
      ring.noteSelection(API.uri, 40, 50);
      return buildFimRequest(state, completionSite(state), DOCS, ring, defaultPromptOptions);
    });
    assert.deepEqual(ring.chunks, before, 'no chunk moved during the burst');
    const first = requests[0]!;
    for (const r of requests) {
      assert.deepEqual(r.snippets, first.snippets);
      assert.ok(r.prefix.startsWith(first.prefix), 'each prompt extends the previous one');
      assert.equal(r.suffix, first.suffix);
    }
    assert.equal(ring.refill({ documents: DOCS, focus: requests.length ? burst(mainAt(120), 'const total = computeMain(').at(-1) : undefined, contextTokens: TOKENS }), true, 'the notes land at the next refill');
    assert.ok(ring.chunks.some((c) => c.source === 'selection'));
  });

  it('a refill keeps the chunks that stay in their positions and appends new ones', () => {
    const ring = new ContextRing();
    ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    const key = (c: { path: string; startLine: number; endLine: number }) => `${c.path}:${c.startLine}-${c.endLine}`;
    const before = ring.chunks.map(key);
    ring.noteEdit(UTIL.uri, 40);
    ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    const after = ring.chunks.map(key);
    const kept = before.filter((c) => after.includes(c));
    assert.ok(kept.length > 0 && kept[0] === before[0], `the first chunk stays: ${before.join(', ')} -> ${after.join(', ')}`);
    assert.deepEqual(after.slice(0, kept.length), kept, 'the chunks that stay come first, in their old order');
    assert.equal(after[kept.length], 'util.ts:32-48', 'the new note comes after them');
  });

  it('a refill with nothing new changes nothing (no warm-up needed)', () => {
    const ring = new ContextRing();
    assert.equal(ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS }), true);
    assert.equal(ring.refill({ documents: DOCS, focus: mainAt(120, 'const a'), contextTokens: TOKENS }), false);
  });

  it('chunks come only from documents offered now: a closed, deny-listed or untrusted tab drops out', () => {
    const ring = new ContextRing();
    ring.noteEdit(UTIL.uri, 30);
    ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    assert.ok(ring.chunks.some((c) => c.path === 'util.ts'));
    assert.equal(ring.refill({ documents: [], focus: mainAt(120), contextTokens: TOKENS }), true);
    assert.deepEqual(ring.chunks, []);
  });

  it('leaves out what the prompt already holds: chunks of the focused file inside its windows', () => {
    const ring = new ContextRing();
    ring.noteEdit(MAIN.uri, 115);
    ring.noteEdit(MAIN.uri, 10);
    ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    const main = ring.chunks.filter((c) => c.path === 'main.ts').map((c) => c.startLine);
    assert.deepEqual(main, [0], 'the far edit (line 10) and the top of the file, not the edit next to the cursor');
  });

  it('stays within its share of the budget', () => {
    const ring = new ContextRing();
    for (let line = 0; line < 200; line += 30) ring.noteEdit(MAIN.uri, line);
    ring.refill({ documents: DOCS, focus: mainAt(199), contextTokens: TOKENS });
    const request = buildFimRequest(mainAt(199), completionSite(mainAt(199)), DOCS, ring, defaultPromptOptions);
    const chars = (request.snippets ?? []).reduce((n, s) => n + s.text.length + s.path.length, 0) + request.prefix.length + request.suffix.length;
    assert.ok(chars <= TOKENS * 3 + 64, `${chars} characters for ${TOKENS} tokens`);
    assert.equal(request.snippets?.length, ring.chunks.length, 'every chunk fits: refills use the same budget as prompts');
  });
});

describe('stepped windows', () => {
  const prefix = mainAt(150).prefix;
  const lineOf = (offset: number) => prefix.slice(0, offset).split('\n').length - 1;

  it('the prefix window starts on a step line, and moves a whole step at a time as the text grows', () => {
    const budget = 3000;
    const starts = new Set<number>();
    for (let extra = 0; extra < 1500; extra += 10) {
      const text = prefix + 'y'.repeat(extra);
      const start = steppedPrefixStart(text, budget);
      assert.equal(lineOf(start) % STEP_LINES, 0);
      assert.ok(text.length - start <= budget);
      starts.add(start);
    }
    assert.ok(starts.size <= 1 + Math.ceil(1500 / (STEP_LINES * 40)), `the start moved ${starts.size - 1} times for 1500 characters typed`);
  });

  it('keeps an idle-time anchor while the text from it fits, then steps', () => {
    const budget = 3000;
    const anchor = anchorLineFor(prefix, budget);
    assert.equal(anchor % STEP_LINES, 0);
    const from = steppedPrefixStart(prefix, budget, anchor);
    assert.ok(prefix.length - from <= budget * 0.75 + 200, 'room left to type into');
    assert.equal(steppedPrefixStart(prefix + 'z'.repeat(300), budget, anchor), from, 'typing keeps the anchor');
    assert.notEqual(steppedPrefixStart(prefix + 'z'.repeat(2000), budget, anchor), from, 'until it no longer fits');
  });

  it('the suffix is the rest of the line and a few lines, ending at a line end', () => {
    const suffix = ');\n' + code('s', 40);
    const s = steppedSuffix(suffix, 10_000);
    assert.equal(s.split('\n').length - 1, SUFFIX_LINES + 1);
    assert.ok(suffix.startsWith(s) && s.endsWith('\n'));
    assert.equal(steppedSuffix('abcdef', 3), 'abc', 'a cursor line longer than the budget is cut');
    assert.equal(steppedSuffix('a\nb\nc\nd\ne\n', 5), 'a\nb\n', 'the budget ends it at a line end before the lines run out');
  });

  it('a keystroke in a burst makes the server read only the changed tail of the prefix, the suffix and two FIM tokens', () => {
    // As llama.cpp lays out /infill (the fake's promptTokens): ring, FIM_PRE, prefix, FIM_SUF, suffix, FIM_MID.
    const ring = new ContextRing();
    ring.refill({ documents: DOCS, focus: mainAt(120), contextTokens: TOKENS });
    const states = burst(mainAt(120), 'const total = computeMain(');
    const prompts = states.map((state) => promptTokens('llamacpp-infill', infillBody(buildFimRequest(state, completionSite(state), DOCS, ring, defaultPromptOptions))));
    const suffix = buildFimRequest(states[0]!, completionSite(states[0]!), DOCS, ring, defaultPromptOptions).suffix;
    assert.equal(suffix.split('\n').length - 1, SUFFIX_LINES + 1, 'the rest of the cursor\'s line and SUFFIX_LINES more');
    const suffixTokens = splitTokens(suffix).length;
    for (let i = 1; i < prompts.length; i++) {
      const [before, after] = [prompts[i - 1]!, prompts[i]!];
      const shared = commonPrefix(before, after);
      const fimPre = after.indexOf(FIM_PRE);
      assert.ok(shared > fimPre, `keystroke ${i}: the ring and the start of the prefix stay cached`);
      const typedTail = after.indexOf(FIM_SUF) - shared;
      assert.ok(typedTail >= 1 && typedTail <= 2, `keystroke ${i}: one character changes at most the last two tokens of the prefix (${typedTail})`);
      assert.equal(after.length - shared, typedTail + 1 + suffixTokens + 1, `keystroke ${i}: the rest is FIM_SUF, the suffix and FIM_MID`);
    }
  });

  it('the baseline (sliding) layout is today\'s: snippets by similarity, windows that follow the cursor', () => {
    const state = mainAt(150);
    const sliding = buildFimRequest(state, completionSite(state), [UTIL, API], new SnippetIndex(), defaultPromptOptions);
    const next = mainAt(151);
    const slidingNext = buildFimRequest(next, completionSite(next), [UTIL, API], new SnippetIndex(), defaultPromptOptions);
    assert.notEqual(slidingNext.prefix.slice(0, 40), sliding.prefix.slice(0, 40), 'the sliding window moved by a line');
    const ring = new ContextRing();
    ring.refill({ documents: DOCS, focus: state, contextTokens: TOKENS });
    const stepped = buildFimRequest(state, completionSite(state), [UTIL, API], ring, defaultPromptOptions);
    const steppedNext = buildFimRequest(next, completionSite(next), [UTIL, API], ring, defaultPromptOptions);
    assert.ok(steppedNext.prefix.startsWith(stepped.prefix.slice(0, stepped.prefix.length - 1)), 'the stepped window stayed put');
  });
});
