// Pieces of `npm run demo` that touch the machine: the per-run folder and the PORT forward.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forwardPort } from '../../demo/launch/portForward';
import { prepareRunDir } from '../../demo/launch/runDir';
import { freePort } from '../../tools/ports';
import { vscodeEnv } from '../../tools/env';

describe('demo: run folder', () => {
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'rill-demo-cache-'))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('copies the sample workspace fresh and removes the folders of runs that are gone', () => {
    const sample = join(base, 'sample');
    mkdirSync(join(sample, 'src'), { recursive: true });
    writeFileSync(join(sample, 'src', 'a.ts'), 'export const a = 1;\n');
    const cache = join(base, 'demo');
    mkdirSync(join(cache, 'run-999999999'), { recursive: true }); // no such process
    mkdirSync(join(cache, `run-${process.ppid}`), { recursive: true }); // alive: another demo
    const dir = prepareRunDir(cache, sample);
    assert.equal(readFileSync(join(dir.workspace, 'src', 'a.ts'), 'utf8'), 'export const a = 1;\n');
    assert.ok(existsSync(dir.logs));
    assert.ok(!existsSync(join(cache, 'run-999999999')));
    assert.ok(existsSync(join(cache, `run-${process.ppid}`)));
    writeFileSync(join(dir.workspace, 'src', 'a.ts'), 'edited in the demo');
    assert.equal(readFileSync(join(prepareRunDir(cache, sample).workspace, 'src', 'a.ts'), 'utf8'), 'export const a = 1;\n');
  });
});

describe('demo: PORT forward', () => {
  it('serves the target port on the requested one, and frees it on close', async () => {
    const target = createServer((req, res) => res.end(`hello from ${req.url}`));
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const forward = await forwardPort(port, (target.address() as AddressInfo).port);
    try {
      assert.equal(await (await fetch(`http://127.0.0.1:${port}/x?y=1`)).text(), 'hello from /x?y=1');
      await assert.rejects(forwardPort(port, 1), /PORT \d+ is already in use/);
    } finally {
      await forward.close();
      await new Promise((resolve) => target.close(resolve));
    }
    await assert.rejects(fetch(`http://127.0.0.1:${port}/`));
  });
});

describe('demo: the VS Code server does not take the demo\'s PORT', () => {
  it('vscodeEnv leaves PORT out (code-server would listen on it, not on the port the harness waits on)', () => {
    const saved = process.env.PORT;
    process.env.PORT = '8080';
    try {
      assert.equal(vscodeEnv().PORT, undefined);
      assert.equal(vscodeEnv({ RILL_X: '1' }).RILL_X, '1');
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});
