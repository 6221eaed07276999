// Screenshots of the chat page in the three theme kinds, with a conversation that shows every
// element: context chips, prose, a highlighted code block with its buttons, a stopped answer, an
// error with Retry. `npx tsx test/e2e/chatScreenshots.ts` writes them to test-results/chat/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../tools/browser';
import type { ChatViewState } from '../../src/protocol/chat';
import { openChatPage } from './chatPage';
import type { ThemeName } from './chatThemes';

export const SAMPLE_STATE: ChatViewState = {
  conversationId: 'c1',
  title: 'Debounce',
  streaming: true,
  model: 'qwen2.5-coder:7b',
  models: ['qwen2.5-coder:7b', 'llama3.1:8b'],
  attachments: [{ id: 'a1', label: 'search.ts:10-24', tokens: 182 }],
  turns: [
    {
      id: 't1',
      question: 'How do I debounce the search box?',
      context: [{ id: 'c1', label: 'search.ts', tokens: 1240 }],
      answer:
        'Wrap the handler in a **debounce** so it runs once typing pauses:\n\n```ts\nexport function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}\n```\n\n- `ms` of **250** feels instant\n- see [MDN on setTimeout](https://developer.mozilla.org/docs/Web/API/setTimeout)\n',
      status: 'done',
      truncated: false,
      model: 'qwen2.5-coder:7b',
    },
    {
      id: 't2',
      question: 'And cancel it on unmount?',
      context: [],
      answer: 'Keep the timer and clear it:\n\n```ts\nuseEffect(() => () => clearTimeout(',
      status: 'error',
      error: { kind: 'network', message: 'The connection to the chat server was lost. Check that the server is running, then retry.' },
      truncated: false,
      model: 'qwen2.5-coder:7b',
    },
    {
      id: 't3',
      question: 'Show a test for it',
      context: [],
      answer: 'Use fake timers:\n\n1. Install `sinon`\n2. Call `clock.tick(250)`\n\n```ts\nit("fires once", () => {\n  const spy = sinon.spy();',
      status: 'streaming',
      truncated: false,
      model: 'qwen2.5-coder:7b',
    },
  ],
};

async function main(): Promise<void> {
  const dir = join(__dirname, '..', '..', 'test-results', 'chat');
  mkdirSync(dir, { recursive: true });
  const browser = await launchChromium();
  try {
    for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
      const chat = await openChatPage(browser, { theme, height: 900 });
      await chat.deliver({ type: 'snapshot', state: SAMPLE_STATE });
      await chat.nextFrames(3);
      await chat.page.evaluate("document.fonts.ready");
      const file = join(dir, `chat-${theme}.png`);
      await chat.page.screenshot({ path: file });
      console.log(`${file}${chat.errors.length ? ` errors: ${chat.errors.join('; ')}` : ''}${chat.foreignRequests.length ? ` foreign: ${chat.foreignRequests.join(' ')}` : ''}`);
      await chat.close();
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) void main();
