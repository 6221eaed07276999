// What the fake server answers during a soak: code-like completions and prose chat answers of
// random length and pace, and now and then a fault (a reset or an error event after some output,
// a 500), all drawn from a seeded generator so a run can be replayed.
import type { FakeReply } from '../fake-llm/server';
import type { Prng } from './prng';

const NAMES = ['total', 'items', 'value', 'result', 'count', 'name', 'index', 'data', 'row', 'key'];
const CALLS = ['len', 'sum', 'sorted', 'str', 'int', 'max', 'min', 'list'];

/** One line of Python-ish code (without the newline). */
function codeLine(rng: Prng): string {
  const a = rng.pick(NAMES);
  const b = rng.pick(NAMES);
  switch (rng.int(0, 4)) {
    case 0:
      return `${a} = ${rng.pick(CALLS)}(${b})`;
    case 1:
      return `${a} += ${b}[${rng.int(0, 9)}]`;
    case 2:
      return `return ${a} + ${rng.int(1, 99)}`;
    case 3:
      return `if ${a} > ${b}:`;
    default:
      return `print(${a}, ${b})`;
  }
}

/** A completion: the rest of the line, sometimes a few more lines. */
export function completionText(rng: Prng): string {
  const lines = [codeLine(rng)];
  const more = rng.chance(0.5) ? rng.int(1, 4) : 0;
  for (let i = 0; i < more; i++) lines.push(`    ${codeLine(rng)}`);
  return `${lines.join('\n')}\n`;
}

export function prose(rng: Prng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(i % 12 === 11 ? `${rng.pick(NAMES)}.\n\n` : rng.pick(NAMES));
  return out.join(' ');
}

/** A fault that strikes after output started (never retried), or a status before any. */
function fault(rng: Prng, text: string): FakeReply {
  switch (rng.int(0, 2)) {
    case 0:
      return { text, fault: 'reset-after-tokens', faultAfterTokens: rng.int(1, 6) };
    case 1:
      return { text, fault: 'error-event-after-tokens', faultAfterTokens: rng.int(1, 6) };
    default:
      return { status: 500 };
  }
}

export function completionReply(rng: Prng, faultRate: number): FakeReply {
  const text = completionText(rng);
  if (rng.chance(faultRate)) return fault(rng, text);
  return { text, ttftMs: rng.int(0, 25), tokensPerSec: rng.chance(0.5) ? Number.POSITIVE_INFINITY : rng.int(300, 3000) };
}

export function chatReply(rng: Prng, faultRate: number): FakeReply {
  const text = prose(rng, rng.int(10, 400));
  if (rng.chance(faultRate)) return fault(rng, text);
  return { text, ttftMs: rng.int(0, 40), tokensPerSec: rng.int(200, 4000) };
}
