// Strings that exist only in the test-only builds (the host suite's extension, the bench's chat
// page): the VSIX check (vsixContents.ts) fails when a packaged bundle contains one.

/** Returned by the host suite's test build of the extension (test/host/testExtension.ts). */
export const TEST_BUILD_MARKER = 'rill-host-test-build';

/** The performance measure the bench's chat page records for each render (test/bench/webview). */
export const BENCH_RENDER_MEASURE = 'rill-render';

/**
 * Every marker, with what it gives away. The bench page reads `data-render` / `data-measure` from
 * <body> (as `dataset.render` / `dataset.measure` in its code). A plain literal, so that a bundle
 * importing one constant does not carry the whole list.
 */
export const TEST_ONLY_MARKERS: readonly (readonly [marker: string, what: string])[] = [
  [TEST_BUILD_MARKER, "the host suite's test build of the extension"],
  [BENCH_RENDER_MEASURE, "the bench's render measurement"],
  ['dataset.render', "the bench's choice of renderer"],
  ['dataset.measure', "the bench's measurement switch"],
];
