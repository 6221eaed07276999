// A new user's first mistakes while pointing Rill at a provider: a key pasted into the other
// provider's slot, a base URL typed without http:// or with a typo in it. Each failure says what
// is wrong and how to fix it, and a URL no request can reach is not tried.
import * as assert from 'node:assert/strict';
import { createProvider } from '../../src/llm/createProvider';
import { isLlmError, type LlmError, remedyOf } from '../../src/llm/errors';
import { keyShapeWarning } from '../../src/llm/keyShape';
import type { EndpointConfig } from '../../src/llm/types';
import { FakeLlmServer } from '../fake-llm/server';
import { streamFailure } from '../helpers/collect';

const CHAT = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'hi' }] };

function provider(config: Partial<EndpointConfig> & Pick<EndpointConfig, 'provider'>, fetch?: typeof globalThis.fetch) {
  return createProvider({ model: 'm', maxRetries: 0, firstTokenTimeoutMs: 5000, idleTimeoutMs: 5000, ...(fetch ? { fetch } : {}), ...config });
}

describe('First-run mistakes with keys and URLs', () => {
  describe('a key pasted into the other provider slot', () => {
    it('an Anthropic key in the OpenAI slot, and an OpenAI key in the Anthropic slot, are named as such', () => {
      assert.equal(keyShapeWarning('openai', 'sk-ant-api03-abc'), 'This looks like an Anthropic key (sk-ant-), not an OpenAI one.');
      assert.equal(keyShapeWarning('anthropic', 'sk-proj-abc'), 'This looks like an OpenAI key (sk- without ant-), not an Anthropic one.');
    });

    it("each provider's own keys, and any key for a server of one's own, get no warning", () => {
      assert.equal(keyShapeWarning('openai', 'sk-proj-abc'), undefined);
      assert.equal(keyShapeWarning('anthropic', 'sk-ant-api03-abc'), undefined);
      assert.equal(keyShapeWarning('openai-compatible', 'sk-ant-api03-abc'), undefined);
      assert.equal(keyShapeWarning('openai', 'a-gateway-token'), undefined);
    });

    it('the server refusing it says which key, that it looks like the other provider one, and how to fix it', async () => {
      const llm = await FakeLlmServer.start();
      try {
        llm.route(() => ({ status: 401 }));
        const error = await streamFailure(provider({ provider: 'openai', baseUrl: `${llm.url}/v1`, apiKey: 'sk-ant-api03-secretsecret' }).stream(CHAT, new AbortController().signal));
        assert.ok(isLlmError(error), String(error));
        assert.equal(error.kind, 'auth');
        assert.equal(
          error.message,
          'OpenAI rejected the API key for OpenAI (HTTP 401). This looks like an Anthropic key (sk-ant-), not an OpenAI one. Set a valid key with "Rill: Set API Key…" or the OPENAI_API_KEY environment variable.',
        );
      } finally {
        await llm.close();
      }
    });
  });

  describe('a stored key the server refuses', () => {
    it('names only Set API Key: the stored key wins over the environment variable, so setting that would change nothing', async () => {
      const llm = await FakeLlmServer.start();
      try {
        llm.route(() => ({ status: 401 }));
        const error = await streamFailure(provider({ provider: 'openai-compatible', baseUrl: `${llm.url}/v1`, apiKey: 'a-stored-key', apiKeyStored: true }).stream(CHAT, new AbortController().signal));
        assert.ok(isLlmError(error), String(error));
        assert.equal(error.kind, 'auth');
        assert.match(error.message, /rejected the API key for OpenAI-compatible server \(HTTP 401\)\. Set a valid key with "Rill: Set API Key…", which replaces the one stored\.$/);
        assert.ok(!error.message.includes('RILL_API_KEY'), error.message);
      } finally {
        await llm.close();
      }
    });
  });

  describe('a base URL that is not an http(s) address', () => {
    for (const baseUrl of ['127.0.0.1:11434/v1', 'htp://127.0.0.1:11434/v1', 'localhost:11434']) {
      it(`"${baseUrl}": says so and names the settings, for chat, completion and the model list, and sends nothing`, async () => {
        const sent: string[] = [];
        const fetch: typeof globalThis.fetch = async (input) => {
          sent.push(String(input instanceof Request ? input.url : input));
          return new Response('{}', { status: 500 });
        };
        const p = provider({ provider: 'openai-compatible', baseUrl }, fetch);
        for (const request of [CHAT, { kind: 'fim' as const, prefix: 'def f():\n', suffix: '', languageId: 'python' }]) {
          const error = await streamFailure(p.stream(request as Parameters<typeof p.stream>[0], new AbortController().signal));
          assert.ok(isLlmError(error), String(error));
          assert.equal(error.kind, 'bad-request');
          assert.equal(
            error.message,
            `The base URL "${baseUrl}" is not an http:// or https:// address. Set rill.completion.baseUrl / rill.chat.baseUrl in your user settings to the server's whole URL, e.g. http://127.0.0.1:11434/v1.`,
          );
        }
        await assert.rejects(p.listModels(), (e: unknown) => isLlmError(e) && e.kind === 'bad-request' && e.message.includes(baseUrl));
        assert.deepEqual(sent, []);
      });
    }

    it('http and https URLs, with or without /v1 or a trailing slash, are asked as before', async () => {
      for (const baseUrl of ['http://127.0.0.1:9', 'https://example.invalid/v1/', 'HTTP://127.0.0.1:9/v1']) {
        const sent: string[] = [];
        const fetch: typeof globalThis.fetch = async (input) => {
          sent.push(String(input instanceof Request ? input.url : input));
          return new Response('{}', { status: 500 });
        };
        await streamFailure(provider({ provider: 'openai-compatible', baseUrl }, fetch).stream(CHAT, new AbortController().signal));
        assert.equal(sent.length, 1, baseUrl);
      }
    });
  });

  describe('a host name that does not resolve (offline, or a typo)', () => {
    /** What fetch throws when DNS has no answer (undici wraps the system error). */
    const unresolved: typeof globalThis.fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND host'), { code: 'ENOTFOUND' }) });
    };

    it("OpenAI's own URL, which the user never typed: points at the network and proxy, not at a base URL", async () => {
      const error = await streamFailure(provider({ provider: 'openai', apiKey: 'sk-proj-abc' }, unresolved).stream(CHAT, new AbortController().signal));
      assert.ok(isLlmError(error), String(error));
      assert.equal(error.kind, 'network');
      assert.equal(error.message, 'Could not complete the request to https://api.openai.com/v1: host not found: check your network connection, or the proxy (http.proxy).');
    });

    it('a URL the user set: points at the base URL', async () => {
      const error = await streamFailure(provider({ provider: 'openai-compatible', baseUrl: 'http://my-llm.invalid/v1' }, unresolved).stream(CHAT, new AbortController().signal));
      assert.ok(isLlmError(error), String(error));
      assert.equal(error.message, 'Could not complete the request to http://my-llm.invalid/v1: host not found: check the base URL.');
    });
  });

  describe('the first question of a user who chose no provider: nothing runs at the default URL', () => {
    const refused: typeof globalThis.fetch = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' }) });
    };

    it("Ollama's default URL: says it is Rill's default and the way to another provider", async () => {
      for (const baseUrl of ['http://127.0.0.1:11434/v1', undefined]) {
        const error = await streamFailure(provider({ provider: 'openai-compatible', baseUrl }, refused).stream(CHAT, new AbortController().signal));
        assert.ok(isLlmError(error), String(error));
        assert.equal(error.kind, 'network');
        // The chat panel, @rill and Generate show Choose Provider… beside Retry for it.
        assert.equal(remedyOf(error), 'chooseProvider');
        assert.equal(
          error.message,
          'Could not complete the request to http://127.0.0.1:11434/v1: connection refused. Rill\'s default server is Ollama (port 11434) on this machine, and none is running there: start it, or pick another provider with "Rill: Choose Provider…".',
        );
      }
      const llama = await streamFailure(provider({ provider: 'llamacpp' }, refused).stream(CHAT, new AbortController().signal));
      assert.match(String((llama as Error).message), /default server is a llama\.cpp server \(port 8080\) .*"Rill: Choose Provider…"/);
    });

    it('a server the user set up elsewhere: asks whether it is running, as before', async () => {
      const error = await streamFailure(provider({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8000/v1' }, refused).stream(CHAT, new AbortController().signal));
      assert.equal((error as Error).message, 'Could not complete the request to http://127.0.0.1:8000/v1: connection refused: is the server running?');
      assert.equal(remedyOf(error as LlmError), undefined, 'Retry is the way once the server is started');
    });
  });

  describe('a base URL that reaches a web page (a web UI, a captive portal)', () => {
    it('the model list says so and names the URL to check, instead of an empty list', async () => {
      const llm = await FakeLlmServer.start();
      try {
        llm.route(() => ({ fault: 'html-200' }));
        const p = provider({ provider: 'openai-compatible', baseUrl: llm.url });
        await assert.rejects(p.listModels(), (e: unknown) => {
          assert.ok(isLlmError(e), String(e));
          assert.equal(e.message, `The server at ${llm.url} answered with a web page (text/html) instead of a model list. Check the base URL (${llm.url}).`);
          return true;
        });
      } finally {
        await llm.close();
      }
    });
  });
});
