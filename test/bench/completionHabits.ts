// The simulated person's timing: continuous distributions from what typists do (about 75 words a
// minute between keys), chosen without looking at the engine's constants and checked not to sit
// on them. The engine's constants (src/completion/throttle.ts, backendStats.ts, engine.ts,
// rejectionBackoff.ts, VS Code's delay) are: 50 ms (VS Code's delay, the smallest throttle cap),
// 150 ms (the rhythm assumed before any key), 1.4 x rhythm (~200-250 ms), 150-400 ms (partial-line
// cut-off), 250 ms (largest throttle cap), max(500, 4 x rhythm) (a pause to the adaptive throttle),
// 400-1200 ms (the debounce while suggestions are rejected), 1000 ms (a burst). Each distribution
// below spreads over several of them (5th..95th percentiles given), so no figure hinges on
// landing just above one.
// Every draw is made from a seed and the place in the text where it happens, so that the person
// behaves the same at the same place whatever strategy is measured.
import { hashSeed, normal, random } from './completionTrace';

/** A log-normal draw: median `median` ms, shape `sigma`. */
function logNormal(rand: () => number, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rand));
}

export type GapKind = 'key' | 'line-start' | 'after-space' | 'thinking';

export interface Gap {
  readonly ms: number;
  readonly kind: GapKind;
}

export class Habits {
  /** Draws that do not depend on the place (reaction times), in the order they are needed. */
  private readonly stream: () => number;

  constructor(private readonly seed: number) {
    this.stream = random(seed ^ 0x5bd1e995);
  }

  private at(path: string, pos: number, salt: number): () => number {
    return random(hashSeed(path, this.seed, pos, salt));
  }

  /**
   * The gap before writing the character at `pos`, after having written `previous`:
   * - between keys: log-normal, median 160 ms, sigma 0.35 (5th..95th: 90..285 ms);
   * - at the start of a line (after Enter), 45% of the time a pause, median 1000 ms, sigma 0.6
   *   (370..2700 ms);
   * - after a space, 8%: median 700 ms, sigma 0.5 (310..1600 ms);
   * - anywhere else, 2% "thinking": median 1300 ms, sigma 0.6 (480..3500 ms).
   */
  gapBefore(path: string, pos: number, previous: string): Gap {
    const rand = this.at(path, pos, 1);
    const roll = rand();
    if (previous.endsWith('\n') || /\n[ \t]*$/.test(previous)) {
      if (roll < 0.45) return { ms: logNormal(rand, 1000, 0.6), kind: 'line-start' };
    } else if (previous.endsWith(' ')) {
      if (roll < 0.08) return { ms: logNormal(rand, 700, 0.5), kind: 'after-space' };
    } else if (roll < 0.02) return { ms: logNormal(rand, 1300, 0.6), kind: 'thinking' };
    return { ms: logNormal(rand, 160, 0.35), kind: 'key' };
  }

  /** A slip on a letter at `pos` (1%): the key next to it, noticed and erased. */
  typoAt(path: string, pos: number, char: string): string | undefined {
    if (!/[a-z]/.test(char)) return undefined;
    const rand = this.at(path, pos, 2);
    if (rand() >= 0.01) return undefined;
    const neighbours = 'qwertyuiopasdfghjklzxcvbnm';
    const other = neighbours[Math.floor(rand() * neighbours.length)];
    return other === char ? undefined : other;
  }

  /** Noticing a slip before erasing it: median 280 ms, sigma 0.3 (170..460 ms). */
  typoNotice(path: string, pos: number): number {
    return logNormal(this.at(path, pos, 3), 280, 0.3);
  }

  /** From ghost text appearing to pressing Tab: median 250 ms, sigma 0.25 (165..375 ms). */
  reaction(): number {
    return logNormal(this.stream, 250, 0.25);
  }

  /** After Tab (or after erasing), reading what is there before the next key: median 400 ms, sigma 0.4 (210..770 ms). */
  reread(): number {
    return logNormal(this.stream, 400, 0.4);
  }

  /** Before writing a block: reading the file, median 1500 ms, sigma 0.3. */
  opening(path: string): number {
    return logNormal(this.at(path, -1, 4), 1500, 0.3);
  }
}
