import assert from 'node:assert/strict';
import { pipe, ruleStage, textProgress } from '../../../src/completion/postprocess/pipeline';
import { singleLine } from '../../../src/completion/postprocess/singleLine';
import type { StreamEvent } from '../../../src/llm/types';
import { doc } from './helpers/fixture';
import { ruleContext } from './helpers/ruleFixtures';

describe('post-processing stages over a stream', () => {
  it('a stage that stops aborts the model request and releases the stream', async () => {
    const controller = new AbortController();
    let released = false;
    let produced = 0;
    async function* model(): AsyncGenerator<StreamEvent> {
      try {
        for (const text of ['a, ', 'b', ')', '\n', 'next();', '\n', 'more();']) {
          if (controller.signal.aborted) return;
          produced++;
          yield { type: 'text', text };
        }
        yield { type: 'end', finishReason: 'stop' };
      } finally {
        released = true;
      }
    }
    const observer = { onText() {}, onUsage() {}, onEnd() {} };
    const stages = [ruleStage(singleLine, ruleContext(doc('sum(█)\n')))];
    const seen: string[] = [];
    for await (const progress of pipe(textProgress(model(), controller, observer), stages)) {
      seen.push(progress.text);
      if (progress.done) {
        assert.equal(progress.stoppedBy, 'single-line');
        break;
      }
    }
    assert.deepEqual(seen, ['a, ', 'a, b', 'a, b)', 'a, b)']);
    assert.equal(controller.signal.aborted, true, 'the request was aborted');
    assert.equal(produced, 4, 'nothing was read after the stop');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(released, true);
  });

  it('CRLF from the model becomes LF', async () => {
    async function* model(): AsyncGenerator<StreamEvent> {
      yield { type: 'text', text: 'a\r\nb' };
      yield { type: 'end', finishReason: 'stop' };
    }
    const texts: string[] = [];
    for await (const p of textProgress(model(), new AbortController(), { onText() {}, onUsage() {}, onEnd() {} })) texts.push(p.text);
    assert.deepEqual(texts, ['a\nb', 'a\nb']);
  });
});
