// The completion half of the soak: a person typing in a few Python files, at random but from a
// seed. Every step changes the document (a character, a character the ghost text predicted, Tab,
// Enter, Backspace, another file, Alt+\), tells the engine, cancels the editor's previous call as
// VS Code does, and makes a new call; some calls are awaited (the user looks), most are not (the
// user types on). Every call must settle.
import type { CompletionEngine } from '../../src/completion/engine';
import type { RequestRecord } from '../../src/completion/requestRecord';
import type { CompletionAnswer, DocumentState } from '../../src/completion/types';
import { documentAt, settlesWithin } from './completionUnderTest';
import type { Prng } from './prng';

export interface CompletionSoakOptions {
  readonly engine: CompletionEngine;
  readonly rng: Prng;
  /** Editor calls (`provide`) to make. */
  readonly calls: number;
  /** A call that has not settled after this long fails the soak. */
  readonly callLimitMs: number;
  /** Called every `every` calls (e.g. to drop the fake server's records). */
  readonly onProgress?: (calls: number) => void;
}

export interface CompletionSoakFigures {
  readonly calls: number;
  readonly awaitedCalls: number;
  /** Calls that returned ghost text. */
  readonly answered: number;
  readonly accepted: number;
  readonly typedThrough: number;
  readonly explicit: number;
  /** Editor calls cancelled by the next change before they settled. */
  readonly cancelled: number;
  /** Engine request records by outcome (and abort reason). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly slowestAwaitedCallMs: number;
}

type Action = 'type' | 'typeThrough' | 'accept' | 'newline' | 'backspace' | 'explicit' | 'otherFile' | 'look';

const WEIGHTS: Readonly<Record<Action, number>> = { type: 40, typeThrough: 22, accept: 8, newline: 8, backspace: 7, explicit: 3, otherFile: 2, look: 10 };
const FILES = ['file:///soak/orders.py', 'file:///soak/report.py', 'file:///soak/util.py'];
const HEADER = 'import os\n\n\ndef handle(items):\n    ';
const TYPED = 'abcdefghijklmnopqrstuvwxyz_ ()=+.,:0123456789';
const MAX_PREFIX = 3000;

export async function completionSoak(options: CompletionSoakOptions): Promise<CompletionSoakFigures> {
  const { engine, rng } = options;
  const docs = new Map(FILES.map((uri) => [uri, { prefix: HEADER, suffix: '\n' }]));
  let uri = FILES[0];
  let shown: CompletionAnswer | undefined;
  let previous: AbortController | undefined;
  let previousCall: Promise<unknown> | undefined;
  const pending = new Set<Promise<unknown>>();
  const outcomes: Record<string, number> = {};
  const ended = new Set<number>();
  const tally = (r: RequestRecord) => {
    if (r.endedAt === undefined || ended.has(r.id)) return;
    ended.add(r.id);
    if (ended.size > 2000) for (const id of [...ended].slice(0, 1000)) ended.delete(id);
    const key = r.abortReason && r.outcome === 'aborted' ? `aborted:${r.abortReason}` : r.outcome;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  };
  const subscription = engine.log.onDidChange(tally);
  const f = { calls: 0, awaitedCalls: 0, answered: 0, accepted: 0, typedThrough: 0, explicit: 0, cancelled: 0, slowestAwaitedCallMs: 0 };

  try {
    while (f.calls < options.calls) {
      const action = rng.weighted(WEIGHTS);
      const doc = docs.get(uri) as { prefix: string; suffix: string };
      let trigger: 'automatic' | 'explicit' = 'automatic';
      switch (action) {
        case 'typeThrough':
          if (shown && shown.insertText.length > 0 && shown.replaceLength === 0) {
            doc.prefix += shown.insertText[0];
            f.typedThrough++;
          } else doc.prefix += rng.pick([...TYPED]);
          break;
        case 'type':
          doc.prefix += rng.pick([...TYPED]);
          break;
        case 'accept':
          if (!shown) continue;
          doc.prefix += shown.insertText;
          doc.suffix = doc.suffix.slice(shown.replaceLength);
          engine.accepted(shown.sessionId);
          f.accepted++;
          break;
        case 'newline':
          doc.prefix += rng.chance(0.6) ? '\n    ' : '\n';
          break;
        case 'backspace':
          if (doc.prefix.length > HEADER.length) doc.prefix = doc.prefix.slice(0, -1);
          break;
        case 'explicit':
          trigger = 'explicit';
          f.explicit++;
          break;
        case 'otherFile':
          uri = rng.pick(FILES.filter((u) => u !== uri));
          break;
        case 'look':
          // The user stops and looks at the ghost text: the current call is waited for.
          await Promise.all([...pending].map((p) => settlesWithin('an editor completion call', p, options.callLimitMs)));
          continue;
      }
      // A new file once this one gets long, so prompts stay the size of real ones.
      if (doc.prefix.length > MAX_PREFIX) doc.prefix = HEADER;
      shown = undefined;
      const state: DocumentState = documentAt(doc.prefix, doc.suffix, uri);
      // VS Code cancels the previous call on any document change, then calls again.
      if (previousCall && pending.has(previousCall)) f.cancelled++;
      previous?.abort();
      const controller = new AbortController();
      previous = controller;
      engine.observe(state, action !== 'explicit' && action !== 'otherFile');
      const started = performance.now();
      const call = engine.provide({ ...state, trigger }, controller.signal).then((answer) => {
        if (previous === controller && answer) shown = answer;
        if (answer) f.answered++;
        return performance.now() - started;
      });
      pending.add(call);
      previousCall = call;
      void call.finally(() => pending.delete(call)).catch(() => undefined);
      f.calls++;
      if (f.calls % 100 === 0) options.onProgress?.(f.calls);
      if (rng.chance(0.35)) {
        const { value: ms } = await settlesWithin('an editor completion call', call, options.callLimitMs);
        f.awaitedCalls++;
        f.slowestAwaitedCallMs = Math.max(f.slowestAwaitedCallMs, ms);
      } else {
        // Typing on: the next key comes before the answer, but the event loop gets a turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    previous?.abort();
    await Promise.all([...pending].map((p) => settlesWithin('an editor completion call', p, options.callLimitMs)));
  } finally {
    subscription.dispose();
  }
  return { ...f, slowestAwaitedCallMs: Math.round(f.slowestAwaitedCallMs), outcomes };
}
