import * as assert from 'node:assert/strict';
import { MAX_TEXT_CHARS, parseWebviewMessage, safeExternalUrl } from '../../../src/chat/validateMessage';

describe('parseWebviewMessage', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'send', text: 'How do I…?' },
    { type: 'stop' },
    { type: 'regenerate', turnId: 'b3f1-9c_2' },
    { type: 'editResend', turnId: 't1', text: 'better question' },
    { type: 'newChat' },
    { type: 'showHistory' },
    { type: 'attach', what: 'selection' },
    { type: 'attach', what: 'file' },
    { type: 'removeAttachment', id: 'c1' },
    { type: 'selectModel', model: 'qwen2.5-coder:7b' },
    { type: 'copyCode', code: 'const x = 1;' },
    { type: 'insertCode', code: '' },
    { type: 'newFile', code: 'print(1)', language: 'python' },
    { type: 'newFile', code: 'x', language: '' },
    { type: 'openLink', href: 'https://example.com/a?b=c' },
    { type: 'setApiKey' },
    { type: 'chooseProvider' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => {
      assert.deepEqual(parseWebviewMessage(message), message);
    });
  }

  const malformed: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['no type', {}],
    ['an unknown type', { type: 'runCommand', command: 'workbench.action.terminal.new' }],
    ['a prototype key as type', { type: 'toString' }],
    ['__proto__ as type', JSON.parse('{"type":"__proto__"}')],
    ['a numeric type', { type: 1 }],
    ['send without text', { type: 'send' }],
    ['send with a number', { type: 'send', text: 42 }],
    ['send with only whitespace', { type: 'send', text: ' \n\t' }],
    ['send over the size limit', { type: 'send', text: 'x'.repeat(MAX_TEXT_CHARS + 1) }],
    ['an extra field', { type: 'send', text: 'hi', command: 'rm -rf' }],
    ['stop with a payload', { type: 'stop', turnId: 't1' }],
    ['a turn id with a path', { type: 'regenerate', turnId: '../../etc' }],
    ['an empty turn id', { type: 'regenerate', turnId: '' }],
    ['setApiKey carrying a key', { type: 'setApiKey', key: 'sk-from-the-page' }],
    ['chooseProvider carrying a server', { type: 'chooseProvider', provider: 'openai', baseUrl: 'https://evil.example' }],
    ['editResend without text', { type: 'editResend', turnId: 't1' }],
    ['attach of something else', { type: 'attach', what: 'workspace' }],
    ['removeAttachment with an object id', { type: 'removeAttachment', id: { toString: 'x' } }],
    ['a model with a control character', { type: 'selectModel', model: 'gpt\u0000' }],
    ['an empty model', { type: 'selectModel', model: '  ' }],
    ['copyCode without code', { type: 'copyCode' }],
    ['insertCode with a number', { type: 'insertCode', code: 1 }],
    ['newFile with markup as language', { type: 'newFile', code: 'x', language: '<script>' }],
    ['newFile without language', { type: 'newFile', code: 'x' }],
    ['openLink with a number', { type: 'openLink', href: 7 }],
    ['openLink too long', { type: 'openLink', href: `https://a.example/${'x'.repeat(3000)}` }],
  ];
  for (const [name, message] of malformed) {
    it(`rejects ${name}`, () => {
      assert.equal(parseWebviewMessage(message), undefined);
    });
  }
});

describe('safeExternalUrl', () => {
  it('lets http and https through', () => {
    assert.equal(safeExternalUrl('https://example.com/x')?.href, 'https://example.com/x');
    assert.equal(safeExternalUrl('http://localhost:8080/')?.href, 'http://localhost:8080/');
  });

  for (const href of [
    'command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'file:///etc/passwd',
    'vscode://settings',
    'data:text/html,<script>1</script>',
    '/relative/path',
    'not a url',
    'https://trusted.example@evil.example/',
  ]) {
    it(`refuses ${href}`, () => {
      assert.equal(safeExternalUrl(href), undefined);
    });
  }
});
