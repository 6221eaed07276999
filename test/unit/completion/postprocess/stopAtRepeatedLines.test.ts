import { stopAtRepeatedLines } from '../../../../src/completion/postprocess/stopAtRepeatedLines';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: stop at repeated lines', () => {
  runRuleFixtures(stopAtRepeatedLines, [
    {
      name: 'the same line three times keeps one',
      source: 'function f() {\n  █\n}\n',
      completion: 'x.push(1);\n  x.push(1);\n  x.push(1);\n  x.push(1);',
      expected: 'x.push(1);',
      stop: true,
    },
    {
      name: 'a block of two lines repeated keeps the first',
      source: 'function f() {\n  █\n}\n',
      completion: 'a = read();\n  write(a);\n  a = read();\n  write(a);\n  done();',
      expected: 'a = read();\n  write(a);',
      stop: true,
    },
    {
      name: 'two equal lines are legitimate',
      source: 'function f() {\n  █\n}\n',
      completion: 'i++;\n  i++;\n  return i;',
      expected: 'i++;\n  i++;\n  return i;',
      stop: false,
    },
    {
      name: 'repeated closing braces are not a loop',
      source: 'function f() {\n  █\n}\n',
      completion: 'if (a) {\n    if (b) {\n      c();\n    }\n  }',
      expected: 'if (a) {\n    if (b) {\n      c();\n    }\n  }',
      stop: false,
    },
  ]);
});
