// The post-processing rules in the order they run: indentation first (the block rules read it),
// then the rules that end the stream.
import { dropSuffixOverlap } from './dropSuffixOverlap';
import { fixIndentation } from './fixIndentation';
import { maxLines } from './maxLines';
import { singleLine } from './singleLine';
import { stopAtBlockEnd } from './stopAtBlockEnd';
import { stopAtRepeatedLines } from './stopAtRepeatedLines';
import type { PostProcessRule } from './types';

export const defaultRules: readonly PostProcessRule[] = [
  fixIndentation,
  singleLine,
  dropSuffixOverlap,
  stopAtBlockEnd,
  stopAtRepeatedLines,
  maxLines,
];
