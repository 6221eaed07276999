import * as assert from 'node:assert/strict';
import { rillApi } from './rill';

// The harness's fake LLM server answers every generation request with RILL_HOST_FAKE_REPLY.
describe('Rill providers in the extension host', () => {
  it('streams a chat answer from the server named by the environment', async () => {
    const api = await rillApi();
    const expected = process.env.RILL_HOST_FAKE_REPLY;
    assert.ok(expected, 'the harness did not set RILL_HOST_FAKE_REPLY');
    const provider = await api.providers.get('chat');
    let text = '';
    let finish: string | undefined;
    for await (const event of provider.stream({ kind: 'chat', messages: [{ role: 'user', content: 'Say hello.' }] }, new AbortController().signal)) {
      if (event.type === 'text') text += event.text;
      if (event.type === 'end') finish = event.finishReason;
    }
    assert.equal(text, expected);
    assert.equal(finish, 'stop');
  });
});
