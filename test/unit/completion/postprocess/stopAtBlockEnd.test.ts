import { stopAtBlockEnd } from '../../../../src/completion/postprocess/stopAtBlockEnd';
import { runRuleFixtures } from '../helpers/ruleFixtures';

describe('post-processing: stop at the end of the block', () => {
  runRuleFixtures(stopAtBlockEnd, [
    {
      name: 'after an opener: the body and its closing line, nothing after',
      source: 'function f(a) {█\n',
      completion: '\n  if (a) {\n    return 1;\n  }\n  return 2;\n}\n\nfunction g() {\n}',
      expected: '\n  if (a) {\n    return 1;\n  }\n  return 2;\n}',
      stop: true,
    },
    {
      name: 'after an opener: a sibling statement at the opener\'s indentation ends the block',
      source: 'if x:█\n',
      document: { languageId: 'python', indentUnit: '    ', tabSize: 4 },
      completion: '\n    y = 1\nprint(y)',
      expected: '\n    y = 1',
      stop: true,
    },
    {
      name: 'after a YAML key: a sequence at the key\'s own indentation is its block, the next key is not',
      source: 'spec:\n  containers:█\n',
      document: { languageId: 'yaml', indentUnit: '  ', tabSize: 2 },
      completion: '\n  - name: web\n    image: nginx\n  - name: db\n    image: postgres\n  volumes:\n  - name: data',
      expected: '\n  - name: web\n    image: nginx\n  - name: db\n    image: postgres',
      stop: true,
    },
    {
      name: 'after an opener: the closing line is kept only once complete',
      source: 'function f(a) {█\n',
      completion: '\n  return a;\n}',
      expected: '\n  return a;\n}',
      stop: false,
      done: false,
    },
    {
      name: 'after an opener: a dedented partial line already ends the block',
      source: '  items.forEach((item) => {█\n',
      completion: '\n    use(item);\nfoo',
      expected: '\n    use(item);',
      stop: true,
      done: false,
    },
    {
      name: 'empty line: lines at the block\'s indentation continue it, a dedent ends it',
      source: 'function f() {\n  █\n}\n',
      completion: 'const a = 1;\n  const b = 2;\n  return a + b;\n}\nfunction g() {}',
      expected: 'const a = 1;\n  const b = 2;\n  return a + b;',
      stop: true,
    },
    {
      name: 'empty line: a closer of an enclosing bracket at the same indentation ends it',
      source: 'call(\n  █\n)\n',
      completion: 'first,\n  second,\n);',
      expected: 'first,\n  second,',
      stop: true,
    },
    {
      name: 'empty line: nested blocks are kept whole',
      source: 'function f(xs) {\n  █\n}\n',
      completion: 'for (const x of xs) {\n    if (x) {\n      log(x);\n    }\n  }',
      expected: 'for (const x of xs) {\n    if (x) {\n      log(x);\n    }\n  }',
      stop: false,
    },
    {
      name: 'end of a line: the next lines of the same block, up to the dedent',
      source: 'function f() {\n  const a = 1;█\n}\n',
      completion: '\n  const b = 2;\n  return a + b;\n}\nfunction g() {}',
      expected: '\n  const b = 2;\n  return a + b;',
      stop: true,
    },
    {
      name: 'end of a line: the rest of the line, then the block; a block the completion opens is kept whole',
      source: 'function f(xs) {\n  for (const x of xs)█\n}\n',
      completion: ' {\n    log(x);\n  }\n  return xs;\n}\n',
      expected: ' {\n    log(x);\n  }\n  return xs;',
      stop: true,
    },
    {
      name: 'end of a line: a closer of an enclosing bracket at the line\'s indentation ends it',
      source: 'call(\n  first,█\n)\n',
      completion: '\n  second,\n);',
      expected: '\n  second,',
      stop: true,
    },
    {
      name: 'single-line sites are not this rule\'s business',
      source: 'foo(█)\n',
      completion: 'a)\n}',
      expected: 'a)\n}',
      stop: false,
    },
  ]);
});
