// Printing a host suite report the same way for every runner.
import type { HostReport } from '../host/report';

export function printHostFailures(report: HostReport, print: (line: string) => void = console.log): void {
  for (const failure of report.failures) {
    print(`\n  FAILED ${failure.title}\n    ${(failure.stack ?? failure.message).split('\n').join('\n    ')}`);
  }
}

/** A run with failures, or with no test at all, did not pass. */
export function hostReportPassed(report: HostReport): boolean {
  return report.failed === 0 && report.passed > 0;
}
