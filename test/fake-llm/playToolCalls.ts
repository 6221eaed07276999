// The tool calls of a streamed answer, after its text: each call's head and every piece of its
// input is a token on the answer's schedule (so `ttftMs` / `tokensPerSec` pace them and a client
// can abort in the middle of a call's input).

import { performance } from 'node:perf_hooks';
import { sleepUntil, type TokenSchedule } from './clock';
import type { PlayContext } from './playContext';

/** Plays every tool call starting at schedule slot `slot`; false when the connection went away. */
export async function playToolCalls(ctx: PlayContext, schedule: TokenSchedule, slot: number): Promise<boolean> {
  const { writer, dialect, gen, signal } = ctx;
  const events = dialect.toolCall;
  if (!events) return true;
  let next = slot;
  const due = async (): Promise<boolean> => {
    if (!(await sleepUntil(schedule.due(next), signal)) || !writer.open) return false;
    schedule.sent(next, performance.now());
    next++;
    return true;
  };
  for (let call = 0; call < gen.toolCalls.length; call++) {
    if (!(await due())) return false;
    await writer.events(events.open(gen, call), 1);
    const pieces = gen.toolCalls[call]?.pieces ?? [];
    for (let piece = 0; piece < pieces.length; piece++) {
      if (!(await due())) return false;
      await writer.events([events.piece(gen, call, piece)], 1);
    }
    await writer.events(events.close(gen, call));
  }
  return writer.open;
}
