import assert from 'node:assert/strict';
import { doc, typed } from './helpers/fixture';
import { EngineHarness } from './helpers/harness';

const FAST = { ttftMs: 300, msPerToken: 20 };
const AT = doc('function add(a, b) {█\n');
const BLOCK = '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n}\n';

describe('completion engine: its spine', () => {
  it('a listener that throws is reported, never taken for a model error (no error status, no pause, no unhandled rejection)', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
      h.engine.onDidGrow(() => {
        throw new Error('a buggy growth listener');
      });
      await h.answer(AT);
      await h.drain();
      await new Promise((resolve) => setImmediate(resolve));
      const [record] = h.engine.log.all();
      assert.equal(record.outcome, 'stopped', 'the stream ran to its block\'s end');
      assert.equal(record.errorKind, undefined);
      assert.notEqual(h.engine.currentStatus().state, 'error');
      assert.equal(h.engine.currentStatus().pausedUntil, undefined, 'no pause after a listener failed');
      assert.deepEqual(rejections, []);
      // Completion goes on: the next state still asks at once.
      const next = await h.answer(typed(AT, '\n  const sum = a + b;\n  const twice = sum * 2;\n  return twice;\n}\n\nfunction'), 'explicit');
      assert.equal(h.requests.length, 2);
      void next;
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('new text is judged against the typing before the screen hears of it: no growth announced for text the user already contradicted', async () => {
    const h = new EngineHarness(() => ({ ...FAST, text: BLOCK }));
    const first = await h.answer(AT);
    assert.ok(first);
    const grows = h.grows;
    // The user typed on, differently, while the next line was on its way: the state the screen
    // showed is gone, and the stream is closed when its next text arrives, before any growth.
    h.key(typed(AT, '\n  let'));
    await h.drain();
    assert.equal(h.grows, grows);
    assert.equal(h.engine.log.all()[0].abortReason, 'diverged');
  });
});
