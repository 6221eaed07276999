// Generate's progress notification says a Retry-After wait counted down, once a second, not the
// same "asking again in 6 s…" for 6 s.
import * as assert from 'node:assert/strict';
import { RetryCountdown } from '../../../src/chat/retryCountdown';
import { FakeClock } from '../helpers/fakeClock';

function countdown() {
  const clock = new FakeClock();
  const said: string[] = [];
  const firsts: string[] = [];
  const c = new RetryCountdown(clock, (note, first) => {
    said.push(note);
    if (first) firsts.push(note);
  });
  return { clock, said, firsts, c };
}

describe('RetryCountdown: a wait said once a second', () => {
  it('a 6 s Retry-After counts down to the request going out again', async () => {
    const { clock, said, firsts, c } = countdown();
    c.start('rate-limited', 6000);
    // Each tick lands just past a whole second left (a millisecond later).
    await clock.advance(6001);
    const why = 'The server is rate limiting requests; asking again';
    assert.deepEqual(said, [6, 5, 4, 3, 2, 1].map((s) => `${why} in ${s} s…`).concat(`${why}…`));
    assert.deepEqual(firsts, [`${why} in 6 s…`], 'the wait is news once (the log says it once)');
    assert.equal(clock.pendingTimers, 0);
  });

  it('a wait of a fraction of a second more ticks at the whole seconds', async () => {
    const { clock, said, c } = countdown();
    c.start('overloaded', 2500);
    await clock.advance(400);
    assert.deepEqual(said, ['The server is overloaded; asking again in 3 s…']);
    await clock.advance(101);
    assert.deepEqual(said.at(-1), 'The server is overloaded; asking again in 2 s…');
  });

  it('stopped when text comes: nothing more is said', async () => {
    const { clock, said, c } = countdown();
    c.start('rate-limited', 15_000);
    await clock.advance(2001);
    c.stop();
    await clock.advance(20_000);
    assert.equal(said.length, 3);
    assert.equal(clock.pendingTimers, 0);
  });

  it('a short backoff is no news', async () => {
    const { clock, said, c } = countdown();
    c.start('network', 500);
    await clock.advance(1000);
    assert.deepEqual(said, []);
  });
});
