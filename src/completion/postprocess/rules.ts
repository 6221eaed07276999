// The post-processing rules in the order they run: hidden characters cut first (no other rule
// should see them), indentation next (the block rules read it), then the rules that end the stream.
import { dropSuffixOverlap } from './dropSuffixOverlap';
import { fixIndentation } from './fixIndentation';
import { maxLines } from './maxLines';
import { singleLine } from './singleLine';
import { stopAtBlockEnd } from './stopAtBlockEnd';
import { stopAtHiddenCharacter } from './stopAtHiddenCharacter';
import { stopAtRepeatedLines } from './stopAtRepeatedLines';
import type { PostProcessRule } from './types';

export const defaultRules: readonly PostProcessRule[] = [
  stopAtHiddenCharacter,
  fixIndentation,
  singleLine,
  dropSuffixOverlap,
  stopAtBlockEnd,
  stopAtRepeatedLines,
  maxLines,
];
