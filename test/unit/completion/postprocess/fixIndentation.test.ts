import { fixIndentation } from '../../../../src/completion/postprocess/fixIndentation';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: indentation', () => {
  runRuleFixtures(fixIndentation, [
    {
      name: 'indentation the user already typed is not added again',
      source: 'function f() {\n  █\n}\n',
      completion: '  return 1;',
      expected: 'return 1;',
    },
    {
      name: 'indentation that completes what was typed is kept',
      source: 'function f() {\n    if (a) {\n      █\n',
      document: { indentUnit: '    ', tabSize: 4 },
      completion: '  run();',
      expected: '  run();',
    },
    {
      name: 'spaces become tabs in a tab-indented file',
      source: 'function f() {\n\tif (a) {█\n',
      document: { indentUnit: '\t', tabSize: 4 },
      completion: '\n        run();\n    }',
      expected: '\n\t\trun();\n\t}',
    },
    {
      name: 'tabs become spaces in a space-indented file',
      source: 'def f():█\n',
      document: { indentUnit: '    ', tabSize: 4, languageId: 'python' },
      completion: '\n\treturn 1',
      expected: '\n    return 1',
    },
    {
      name: 'a partial line with only whitespace is left until it shows content',
      source: 'function f() {\n\tif (a) {█\n',
      document: { indentUnit: '\t', tabSize: 4 },
      completion: '\n    ',
      expected: '\n    ',
      done: false,
    },
  ]);
});
