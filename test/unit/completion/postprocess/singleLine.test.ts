import { singleLine } from '../../../../src/completion/postprocess/singleLine';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: single-line', () => {
  runRuleFixtures(singleLine, [
    {
      name: 'text right of the cursor: the completion ends at the first newline',
      source: 'const total = sum(█);\n',
      completion: 'a, b\nconsole.log(total);',
      expected: 'a, b',
      stop: true,
    },
    {
      name: 'text right of the cursor: a leading newline leaves nothing',
      source: 'foo(█)\n',
      completion: '\n  bar',
      expected: '',
      stop: true,
    },
    {
      // Issue 11: at the end of a line the suggestion is the rest of the block (was: the next line only).
      name: 'end of a statement line is multi-line: untouched (the block rules end it)',
      source: 'const a = 1;█\n',
      completion: '\nconst b = 2;\nconst c = 3;',
      expected: '\nconst b = 2;\nconst c = 3;',
      stop: false,
    },
    {
      name: 'streaming, no newline yet: nothing to decide',
      source: 'const total = sum(█);\n',
      completion: 'a, b',
      expected: 'a, b',
      stop: false,
      done: false,
    },
    {
      name: 'an empty line is multi-line: untouched',
      source: 'function f() {\n  █\n}\n',
      completion: 'const a = 1;\n  return a;',
      expected: 'const a = 1;\n  return a;',
      stop: false,
    },
    {
      name: 'after a block opener is multi-line, even with an auto-closed brace',
      source: 'function f() {█}\n',
      completion: '\n  return 1;\n}',
      expected: '\n  return 1;\n}',
      stop: false,
    },
  ]);
});
