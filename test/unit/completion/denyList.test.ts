import assert from 'node:assert/strict';
import { DenyList } from '../../../src/completion/denyList';
import { BackendStats } from '../../../src/completion/backendStats';
import type { RequestRecord } from '../../../src/completion/requestRecord';

describe('deny-list', () => {
  const list = new DenyList(['**/vendor/**', 'notes.md']);
  for (const path of ['.env', '.env.local', 'app/.env.production', 'server.PEM', 'tls/cert.crt', 'id_rsa', 'id_ed25519.pub', 'key.p12', '.npmrc', 'credentials.json', 'home/.ssh/config', 'C:\\Users\\me\\.aws\\credentials', 'lib/vendor/x.js', 'docs/notes.md']) {
    it(`denies ${path}`, () => assert.equal(list.isDenied(path), true));
  }
  for (const path of ['src/env.ts', 'src/keyboard.ts', 'README.md', 'environment.ts', 'src/credentialsForm.tsx']) {
    it(`allows ${path}`, () => assert.equal(list.isDenied(path), false));
  }
});

describe('backend budgets adapt to the measured model', () => {
  const record = (ttft: number, tokens: number, streamMs: number) =>
    ({ sentAt: 0, firstByteAt: ttft, endedAt: ttft + streamMs, tokensOut: tokens }) as unknown as RequestRecord;

  it('a fast model gets more lines and a short cut-off; a slow one the opposite', () => {
    const fast = new BackendStats('fast');
    const slow = new BackendStats('slow');
    for (let i = 0; i < 10; i++) {
      fast.note(record(300, 51, 1000));
      slow.note(record(800, 21, 1000));
    }
    assert.ok(Math.abs(fast.ttftMs - 300) < 1 && Math.abs(fast.tokensPerSec - 50) < 1);
    assert.ok(Math.abs(slow.ttftMs - 800) < 1 && Math.abs(slow.tokensPerSec - 20) < 1);
    const f = fast.budgets(256);
    const s = slow.budgets(256);
    assert.ok(f.maxLines > s.maxLines, `${f.maxLines} > ${s.maxLines}`);
    assert.ok(f.partialLineCutoffMs < s.partialLineCutoffMs);
    assert.ok(f.maxTokens > s.maxTokens && f.maxTokens <= 256);
    assert.equal(f.throttleCapMs, 150);
    assert.equal(s.throttleCapMs, 250);
  });
});
