import * as assert from 'node:assert/strict';
import { maskRequest, maskSecrets } from '../../../src/llm/secretMask';

describe('maskSecrets', () => {
  const masked: [string, string, string][] = [
    ['a private key block', 'key = """\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nabc\n-----END RSA PRIVATE KEY-----\n"""', 'key = """\n[private key masked by Rill]\n"""'],
    ['an OpenAI key', 'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345', 'OPENAI_API_KEY=[OpenAI key masked by Rill]'],
    ['an Anthropic key', 'key: sk-ant-api03-abcdefghijklmnopqrstuvwxyz', 'key: [Anthropic key masked by Rill]'],
    ['an AWS access key id', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'aws_access_key_id = [AWS access key masked by Rill]'],
    ['a GitHub token', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'token [GitHub token masked by Rill]'],
    ['a Slack token', 'xoxb-1234567890-abcdefghij', '[Slack token masked by Rill]'],
    ['a Google API key', 'AIzaSyA1234567890abcdefghijklmnopqrstuv', '[Google API key masked by Rill]'],
    ['a JWT', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Bearer [JSON web token masked by Rill]'],
    ['a quoted password assignment', 'const dbPassword = "hunter2hunter2";', 'const dbPassword = "[secret value masked by Rill]";'],
    ['a secret in JSON', '{"client_secret": "abcd1234efgh5678"}', '{"client_secret": "[secret value masked by Rill]"}'],
    ['an unquoted secret in an INI file', '[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n', '[default]\naws_secret_access_key = [secret value masked by Rill]\n'],
    ['an unquoted token in .npmrc', '//registry.example/:_authToken=npm_a1B2c3D4e5F6g7H8i9J0', '//registry.example/:_authToken=[secret value masked by Rill]'],
    ['an unquoted secret in YAML', '  client_secret: 9f8e7d6c5b4a39281706', '  client_secret: [secret value masked by Rill]'],
  ];
  for (const [name, input, expected] of masked) it(`masks ${name}`, () => assert.equal(maskSecrets(input), expected));

  const kept = [
    'const password = getPassword();',
    'token = self.token_cache_for_user1',
    'password = None',
    'secret_key = read_secret_from_vault(name1234567890)',
    'access_token: ${{ secrets.DEPLOY_TOKEN_2024 }}',
    'if (token.length > 8) return;',
    'const sk = "short";',
    'function skip() { return "sk-"; }',
    '// see -----BEGIN CERTIFICATE----- blocks: certificates are public',
  ];
  for (const input of kept) it(`leaves ordinary code alone: ${input}`, () => assert.equal(maskSecrets(input), input));

  it('a megabyte line of secret-like words ends (no quadratic backtracking)', () => {
    const line = 'token'.repeat(200_000);
    assert.equal(maskSecrets(line), line);
    assert.equal(maskSecrets(`${line} = "abcd1234efgh5678"`), `${line} = "abcd1234efgh5678"`, 'a name this long is not a config key');
  });
});

describe('maskRequest', () => {
  it('masks prefix, suffix, snippets and chat messages, and keeps the request when clean', () => {
    const fim = maskRequest({ kind: 'fim', prefix: 'k = "sk-abcdefghijklmnopqrstuvwxyz"\n', suffix: '', snippets: [{ path: '.x', text: 'AKIAIOSFODNN7EXAMPLE' }] });
    assert.equal(fim.prefix, 'k = "[OpenAI key masked by Rill]"\n');
    assert.equal(fim.snippets?.[0]?.text, '[AWS access key masked by Rill]');
    const clean = { kind: 'chat' as const, messages: [{ role: 'user' as const, content: 'hello' }] };
    assert.equal(maskRequest(clean), clean);
  });

  it('masks the results of tool calls (a file a tool read is workspace text like any other)', () => {
    const request = {
      kind: 'chat' as const,
      messages: [
        { role: 'assistant' as const, content: '', toolCalls: [{ id: 'c1', name: 'read_file', input: { path: '.env' } }] },
        { role: 'user' as const, content: 'go on', toolResults: [{ callId: 'c1', content: 'OPENAI_API_KEY=sk-proj-abcdefghijklmnopqrstuvwxyz012345' }, { callId: 'c2', content: 'plain' }] },
      ],
    };
    const masked = maskRequest(request);
    assert.deepEqual(masked.messages[1]?.toolResults, [{ callId: 'c1', content: 'OPENAI_API_KEY=[OpenAI key masked by Rill]' }, { callId: 'c2', content: 'plain' }]);
    assert.equal(masked.messages[0], request.messages[0], 'a message without secrets is kept as it was');
  });
});
