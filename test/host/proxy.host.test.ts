// Proxies and certificates in the real extension host: with the user setting `http.proxy` pointing
// at a CONNECT proxy on loopback, a chat question reaches the fake model server through it (the
// proxy saw the chat request's own request line inside its tunnel, so this holds whether Rill's
// fetch or VS Code's proxy support routed it), `http.noProxy` sends it direct again, and a TLS
// server signed by a CA from `rill.network.caCertificates` is reached through the proxy, and a
// proxy that asks for credentials (407) gets `http.proxyAuthorization`. A CA file put right on disk
// is read again without a settings change.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PROXY_ADVICE } from '../../src/llm/guardedStream';
import { type LoopbackProxy, startLoopbackProxy } from '../fake-llm/loopbackProxy';
import { makeCertificates, startTlsFront } from '../fake-llm/tlsFront';
import { settlesWithin } from '../reliability/completionUnderTest';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { type RillApi, rillApi } from './rill';

type Setting = readonly [section: string, key: string];
const HTTP_PROXY: Setting = ['http', 'proxy'];
const HTTP_NO_PROXY: Setting = ['http', 'noProxy'];
const HTTP_PROXY_AUTHORIZATION: Setting = ['http', 'proxyAuthorization'];
const CA_FILES: Setting = ['rill', 'network.caCertificates'];
const CHAT_BASE_URL: Setting = ['rill', 'chat.baseUrl'];

describe('Proxies and certificates (extension host)', function () {
  this.timeout(90_000);
  let api: RillApi;
  let pointed: PointedRill;
  let proxy: LoopbackProxy;
  const previous = new Map<string, unknown>();

  /** Sets a user setting (put back after the suite); when it changes, waits for Rill to drop its providers. */
  const setUser = async ([section, key]: Setting, value: unknown) => {
    const config = () => vscode.workspace.getConfiguration(section);
    const current = config().inspect(key)?.globalValue;
    const id = `${section}.${key}`;
    if (!previous.has(id)) previous.set(id, current);
    if (JSON.stringify(current) === JSON.stringify(value)) return;
    const changed = new Promise<void>((resolve) => {
      const subscription = api.providers.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    await config().update(key, value, vscode.ConfigurationTarget.Global);
    await settlesWithin(`Rill to pick up ${id}`, changed, 10_000);
  };
  /** Back to the value before the suite. */
  const resetUser = (setting: Setting) => setUser(setting, previous.get(`${setting[0]}.${setting[1]}`));
  const askChat = async (question: string) => {
    await settlesWithin('the chat answer', api.chat.ask(question), 30_000);
    return api.chat.session.conversation.turns.at(-1);
  };
  const tunnelsTo = (url: string) => proxy.tunnels.filter((t) => t.target === new URL(url).host);

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api);
    proxy = await startLoopbackProxy();
    assert.equal(process.env.NO_PROXY ?? process.env.no_proxy, undefined, 'the extension host has NO_PROXY set: loopback may bypass the proxy');
  });
  after(async () => {
    for (const setting of [HTTP_PROXY, HTTP_NO_PROXY, HTTP_PROXY_AUTHORIZATION, CA_FILES, CHAT_BASE_URL]) await resetUser(setting);
    await pointed?.dispose();
    await proxy?.close();
  });
  beforeEach(() => {
    pointed.llm.reset();
    api.chat.newChat();
  });

  it('with http.proxy set, the chat request goes through the proxy and the answer arrives', async () => {
    await setUser(HTTP_PROXY, proxy.url);
    pointed.llm.setDefault({ text: 'Answered through the proxy.' });
    const turn = await askChat('Are you behind a proxy?');
    assert.equal(turn?.error, undefined, turn?.error?.message);
    assert.equal(turn?.answer, 'Answered through the proxy.');
    const tunnels = tunnelsTo(pointed.llm.url);
    assert.ok(
      tunnels.some((t) => t.requestLines.includes('POST /v1/chat/completions HTTP/1.1')),
      `the proxy did not carry the chat request: ${JSON.stringify(proxy.tunnels)}; refused: ${JSON.stringify(proxy.refused)}`,
    );
    assert.equal(pointed.llm.requests.filter((r) => r.endpoint === 'openai-chat').length, 1);
  });

  it('a chat answer that stalls through the proxy says what a proxy that holds the stream back does', async () => {
    const FIRST_TOKEN: Setting = ['rill', 'network.firstTokenTimeoutMs'];
    await setUser(HTTP_PROXY, proxy.url);
    await setUser(FIRST_TOKEN, 1000);
    try {
      pointed.llm.setDefault({ fault: 'silence-after-headers' });
      const turn = await askChat('Anyone there?');
      assert.equal(turn?.error?.kind, 'stalled', turn?.error?.message);
      assert.ok(turn?.error?.message.endsWith(PROXY_ADVICE), turn?.error?.message);
    } finally {
      await resetUser(FIRST_TOKEN);
    }
  });

  it('a host in http.noProxy goes direct', async () => {
    await setUser(HTTP_PROXY, proxy.url);
    await setUser(HTTP_NO_PROXY, ['127.0.0.1']);
    try {
      const before = proxy.tunnels.length;
      pointed.llm.setDefault({ text: 'Answered directly.' });
      const turn = await askChat('And now?');
      assert.equal(turn?.answer, 'Answered directly.');
      assert.equal(proxy.tunnels.length, before, `a tunnel was opened: ${JSON.stringify(proxy.tunnels.slice(before))}`);
    } finally {
      await resetUser(HTTP_NO_PROXY);
    }
  });

  it('a TLS server signed by a CA from rill.network.caCertificates is reached through the proxy', async () => {
    const certs = makeCertificates();
    const front = await startTlsFront(Number(new URL(pointed.llm.url).port), certs.key, certs.cert);
    try {
      await setUser(HTTP_PROXY, proxy.url);
      await setUser(CHAT_BASE_URL, `${front.url}/v1`);
      pointed.llm.setDefault({ text: 'Answered over TLS.' });

      const refused = await askChat('Do you trust me?');
      assert.equal(refused?.error?.kind, 'network', 'the server was trusted without its CA');
      assert.match(refused?.error?.message ?? '', /certificate/i);

      await setUser(CA_FILES, [certs.caFile]);
      const turn = await askChat('And now?');
      assert.equal(turn?.error, undefined, turn?.error?.message);
      assert.equal(turn?.answer, 'Answered over TLS.');
      assert.ok(tunnelsTo(front.url).length >= 2, `no tunnel to the TLS server: ${JSON.stringify(proxy.tunnels)}`);
    } finally {
      await resetUser(CA_FILES);
      await resetUser(CHAT_BASE_URL);
      await front.close();
      certs.dispose();
    }
  });

  it('a CA file put right on disk (same path, new contents) is read again without a settings change or a reload', async () => {
    const certs = makeCertificates();
    const other = makeCertificates();
    const front = await startTlsFront(Number(new URL(pointed.llm.url).port), certs.key, certs.cert);
    // The user's CA file, first holding another CA (the wrong certificate exported).
    const dir = mkdtempSync(join(tmpdir(), 'rill-ca-file-'));
    const caFile = join(dir, 'company-ca.pem');
    writeFileSync(caFile, readFileSync(other.caFile));
    try {
      await setUser(HTTP_PROXY, proxy.url);
      await setUser(CHAT_BASE_URL, `${front.url}/v1`);
      await setUser(CA_FILES, [caFile]);
      pointed.llm.setDefault({ text: 'Answered with the right CA.' });
      const refused = await askChat('Do you trust me?');
      assert.equal(refused?.error?.kind, 'network', 'the server was trusted with the wrong CA');

      const reread = new Promise<void>((resolve) => {
        const subscription = api.providers.onDidChange(() => {
          subscription.dispose();
          resolve();
        });
      });
      writeFileSync(caFile, readFileSync(certs.caFile));
      await settlesWithin('Rill to read the CA file again', reread, 20_000);
      const turn = await askChat('And now?');
      assert.equal(turn?.error, undefined, turn?.error?.message);
      assert.equal(turn?.answer, 'Answered with the right CA.');
    } finally {
      await resetUser(CA_FILES);
      await resetUser(CHAT_BASE_URL);
      await front.close();
      certs.dispose();
      other.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a proxy that answers 407 says to set http.proxyAuthorization, and gets it once set', async () => {
    const credentials = `Basic ${Buffer.from('dev:pa55').toString('base64')}`;
    const guarded = await startLoopbackProxy({ authorization: credentials });
    try {
      await setUser(HTTP_PROXY, guarded.url);
      pointed.llm.setDefault({ text: 'Answered past the guard.' });

      const refused = await askChat('May I pass?');
      assert.equal(refused?.error?.kind, 'network');
      assert.match(refused?.error?.message ?? '', /407.*http\.proxyAuthorization/);

      await setUser(HTTP_PROXY_AUTHORIZATION, credentials);
      const turn = await askChat('And now?');
      assert.equal(turn?.error, undefined, turn?.error?.message);
      assert.equal(turn?.answer, 'Answered past the guard.');
      assert.equal(guarded.tunnels.at(-1)?.authorization, credentials);
      // Whatever would echo them (a proxy's error page), the credentials are masked in the log.
      const token = Buffer.from('dev:pa55').toString('base64');
      assert.equal(api.log.mask(`proxy said: bad ${credentials} (${token})`), 'proxy said: bad •••• (••••)');
    } finally {
      await resetUser(HTTP_PROXY_AUTHORIZATION);
      await resetUser(HTTP_PROXY);
      await guarded.close();
    }
  });
});
