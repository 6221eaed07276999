import * as assert from 'node:assert/strict';
import { baseUrlProblem } from '../../../src/llm/endpointUrls';
import { headerSecrets, redactUrl, urlSecrets } from '../../../src/llm/urlRedaction';

describe('urlRedaction: credentials in a server URL or headers', () => {
  const cases: readonly [url: string, shown: string, secrets: readonly string[]][] = [
    ['http://127.0.0.1:11434/v1', 'http://127.0.0.1:11434/v1', []],
    ['https://api.example.com', 'https://api.example.com', []],
    ['https://user:p%40ss@proxy.example/v1', 'https://••••@proxy.example/v1', ['user:p%40ss', 'user:p@ss', 'user', 'p%40ss', 'p@ss']],
    ['https://TOKEN1234@host/v1', 'https://••••@host/v1', ['TOKEN1234']],
    ['https://host/v1?api-key=abcd1234&api-version=2024-06-01', 'https://host/v1?api-key=••••&api-version=2024-06-01', ['abcd1234']],
    ['https://host/v1?key=AIzaXYZ#frag', 'https://host/v1?key=••••#frag', ['AIzaXYZ']],
    ['https://host/v1?access_token=t0k3n/chat/completions', 'https://host/v1?access_token=••••', ['t0k3n/chat/completions']],
    ['https://host/v1?model=x&sig=', 'https://host/v1?model=x&sig=', []],
    // An @ in the path or query is no user information.
    ['https://host/v1/users/a@b?x=1', 'https://host/v1/users/a@b?x=1', []],
  ];
  for (const [url, shown, secrets] of cases) {
    it(`${url} is shown as ${shown}`, () => {
      assert.equal(redactUrl(url), shown);
      assert.deepEqual(urlSecrets(url), secrets);
    });
  }

  it('the values of headers that carry a credential, and the token after a scheme', () => {
    assert.deepEqual(
      headerSecrets({ Authorization: 'Bearer abc123456', 'x-api-key': 'k-987654', 'Content-Type': 'application/json', 'X-Title': 'Rill', 'cf-access-client-secret': ' s3cr3t ' }),
      ['Bearer abc123456', 'abc123456', 'k-987654', 's3cr3t'],
    );
    assert.deepEqual(headerSecrets(undefined), []);
    assert.deepEqual(headerSecrets({ 'x-api-key': 42 } as unknown as Record<string, string>), []);
  });

  it('a base URL refused before anything is sent (not http or https) is quoted without its password', () => {
    const problem = baseUrlProblem('htps://user:hunter22@proxy.example/v1') ?? '';
    assert.match(problem, /"htps:\/\/••••@proxy\.example\/v1" is not an http:\/\/ or https:\/\/ address/);
    assert.ok(!problem.includes('hunter22'));
    assert.equal(baseUrlProblem('http://127.0.0.1:11434/v1'), undefined);
  });
});
