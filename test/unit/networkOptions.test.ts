// Which proxy Rill's requests take, from VS Code's settings and the environment, with the routing
// networkFetch does from the result (bypassesProxy is what sends a host direct).
import * as assert from 'node:assert/strict';
import { bypassesProxy } from '../../src/llm/networkFetch';
import { type Environment, networkOptions, type ProxySettings } from '../../src/llm/networkOptions';

const NONE: ProxySettings = { proxy: '', noProxy: [], strictSSL: true };
const settings = (s: Partial<ProxySettings>): ProxySettings => ({ ...NONE, ...s });

/** The proxy a request to `url` takes ('direct' when none), as networkFetch picks it. */
function route(url: string, s: ProxySettings, env: Environment): string {
  const o = networkOptions(s, env);
  const target = new URL(url);
  const proxy = target.protocol === 'http:' ? (o.httpProxy ?? o.proxy) : o.proxy;
  return !proxy || bypassesProxy(target.hostname, o.noProxy) ? 'direct' : proxy;
}

describe('network options from VS Code settings and the environment', () => {
  it('nothing set: no proxy, strict TLS, so Node\'s defaults serve', () => {
    assert.deepEqual(networkOptions(NONE, {}), { extraCa: [], strictSSL: true });
  });

  it('http.proxy wins over HTTPS_PROXY and HTTP_PROXY, for https and http targets alike', () => {
    const env = { HTTPS_PROXY: 'http://env-https:3128', HTTP_PROXY: 'http://env-http:3128' };
    const s = settings({ proxy: 'http://vscode-proxy:8080' });
    assert.equal(route('https://api.openai.com/v1', s, env), 'http://vscode-proxy:8080');
    assert.equal(route('http://models.corp:8000/v1', s, env), 'http://vscode-proxy:8080');
  });

  it('from the environment, https targets take HTTPS_PROXY and http targets HTTP_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://env-https:3128', HTTP_PROXY: 'http://env-http:3128' };
    assert.equal(route('https://api.anthropic.com', NONE, env), 'http://env-https:3128');
    assert.equal(route('http://models.corp:8000', NONE, env), 'http://env-http:3128');
  });

  it('HTTP_PROXY alone serves https targets too; HTTPS_PROXY alone leaves http targets direct (curl and undici agree)', () => {
    assert.equal(route('https://api.openai.com', NONE, { HTTP_PROXY: 'http://only-http:3128' }), 'http://only-http:3128');
    assert.equal(route('http://models.corp:8000', NONE, { HTTPS_PROXY: 'http://only-https:3128' }), 'direct');
    assert.equal(route('https://api.openai.com', NONE, { HTTPS_PROXY: 'http://only-https:3128' }), 'http://only-https:3128');
  });

  it('lower-case variables are read, and win over upper-case ones', () => {
    assert.equal(route('https://x.example', NONE, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' }), 'http://lower:1');
    assert.equal(route('http://x.example', NONE, { http_proxy: 'http://lower:2' }), 'http://lower:2');
    assert.equal(route('https://x.example', NONE, { HTTPS_PROXY: 'http://p:1', no_proxy: 'x.example' }), 'direct');
  });

  it('a proxy without a scheme (HTTPS_PROXY=proxy.corp:8080) means http://', () => {
    assert.equal(networkOptions(NONE, { HTTPS_PROXY: 'proxy.corp:8080' }).proxy, 'http://proxy.corp:8080');
    assert.equal(networkOptions(settings({ proxy: '  https://secure-proxy:443 ' }), {}).proxy, 'https://secure-proxy:443');
  });

  it('NO_PROXY and http.noProxy both apply, to loopback names and addresses as listed', () => {
    const s = settings({ proxy: 'http://p:8080', noProxy: ['localhost', '.corp.example'] });
    const env = { NO_PROXY: '127.0.0.1,::1' };
    assert.equal(route('http://localhost:11434/v1', s, env), 'direct');
    assert.equal(route('http://127.0.0.1:11434/v1', s, env), 'direct');
    assert.equal(route('http://[::1]:8080/v1', s, env), 'direct');
    assert.equal(route('https://llm.corp.example/v1', s, env), 'direct');
    assert.equal(route('https://api.openai.com/v1', s, env), 'http://p:8080');
    assert.equal(networkOptions(s, env).noProxy, 'localhost,.corp.example,127.0.0.1,::1');
  });

  it('loopback is not bypassed unless listed: a proxy set for everything gets loopback requests too (as curl does)', () => {
    assert.equal(route('http://127.0.0.1:11434/v1', settings({ proxy: 'http://p:8080' }), {}), 'http://p:8080');
  });

  it('NO_PROXY=* sends everything direct', () => {
    assert.equal(route('https://api.openai.com', NONE, { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }), 'direct');
  });

  it('http.proxyAuthorization goes with a proxy (from the setting or the environment), and not without one', () => {
    const auth = settings({ proxyAuthorization: ' Basic ZGV2OnBhNTU= ' });
    assert.equal(networkOptions({ ...auth, proxy: 'http://p:8080' }, {}).proxyAuthorization, 'Basic ZGV2OnBhNTU=');
    assert.equal(networkOptions(auth, { HTTPS_PROXY: 'http://p:8080' }).proxyAuthorization, 'Basic ZGV2OnBhNTU=');
    assert.equal(networkOptions(auth, {}).proxyAuthorization, undefined);
    assert.equal(networkOptions(settings({ proxy: 'http://p:8080', proxyAuthorization: '' }), {}).proxyAuthorization, undefined);
  });

  it('http.proxyStrictSSL false and extra CAs pass through', () => {
    const o = networkOptions(settings({ strictSSL: false }), {}, ['-----BEGIN CERTIFICATE-----\n...']);
    assert.equal(o.strictSSL, false);
    assert.deepEqual(o.extraCa, ['-----BEGIN CERTIFICATE-----\n...']);
  });
});

describe('NO_PROXY entries with ports and IPv6 addresses', () => {
  const cases: [string, string, boolean][] = [
    ['::1', '::1', true],
    ['::1', '[::1]', true],
    ['::1', '[::1]:8080', true],
    ['127.0.0.1', '127.0.0.1:11434', true],
    ['localhost', 'localhost:11434', true],
    ['fe80::1', '::1', false],
    ['127.0.0.2', '127.0.0.1', false],
  ];
  for (const [host, noProxy, expected] of cases) {
    it(`${host} against NO_PROXY=${noProxy}: ${expected ? 'direct' : 'proxied'}`, () => assert.equal(bypassesProxy(host, noProxy), expected));
  }
});
