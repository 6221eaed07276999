// Where a base URL's requests go: with or without /v1 and trailing slashes, a path prefix, an
// endpoint pasted whole, a query (Azure's api-version), and Azure's classic deployment URLs.
import * as assert from 'node:assert/strict';
import { AZURE_API_VERSION, endpointUrls, isAzureHost } from '../../../src/llm/endpointUrls';

describe('endpointUrls: the base URL as a user pastes it', () => {
  const cases: [string, string, Record<string, string>][] = [
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000/v1', {}],
    ['http://127.0.0.1:8000/v1//', 'http://127.0.0.1:8000/v1', {}],
    ['https://gw.example/openai/v1', 'https://gw.example/openai/v1', {}],
    ['https://gw.example/v1/chat/completions', 'https://gw.example/v1', {}],
    ['https://gw.example/v1/completions/', 'https://gw.example/v1', {}],
    ['https://gw.example/v1?tenant=a#frag', 'https://gw.example/v1', { tenant: 'a' }],
    ['https://res.openai.azure.com/openai/deployments/d1/chat/completions?api-version=2025-01-01-preview', 'https://res.openai.azure.com/openai/deployments/d1', { 'api-version': '2025-01-01-preview' }],
    ['https://apim.example/openai/deployments/d1', 'https://apim.example/openai/deployments/d1', { 'api-version': AZURE_API_VERSION }],
  ];
  for (const [baseUrl, openAiBase, query] of cases) {
    it(`${baseUrl} -> ${openAiBase} ${JSON.stringify(query)}`, () => {
      const urls = endpointUrls('openai-compatible', baseUrl);
      assert.equal(urls.openAiBase, openAiBase);
      assert.deepEqual(urls.query, query);
    });
  }

  it("Anthropic's messages URL pasted whole is its server root", () => {
    assert.equal(endpointUrls('anthropic', 'https://gw.example/anthropic/v1/messages').root, 'https://gw.example/anthropic');
  });

  it('Azure hosts are told by their domain, not by a path or a look-alike', () => {
    assert.equal(isAzureHost('https://res.openai.azure.com/openai/v1'), true);
    assert.equal(isAzureHost('https://res.cognitiveservices.azure.com'), true);
    assert.equal(isAzureHost('https://res.services.ai.azure.com/openai/v1'), true);
    assert.equal(isAzureHost('https://openai.azure.com.evil.example/v1'), false);
    assert.equal(isAzureHost('https://gw.example/openai/deployments/d1'), false);
    assert.equal(isAzureHost('not a url'), false);
  });
});
