// The block-prefetch peer built from the same engine (the bench's strongest baseline): whole blocks
// shown when the response ends, one request at a time, streams never closed by typing, the state
// after Tab requested as soon as a suggestion shows, and the peer's n_indent block end.
import assert from 'node:assert/strict';
import { blockPrefetchRules, indentBlockEnd } from '../../../src/completion/blockPrefetchRules';
import { BLOCK_PREFETCH_MAX_TOKENS, blockPrefetchStrategy } from '../../../src/completion/strategies';
import { doc, typed } from './helpers/fixture';
import { EngineHarness, knowsFile } from './helpers/harness';
import { runRuleFixtures } from './helpers/ruleFixtures';

const FILE = 'function total(items) {\n  let sum = 0;\n  for (const item of items) {\n    sum += item.price;\n  }\n  return sum;\n}\n';
const AT_BODY = doc('function total(items) {\n  █\n}\n');

/** A model that knows FILE and writes from the cursor on, 20 ms a token. */
const knowing = knowsFile(FILE, { ttftMs: 300, msPerToken: 20 });

describe('completion engine: block-prefetch strategy (the peer)', () => {
  it('shows the whole block only when its response has ended, then asks for the state after Tab', async () => {
    const h = new EngineHarness(knowing, { strategy: blockPrefetchStrategy() });
    const asked = h.ask(AT_BODY);
    await h.clock.advance(400);
    assert.equal(h.requests.length, 1);
    assert.equal(h.requests[0].ended, false, 'still streaming after 400 ms');
    const answer = await h.clock.settle(asked.result);
    assert.ok(answer, 'an answer once the response ended');
    assert.equal(answer.final, true);
    assert.equal(answer.insertText, 'let sum = 0;\n  for (const item of items) {\n    sum += item.price;\n  }\n  return sum;');
    assert.equal(h.requests[0].request.maxTokens, BLOCK_PREFETCH_MAX_TOKENS);
    await h.clock.advance(10);
    assert.equal(h.prefetches().length, 1, 'the after-accept state is requested at once');
  });

  it('never closes a stream the typing contradicts, and starts no request while one is in flight', async () => {
    const h = new EngineHarness(knowing, { strategy: blockPrefetchStrategy() });
    let pending = h.ask(AT_BODY);
    await h.clock.advance(100);
    let state = AT_BODY;
    for (const ch of 'const x') {
      pending.cancel();
      state = h.key(typed(state, ch));
      pending = h.ask(state);
      await h.clock.advance(60);
    }
    assert.equal(h.requests.length, 1, 'one request in flight, the others wait');
    assert.equal(h.requests[0].abortedAt, undefined, 'the contradicted stream runs on');
    await h.drain(3000);
    const first = h.engine.log.all()[0];
    // The block's end (n_indent) closed it, not the typing.
    assert.equal(first.outcome, 'stopped');
    assert.equal(first.stopReason, 'peer-n-indent');
    assert.ok(h.requests.length >= 2, 'the waiting call asked once the first ended');
  });
});

describe('block-prefetch rules: llama.cpp n_indent', () => {
  runRuleFixtures(indentBlockEnd, [
    {
      name: 'stops before the first line indented less than the cursor line',
      source: 'function f() {\n  if (a) {█\n}\n',
      completion: '\n    b();\n  }\n  c();\n}\nnext();',
      expected: '\n    b();\n  }\n  c();',
      stop: true,
    },
    { name: 'is off at indentation 0', source: 'const a = █\n', completion: '1;\nconst b = 2;\n', expected: '1;\nconst b = 2;\n' },
  ]);

  it('run in order: the rest of the line only when text is right of the cursor', () => {
    assert.deepEqual(
      blockPrefetchRules.map((r) => r.name),
      ['hidden-character', 'peer-rest-of-line', 'peer-n-indent', 'peer-discard-repeat'],
    );
  });
});
