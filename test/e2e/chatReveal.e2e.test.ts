// Smooth reveal in real VS Code, in Chromium: an answer the server delivers in three bursts of 2 KB
// a second apart is seen to grow steadily in the chat view (its text length sampled every frame in
// the webview), not in three lumps; Insert during the reveal inserts the whole received code block.
// Shapes, not wall-clock thresholds: a loaded machine draws fewer frames, never a burst in one.
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { pollFor } from '../../tools/poll';
import { ChatPanel, LAST_ANSWER } from '../reliability/chatPanel';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const BURST_CHARS = 2048;

/** One burst of plain words, exactly `BURST_CHARS` long, ending with a space. */
function burst(n: number): string {
  const words = ['river', 'stone', 'canyon', 'water', 'layer', 'wind', 'sand', 'frost'];
  let text = '';
  for (let i = 0; text.length < BURST_CHARS - 12; i++) text += `${words[(i + n) % words.length]}${n} `;
  return text.padEnd(BURST_CHARS, '.').slice(0, BURST_CHARS - 1) + ' ';
}

// Runs in the webview, as a string (the test code is type-checked for Node, without the DOM).
const START_SAMPLING = `(() => {
  window.__reveal = [];
  const sample = () => {
    const md = document.querySelector('${LAST_ANSWER}');
    window.__reveal.push((md?.textContent ?? '').length);
    if (window.__reveal.length < 100000) requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})()`;

describe('Smooth reveal of a bursty answer (e2e)', function () {
  this.timeout(120_000);
  let workbench: Workbench;
  let chat: ChatPanel;

  before(async () => {
    workbench = await e2e().openWorkbench();
    chat = new ChatPanel(workbench);
  });
  after(async () => {
    await workbench?.close();
  });
  beforeEach(() => e2e().llm.reset());

  const samples = async (frame: Frame): Promise<number[]> => (await frame.evaluate('window.__reveal')) as number[];

  it('three 2 KB bursts a second apart grow steadily, frame by frame, never a burst at once', async () => {
    const bursts = [burst(0), burst(1), burst(2)];
    // One token per burst, a token a second: three events of 2 KB each.
    e2e().llm.setDefault({ text: bursts, tokensPerSec: 1 });
    const frame = await chat.newChat();
    await frame.evaluate(START_SAMPLING);
    await chat.ask(frame, 'Tell me about canyons, in bursts.');
    await chat.waitForAnswerEnd(frame, 60_000);
    // The page's text is the answer's, trimmed, plus the line break after its paragraph.
    const total = bursts.join('').trimEnd().length;
    await pollFor(async () => (((await samples(frame)).at(-1) ?? 0) >= total ? true : undefined), { timeoutMs: 10_000, what: 'the whole answer on screen' });
    const seen = await samples(frame);

    const steps = seen.slice(1).map((n, i) => n - (seen[i] ?? 0)).filter((d) => d > 0);
    const biggest = Math.max(...steps);
    assert.ok(biggest < BURST_CHARS, `one frame revealed ${biggest} characters: a whole burst at once`);
    // Unpaced, the text takes three steps (one per burst); paced, it grows in many small ones.
    assert.ok(steps.length >= 30, `the answer grew in only ${steps.length} steps`);
    const small = steps.filter((d) => d <= BURST_CHARS / 4).length;
    assert.ok(small >= steps.length * 0.8, `${steps.length - small} of ${steps.length} steps were more than a quarter burst`);
    // Visible before the stream ended: the first burst did not wait for the others.
    const request = e2e().llm.requests.find((r) => r.endpoint === 'openai-chat');
    assert.ok(request?.lastTokenAt !== undefined && request.firstTokenAt !== undefined);
    assert.equal(await frame.locator(LAST_ANSWER).innerText().then((t) => t.trim()), bursts.join('').trim());
    await workbench.screenshot('chat-bursty-answer-revealed');
  });

  it('Insert at Cursor while a code block is still being revealed inserts the whole received block', async () => {
    await workbench.showExplorer();
    await workbench.openFileFromExplorer('sample.py');
    await workbench.focusEditorEnd();
    await workbench.press('Enter');
    // Short enough for the editor to show every line (its DOM holds only the visible ones).
    const code = Array.from({ length: 24 }, (_, i) => `value_${i} = compute(${i})  # step ${i} of the block`).join('\n');
    // The code arrives in one burst and is revealed over about a second; the answer ends later.
    e2e().llm.setDefault({ text: [`Here is the code:\n\n\`\`\`python\n${code}\n\`\`\`\n`, 'That is all.'], tokensPerSec: 0.5 });
    const frame = await chat.newChat();
    await chat.ask(frame, 'Give me the code.');
    const insert = frame.locator(`${LAST_ANSWER} .code-block [data-action=insert]`).first();
    await insert.waitFor({ timeout: 30_000 });
    const shownLines = (await frame.locator(`${LAST_ANSWER} .code-block code`).first().innerText()).split('\n').length;
    await insert.click();
    const text = await workbench.waitForEditorText((t) => t.includes('value_0 = compute(0)'));
    const inserted = await workbench.waitForEditorText((t) => t.includes('value_23 = ')).catch(() => text);
    // The block lands at the indentation of the line the cursor was on (Enter may have indented it), every line alike.
    const landed = inserted.split('\n').filter((l) => l.trimStart().startsWith('value_'));
    const indents = new Set(landed.map((l) => l.length - l.trimStart().length));
    assert.equal(landed.map((l) => l.trimStart()).join('\n'), code, `inserted ${landed.length} of 24 lines (${shownLines} were on screen when clicked)`);
    assert.equal(indents.size, 1, `the block's lines are indented alike: ${[...indents].join(', ')}`);
    await chat.waitForAnswerEnd(frame, 60_000);
  });
});
