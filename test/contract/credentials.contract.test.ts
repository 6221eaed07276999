// A credential the user put in the base URL (`http://user:password@proxy`, `?api-key=…`) or in a
// header (`rill.*.headers`, e.g. a gateway's token), through every adapter and the real SDKs: no
// error message (what the chat panel, the status bar, the log and other extensions using Rill's
// models are shown) and no description of the request (Show Last Completion Prompt) carries it,
// even when the server or the HTTP library echoes it back.
import * as assert from 'node:assert/strict';
import { FakeLlmServer } from '../fake-llm/server';
import { collect } from '../helpers/collect';
import { ADAPTERS } from './adapters';

const PASSWORD = 'url-password-5e7a1c9b';
const QUERY_KEY = 'query-key-0b8d2f6e41';
const HEADER_TOKEN = 'gateway-token-9c3e7a5d21';

const withPassword = (url: string) => url.replace('http://', `http://rill-user:${PASSWORD}@`);

describe('credentials in the base URL or headers never show in messages', function () {
  this.timeout(15_000);
  let llm: FakeLlmServer;
  before(async () => (llm = await FakeLlmServer.start()));
  after(async () => llm.close());
  beforeEach(() => llm.reset());

  const assertHidden = (text: string | undefined, ...secrets: string[]) => {
    assert.ok(text, 'a message');
    for (const secret of secrets) assert.ok(!text.includes(secret), `"${secret}" shows in: ${text}`);
  };

  for (const adapter of ADAPTERS) {
    describe(adapter.name, () => {
      it('a user name and password in the base URL: the error names the server without them', async () => {
        llm.setDefault({ text: 'hello' });
        const outcome = await collect(adapter.make(withPassword(llm.url)).stream(adapter.request, new AbortController().signal));
        // Node's fetch refuses a URL with credentials: the request fails before it leaves.
        assertHidden(outcome.error?.message, PASSWORD);
        assert.match(outcome.error?.message ?? '', /http:\/\/••••@127\.0\.0\.1:\d+/);
      });

      it('a key in the base URL\'s query: the error names the server without it', async () => {
        llm.setDefault({ status: 404 });
        const outcome = await collect(adapter.make(`${llm.url}?api-key=${QUERY_KEY}`).stream(adapter.request, new AbortController().signal));
        assertHidden(outcome.error?.message, QUERY_KEY);
      });

      it("a server that echoes a credential header's value: masked in the error", async () => {
        llm.enqueue({ status: 400, body: { message: `Gateway refused x-gateway-token ${HEADER_TOKEN} (Authorization: Basic ${HEADER_TOKEN})` } });
        const provider = adapter.make(llm.url, { headers: { 'X-Gateway-Token': HEADER_TOKEN } });
        const outcome = await collect(provider.stream(adapter.request, new AbortController().signal));
        assert.equal(llm.requests.length, 1, 'the request reached the server');
        assertHidden(outcome.error?.message, HEADER_TOKEN);
        assert.match(outcome.error?.message ?? '', /Gateway refused x-gateway-token ••••/);
      });

      it('the request as described (Show Last Completion Prompt) names the URL without them', () => {
        const url = adapter.make(`${withPassword(llm.url)}?token=${QUERY_KEY}`).describe?.(adapter.request).url;
        assertHidden(url, PASSWORD, QUERY_KEY);
        assert.match(url ?? '', /^http:\/\/••••@127\.0\.0\.1:\d+/);
      });
    });
  }
});
