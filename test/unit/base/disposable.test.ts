import * as assert from 'node:assert/strict';
import { DisposableStore, MutableDisposable, toDisposable } from '../../../src/base/disposable';

/** A disposable that notes in `log` when it is disposed. */
function noting(log: string[], name: string, fail = false) {
  return toDisposable(() => {
    log.push(name);
    if (fail) throw new Error(`${name} failed`);
  });
}

describe('DisposableStore: what one owner holds ends with it', () => {
  it('disposes what it holds once, in the order added', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(noting(log, 'a'));
    store.add(noting(log, 'b'));
    store.dispose();
    store.dispose();
    assert.deepEqual(log, ['a', 'b']);
    assert.equal(store.isDisposed, true);
  });

  it('something added to a disposed store is disposed at once, not leaked', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.dispose();
    const added = store.add(noting(log, 'late'));
    assert.deepEqual(log, ['late']);
    added.dispose();
    assert.deepEqual(log, ['late']);
  });

  it('one that throws does not keep the others alive; the error comes out after all are disposed', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(noting(log, 'a'));
    store.add(noting(log, 'b', true));
    store.add(noting(log, 'c'));
    assert.throws(() => store.dispose(), /b failed/);
    assert.deepEqual(log, ['a', 'b', 'c']);
  });

  it('two that throw come out as one AggregateError', () => {
    const store = new DisposableStore();
    store.add(noting([], 'a', true));
    store.add(noting([], 'b', true));
    assert.throws(() => store.dispose(), (error: unknown) => error instanceof AggregateError && error.errors.length === 2);
  });

  it('addAll holds each, like add', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.addAll(noting(log, 'a'), noting(log, 'b'));
    store.dispose();
    assert.deepEqual(log, ['a', 'b']);
  });

  it('clear() disposes what it holds and stays usable; delete() disposes one', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(noting(log, 'a'));
    store.clear();
    const b = store.add(noting(log, 'b'));
    store.add(noting(log, 'c'));
    store.delete(b);
    assert.deepEqual(log, ['a', 'b']);
    store.dispose();
    assert.deepEqual(log, ['a', 'b', 'c']);
  });
});

describe('MutableDisposable: one value, replaced over time', () => {
  it('setting a new value disposes the one before; setting the same value does not', () => {
    const log: string[] = [];
    const slot = new MutableDisposable();
    const a = noting(log, 'a');
    slot.value = a;
    slot.value = a;
    assert.deepEqual(log, []);
    slot.value = noting(log, 'b');
    assert.deepEqual(log, ['a']);
    slot.clear();
    assert.deepEqual(log, ['a', 'b']);
    assert.equal(slot.value, undefined);
  });

  it('disposing ends the value, and a value set afterwards is disposed at once', () => {
    const log: string[] = [];
    const slot = new MutableDisposable();
    slot.value = noting(log, 'a');
    slot.dispose();
    slot.value = noting(log, 'late');
    assert.deepEqual(log, ['a', 'late']);
    assert.equal(slot.value, undefined);
  });
});
