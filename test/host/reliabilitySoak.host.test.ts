// The soak: thousands of completion calls (random typing, divergence, Tab, type-through, other
// files, Alt+\) and hundreds of chat streams (random stops) at once in ONE extension host, over real
// HTTP to a fake server in this process that now and then fails mid-answer. Afterwards nothing may
// be left: no socket, no Rill timer, no growing listener list, no unhandled rejection, and the heap
// (after GC) may not have grown by 10 MB. Short by default (`npm test`); `npm run soak` runs the
// full 10,000 + 200 and prints the figures (RILL_SOAK_COMPLETIONS, RILL_SOAK_CHATS, RILL_SOAK_SEED).
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { type ChatSoakFigures, chatSoak } from '../reliability/chatSoak';
import { freshCompletionEngine } from '../reliability/completionUnderTest';
import { type CompletionSoakFigures, completionSoak } from '../reliability/completionSoak';
import { CHAT_WIRES, type ChatWireId, COMPLETION_WIRES, type CompletionWireId } from '../reliability/faultWires';
import { pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { difference, snapshot } from '../reliability/leakProbe';
import { Prng } from '../reliability/prng';
import { rillFrameMatcher } from '../reliability/rillFrames';
import { rillListenerCounts, rillListenerSources } from '../reliability/rillListeners';
import { HEAP_GROWTH_LIMIT_BYTES, SOAK_FILE, type SoakFigures } from '../reliability/soakFigures';
import { chatReply, completionReply } from '../reliability/soakReplies';
import { trackTimers } from '../reliability/timerTracker';
import { watchUnhandled } from '../reliability/unhandled';
import { REPORT_ENV } from './report';
import { rillApi, rillExtension } from './rill';
import { pollFor } from '../../tools/poll';

// 150 under `npm test` (about 35 s of calls; its time is budgeted): enough to catch what each call leaves.
const COMPLETIONS = Number(process.env.RILL_SOAK_COMPLETIONS || 150);
const CHATS = Number(process.env.RILL_SOAK_CHATS || 10);
/** Enough to load the SDKs and fill caches and ring buffers before the heap is measured. */
const WARM_UP_CALLS = 60;
const SEED = Number(process.env.RILL_SOAK_SEED || 7);
/** The wire formats played (faultWires.ts): the SDKs' keep-alive and abort paths differ per wire. */
const CHAT_WIRE = CHAT_WIRES[(process.env.RILL_SOAK_CHAT_WIRE || 'openai-chat') as ChatWireId];
const COMPLETION_WIRE = COMPLETION_WIRES[(process.env.RILL_SOAK_COMPLETION_WIRE || 'completions') as CompletionWireId];
const CALL_LIMIT_MS = 30_000;
/** How long sockets and timers get to wind down once the user stops (keep-alive is ~5 s). */
const SETTLE_MS = 30_000;

describe('Reliability: soak (extension host)', function () {
  this.timeout(60 * 60_000);

  it(`${COMPLETIONS} completion calls and ${CHATS} chat streams in one extension host leave no socket, timer, listener or rejection behind`, async () => {
    assert.ok(CHAT_WIRE && COMPLETION_WIRE, `unknown wire: RILL_SOAK_CHAT_WIRE is one of ${Object.keys(CHAT_WIRES).join(', ')}; RILL_SOAK_COMPLETION_WIRE one of ${Object.keys(COMPLETION_WIRES).join(', ')}`);
    const api = await rillApi();
    const pointed = await pointRillAtFakeServer(api, {}, { chat: CHAT_WIRE, completion: COMPLETION_WIRE });
    const engine = freshCompletionEngine(api);
    const served = { completion: 0, chat: 0 };
    // Each reply is drawn from the request's own content, so a seed replays the same answers.
    pointed.llm.route((r) => {
      const rng = new Prng(hash(JSON.stringify(r.body)) ^ SEED);
      if (r.endpoint === COMPLETION_WIRE.endpoint) {
        served.completion++;
        return completionReply(rng, 0.02);
      }
      if (r.endpoint === CHAT_WIRE.endpoint) {
        served.chat++;
        return chatReply(rng, 0.05);
      }
      return undefined;
    });
    const dropRecords = () => pointed.llm.requests.splice(0, Math.max(0, pointed.llm.requests.length - 20));
    try {
      // Warm-up: the first requests load the SDKs, fill the caches and ring buffers a little.
      await completionSoak({ engine, rng: new Prng(SEED + 1), calls: WARM_UP_CALLS, callLimitMs: CALL_LIMIT_MS });
      await chatSoak({ api, rng: new Prng(SEED + 2), streams: 3, answerLimitMs: CALL_LIMIT_MS });
      await until(() => pointed.llm.openConnections() === 0, SETTLE_MS);
      dropRecords();
      served.completion = 0;
      served.chat = 0;

      const isRill = rillFrameMatcher(rillExtension().extensionPath, __filename);
      const before = await snapshot();
      heapSnapshot('before');
      const unhandled = watchUnhandled();
      const listenersBefore = rillListenerCounts(api, engine);
      // Every emitter is counted, VS Code's too (its count field has another name in each build).
      assert.deepEqual(Object.keys(listenersBefore), rillListenerSources(api, engine).map(([name]) => name));
      assert.equal(Object.keys(listenersBefore).length, 7, 'listener sources counted');
      const timers = trackTimers(isRill);
      const started = performance.now();
      let completion: CompletionSoakFigures;
      let chat: ChatSoakFigures;
      try {
        [completion, chat] = await Promise.all([
          completionSoak({ engine, rng: new Prng(SEED), calls: COMPLETIONS, callLimitMs: CALL_LIMIT_MS, onProgress: dropRecords }),
          chatSoak({ api, rng: new Prng(SEED + 3), streams: CHATS, answerLimitMs: CALL_LIMIT_MS }),
        ]);
      } finally {
        unhandled.stop();
      }
      const durationMs = performance.now() - started;
      const openConnectionsAtEnd = pointed.llm.openConnections();
      const stopped = performance.now();
      // The user stops typing: streams end by themselves, idle keep-alive sockets close.
      await until(() => pointed.llm.openConnections() === 0, SETTLE_MS);
      const socketsClosedAfterMs = Math.round(performance.now() - stopped);
      await until(() => timers.live().length === 0, SETTLE_MS);
      dropRecords();
      pointed.llm.requests.splice(0);
      const liveRillTimers = timers.live();
      const timersCreated = timers.created;
      timers.stop();
      const after = await snapshot();
      heapSnapshot('after');

      const figures: SoakFigures = {
        vscodeVersion: vscode.version,
        seed: SEED,
        wires: { chat: CHAT_WIRE.id, completion: COMPLETION_WIRE.id },
        durationMs: Math.round(durationMs),
        completion,
        chat,
        serverRequests: { ...served },
        openConnectionsAtEnd,
        socketsClosedAfterMs,
        openConnections: pointed.llm.openConnections(),
        liveRillTimers,
        timersCreated,
        resourcesDelta: difference(before.resources, after.resources),
        processListenersDelta: difference(before.processListeners, after.processListeners),
        rillListenersDelta: difference(listenersBefore, rillListenerCounts(api, engine)),
        heapBeforeBytes: before.heapUsed,
        heapAfterBytes: after.heapUsed,
        unhandledRejections: unhandled.rejections,
        uncaughtExceptions: unhandled.exceptions,
      };
      writeFigures(figures);

      assert.equal(completion.calls, COMPLETIONS);
      assert.equal(chat.streams, CHATS);
      assert.ok(served.completion > 0 && served.chat > 0, 'the soak reached the server');
      assert.equal(figures.openConnections, 0, 'sockets still open to the fake server');
      assert.deepEqual(liveRillTimers, [], 'Rill timers still alive');
      assert.deepEqual(figures.unhandledRejections, [], 'unhandled rejections');
      assert.deepEqual(figures.uncaughtExceptions, [], 'uncaught exceptions');
      for (const [name, grew] of Object.entries(figures.rillListenersDelta)) assert.ok(grew <= 0, `${name} has ${grew} more listeners`);
      for (const [name, grew] of Object.entries(figures.processListenersDelta)) assert.ok(grew <= 0, `process '${name}' has ${grew} more listeners`);
      assert.ok((figures.resourcesDelta.TCPWrap ?? 0) <= 0, `${figures.resourcesDelta.TCPWrap} more TCP handles`);
      const growth = after.heapUsed - before.heapUsed;
      assert.ok(growth < HEAP_GROWTH_LIMIT_BYTES, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB after GC`);
    } finally {
      await pointed.dispose();
    }
  });
});

/** Polls `condition` until it holds or `ms` passed; the caller asserts on what it finds. */
function until(condition: () => boolean, ms: number): Promise<boolean> {
  return pollFor(() => condition() || undefined, { what: 'the condition', timeoutMs: ms }).then(
    () => true,
    () => false,
  );
}

/** FNV-1a: the request's content as a seed. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Where the figures go: next to the suite's report (the runner prints them). */
function resultsDir(): string {
  const report = process.env[REPORT_ENV];
  return process.env.RILL_RESULTS_DIR || (report ? dirname(report) : __dirname);
}

function writeFigures(figures: SoakFigures): void {
  writeFileSync(join(resultsDir(), SOAK_FILE), `${JSON.stringify(figures, null, 2)}\n`);
}

/** With RILL_SOAK_HEAP_SNAPSHOTS=1, V8 heap snapshots before and after, to see what grew. */
function heapSnapshot(name: string): void {
  if (process.env.RILL_SOAK_HEAP_SNAPSHOTS === '1') writeHeapSnapshot(join(resultsDir(), `soak-${name}.heapsnapshot`));
}
