// The chat page in Chromium, driven as the host drives it: the real bundle and CSP, host
// messages delivered in order, clicks and keys from a user. Run:
// `npx mocha --no-config -r tsx/cjs --extension ts --timeout 60000 test/e2e/chatWebview.e2e.test.ts`
// (also part of `npm run test:e2e`, where it needs none of the VS Code environment).
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { ChatViewState, TurnView } from '../../src/protocol/chat';
import { pollFor } from '../../tools/poll';
import { chatPageForEachTest } from './chatPageHooks';

function turn(over: Partial<TurnView> = {}): TurnView {
  return { id: 't1', question: 'Explain it', context: [], answer: '', status: 'streaming', truncated: false, model: 'm1', ...over };
}

function state(turns: TurnView[], over: Partial<ChatViewState> = {}): ChatViewState {
  return {
    conversationId: 'c1',
    title: 'Test',
    turns,
    streaming: turns.some((t) => t.status === 'streaming'),
    attachments: [],
    model: 'm1',
    models: ['m1', 'm2'],
    ...over,
  };
}

describe('chat webview in Chromium', function () {
  this.timeout(60_000);
  const chat = chatPageForEachTest();

  const answer = (id = 't1') => chat().page.locator(`[data-turn-id="${id}"] .answer .markdown`);
  const posted = async (type: string) => (await chat().posted()).filter((m) => m.type === type);

  async function stream(text: string, offset: number): Promise<void> {
    await chat().deliver({ type: 'append', conversationId: 'c1', turnId: 't1', offset, text });
    await chat().nextFrames();
  }

  it('says ready on load, then shows tokens as they stream, with a responding state', async () => {
    assert.equal((await posted('ready')).length, 1);
    await chat().deliver({ type: 'snapshot', state: state([turn()]) });
    await stream('Hello', 0);
    assert.equal((await answer().innerText()).trim(), 'Hello');
    await stream(' **world**', 5);
    assert.equal((await answer().innerText()).trim(), 'Hello world');
    assert.equal(await answer().locator('strong').innerText(), 'world');
    assert.equal(await chat().page.locator('.answer').getAttribute('aria-busy'), 'true');
    assert.ok(await chat().page.getByText('Responding…').isVisible());
    assert.ok(await chat().page.locator('[data-action=stop]').isVisible());
    assert.ok(await chat().page.locator('[data-action=send]').isHidden());
  });

  it('an answer being continued after a drop says so in place of Responding…', async () => {
    const note = 'The connection was lost; continuing the answer from where it was cut off…';
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'Rivers carve', progress: note })]) });
    await chat().nextFrames();
    assert.ok(await chat().page.getByText(note).isVisible());
    assert.equal(await chat().page.getByText('Responding…').count(), 0);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'Rivers carve canyons' })]) });
    await chat().nextFrames();
    assert.ok(await chat().page.getByText('Responding…').isVisible());
    assert.equal(await chat().page.getByText(note).count(), 0);
  });

  it('a new question is scrolled into view even when the reader had scrolled up', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n');
    const first = turn({ answer: long, status: 'done' });
    await chat().deliver({ type: 'snapshot', state: state([first]) });
    await chat().nextFrames(3);
    const transcript = chat().page.locator('main.transcript');
    await readerScrollsUp(transcript);
    await chat().deliver({ type: 'snapshot', state: state([first, turn({ id: 't2', question: 'And then?' })]) });
    await chat().nextFrames(3);
    const question = chat().page.locator('[data-turn-id="t2"]');
    assert.ok(await question.isVisible());
    const [box, view] = await Promise.all([question.boundingBox(), transcript.boundingBox()]);
    assert.ok(box && view && box.y >= view.y && box.y + box.height <= view.y + view.height + 1, `the new turn is out of view: ${JSON.stringify({ box, view })}`);
  });

  it('while an answer streams, a reader who scrolls up keeps their place; scrolling back to the end follows again', async () => {
    const first = turn({ answer: Array.from({ length: 40 }, (_, i) => `Line ${i} of the answer so far.`).join('\n\n'), status: 'streaming' });
    let offset = first.answer.length;
    await chat().deliver({ type: 'snapshot', state: state([first]) });
    await chat().page.getByText('Line 39 of the answer so far.').waitFor({ timeout: 10_000 });
    await chat().nextFrames(3);
    const transcript = chat().page.locator('main.transcript');
    const gap = () => transcript.evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight);
    assert.ok((await gap()) < 40, 'the view followed the answer');
    const grow = async (from: number, to: number): Promise<void> => {
      for (let i = from; i < to; i++) {
        const piece = `\n\nMore ${i} of the answer.`;
        await chat().deliver({ type: 'append', conversationId: 'c1', turnId: 't1', offset, text: piece });
        offset += piece.length;
        await chat().nextFrames();
      }
      await chat().page.getByText(`More ${to - 1} of the answer.`).waitFor({ timeout: 10_000 });
      await chat().nextFrames(3);
    };
    await readerScrollsUp(transcript);
    const held = await transcript.evaluate((e) => e.scrollTop);
    await grow(0, 15);
    assert.equal(await transcript.evaluate((e) => e.scrollTop), held, 'the reader\'s place is kept while the answer grows');
    assert.ok((await gap()) > 200);
    // Back to the end with the wheel: the view follows again.
    const box = await transcript.boundingBox();
    await chat().page.mouse.move((box?.x ?? 0) + 50, (box?.y ?? 0) + 50);
    await chat().page.mouse.wheel(0, 100_000);
    await pollFor(async () => ((await gap()) < 40 ? true : undefined), { timeoutMs: 5000, what: 'the wheel to reach the end' });
    await grow(15, 30);
    assert.ok((await gap()) < 40, `the view follows again: ${await gap()} px below`);
  });

  it('in a conversation of several turns the view follows a new question and its whole streaming answer', async () => {
    // Earlier answers with tables, code and many paragraphs: off-screen, their chunks and turns are
    // laid out lazily (content-visibility), so the page's height changes under the scroll position.
    const table = '| Provider | Endpoint | Context |\n|---|---|---|\n' + Array.from({ length: 8 }, (_, i) => `| Provider${i} | https://example.test/v${i} | ${i}28000 |`).join('\n');
    const code = '```ts\n' + Array.from({ length: 20 }, (_, i) => `const value${i} = compute(${i});`).join('\n') + '\n```';
    const earlier = [1, 2, 3].map((n) => turn({ id: `t${n}`, question: `Question ${n}`, answer: `Answer ${n}.\n\n${table}\n\n${code}\n\n` + Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of answer ${n}, long enough to wrap over a couple of lines in a narrow side bar.`).join('\n\n'), status: 'done' }));
    await chat().deliver({ type: 'snapshot', state: state(earlier) });
    await chat().nextFrames(3);
    const transcript = chat().page.locator('main.transcript');
    const last = turn({ id: 't4', question: 'And the fourth?' });
    await chat().deliver({ type: 'snapshot', state: state([...earlier, last]) });
    await chat().nextFrames(3);
    const gap = () => transcript.evaluate((e) => e.scrollHeight - e.scrollTop - e.clientHeight);
    assert.ok((await gap()) < 40, `the new question is at the bottom of the view: ${await gap()} px below`);
    let offset = 0;
    for (let i = 0; i < 40; i++) {
      const piece = `Sentence ${i} of the fourth answer, which keeps growing below the fold. ${i % 4 === 3 ? '\n\n' : ''}`;
      await chat().deliver({ type: 'append', conversationId: 'c1', turnId: 't4', offset, text: piece });
      offset += piece.length;
      await chat().nextFrames();
    }
    // Streamed text is paced: wait until all of it is shown, then the view must be at its end.
    await chat().page.getByText('Sentence 39 of the fourth answer').waitFor({ timeout: 10_000 });
    await chat().nextFrames(3);
    assert.ok((await gap()) < 40, `the view followed the answer to its end: ${await gap()} px below`);
  });

  it('a table in a narrow side bar keeps its words whole and scrolls sideways on its own', async () => {
    await chat().page.setViewportSize({ width: 300, height: 720 });
    const rows = ['| Provider | Endpoint | Streaming | Context |', '|---|---|---|---|', ...['OpenAI', 'Anthropic', 'llama.cpp'].map((p) => `| ${p} | https://api.example.test/v1/chat/completions | yes | 128000 |`)];
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: `Compared:\n\n${rows.join('\n')}\n\nThat is all.`, status: 'done' })]) });
    await chat().nextFrames(3);
    const table = chat().page.locator('.markdown table');
    // A cell of one word is one line box (a long URL may wrap inside its cell's width).
    const broken = (await table.evaluate(`[...document.querySelectorAll('.markdown table :is(th, td)')].filter((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const text = cell.textContent.trim();
      return !/\\s/.test(text) && text.length <= 16 && range.getClientRects().length > 1;
    }).map((cell) => cell.textContent)`)) as string[];
    assert.deepEqual(broken, [], 'no word is broken across lines');
    const sizes = (await chat().page.evaluate(`(() => { const t = document.querySelector('.markdown table'), d = document.documentElement; return { table: [t.scrollWidth, t.clientWidth], page: [d.scrollWidth, d.clientWidth] }; })()`)) as { table: number[]; page: number[] };
    assert.ok(sizes.table[0] > sizes.table[1], `the table scrolls sideways: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.page[0] <= sizes.page[1], `the page does not: ${JSON.stringify(sizes)}`);
    const transcriptWidth = await chat().page.locator('main.transcript').evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(transcriptWidth[0] <= transcriptWidth[1], `nor the transcript: ${JSON.stringify(transcriptWidth)}`);
  });

  it('an answer refused for its key offers Set API Key first, then Retry; out of quota or no default server, Choose Provider first; other errors Retry only', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn({ status: 'error', error: { kind: 'auth', message: 'No API key for Anthropic. Set one with "Rill: Set API Key…".', remedy: 'setApiKey' } })]) });
    await chat().nextFrames();
    assert.deepEqual(await chat().page.locator('[data-turn-id="t1"] [data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action'))), ['setApiKey', 'retry']);
    await chat().page.locator('[data-action=setApiKey]').click();
    assert.deepEqual(await posted('setApiKey'), [{ type: 'setApiKey' }]);
    // Out of quota: another provider is the fix offered first, and Retry is not the main action.
    await chat().deliver({ type: 'snapshot', state: state([turn({ status: 'error', error: { kind: 'quota', message: 'OpenAI refused the request: the account\'s quota is used up.', remedy: 'chooseProvider' } })]) });
    await chat().nextFrames();
    assert.deepEqual(await chat().page.locator('[data-turn-id="t1"] [data-action]').evaluateAll((bs) => bs.map((b) => `${b.getAttribute('data-action')}${b.classList.contains('primary') ? '*' : ''}`)), ['chooseProvider*', 'retry']);
    await chat().page.locator('[data-action=chooseProvider]').click();
    assert.deepEqual(await posted('chooseProvider'), [{ type: 'chooseProvider' }]);
    // Nothing runs at Rill's default (Ollama) URL: the message names Choose Provider, and so does a button.
    await chat().deliver({ type: 'snapshot', state: state([turn({ status: 'error', error: { kind: 'network', message: "Could not complete the request to http://127.0.0.1:11434/v1: connection refused. Rill's default server is Ollama (port 11434) on this machine, and none is running there: start it, or pick another provider with \"Rill: Choose Provider…\".", remedy: 'chooseProvider' } })]) });
    await chat().nextFrames();
    assert.deepEqual(await chat().page.locator('[data-turn-id="t1"] [data-action]').evaluateAll((bs) => bs.map((b) => `${b.getAttribute('data-action')}${b.classList.contains('primary') ? '*' : ''}`)), ['chooseProvider*', 'retry']);
    await chat().deliver({ type: 'snapshot', state: state([turn({ status: 'error', error: { kind: 'network', message: 'Could not connect.' } })]) });
    await chat().nextFrames();
    assert.deepEqual(await chat().page.locator('[data-turn-id="t1"] [data-action]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-action'))), ['retry']);
  });

  it('Stop and Esc ask the host to stop; a stopped answer keeps its text', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'Partial' })]) });
    await chat().page.locator('[data-action=stop]').click();
    await chat().page.keyboard.press('Escape');
    assert.equal((await posted('stop')).length, 2);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'Partial', status: 'stopped' })]) });
    await chat().nextFrames();
    assert.equal((await answer().innerText()).trim(), 'Partial');
    assert.ok(await chat().page.getByText('Stopped', { exact: true }).isVisible());
    assert.ok(await chat().page.locator('[data-action=send]').isVisible());
  });

  it('finished blocks stay in the DOM while only the open block is redrawn', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn()]) });
    let offset = 0;
    for (const piece of ['First paragraph.\n\nSecond', ' paragraph\n', '\nThird paragraph grows', ' and grows.\n\nFourth']) {
      await stream(piece, offset);
      offset += piece.length;
      if (offset === 35) {
        // Streamed text is paced: the finished first paragraph may take more than the next frames.
        await chat().page.locator('.md-chunk p').first().waitFor({ timeout: 5000 });
        await chat().page.evaluate(`document.querySelector('.md-chunk p').dataset.mark = 'kept'`);
      }
    }
    const open = chat().page.locator('.md-open p');
    await pollFor(async () => ((await open.allInnerTexts()).join('|') === 'Third paragraph grows and grows.|Fourth' ? true : undefined), {
      timeoutMs: 5000,
      what: 'the whole streamed text to be revealed',
    }).catch(() => undefined); // the assertion below says what was shown
    const first = chat().page.locator('.md-chunk p').first();
    assert.equal(await first.getAttribute('data-mark'), 'kept', 'the same element, not a redrawn copy');
    assert.equal(await first.innerText(), 'First paragraph.');
    assert.deepEqual(await chat().page.locator('.md-chunk p').allInnerTexts(), ['First paragraph.', 'Second paragraph']);
    // "Fourth" might still become a continuation of the block before it, so both stay open.
    assert.deepEqual(await chat().page.locator('.md-open p').allInnerTexts(), ['Third paragraph grows and grows.', 'Fourth']);
    assert.equal((await posted('ready')).length, 1, 'no resync was needed');
  });

  it('a new turn goes below the earlier ones, which keep their DOM; another conversation replaces them', async () => {
    const first = turn({ id: 't1', answer: 'One.', status: 'done' });
    await chat().deliver({ type: 'snapshot', state: state([first]) });
    await chat().nextFrames();
    await chat().page.evaluate(`document.querySelector('[data-turn-id="t1"]').dataset.mark = 'kept'`);
    await chat().deliver({ type: 'snapshot', state: state([first, turn({ id: 't2', question: 'Second?', answer: 'Two.' })]) });
    await chat().nextFrames();
    const ids = await chat().page.locator('.turn').evaluateAll((turns) => turns.map((t) => t.getAttribute('data-turn-id')));
    assert.deepEqual(ids, ['t1', 't2']);
    assert.equal(await chat().page.locator('[data-turn-id="t1"]').getAttribute('data-mark'), 'kept');
    await chat().deliver({ type: 'snapshot', state: state([turn({ id: 't9', answer: 'Other.', status: 'done' })], { conversationId: 'c2' }) });
    await chat().nextFrames();
    assert.deepEqual(await chat().page.locator('.turn').evaluateAll((turns) => turns.map((t) => t.getAttribute('data-turn-id'))), ['t9']);
  });

  it('an unfinished code block renders as highlighted code while it streams', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn()]) });
    const text = 'Here:\n\n```ts\nconst answer: number = 42;\nfunction f() {';
    await stream(text, 0);
    const code = chat().page.locator('.md-open .code-block code');
    // Streamed text is paced: it appears over the next frames, not necessarily in the first.
    const shown = 'const answer: number = 42;\nfunction f() {';
    await pollFor(async () => ((await code.innerText().catch(() => '')) === shown ? true : undefined), { timeoutMs: 5000, what: 'the code block' });
    assert.ok((await code.locator('.hljs-keyword').count()) > 0, 'highlighted');
    assert.equal(await chat().page.locator('.md-open .code-block').getAttribute('data-lang'), 'ts');
  });

  it('code block buttons send the code to the host: copy, insert at cursor, new file', async () => {
    const code = 'print("hi")\nprint(1 < 2)';
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: `Try:\n\n\`\`\`python\n${code}\n\`\`\`\n`, status: 'done' })]) });
    await chat().nextFrames();
    await chat().page.getByRole('button', { name: 'Copy code' }).click();
    await chat().page.getByRole('button', { name: 'Insert code at cursor' }).click();
    await chat().page.getByRole('button', { name: 'Open code in a new file' }).click();
    assert.deepEqual(await posted('copyCode'), [{ type: 'copyCode', code }]);
    assert.deepEqual(await posted('insertCode'), [{ type: 'insertCode', code }]);
    assert.deepEqual(await posted('newFile'), [{ type: 'newFile', code, language: 'python' }]);
  });

  it('a gap in the appended text makes the page ask for a snapshot, once', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'abc' })]) });
    await stream('def', 10);
    await stream('ghi', 13);
    assert.equal((await posted('ready')).length, 2);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'abc-the-rest' })]) });
    await stream('!', 12);
    assert.equal((await answer().innerText()).trim(), 'abc-the-rest!');
  });

  it('a page loaded mid-stream catches up from the snapshot and continues with appends', async () => {
    // What a hidden-then-shown view does: a new page, `ready`, a snapshot of the text so far.
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'Streamed while hidden. ' })]) });
    await stream('And after.', 23);
    assert.equal((await answer().innerText()).trim(), 'Streamed while hidden. And after.');
  });

  it('a long answer arriving whole (reopened, reloaded) is drawn over several frames, completely', async () => {
    const paragraphs = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} with \`code ${i}\`.`);
    const snapshot = { type: 'snapshot', state: state([turn({ answer: paragraphs.join('\n\n'), status: 'done' })]) };
    // Delivered and counted inside the page, so that the count is taken right after one frame.
    const early = await chat().page.evaluate(`(async () => {
      window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(snapshot)} }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return document.querySelectorAll('.markdown p').length;
    })()`);
    assert.ok(typeof early === 'number' && early > 0 && early < 3000, `drawn in parts (${String(early)} paragraphs after the first frame)`);
    const paragraphsDrawn = chat().page.locator('.markdown p');
    await pollFor(async () => ((await paragraphsDrawn.count()) === 3000 ? true : undefined), { timeoutMs: 20_000, what: 'all paragraphs' });
    assert.equal(await paragraphsDrawn.last().textContent(), 'Paragraph 2999 with code 2999.');
  });

  it('a failed answer keeps its text and shows the error with Retry', async () => {
    const error = { kind: 'network', message: 'The connection to the chat server was lost.' };
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'Half an answer', status: 'error', error })]) });
    await chat().nextFrames();
    assert.equal((await answer().innerText()).trim(), 'Half an answer');
    assert.equal(await chat().page.getByRole('alert').textContent(), `Error: ${error.message}`);
    await chat().page.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await posted('regenerate'), [{ type: 'regenerate', turnId: 't1' }]);
  });

  it('an answer cut mid code span (a reload) draws the span as code, with no stray backtick; Continue goes on from the exact text', async () => {
    // The demo's answer saved 2.5 s in, when the window reloaded.
    const cut = 'Set the key with OPENAI_API_KEY, `ANTHROPIC_API_KEY';
    const error = { kind: 'interrupted', message: 'The answer was cut off when the window closed or reloaded.' };
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: cut, status: 'error', error, continuable: true })]) });
    await chat().nextFrames();
    assert.equal((await answer().innerText()).trim(), 'Set the key with OPENAI_API_KEY, ANTHROPIC_API_KEY');
    assert.deepEqual(await answer().locator('code').allTextContents(), ['ANTHROPIC_API_KEY']);

    await chat().page.getByRole('button', { name: 'Continue the answer from where it was cut off' }).click();
    assert.deepEqual(await posted('continue'), [{ type: 'continue', turnId: 't1' }]);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: cut, continued: true })]) });
    await stream('` (or a stored key).', cut.length);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: `${cut}\` (or a stored key).`, status: 'done', continued: true })]) });
    await chat().nextFrames(3);
    assert.equal((await answer().innerText()).trim(), 'Set the key with OPENAI_API_KEY, ANTHROPIC_API_KEY (or a stored key).');
    assert.deepEqual(await answer().locator('code').allTextContents(), ['ANTHROPIC_API_KEY']);
  });

  it('an answer stopped while a link arrived shows the link\'s text, no raw markdown; Continue goes on from the exact text', async () => {
    const cut = 'Here is a summary with **bold**, a [link to docs](https://example.com/do';
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: cut, status: 'stopped', continuable: true })]) });
    await chat().nextFrames();
    assert.equal((await answer().innerText()).trim(), 'Here is a summary with bold, a link to docs');
    assert.equal(await answer().locator('[data-href]').count(), 0, 'no link to half an address');
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: cut, continued: true })]) });
    await stream('cs) and more.', cut.length);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: `${cut}cs) and more.`, status: 'done', continued: true })]) });
    await chat().nextFrames(3);
    assert.equal((await answer().innerText()).trim(), 'Here is a summary with bold, a link to docs and more.');
    assert.equal(await answer().locator('[data-href]').getAttribute('data-href'), 'https://example.com/docs');
  });

  it('a stopped answer cut inside a code fence shows its code, and its backticks as code', async () => {
    const cut = 'Like this:\n\n```ts\nconst s = `ANTHROPIC';
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: cut, status: 'stopped' })]) });
    await chat().nextFrames();
    assert.equal((await answer().locator('pre code').textContent())?.trimEnd(), 'const s = `ANTHROPIC');
  });

  it('a wait before the request is asked again counts down, once a second, until text comes', async () => {
    const why = 'The server is rate limiting requests';
    await chat().deliver({ type: 'snapshot', state: state([turn({ progress: `${why}; asking again in 3 s…`, retrying: { why, inMs: 3000 } })]) });
    await chat().nextFrames();
    const note = chat().page.locator('.answer-status');
    let last = '';
    const says = (text: string) =>
      pollFor(
        async () => {
          last = (await note.innerText()).trim();
          return last === `${why}; ${text}` ? true : undefined;
        },
        { timeoutMs: 20_000, what: `the note to say "${text}"` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}; it says "${last}"`);
      });
    await says('asking again in 3 s…');
    await says('asking again in 2 s…');
    await says('asking again in 1 s…');
    await says('asking again…');
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'The Cart' })]) });
    await chat().nextFrames();
    assert.ok(await chat().page.getByText('Responding…').isVisible());
  });

  it('a Retry-After too long to wait out: Retry is disabled and says why, the wait counts down, then Retry is offered', async () => {
    const error = { kind: 'rate-limited', message: 'The chat server is rate limiting requests (HTTP 429).', retryInMs: 3000 };
    await chat().deliver({ type: 'snapshot', state: state([turn({ status: 'error', error })]) });
    await chat().nextFrames();
    const retry = chat().page.locator('[data-action=retry]');
    assert.equal(await retry.isDisabled(), true, 'Retry is offered while the server refuses it');
    assert.match((await retry.getAttribute('aria-label')) ?? '', /server asked to wait before asking again: Retry in [1-3] s/);
    assert.match((await retry.getAttribute('title')) ?? '', /Retry in [1-3] s/);
    const wait = chat().page.locator('.retry-wait');
    await pollFor(async () => ((await wait.innerText()) === 'Retry in 2 s.' ? true : undefined), { timeoutMs: 20_000, what: 'the wait to count down' });
    await pollFor(async () => ((await retry.isEnabled()) ? true : undefined), { timeoutMs: 20_000, what: 'Retry to be enabled' });
    assert.equal(await wait.isHidden(), true);
    assert.equal(await chat().page.getByRole('alert').textContent(), `Error: ${error.message}`, 'the alert is drawn once, not each second');
    await chat().page.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await posted('regenerate'), [{ type: 'regenerate', turnId: 't1' }]);
  });

  it('Enter sends, Shift+Enter makes a new line', async () => {
    await chat().deliver({ type: 'snapshot', state: state([]) });
    const box = chat().page.getByRole('textbox', { name: 'Question for Rill' });
    await box.click();
    await chat().page.keyboard.type('line one');
    await chat().page.keyboard.press('Shift+Enter');
    await chat().page.keyboard.type('line two');
    await chat().page.keyboard.press('Enter');
    assert.deepEqual(await posted('send'), [{ type: 'send', text: 'line one\nline two' }]);
    assert.equal(await box.inputValue(), '');
  });

  it('edit and resend puts the last question in the box and sends it as an edit', async () => {
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: 'A', status: 'done' })]) });
    await chat().page.getByRole('button', { name: 'Edit and resend this question' }).click();
    const box = chat().page.getByRole('textbox', { name: 'Question for Rill' });
    assert.equal(await box.inputValue(), 'Explain it');
    await chat().page.keyboard.type(' better');
    await chat().page.keyboard.press('Enter');
    assert.deepEqual(await posted('editResend'), [{ type: 'editResend', turnId: 't1', text: 'Explain it better' }]);
    await chat().page.getByRole('button', { name: 'Regenerate' }).click();
    assert.deepEqual(await posted('regenerate'), [{ type: 'regenerate', turnId: 't1' }]);
  });

  it('context chips show a token estimate and can be removed; the model picker asks the host', async () => {
    await chat().deliver({ type: 'snapshot', state: state([], { attachments: [{ id: 'a1', label: 'main.ts:3-9', tokens: 1234 }] }) });
    assert.ok(await chat().page.getByText('main.ts:3-9').isVisible());
    assert.ok(await chat().page.getByText('~1.2k', { exact: true }).isVisible());
    await chat().page.getByRole('button', { name: 'Remove main.ts:3-9' }).click();
    assert.deepEqual(await posted('removeAttachment'), [{ type: 'removeAttachment', id: 'a1' }]);
    await chat().page.getByRole('button', { name: 'Attach the editor selection' }).click();
    await chat().page.getByRole('button', { name: 'Attach the current file' }).click();
    assert.deepEqual(await posted('attach'), [
      { type: 'attach', what: 'selection' },
      { type: 'attach', what: 'file' },
    ]);
    await chat().page.getByRole('combobox', { name: 'Model' }).selectOption('m2');
    assert.deepEqual(await posted('selectModel'), [{ type: 'selectModel', model: 'm2' }]);
  });

  it('the model picker, narrow in a side bar, names the whole model in its tooltip', async () => {
    const long = 'qwen2.5-coder:32b-instruct-q4_K_M';
    await chat().deliver({ type: 'snapshot', state: state([], { models: [long, 'm2'], model: long }) });
    assert.equal(await chat().page.getByRole('combobox', { name: 'Model' }).getAttribute('title'), long);
  });

  it('hostile model output executes nothing, loads nothing and links nowhere but http(s)', async () => {
    const hostile = [
      'Look: <script>window.__pwned = "script"</script>',
      '',
      '<img src="https://evil.example/x.png" onerror="window.__pwned = \'onerror\'">',
      '',
      '<a href="https://evil.example" onclick="window.__pwned=\'onclick\'">raw link</a>',
      '',
      '<iframe src="https://evil.example/frame"></iframe><style>body{background:url(https://evil.example/bg)}</style>',
      '',
      '[js link](javascript:window.__pwned=\'js\') and [command link](command:workbench.action.terminal.new)',
      '',
      '![tracker](https://evil.example/pixel.png) and ![data](data:image/png;base64,iVBORw0KGgo=)',
      '',
      '[a real link](https://example.com/docs) and <https://example.com/auto>',
      '',
      '```html\n<script>window.__pwned = "code"</script>\n```',
      '',
    ].join('\n');
    await chat().deliver({ type: 'snapshot', state: state([turn()]) });
    // Streamed in small pieces, so every partial state of the markup is rendered too.
    for (let i = 0; i < hostile.length; i += 7) await stream(hostile.slice(i, i + 7), i);
    await chat().deliver({ type: 'snapshot', state: state([turn({ answer: hostile, status: 'done' })]) });
    await chat().nextFrames(3);
    const md = answer();
    assert.equal(await md.locator('script, img, iframe, style, object, embed').count(), 0);
    const attrs = (await chat().page.evaluate(
      `[...document.querySelectorAll('.markdown *')].flatMap((e) => [...e.attributes].map((a) => a.name + '=' + a.value))`,
    )) as string[];
    assert.deepEqual(attrs.filter((a) => /^on/i.test(a) || /^(href|src)=(?!https?:)/i.test(a)), []);
    // The code sample is shown as code, not run.
    assert.ok((await md.locator('.code-block code').innerText()).includes('<script>'));
    for (const name of ['js link', 'command link', 'tracker', 'raw link']) await md.getByText(name).first().click();
    await md.getByRole('link', { name: 'a real link' }).click();
    await md.getByRole('link', { name: 'https://example.com/auto' }).click();
    assert.equal(await chat().page.evaluate('window.__pwned'), undefined);
    const links = (await posted('openLink')).map((m) => (m.type === 'openLink' ? m.href : ''));
    assert.deepEqual(links, ['https://evil.example/pixel.png', 'https://example.com/docs', 'https://example.com/auto']);
    assert.equal(chat().page.url(), 'https://rill-webview.test/index.html', 'the page never navigated');
  });
});

/** The reader turns the mouse wheel up over the transcript, as far as it goes, and stops. */
async function readerScrollsUp(transcript: Locator): Promise<void> {
  const box = await transcript.boundingBox();
  const page = transcript.page();
  await page.mouse.move((box?.x ?? 0) + 50, (box?.y ?? 0) + 50);
  await page.mouse.wheel(0, -100_000);
  await pollFor(async () => ((await transcript.evaluate((e) => e.scrollTop)) === 0 ? true : undefined), { timeoutMs: 5000, what: 'the wheel to reach the top' });
}
