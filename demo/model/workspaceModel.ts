// The demo model over one workspace: n-gram counts for completion and a passage index for chat,
// built from the workspace's files (read elsewhere; this file does no I/O).
import { NgramCounts } from './ngram';
import { PassageIndex, type SourceFile } from './retrieve';
import { tokenize } from './tokenize';

/** The model id the demo server reports; Rill shows it, so it says what the model is. */
export const DEMO_MODEL_ID = 'rill-demo-ngram';

/**
 * Token 8-grams: up to seven tokens of context, backing off one token at a time. Measured on the
 * sample workspace (completing each line from its first half): the exact rest of the line for 179
 * of 198 lines, against 73 for a 4-gram; on a file the model has not seen the two are alike (19
 * and 15), because the longer contexts back off to the shorter ones there.
 */
export const DEFAULT_ORDER = 8;

/**
 * Prose is left out of the completion counts: the README's sentences (which quote code to type)
 * would otherwise be what the model completes code with. Chat still finds passages in it.
 */
const PROSE = /\.(?:md|markdown|txt|rst)$/i;

export interface WorkspaceModel {
  readonly counts: NgramCounts;
  readonly passages: PassageIndex;
  readonly files: readonly string[];
  /** The files whose tokens were counted (all but prose). */
  readonly counted: readonly string[];
}

/** Files are counted in path order, so ties between continuations break the same way every run. */
export function buildWorkspaceModel(files: readonly SourceFile[], order = DEFAULT_ORDER): WorkspaceModel {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const counts = new NgramCounts(order);
  const code = sorted.filter((file) => !PROSE.test(file.path));
  for (const file of code) counts.add(tokenize(file.text));
  return { counts, passages: new PassageIndex(sorted), files: sorted.map((f) => f.path), counted: code.map((f) => f.path) };
}
