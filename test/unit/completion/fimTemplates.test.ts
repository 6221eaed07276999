import assert from 'node:assert/strict';
import { detectFimFamily, fimTemplateFor } from '../../../src/llm/fimTemplates';
import type { FimRequest } from '../../../src/llm/types';

const request: FimRequest = { kind: 'fim', prefix: 'def f():\n    ', suffix: '\n', path: 'm.py', language: 'python', snippets: [{ path: 'u.py', text: 'X = 1' }] };

describe('FIM templates per model family', () => {
  it('detects the family from the model name', () => {
    assert.equal(detectFimFamily('qwen2.5-coder:1.5b-base'), 'qwen');
    assert.equal(detectFimFamily('deepseek-coder-v2'), 'deepseek');
    assert.equal(detectFimFamily('bigcode/starcoder2-3b'), 'starcoder');
    assert.equal(detectFimFamily('codellama:7b-code'), 'codellama');
    assert.equal(detectFimFamily('codestral-latest'), 'codestral');
    assert.equal(detectFimFamily('codegemma:2b'), 'codegemma');
    assert.equal(detectFimFamily('gpt-4o-mini'), undefined);
  });
  it('the setting overrides the name', () => {
    assert.equal(fimTemplateFor('my-finetune', 'deepseek')?.family, 'deepseek');
    assert.equal(fimTemplateFor('my-finetune'), undefined);
  });
  it('renders Qwen with repository-level file separators', () => {
    assert.equal(
      fimTemplateFor('qwen2.5-coder')!.render(request),
      '<|file_sep|>u.py\nX = 1\n<|file_sep|>m.py\n<|fim_prefix|>def f():\n    <|fim_suffix|>\n<|fim_middle|>',
    );
  });
  it('renders DeepSeek with context as comments', () => {
    assert.equal(
      fimTemplateFor('deepseek-coder')!.render(request),
      '<｜fim▁begin｜># Path: u.py\n# X = 1\n# Path: m.py\ndef f():\n    <｜fim▁hole｜>\n<｜fim▁end｜>',
    );
  });
  it('renders Codestral suffix first, CodeLlama with spaces around its tokens', () => {
    assert.ok(fimTemplateFor('codestral')!.render(request).startsWith('[SUFFIX]\n[PREFIX]'));
    assert.ok(fimTemplateFor('codellama')!.render(request).startsWith('<PRE> # Path: u.py'));
    assert.ok(fimTemplateFor('codellama')!.render(request).endsWith(' <SUF>\n <MID>'));
  });
  it('every family has stop tokens', () => {
    for (const model of ['qwen', 'deepseek', 'starcoder', 'codellama', 'codestral', 'codegemma']) {
      assert.ok(fimTemplateFor(model)!.stop.length > 0, model);
    }
  });
});
