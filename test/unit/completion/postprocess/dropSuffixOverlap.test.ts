import { dropSuffixOverlap } from '../../../../src/completion/postprocess/dropSuffixOverlap';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: drop overlap with the text after the cursor', () => {
  runRuleFixtures(dropSuffixOverlap, [
    {
      name: 'a doubled closing bracket is dropped',
      source: 'const total = sum(█)\n',
      completion: 'a, b)',
      expected: 'a, b',
    },
    {
      name: 'a closing bracket that closes the completion\'s own call is kept',
      source: 'print(█)\n',
      completion: 'format(x)',
      expected: 'format(x)',
    },
    {
      name: 'a doubled `);` is dropped whole',
      source: 'log(█);\n',
      completion: '"done");',
      expected: '"done"',
    },
    {
      name: 'a doubled closing quote is dropped',
      source: 'print("█")\n',
      completion: 'hello")',
      expected: 'hello',
    },
    {
      name: 'the completion that only repeats the rest of the line leaves nothing',
      source: 'foo(█);\n',
      completion: ');',
      expected: '',
    },
    {
      name: 'the next existing line ends the completion',
      source: 'function f() {\n  █\n  return total;\n}\n',
      completion: 'const total = 1;\n  return total;\n}',
      expected: 'const total = 1;',
      stop: true,
    },
    {
      name: 'no doubled closing brace on the next line',
      source: 'if (ok) {\n  █\n}\n',
      completion: 'run();\n}',
      expected: 'run();',
      stop: true,
    },
    {
      name: 'a closing brace at another indentation is the completion\'s own',
      source: 'function f() {\n  █\n}\n',
      completion: 'if (a) {\n    b();\n  }',
      expected: 'if (a) {\n    b();\n  }',
      stop: false,
    },
    {
      name: 'a distinctive line is matched whatever its indentation',
      source: 'function f() {\n  █\n    return computeTotal(items);\n}\n',
      completion: 'const x = 1;\n  return computeTotal(items);',
      expected: 'const x = 1;',
      stop: true,
    },
    {
      name: 'streaming: a partial line that so far repeats the next line is held back',
      source: 'function f() {\n  run();█\n  return total;\n}\n',
      completion: '\n  return to',
      expected: '\n',
      stop: false,
      done: false,
    },
    {
      name: 'streaming: a partial line whose tail repeats the closing quote after the cursor holds that tail back',
      source: 'print("█")\n',
      completion: 'Hello, world"',
      expected: 'Hello, world',
      stop: false,
      done: false,
    },
    {
      name: 'streaming: a partial line that closes its own call keeps its bracket',
      source: 'print(█)\n',
      completion: 'format(x)',
      expected: 'format(x)',
      stop: false,
      done: false,
    },
    {
      name: 'streaming: a partial line is not judged yet',
      source: 'if (ok) {\n  █\n}\n',
      completion: 'run();\n  done',
      expected: 'run();\n  done',
      stop: false,
      done: false,
    },
  ]);
});
