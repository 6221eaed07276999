// The reveal pacer on a fake clock at 60 frames a second: bursts become a steady flow within the
// lag bounds, a stall does not freeze text already received, even delivery is not paced, the end
// reveals the rest within 300 ms, and Stop reveals everything at once.
import * as assert from 'node:assert/strict';
import { RevealPacer } from '../../../media/chat/pacer';

const FRAME_MS = 1000 / 60;

interface Sample {
  readonly at: number;
  readonly received: number;
  readonly visible: number;
}

/** Plays `arrivals` ([time ms, characters]) into a pacer, one frame every 16.7 ms until `untilMs`. */
function play(arrivals: ReadonlyArray<readonly [number, number]>, untilMs: number, endAt?: number, flushAt?: number): Sample[] {
  const pacer = new RevealPacer();
  const samples: Sample[] = [];
  let received = 0;
  let next = 0;
  for (let at = 0; at <= untilMs; at += FRAME_MS) {
    while (next < arrivals.length && (arrivals[next]?.[0] ?? Infinity) <= at) {
      received += arrivals[next]?.[1] ?? 0;
      pacer.receive(received, arrivals[next]?.[0] ?? at);
      next++;
    }
    if (endAt !== undefined && at >= endAt) pacer.end(endAt);
    if (flushAt !== undefined && at >= flushAt) pacer.flush();
    samples.push({ at, received, visible: pacer.frame(at) });
  }
  return samples;
}

/** Characters revealed by each frame. */
const steps = (s: Sample[]) => s.map((x, i) => x.visible - (s[i - 1]?.visible ?? 0));

/** The longest run of time in which nothing new was shown although text was waiting. */
function longestFreezeMs(s: Sample[]): number {
  let longest = 0;
  let since: number | undefined;
  for (let i = 1; i < s.length; i++) {
    const cur = s[i] as Sample;
    const waiting = (s[i - 1] as Sample).visible < cur.received;
    if (waiting && cur.visible === (s[i - 1] as Sample).visible) since ??= (s[i - 1] as Sample).at;
    else since = undefined;
    if (since !== undefined) longest = Math.max(longest, cur.at - since);
  }
  return longest;
}

/** For each character, how long after it arrived it was shown (ms). */
function waits(arrivals: ReadonlyArray<readonly [number, number]>, s: Sample[]): number[] {
  const out: number[] = [];
  let offset = 0;
  for (const [at, chars] of arrivals) {
    for (let c = offset; c < offset + chars; c++) {
      const shown = s.find((x) => x.visible > c);
      out.push(shown ? shown.at - at : Infinity);
    }
    offset += chars;
  }
  return out;
}

describe('RevealPacer (fake clock, 60 frames/s)', () => {
  const BURSTS: Array<[number, number]> = [[0, 2048], [1000, 2048], [2000, 2048]];

  it('three 2 KB bursts a second apart reveal steadily: no frame shows a burst, nothing stands still', () => {
    const s = play(BURSTS, 3400, 2000);
    const perFrame = steps(s);
    assert.ok(Math.max(...perFrame) < 2048 / 8, `a frame revealed ${Math.max(...perFrame)} characters`);
    // Text keeps flowing between bursts: any pause is a few frames, not the second a burst waits.
    assert.ok(longestFreezeMs(s) <= 3 * FRAME_MS, `froze for ${longestFreezeMs(s).toFixed(0)} ms with text waiting`);
    // Between the bursts most frames show something.
    const moving = s.filter((x, i) => x.at > 0 && x.at < 2000 && perFrame[i] && (perFrame[i] ?? 0) > 0).length;
    assert.ok(moving > 0.6 * (2000 / FRAME_MS), `only ${moving} frames moved in 2 s`);
    assert.equal(s.at(-1)?.visible, 3 * 2048, 'everything is shown at the end');
  });

  it('lag bounds: every character within 1 s of its arrival; never more than a burst waiting', () => {
    const s = play(BURSTS, 3400, 2000);
    assert.ok(Math.max(...waits(BURSTS, s)) <= 1000 + FRAME_MS, `a character waited ${Math.max(...waits(BURSTS, s)).toFixed(0)} ms`);
    for (const [at] of BURSTS) {
      const after = s.find((x) => x.at >= at + 300);
      assert.ok(after && after.received - after.visible <= 2048, `backlog ${after ? after.received - after.visible : '?'} 300 ms after the burst at ${at}`);
    }
  });

  it('a 10 KB lump: the backlog is brought down to the cap within a quarter second, still spread over frames', () => {
    const s = play([[0, 10_000]], 1500);
    const at = s.find((x) => x.at >= 250 + FRAME_MS);
    assert.ok(at && at.received - at.visible <= 2500, `backlog ${at ? at.received - at.visible : '?'} after 250 ms`);
    assert.ok(Math.max(...steps(s)) < 10_000 / 8, `a frame revealed ${Math.max(...steps(s))}`);
  });

  it('a stall after a burst: the buffered text keeps flowing instead of freezing', () => {
    const s = play([[0, 1500]], 2500);
    assert.ok(longestFreezeMs(s) <= 3 * FRAME_MS);
    assert.equal(s.find((x) => x.at >= 1000 + FRAME_MS)?.visible, 1500, 'shown within 1 s although no more text came');
  });

  it('an even slow stream (a word every 50 ms) is not paced: each word is shown in the frame it arrives', () => {
    const arrivals = Array.from({ length: 60 }, (_, i) => [i * 50, 5] as [number, number]);
    const s = play(arrivals, 3100);
    for (const x of s) assert.equal(x.visible, x.received, `at ${x.at.toFixed(0)} ms`);
  });

  it('an even fast stream (130 characters per frame, 2,000 tokens/s) is shown within a frame or two of arriving', () => {
    const arrivals = Array.from({ length: 120 }, (_, i) => [i * FRAME_MS, 130] as [number, number]);
    const s = play(arrivals, 2100);
    const lagging = s.filter((x) => x.received - x.visible > 130);
    assert.ok(lagging.length <= 2, `${lagging.length} frames held back more than one frame's text`);
    const w = waits(arrivals, s);
    assert.ok(Math.max(...w) <= 3 * FRAME_MS + 1, `a character waited ${Math.max(...w).toFixed(1)} ms`);
  });

  it('the end: what is left is shown within 300 ms', () => {
    const s = play([[0, 3000]], 1000, 0);
    const done = s.find((x) => x.visible === 3000);
    assert.ok(done && done.at <= 300 + FRAME_MS, `all shown at ${done?.at.toFixed(0)} ms`);
    // Still not in one lump.
    assert.ok(Math.max(...steps(s)) < 3000 / 4);
  });

  it('Stop (or an error, or scrolling away) shows everything at once', () => {
    const s = play([[0, 2048]], 500, undefined, 100);
    const at = s.find((x) => x.at >= 100);
    assert.equal(at?.visible, 2048);
  });

  it('never shows less than before, nor more than was received', () => {
    const s = play([[0, 10], [30, 900], [400, 3], [1200, 5000]], 2600, 1300);
    for (let i = 0; i < s.length; i++) {
      const x = s[i] as Sample;
      assert.ok(x.visible <= x.received);
      assert.ok(x.visible >= (s[i - 1]?.visible ?? 0));
    }
  });
});
