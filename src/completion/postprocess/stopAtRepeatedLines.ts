// Rule: a model that loops (the same line three times, or the same block of lines twice in a row)
// is stopped, keeping the first occurrence.
import { splitLines } from '../text';
import { type PostProcessRule, unchanged } from './types';

const MAX_BLOCK = 4;
const meaningful = (line: string) => /[A-Za-z0-9]/.test(line);

export const stopAtRepeatedLines: PostProcessRule = {
  name: 'repetition',
  apply(text, done, _context) {
    const all = splitLines(text);
    const lines = (done ? all : all.slice(0, -1)).map((line) => line.trim());
    const keep = (count: number) => ({ text: all.slice(0, count).join('\n'), stop: true });
    for (let end = 2; end < lines.length; end++) {
      const line = lines[end];
      if (meaningful(line) && line === lines[end - 1] && line === lines[end - 2]) return keep(end - 1);
    }
    for (let size = 2; size <= MAX_BLOCK; size++) {
      for (let end = 2 * size - 1; end < lines.length; end++) {
        const second = lines.slice(end - size + 1, end + 1);
        const first = lines.slice(end - 2 * size + 1, end - size + 1);
        if (second.some(meaningful) && second.every((line, i) => line === first[i])) return keep(end - size + 1);
      }
    }
    return unchanged(text);
  },
};
