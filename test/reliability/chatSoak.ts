// The chat half of the soak: questions through Rill's real chat service, answers streamed from the
// fake server, stopped at random (at once, after some text, or by asking again mid-answer), a new
// conversation now and then. Every answer must end, and a stopped one keeps its text.
import * as assert from 'node:assert/strict';
import type { RillApi } from '../host/rill';
import { settlesWithin } from './completionUnderTest';
import type { Prng } from './prng';

export interface ChatSoakOptions {
  readonly api: RillApi;
  readonly rng: Prng;
  readonly streams: number;
  readonly answerLimitMs: number;
}

export interface ChatSoakFigures {
  readonly streams: number;
  /** Final status of each answer: done, stopped, error. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly stoppedAfterText: number;
  readonly stoppedAtOnce: number;
  readonly interruptedByNextQuestion: number;
  readonly conversations: number;
}

type StopMode = 'none' | 'afterText' | 'atOnce' | 'askAgain';

export async function chatSoak(options: ChatSoakOptions): Promise<ChatSoakFigures> {
  const { api, rng } = options;
  const chat = api.chat;
  const statuses: Record<string, number> = {};
  const f = { streams: 0, stoppedAfterText: 0, stoppedAtOnce: 0, interruptedByNextQuestion: 0, conversations: 0 };
  while (f.streams < options.streams) {
    if (f.streams % 10 === 0) {
      chat.newChat();
      f.conversations++;
    }
    const mode = rng.weighted<StopMode>({ none: 55, afterText: 25, atOnce: 10, askAgain: 10 });
    const answer = chat.ask(`Soak question ${f.streams}: explain ${rng.int(1, 1e6)}`);
    f.streams++;
    if (mode === 'atOnce') {
      chat.stop();
      f.stoppedAtOnce++;
    } else if (mode === 'afterText' || mode === 'askAgain') {
      const chars = rng.int(1, 300);
      await textOrEnd(api, chars, options.answerLimitMs);
      if (mode === 'afterText') {
        chat.stop();
        f.stoppedAfterText++;
      } else if (f.streams < options.streams) {
        // A new question while the answer streams: the running one is stopped first.
        const next = chat.ask(`Soak question ${f.streams}: and then?`);
        f.streams++;
        f.interruptedByNextQuestion++;
        await settlesWithin('an interrupted chat answer', answer, options.answerLimitMs);
        await settlesWithin('a chat answer', next, options.answerLimitMs);
        count(statuses, api, 2);
        continue;
      }
    }
    await settlesWithin('a chat answer', answer, options.answerLimitMs);
    count(statuses, api, 1);
  }
  assert.equal(chat.session.isStreaming, false, 'the chat still streams after the last answer ended');
  return { ...f, statuses };
}

/** Waits until the answer being streamed has `chars` characters, or has ended. */
async function textOrEnd(api: RillApi, chars: number, limitMs: number): Promise<void> {
  const session = api.chat.session;
  const reached = () => {
    const turn = session.conversation.turns[session.conversation.turns.length - 1];
    return !session.isStreaming || (turn?.answer.length ?? 0) >= chars;
  };
  if (reached()) return;
  await settlesWithin(
    `${chars} characters of a chat answer`,
    new Promise<void>((resolve) => {
      const subscriptions = [session.onDidAppend(check), session.onDidChange(check)];
      function check(): void {
        if (!reached()) return;
        for (const s of subscriptions) s.dispose();
        resolve();
      }
    }),
    limitMs,
  );
}

/** Tallies the status of the last `n` turns. */
function count(statuses: Record<string, number>, api: RillApi, n: number): void {
  const turns = api.chat.session.conversation.turns;
  for (const turn of turns.slice(-n)) {
    statuses[turn.status] = (statuses[turn.status] ?? 0) + 1;
    if (turn.status === 'streaming') throw new Error(`an answer that settled still says streaming (turn ${turn.id})`);
  }
}
