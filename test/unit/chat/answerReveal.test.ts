// The answer's reveal on a fake clock: a streamed burst is handed to the renderer a little per
// frame, at word boundaries; text is handed at once when pacing is off or everything is revealed;
// code blocks are read from everything received, not from what is shown.
import * as assert from 'node:assert/strict';
import { AnswerReveal } from '../../../media/chat/answerReveal';

function reveal(paced = true) {
  let now = 0;
  const r = new AnswerReveal(() => paced, () => now);
  const frames = (n: number, maxChars = 3000): string[] => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      now += 1000 / 60;
      out.push(r.next(maxChars));
    }
    return out;
  };
  return { r, frames };
}

const BURST = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');

describe('AnswerReveal', () => {
  it('a burst is handed over many frames, each ending at a word boundary', () => {
    const { r, frames } = reveal();
    r.receive(BURST);
    const slices = frames(90).filter((s) => s.length > 0);
    assert.ok(slices.length > 20, `only ${slices.length} frames`);
    let shown = '';
    for (const s of slices) {
      shown += s;
      if (shown.length < BURST.length) assert.match(shown, /\s$/, `stopped mid-word: …${shown.slice(-12)}`);
    }
    assert.equal(shown, BURST);
    assert.equal(r.pending, false);
  });

  it('with pacing off, or after revealAll, the whole text in the next frame', () => {
    const off = reveal(false);
    off.r.receive(BURST);
    assert.equal(off.frames(1)[0], BURST);
    const all = reveal();
    all.r.receive(BURST);
    all.frames(2);
    all.r.revealAll();
    assert.equal(all.r.next(1_000_000).length + 0 > 0, true);
    assert.equal(all.r.pending, false);
  });

  it('the per-frame cap still applies to what is revealed at once', () => {
    const { r, frames } = reveal(false);
    r.receive('x '.repeat(5000));
    assert.equal(frames(1, 3000)[0]?.length, 3000);
    assert.ok(r.pending);
  });

  it('Copy and Insert see the whole received code block while it is still being revealed', () => {
    const { r, frames } = reveal();
    const code = Array.from({ length: 60 }, (_, i) => `const v${i} = ${i};`).join('\n');
    r.receive(`Intro words here.\n\n- item\n\n  \`\`\`ts\n  nested\n  \`\`\`\n\n\`\`\`ts\n${code}\n\`\`\`\n`);
    frames(2);
    assert.ok(r.pending, 'not all shown yet');
    assert.equal(r.codeBlock(0), 'nested');
    assert.equal(r.codeBlock(1), code);
    assert.equal(r.codeBlock(2), undefined);
  });
});
