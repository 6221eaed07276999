import { maxLines } from '../../../../src/completion/postprocess/maxLines';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: at most maxLines lines', () => {
  runRuleFixtures(maxLines, [
    {
      name: 'stops once a line beyond the budget begins',
      source: 'function f() {█\n',
      maxLines: 2,
      completion: '\n  a();\n  b();\n  c',
      expected: '\n  a();\n  b();',
      stop: true,
      done: false,
    },
    {
      name: 'within the budget nothing changes',
      source: 'function f() {█\n',
      maxLines: 3,
      completion: '\n  a();\n  b();',
      expected: '\n  a();\n  b();',
      stop: false,
    },
  ]);
});
