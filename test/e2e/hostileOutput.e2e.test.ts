// Hostile model output in real VS Code, in Chromium: in the chat webview (a fuller list than the
// chat panel's own safety test: event handlers of every kind, every dangerous link scheme, remote
// resources in markdown and HTML, CSS injection, a 20,000-character line, bidi overrides and
// control characters) and in ghost text. Nothing may run, no request may leave the page (every
// request is recorded; canary URLs point at the fake server, which records what reaches it), the
// transcript stays visible and readable: control, bidi, zero-width and tag characters show as
// markers (`[U+202E]`), and ghost text ends before one.
import * as assert from 'node:assert/strict';
import type { Frame, Request } from 'playwright-core';
import { showHiddenCharacters } from '../../src/protocol/hiddenCharacters';
import { ChatPanel, LAST_ANSWER } from '../reliability/chatPanel';
import { e2e } from './environment';
import type { Workbench } from './workbench';

const canary = (name: string) => `${e2e().llm.url}/canary/${name}`;

/** C0 controls, a zero-width space and joiner, isolates, tag characters (invisible ASCII). */
const CONTROLS = 'Controls: bell\u0007 escape\u001b[31mred\u001b[0m zero\u200bwidth ad\u200dmin \u2066isolated\u2069 tags\u{E0068}\u{E0069}';

function hostileAnswer(): string {
  return [
    `Inline <script>window.__pwned='script'</script> and <script src="${canary('script.js')}"></script>`,
    `<img src="${canary('img.png')}" onerror="window.__pwned='img'">`,
    `<svg onload="window.__pwned='svg'"><circle r="5"/></svg>`,
    `<details open ontoggle="window.__pwned='details'"><summary>summary</summary>details</details>`,
    `<a href="javascript:window.__pwned='a-js'" onmouseover="window.__pwned='hover'">raw js link</a>`,
    `<iframe src="${canary('frame.html')}"></iframe><object data="${canary('object')}"></object><embed src="${canary('embed')}">`,
    `<link rel="stylesheet" href="${canary('link.css')}"><meta http-equiv="refresh" content="0;url=${canary('refresh')}"><base href="${canary('base/')}">`,
    `<form action="${canary('form')}"><button>submit form</button></form>`,
    `<video poster="${canary('poster.png')}" src="${canary('video.mp4')}"></video><audio src="${canary('audio.mp3')}" autoplay></audio>`,
    `<picture><source srcset="${canary('srcset.png')}"><img src="${canary('picture.png')}"></picture>`,
    `<style>@import url("${canary('import.css')}"); body { background: url("${canary('bg.png')}") } main.transcript { display: none }</style>`,
    `<div style="position:fixed;inset:0;z-index:9;background:url('${canary('style.png')}')">overlay</div>`,
    `[js link](javascript:window.__pwned='md-js') [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [command link](command:workbench.action.terminal.new) [vscode link](vscode://settings/rill) [file link](file:///etc/passwd)`,
    `[reference link][evil]\n\n[evil]: javascript:window.__pwned='ref'`,
    `<javascript:window.__pwned='autolink'>`,
    `![remote image](${canary('md.png')}) ![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)`,
    '```html\n<script>window.__pwned="code"</script>\n```',
    `Long line: ${'x'.repeat(20_000)}`,
    'Bidi: the file is named user\u202Etxt.exe and the check is if (role == "user\u202E \u2066// admin\u2069\u2066") {}',
    CONTROLS,
    'The end.',
  ].join('\n\n');
}

/** Elements model text must never become, and attributes it must never carry. */
const AUDIT = `(selector) => {
  const root = document.querySelector(selector);
  if (!root) return { missing: true };
  const banned = [...root.querySelectorAll('script,img,iframe,object,embed,link,meta,base,form,video,audio,picture,source,svg,style,input,textarea')].map((e) => e.tagName);
  const attrs = [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => [a.name, a.value]));
  const badAttrs = attrs.filter(([n, v]) => /^on/i.test(n) || n === 'style' || n === 'srcset' || ((n === 'href' || n === 'src' || n === 'action' || n === 'formaction' || n === 'poster' || n === 'data') && !/^https?:/i.test(v))).map(([n, v]) => n + '=' + v.slice(0, 60));
  return { missing: false, banned, badAttrs };
}`;

/** Where the characters of `needle` (found in the answer's text) are drawn, left to right. */
const CHAR_XS = `([selector, needle]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(needle);
    if (at < 0) continue;
    const xs = [];
    for (let i = at; i < at + needle.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      xs.push(rect.width > 0 ? Math.round(rect.left) : null);
    }
    return xs;
  }
  return null;
}`;

describe('Hostile model output in real VS Code (e2e)', function () {
  this.timeout(180_000);
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

  const isGalleryQuery = (r: Request): boolean => {
    let fromWorkbench = false;
    try {
      fromWorkbench = r.frame() === workbench.page.mainFrame();
    } catch {
      // Requests of service workers have no frame.
    }
    return fromWorkbench && /\/gallery\/|extensionquery/.test(r.url());
  };
  const canaryHits = () => e2e().llm.requests.filter((r) => r.path.startsWith('/canary')).map((r) => r.path);

  describe('in the chat webview', () => {
    let frame: Frame;
    const requests: string[] = [];
    const record = (r: Request): void => {
      // The workbench itself may ask the extension gallery about installed extensions; that is
      // VS Code's own traffic, not something the answer caused.
      if (isGalleryQuery(r)) return;
      requests.push(r.url());
    };

    before(async () => {
      frame = await chat.newChat();
      workbench.page.context().on('request', record);
      // Streamed in small pieces, so every partial state of the markup is rendered on the way.
      e2e().llm.enqueue({ text: hostileAnswer().match(/[\s\S]{1,9}/g) ?? [], tokensPerSec: 2000 });
      await chat.ask(frame, 'Show me something hostile');
      await frame.getByText('The end.').waitFor({ timeout: 60_000 });
      await chat.waitForAnswerEnd(frame);
    });
    after(() => {
      workbench.page.context().off('request', record);
    });

    it('runs no script and handler, and renders no markup of the model\'s: no element, handler, style or non-web link', async () => {
      assert.equal(await frame.evaluate('window.__pwned'), undefined);
      const audit = (await frame.evaluate(`(${AUDIT})(${JSON.stringify(LAST_ANSWER)})`)) as { missing: boolean; banned: string[]; badAttrs: string[] };
      assert.equal(audit.missing, false, 'no answer rendered');
      assert.deepEqual(audit.banned, [], 'elements from model text');
      assert.deepEqual(audit.badAttrs, [], 'attributes from model text');
      const code = await frame.locator(`${LAST_ANSWER} .code-block code`).innerText();
      assert.match(code, /<script>window.__pwned="code"<\/script>/, 'the code sample is shown as code');
      // Raw HTML is shown as text, readable.
      assert.match(await frame.locator(LAST_ANSWER).innerText(), /<img src=".*canary\/img\.png" onerror=/);
    });

    it('CSS from the answer changes nothing: the transcript and the composer stay visible, nothing covers them', async () => {
      assert.ok(await frame.locator('main.transcript').isVisible(), 'the transcript was hidden');
      assert.ok(await frame.getByText('The end.').isVisible());
      const topmost = (await frame.evaluate(`(() => {
        const box = document.querySelector('textarea.question-input').getBoundingClientRect();
        const el = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return el ? el.tagName + '.' + el.className : null;
      })()`)) as string | null;
      assert.match(topmost ?? '', /^TEXTAREA\.question-input/, `the composer is covered by ${topmost}`);
    });

    it('a 20,000-character line does not widen the page: it wraps or scrolls inside the answer', async () => {
      const overflow = (await frame.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
      assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow} px`);
    });

    it('bidi overrides in an answer do not reorder what the reader sees', async () => {
      // Drawn in reading order, or the override replaced by something visible.
      const text = await frame.locator(LAST_ANSWER).innerText();
      const raw = (await frame.evaluate(`(${CHAR_XS})(${JSON.stringify([LAST_ANSWER, 'user\u202Etxt.exe'])})`)) as (number | null)[] | null;
      if (!raw) assert.match(text, /user\S*txt\.exe/, 'the file name is not in the answer any more');
      const xs = raw ?? [];
      const drawn = xs.filter((x): x is number => x !== null);
      const inOrder = drawn.every((x, i) => i === 0 || x >= (drawn[i - 1] ?? x));
      assert.ok(inOrder, `"user<RLO>txt.exe" is drawn out of order (x: ${xs.join(', ')}): the reader sees "user" + "exe.txt"`);
    });

    it('control, zero-width and tag characters show as visible markers, none stays hidden in the text', async () => {
      const text = (await frame.evaluate(`document.querySelector(${JSON.stringify(LAST_ANSWER)}).textContent`)) as string;
      assert.ok(
        text.includes('Controls: bell[U+0007] escape[U+001B][31mred[U+001B][0m zero[U+200B]width ad[U+200D]min [U+2066]isolated[U+2069] tags[U+E0068][U+E0069]'),
        `the controls line is not shown with markers: ${JSON.stringify(text.slice(text.indexOf('Controls:'), text.indexOf('Controls:') + 160))}`,
      );
      assert.ok(text.includes('user[U+202E]txt.exe'), 'the bidi override is not shown as a marker');
      const hidden = [...text].filter((c) => showHiddenCharacters(c) !== c).map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16)}`);
      assert.deepEqual(hidden, [], 'hidden characters left in the rendered answer');
    });

    it('links with other schemes than http(s) are not links and do nothing when clicked', async () => {
      const url = frame.url();
      for (const name of ['js link', 'data link', 'command link', 'vscode link', 'file link', 'reference link']) {
        await frame.getByText(name, { exact: true }).first().click();
      }
      assert.equal(frame.url(), url, 'the webview navigated');
      assert.equal(await frame.evaluate('window.__pwned'), undefined);
      assert.equal(await workbench.page.locator('.terminal-outer-container, .integrated-terminal').count(), 0, 'a command link opened a terminal');
      assert.equal(await workbench.page.locator('.settings-editor').count(), 0, 'a vscode: link opened the settings');
    });

    it('no request left the page for any of it', () => {
      const origin = new URL(e2e().vscode.url).origin;
      const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
      assert.deepEqual(foreign, [], 'requests to other origins');
      assert.deepEqual(canaryHits(), [], 'requests that reached the canary server');
      assert.deepEqual(requests.filter((u) => u.includes('/canary/')), [], 'requests to canary URLs');
    });
  });

  describe('in ghost text', () => {
    const FILE = 'hostile_ghost.py';
    const ghost = () => `"<script>window.__pwned=1</script><img src=${canary('ghost.png')} onerror=window.__pwned=2> \u202Eevil\u202C bell\u0007"`;

    it('is drawn as text: no element, no script, no request; Tab inserts exactly the text', async () => {
      const { llm } = e2e();
      llm.route((r) => {
        const prompt = (r.body as { prompt?: unknown } | undefined)?.prompt;
        return typeof prompt === 'string' && prompt.endsWith('hostile = ') ? { text: ghost() } : undefined;
      });
      llm.setDefault({ text: '' });
      await workbench.showExplorer();
      await workbench.openNewFile(FILE);
      const requests: string[] = [];
      const record = (r: Request): void => {
        requests.push(r.url());
      };
      workbench.page.context().on('request', record);
      try {
        await workbench.type('hostile = ');
        const ghost = await workbench.waitForGhostText((g) => g.text.includes('<script>'), 30_000);
        assert.match(ghost.text, /^"<script>window.__pwned=1<\/script><img src=.*canary\/ghost\.png onerror=window.__pwned=2>/);
        // It ends before the bidi override: nothing the editor cannot show is offered.
        assert.ok(!/[\u202E\u202C\u0007]|evil/.test(ghost.text), `the ghost text goes past the override: ${JSON.stringify(ghost.text)}`);
        const inEditor = (await workbench.page.evaluate(`document.querySelectorAll('.monaco-editor .view-lines script, .monaco-editor .view-lines img').length`)) as number;
        assert.equal(inEditor, 0, 'ghost text became elements');
        assert.equal(await workbench.page.evaluate('window.__pwned'), undefined);
        await workbench.screenshot('hostile-ghost-text');
        await workbench.press('Tab');
        const inserted = await workbench.waitForEditorText((t) => t.includes('onerror=window.__pwned=2>'));
        assert.equal(await workbench.page.evaluate('window.__pwned'), undefined);
        assert.ok(!/[\u202E\u202C\u0007]|evil/.test(inserted), `Tab inserted past the override: ${JSON.stringify(inserted)}`);
      } finally {
        workbench.page.context().off('request', record);
      }
      const origin = new URL(e2e().vscode.url).origin;
      assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')), []);
      assert.deepEqual(canaryHits(), []);
    });
  });
});
