// A mocha reporter for the extension host, where stdout goes nowhere useful: one line per test (and
// per failed first attempt) to the progress file, and the counts and failures collected for the report.
import { appendFileSync } from 'node:fs';
import Mocha from 'mocha';
import type { HostFailure } from './report';

export interface Collected {
  passed: number;
  failed: number;
  pending: number;
  readonly failures: HostFailure[];
}

interface ReporterOptions {
  readonly collected: Collected;
  readonly progressFile?: string;
}

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_TEST_RETRY, EVENT_SUITE_BEGIN } = Mocha.Runner.constants;

export class FileReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: { reporterOptions?: ReporterOptions }) {
    super(runner);
    const opts = options.reporterOptions;
    if (!opts) throw new Error('FileReporter needs reporterOptions.collected');
    const { collected, progressFile } = opts;
    const write = (line: string): void => {
      if (progressFile) appendFileSync(progressFile, `${line}\n`);
    };
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.title) write(`${'  '.repeat(depth(suite))}${suite.title}`);
    });
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      collected.passed++;
      write(`${'  '.repeat(depth(test))}✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      collected.pending++;
      write(`${'  '.repeat(depth(test))}- ${test.title} (pending)`);
    });
    // A first attempt that failed and will be run again: shown, so that a test passing only on its
    // retry is seen in the log (it still counts as passed).
    runner.on(EVENT_TEST_RETRY, (test: Mocha.Test, error: Error) => {
      write(`${'  '.repeat(depth(test))}↻ ${test.title}: first attempt failed, run again: ${error.message}`);
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, error: Error) => {
      collected.failed++;
      collected.failures.push({ title: test.fullTitle(), message: error.message, stack: error.stack });
      write(`${'  '.repeat(depth(test))}✘ ${test.title}: ${error.message}`);
    });
  }
}

function depth(runnable: Mocha.Runnable | Mocha.Suite): number {
  let n = 0;
  for (let p = runnable.parent; p && !p.root; p = p.parent) n++;
  return n;
}
