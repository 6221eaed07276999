import * as assert from 'node:assert/strict';
import type { Disposable } from '../../../src/base/disposable';
import { Emitter } from '../../../src/base/event';
import { reportUnexpectedError, setUnexpectedErrorHandler } from '../../../src/base/unexpectedError';

describe('Emitter: events that one broken listener cannot silence', () => {
  it('a listener that throws is reported, and the listeners after it still hear the event', () => {
    const reported: unknown[] = [];
    const emitter = new Emitter<number>({ onListenerError: (error) => reported.push(error) });
    const heard: string[] = [];
    emitter.event((n) => heard.push(`first ${n}`));
    emitter.event(() => {
      throw new Error('broken listener');
    });
    emitter.event((n) => heard.push(`third ${n}`));

    emitter.fire(1);

    assert.deepEqual(heard, ['first 1', 'third 1']);
    assert.deepEqual(reported.map((e) => (e as Error).message), ['broken listener']);
  });

  it('without a handler of its own, the error goes to the unexpected-error handler, not to whoever fired', () => {
    const reported: unknown[] = [];
    const handler = setUnexpectedErrorHandler((error) => reported.push(error));
    try {
      const emitter = new Emitter<void>();
      emitter.event(() => {
        throw new Error('thrown in a listener');
      });
      assert.doesNotThrow(() => emitter.fire());
      assert.deepEqual(reported.map((e) => (e as Error).message), ['thrown in a listener']);
    } finally {
      handler.dispose();
    }
  });

  it('a handler that throws itself is swallowed: reporting never throws', () => {
    const handler = setUnexpectedErrorHandler(() => {
      throw new Error('the handler broke');
    });
    try {
      assert.doesNotThrow(() => reportUnexpectedError(new Error('x')));
    } finally {
      handler.dispose();
    }
  });

  it('a disposed emitter refuses new listeners and fires to nobody', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    emitter.event((n) => heard.push(n));
    emitter.dispose();
    const late = emitter.event((n) => heard.push(n * 10));
    emitter.fire(2);
    assert.deepEqual(heard, []);
    assert.equal(emitter.hasListeners, false);
    late.dispose(); // harmless
  });

  it('disposing a subscription removes that subscription only, even for the same function subscribed twice', () => {
    const emitter = new Emitter<number>();
    const heard: number[] = [];
    const listener = (n: number) => heard.push(n);
    const first = emitter.event(listener);
    emitter.event(listener);
    first.dispose();
    first.dispose();
    emitter.fire(3);
    assert.deepEqual(heard, [3]);
  });

  it('a listener may unsubscribe another while the event is delivered; this delivery still reaches it', () => {
    const emitter = new Emitter<number>();
    const heard: string[] = [];
    let second: Disposable = { dispose: () => undefined };
    emitter.event(() => second.dispose());
    second = emitter.event((n) => heard.push(`second ${n}`));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(heard, ['second 1']);
  });
});
