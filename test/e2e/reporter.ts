// The e2e suite's reporter: mocha's spec output, plus a line for each first attempt that failed and
// was run again, with its whole message below it (spec shows a test that passed on its retry as a
// plain ✔), and a one-line ✘ for each test that failed both attempts, so that `npm test`'s summary
// can name them (scripts/test.mjs).
// Each top-level suite ends with its wall-clock time, hooks included (opening a workbench is most of
// some suites' time; spec shows a test's own duration only when it is slow).
import Mocha from 'mocha';

const { EVENT_TEST_RETRY, EVENT_TEST_FAIL, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

class E2eReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on(EVENT_TEST_RETRY, (test: Mocha.Test, error: Error) => {
      console.log(`    ↻ ${test.fullTitle()}: first attempt failed, run again: ${firstLine(error)}`);
      // The whole message below it (the summary repeats the ↻ line alone): a first line cut at 300
      // characters hid what a retried test had seen (the neighbour test's list of closed questions).
      console.log(indented(String(error?.message ?? error).slice(0, 4000)));
    });
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Runnable, error: Error) => {
      console.log(`    ✘ ${test.fullTitle()}: ${firstLine(error)}`);
    });
    const began = new Map<Mocha.Suite, number>();
    runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => began.set(suite, Date.now()));
    runner.on(EVENT_SUITE_END, (suite: Mocha.Suite) => {
      const at = began.get(suite);
      if (at !== undefined && suite.parent?.root) console.log(`  ⏱ ${suite.title}: ${((Date.now() - at) / 1000).toFixed(1)} s`);
    });
  }
}

function indented(text: string): string {
  return text.split('\n').map((line) => `        ${line}`).join('\n');
}

function firstLine(error: Error): string {
  return String(error?.message ?? error).split('\n')[0].slice(0, 300);
}

// Mocha loads a reporter with require() and uses what the module exports as the class.
module.exports = E2eReporter;
