import assert from 'node:assert/strict';
import type { EnablementSettings } from '../../../src/completion/enablement';
import { LlmError } from '../../../src/llm/errors';
import { CompletionEngine, defaultEngineConfig } from '../../../src/completion/engine';
import { FakeClock } from '../helpers/fakeClock';
import { doc, query } from './helpers/fixture';
import { EngineHarness } from './helpers/harness';
import { ScriptedProvider } from './helpers/scriptedProvider';

const REPLY = () => ({ ttftMs: 100, msPerToken: 10, text: 'return 1;\n' });
const BODY = doc('function f() {\n  █\n}\n');

describe('completion engine: never leak, never annoy', () => {
  for (const path of ['.env', 'config/.env.production', 'certs/server.pem', 'id_rsa', 'keys/api.key', '.aws/credentials', 'secrets.yaml']) {
    it(`no completion in ${path}`, async () => {
      const h = new EngineHarness(REPLY);
      assert.equal(await h.answer({ ...BODY, path }, 'explicit'), undefined);
      assert.equal(h.requests.length, 0);
    });
  }

  it('user exclude globs are honoured', async () => {
    const h = new EngineHarness(REPLY, { exclude: ['**/generated/**'] });
    assert.equal(await h.answer({ ...BODY, path: 'src/generated/api.ts' }), undefined);
    assert.equal(h.requests.length, 0);
  });

  it('no context is read from deny-listed tabs', async () => {
    const h = new EngineHarness(REPLY);
    const secret = 'function f() {\n  return process.env.API_TOKEN_VALUE;\n}\n';
    h.openDocuments.push({ uri: 'file:///w/.env', path: '.env', languageId: 'dotenv', text: secret });
    h.openDocuments.push({ uri: 'file:///w/util.ts', path: 'util.ts', languageId: 'typescript', text: secret });
    await h.answer(doc('function f() {\n  return process.env.API_TOKEN_VALUE;\n}\nfunction g() {\n  █\n}\n'));
    const snippets = h.requests[0].request.snippets ?? [];
    assert.deepEqual(snippets.map((s) => s.path), ['util.ts']);
  });

  it('turned off, snoozed or off for the language: no automatic request, but Alt+\\ still asks', async () => {
    const settings: EnablementSettings[] = [
      { enabled: false, languages: {} },
      { enabled: true, languages: { typescript: false } },
      { enabled: true, languages: { '*': false } },
    ];
    for (const enablement of settings) {
      const h = new EngineHarness(REPLY, { enablement });
      assert.equal(await h.answer(BODY), undefined);
      assert.equal(h.requests.length, 0);
      assert.equal((await h.answer(BODY, 'explicit'))?.insertText, 'return 1;');
    }
    const h = new EngineHarness(REPLY);
    h.engine.enablement.snooze(5);
    assert.equal(await h.answer(BODY), undefined);
    assert.equal(h.engine.currentStatus().state, 'snoozed');
    await h.clock.advance(5 * 60_000);
    assert.equal((await h.answer(BODY))?.insertText, 'return 1;', 'the snooze ends by itself');
  });

  it('a rate limit pauses automatic requests for the server\'s Retry-After, and shows the error', async () => {
    const h = new EngineHarness((_r, i) =>
      i === 0 ? { ttftMs: 50, text: '', error: new LlmError('rate-limited', 'Rate limited: retry in 20 s.', { status: 429, retryAfterMs: 20_000 }) } : REPLY(),
    );
    assert.equal(await h.answer(BODY), undefined);
    const status = h.engine.currentStatus();
    assert.equal(status.state, 'error');
    assert.equal(status.error?.kind, 'rate-limited');
    assert.equal(await h.answer(BODY), undefined);
    assert.equal(h.requests.length, 1, 'no request during the pause');
    assert.equal(h.engine.log.all()[0].errorKind, 'rate-limited');
    await h.clock.advance(20_000);
    assert.equal((await h.answer(BODY))?.insertText, 'return 1;');
    assert.equal(h.engine.currentStatus().state, 'idle');
  });

  it('after a 401, the next request shows as streaming while it runs, not as the old error', async () => {
    const h = new EngineHarness((_r, i) =>
      i === 0 ? { ttftMs: 50, text: '', error: new LlmError('auth', 'OpenAI rejected the API key for OpenAI (HTTP 401).', { status: 401 }) } : { ttftMs: 8000, msPerToken: 10, text: 'return 1;\n' },
    );
    assert.equal(await h.answer(BODY), undefined);
    assert.equal(h.engine.currentStatus().state, 'error');
    const next = h.answer(BODY, 'explicit');
    await h.clock.advance(4000);
    const during = h.engine.currentStatus();
    assert.equal(during.state, 'streaming', 'a request in flight shows as such');
    assert.equal(during.error?.kind, 'auth', 'the last error is still there for the tooltip');
    await h.clock.advance(5000);
    assert.ok((await next)?.insertText.startsWith('return'), 'ghost text from the slow request');
    await h.drain();
    assert.equal(h.engine.currentStatus().state, 'idle', 'the server answered: the error is over');
  });

  it('an exhausted quota pauses automatic requests for 30 min, not 10 s, until the provider changes; Alt+\\ still asks', async () => {
    const quota = () => new LlmError('quota', 'OpenAI refused the request: the account\'s quota, credit or spending limit is used up (HTTP 429).', { status: 429 });
    const h = new EngineHarness((_r, i) => (i < 2 ? { ttftMs: 50, text: '', error: quota() } : REPLY()));
    assert.equal(await h.answer(BODY), undefined);
    assert.equal(h.engine.currentStatus().error?.kind, 'quota');
    await h.clock.advance(10 * 60_000);
    assert.equal(await h.answer(BODY), undefined);
    assert.equal(h.requests.length, 1, 'no automatic request 10 min later');
    assert.equal(await h.answer(BODY, 'explicit'), undefined, 'Alt+\\ asks, and the quota is still out');
    assert.equal(h.requests.length, 2);
    await h.clock.advance(10 * 60_000);
    assert.equal(await h.answer(BODY), undefined);
    assert.equal(h.requests.length, 2, 'the explicit failure started the pause again');
    h.engine.providerChanged();
    assert.equal((await h.answer(BODY))?.insertText, 'return 1;', 'a new key or settings end the pause');
  });
});

describe('completion engine: the pause after an error ends with an answer', () => {
  it('an Alt+\\ that gets an answer during the quota pause ends it: the credit is back', async () => {
    const quota = new LlmError('quota', 'OpenAI refused the request: the account\'s quota, credit or spending limit is used up (HTTP 429).', { status: 429 });
    const h = new EngineHarness((_r, i) => (i === 0 ? { ttftMs: 50, text: '', error: quota } : REPLY()));
    assert.equal(await h.answer(BODY), undefined);
    assert.ok(h.engine.currentStatus().pausedUntil !== undefined, 'paused after the quota error');
    assert.equal((await h.answer(BODY, 'explicit'))?.insertText, 'return 1;', 'Alt+\\ asks, and the server answers');
    await h.drain();
    assert.equal(h.engine.currentStatus().pausedUntil, undefined, 'the answer ended the pause');
    const other = doc('function g() {\n  █\n}\n');
    const before = h.requests.length;
    await h.answer(other);
    assert.ok(h.requests.length > before, 'automatic requests go out again');
  });
});

describe('completion engine: request records', () => {
  it('every request leaves a record with its timings and token counts', async () => {
    const h = new EngineHarness(() => ({ ttftMs: 200, msPerToken: 10, text: 'return 1;\n}\n\nfunction g() {}\n' }));
    h.key(BODY);
    const keyAt = h.clock.now();
    await h.clock.advance(50);
    const answer = await h.answer(BODY);
    h.engine.accepted(answer!.sessionId);
    await h.drain();
    const [record] = h.engine.log.all();
    assert.equal(record.keystrokeAt, keyAt);
    assert.equal(record.sentAt! - keyAt, 50);
    assert.equal(record.firstByteAt! - record.sentAt!, 200);
    assert.ok(record.firstLineAt! >= record.firstByteAt!);
    assert.ok(record.shownAt! >= record.firstLineAt!);
    assert.ok(record.acceptedAt! >= record.shownAt!);
    assert.equal(record.model, 'scripted-coder');
    // A rule ended the suggestion (issue 11: `stopped`, told apart from the model's own end).
    assert.equal(record.outcome, 'stopped');
    assert.equal(record.stopReason, 'suffix-overlap');
    assert.ok(record.tokensOut > 0);
    assert.ok(record.tokensWasted > 0 && record.tokensWasted < record.tokensOut, `${record.tokensWasted} of ${record.tokensOut}`);
    assert.equal(record.linesShown, 1);
    const status = h.engine.currentStatus();
    assert.equal(status.lastLatencyMs, record.shownAt! - keyAt);
    // Another provider: the status bar shows no latency of the last one as if it were the new one's.
    h.engine.providerChanged();
    assert.equal(h.engine.currentStatus().lastLatencyMs, undefined);
  });
});

describe('completion engine: a stop wins over a request still getting its provider', () => {
  for (const stop of ['stopAll', 'providerChanged', 'dispose'] as const) {
    it(`${stop} while the provider resolves (a key read from SecretStorage): no request is sent`, async () => {
      const clock = new FakeClock();
      const model = new ScriptedProvider(clock, REPLY);
      let release: () => void = () => undefined;
      const keyRead = new Promise<void>((resolve) => (release = resolve));
      const engine = new CompletionEngine(defaultEngineConfig(), {
        provider: async () => {
          await keyRead;
          return model;
        },
        clock,
        context: { openDocuments: () => [] },
      });
      const answer = engine.provide(query(BODY, 'explicit'), new AbortController().signal);
      await clock.advance(50);
      engine[stop]();
      release();
      assert.equal(await clock.settle(answer), undefined);
      await clock.advance(1_000);
      assert.equal(model.requests.length, 0, 'a request reached the model after the stop');
      assert.ok(engine.log.all().every((r) => r.sentAt === undefined));
    });
  }
});
