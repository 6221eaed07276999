// The demo model server through the official OpenAI SDK (the judge of the wire format): model
// list, FIM completions and chat, streamed and not; pacing; the stream stops when the client
// aborts; the model follows the files of its workspace.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { answerChat } from '../../demo/model/chatAnswer';
import { completeFim } from '../../demo/model/complete';
import { buildWorkspaceModel } from '../../demo/model/workspaceModel';
import { readWorkspace } from '../../demo/corpus';
import { type DemoServer, startDemoServer } from '../../demo/server';
import { pollFor } from '../../tools/poll';

const FILES: Record<string, string> = {
  'src/shop.ts': 'export function totalPrice(items: Item[]): number {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n',
  'tools/report.py': 'def total_price(items):\n    return sum(item["price"] for item in items)\n',
};

describe('demo model server', () => {
  let workspace: string;
  let server: DemoServer;
  let client: OpenAI;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'rill-demo-ws-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(join(workspace, path, '..'), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    server = await startDemoServer({ workspace, pace: { ttftMs: 30, tokensPerSecond: 500 } });
    client = new OpenAI({ baseURL: server.baseUrl, apiKey: 'unused', maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  const expectedFim = (prompt: string, suffix: string, maxTokens: number) =>
    completeFim(buildWorkspaceModel(readWorkspace(workspace)).counts, prompt, suffix, { maxTokens });

  it('lists one model, named so that the UI says what it is', async () => {
    const page = await client.models.list();
    assert.deepEqual(
      page.data.map((m) => m.id),
      ['rill-demo-ngram'],
    );
    assert.equal((await client.models.retrieve('rill-demo-ngram')).owned_by, 'rill-demo');
  });

  it('streams a FIM completion (prompt + suffix) token by token, then finish_reason and usage', async () => {
    const prompt = 'export function total(items: Item[]): number {\n  return items.red';
    const suffix = '\n}\n';
    const stream = await client.completions.create({ model: 'rill-demo-ngram', prompt, suffix, max_tokens: 64, stream: true, stream_options: { include_usage: true } });
    const pieces: string[] = [];
    const finishes: (string | null)[] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.text) pieces.push(choice.text);
      if (choice) finishes.push(choice.finish_reason);
      if (chunk.usage) usage = chunk.usage;
    }
    const expected = expectedFim(prompt, suffix, 64);
    assert.equal(pieces.join(''), 'uce((sum, item) => sum + item.price, 0);');
    assert.deepEqual(pieces, expected.pieces);
    assert.equal(finishes.at(-1), 'stop');
    assert.deepEqual(usage, { prompt_tokens: expected.promptTokens, completion_tokens: pieces.length, total_tokens: expected.promptTokens + pieces.length });
  });

  it('answers a FIM completion in one body when not streamed, with finish_reason length at max_tokens', async () => {
    const r = await client.completions.create({ model: 'rill-demo-ngram', prompt: 'def total_price(items):\n    ', max_tokens: 3 });
    assert.equal(r.choices[0].text, 'return sum(');
    assert.equal(r.choices[0].finish_reason, 'length');
    assert.equal(r.model, 'rill-demo-ngram');
  });

  it('streams an honest chat answer that quotes the workspace', async () => {
    const stream = await client.chat.completions.create({
      model: 'rill-demo-ngram',
      stream: true,
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: [{ type: 'text', text: 'How is the total price computed in Python?' }] },
      ],
    });
    let text = '';
    let role: string | undefined;
    let finish: string | null = null;
    for await (const chunk of stream) {
      role ??= chunk.choices[0]?.delta.role;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(role, 'assistant');
    assert.equal(finish, 'stop');
    assert.equal(text, answerChat(buildWorkspaceModel(readWorkspace(workspace)), 'How is the total price computed in Python?'));
    assert.match(text, /`tools\/report\.py`, lines 1-2:\n\n```python\ndef total_price/);
  });

  it('answers chat in one body when not streamed, cut at max_tokens', async () => {
    const r = await client.chat.completions.create({ model: 'rill-demo-ngram', max_tokens: 4, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.choices[0].message.content, "I'm **");
    assert.equal(r.choices[0].finish_reason, 'length');
  });

  it('paces the stream: nothing before the time to first token, then one token per interval', async () => {
    const slow = await startDemoServer({ workspace, pace: { ttftMs: 120, tokensPerSecond: 50 } });
    try {
      const c = new OpenAI({ baseURL: slow.baseUrl, apiKey: 'unused', maxRetries: 0 });
      const started = performance.now();
      const times: number[] = [];
      const stream = await c.completions.create({ model: 'rill-demo-ngram', prompt: 'def total_price(items):\n    ', max_tokens: 5, stream: true });
      for await (const chunk of stream) if (chunk.choices[0]?.text) times.push(performance.now() - started);
      assert.equal(times.length, 5);
      // Timers never fire early, so these lower bounds hold on any machine.
      assert.ok(times[0] >= 120, `first token at ${times[0]} ms`);
      assert.ok(times[4] >= 120 + 4 * 20, `fifth token at ${times[4]} ms`);
    } finally {
      await slow.close();
    }
  });

  it('stops generating when the client aborts, and records how far it got', async () => {
    const slow = await startDemoServer({ workspace, pace: { ttftMs: 0, tokensPerSecond: 20 } });
    try {
      const c = new OpenAI({ baseURL: slow.baseUrl, apiKey: 'unused', maxRetries: 0 });
      const abort = new AbortController();
      const stream = await c.completions.create(
        { model: 'rill-demo-ngram', prompt: 'export function totalPrice(', max_tokens: 64, stream: true },
        { signal: abort.signal },
      );
      let received = 0;
      try {
        for await (const chunk of stream) {
          if (chunk.choices[0]?.text) received++;
          if (received === 2) abort.abort();
        }
      } catch {
        // The SDK may end the iteration with an abort error: either way the socket is closed.
      }
      const record = await pollFor(() => slow.served.at(-1), { timeoutMs: 5000, what: 'the aborted request to be recorded' });
      assert.equal(record.aborted, true);
      assert.ok(record.sent >= 2 && record.sent < record.tokens, `sent ${record.sent} of ${record.tokens}`);
    } finally {
      await slow.close();
    }
  });

  it('refuses malformed requests the way the API does', async () => {
    await assert.rejects(
      client.completions.create({ model: 'rill-demo-ngram', prompt: 42 as unknown as string }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && /prompt/.test(error.message),
    );
    await assert.rejects(client.models.retrieve('gpt-4o'), (error: unknown) => error instanceof OpenAI.NotFoundError);
  });

  it('learns a file saved in the workspace', async () => {
    writeFileSync(join(workspace, 'src', 'discount.ts'), 'export const SUMMER_DISCOUNT_PERCENT = 15;\n');
    const text = await pollFor(
      async () => {
        const r = await client.completions.create({ model: 'rill-demo-ngram', prompt: 'const d = SUMMER_DIS', max_tokens: 8 });
        return r.choices[0].text || undefined;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'the model to learn src/discount.ts' },
    );
    assert.equal(text, 'COUNT_PERCENT = 15;');
  });
});
