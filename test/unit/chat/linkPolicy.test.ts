// Which links from an answer Rill opens, and what it says when it will not.
import * as assert from 'node:assert/strict';
import { checkModelLink, isThisMachine } from '../../../src/chat/linkPolicy';

const opened = (href: string) => {
  const decision = checkModelLink(href);
  return 'url' in decision ? decision.url.href : undefined;
};
const refusal = (href: string) => {
  const decision = checkModelLink(href);
  return 'refused' in decision ? decision.refused : undefined;
};

describe('links from a model answer', () => {
  it('opens http and https links, loopback included', () => {
    assert.equal(opened('https://example.invalid/docs?q=1#top'), 'https://example.invalid/docs?q=1#top');
    assert.equal(opened('http://127.0.0.1:8080/page'), 'http://127.0.0.1:8080/page');
  });

  it('refuses a link with credentials, naming the real host', () => {
    assert.equal(opened('https://trusted.example@evil.example/phish'), undefined);
    assert.match(refusal('https://trusted.example@evil.example/phish') ?? '', /user name or password before the host \(evil\.example\)/);
    assert.match(refusal('https://user:pass@example.invalid/') ?? '', /\(example\.invalid\)/);
  });

  it('refuses every other scheme, naming it', () => {
    for (const [href, scheme] of [
      ["javascript:alert('x')", 'javascript:'],
      ['command:workbench.action.terminal.new', 'command:'],
      ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'data:'],
      ['file:///etc/passwd', 'file:'],
      ['vscode://settings/rill', 'vscode:'],
    ]) {
      assert.equal(opened(href), undefined, href);
      assert.match(refusal(href) ?? '', new RegExp(`this one is ${scheme}`), href);
    }
  });

  it('refuses what is not a whole address', () => {
    assert.match(refusal('/relative/path') ?? '', /not a complete web address/);
    assert.match(refusal('') ?? '', /not a complete web address/);
  });

  it('knows the addresses on this machine, which VS Code opens without asking (Rill asks first)', () => {
    for (const href of ['http://localhost:3000/', 'http://app.localhost/', 'http://127.0.0.1:8080/x', 'http://127.1.2.3/', 'http://[::1]:9000/', 'http://0.0.0.0:5000/']) {
      assert.equal(isThisMachine(new URL(href)), true, href);
    }
    for (const href of ['https://example.invalid/', 'http://192.168.1.10/', 'http://localhost.evil.example/', 'http://127.0.0.1.evil.example/']) {
      assert.equal(isThisMachine(new URL(href)), false, href);
    }
    const decision = checkModelLink('http://127.0.0.1:8080/admin');
    assert.ok('url' in decision && decision.local);
  });
});
