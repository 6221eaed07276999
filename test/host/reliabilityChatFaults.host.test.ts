// Every fault of the catalog played through the real chat service in the extension host (provider
// registry, SDK, real HTTP to a fake server in this process), once per chat wire format (OpenAI
// chat completions, Anthropic Messages): the answer ends (never hangs), the error the chat shows
// says what to do, partial text is kept, and nothing is retried once text arrived. The chat webview
// renders `turn.error.message` as its alert (see test/e2e/faultsUi.e2e.test.ts).
import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/chat/model';
import { canContinue } from '../../src/chat/resume';
import { settlesWithin } from '../reliability/completionUnderTest';
import { chatExpectation, FAULT_ANSWER, FAULT_CASES, FAULT_DEADLINES } from '../reliability/faultCatalog';
import { CHAT_WIRES } from '../reliability/faultWires';
import { closedPortUrl, type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { type UnhandledWatch, watchUnhandled } from '../reliability/unhandled';
import { type RillApi, rillApi, waitFor } from './rill';
import { flavorShare } from './share';

const ANSWER_LIMIT_MS = 30_000;

for (const wire of flavorShare(Object.values(CHAT_WIRES))) describe(`Reliability: faults in chat over ${wire.label} (extension host)`, function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  let unhandled: UnhandledWatch;

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api, {
      'network.firstTokenTimeoutMs': FAULT_DEADLINES.firstTokenTimeoutMs,
      'network.idleTimeoutMs': FAULT_DEADLINES.idleTimeoutMs,
      'chat.maxRetries': 2,
    }, { chat: wire });
    unhandled = watchUnhandled();
  });
  after(async () => {
    unhandled?.stop();
    await pointed?.dispose();
  });
  beforeEach(() => {
    pointed.llm.reset();
    api.chat.newChat();
  });

  const generation = () => pointed.llm.requests.filter((r) => r.endpoint === wire.endpoint);
  const lastTurn = (): Turn => {
    const turns = api.chat.session.conversation.turns;
    const turn = turns[turns.length - 1];
    assert.ok(turn, 'the question made no turn');
    return turn;
  };

  for (const fault of FAULT_CASES) {
    const expected = chatExpectation(fault, wire.id);
    const outcome = expected.error ? `fails with ${expected.error.kind}${expected.text ? ', keeping the partial text' : ''}` : 'completes';
    const requests = expected.requests === 1 ? 'no retry' : expected.requests === 2 ? 'continued once by itself from the partial text' : 'retried twice before output, then stops';
    it(`${fault.label}: the answer ${outcome}; ${requests}${expected.continueOffered ? '; Continue offered' : ''}`, async () => {
      if (fault.reply === 'refused') await pointed.useServer(await closedPortUrl());
      else pointed.llm.setDefault(fault.reply);
      try {
        await settlesWithin('the chat answer', api.chat.ask(`Reliability fault ${fault.id}`), ANSWER_LIMIT_MS);
      } finally {
        if (fault.reply === 'refused') await pointed.useOwnServer();
      }
      const turn = lastTurn();
      assert.equal(api.chat.session.isStreaming, false, 'the chat still says it is streaming');
      if (expected.error) {
        assert.equal(turn.status, 'error', `status ${turn.status}, answer ${JSON.stringify(turn.answer.slice(0, 60))}`);
        assert.equal(turn.error?.kind, expected.error.kind, turn.error?.message);
        assert.match(turn.error?.message ?? '', expected.error.message);
      } else {
        assert.equal(turn.status, 'done', turn.error?.message);
        assert.equal(turn.error, undefined);
      }
      assert.equal(canContinue(turn), expected.continueOffered, 'Continue offered');
      if (typeof expected.text === 'string') assert.equal(turn.answer, expected.text);
      else assert.ok(expected.text(turn.answer), `unexpected answer (${turn.answer.length} chars): ${JSON.stringify(turn.answer.slice(0, 60))}…`);
      if (fault.reply !== 'refused') {
        assert.equal(generation().length, expected.requests, 'generation requests the server saw');
        // Every connection ends: answered, closed by Rill, or reset by the server.
        await waitFor('every chat connection to end', () =>
          generation().every((r) => r.finishedAt ?? r.closedByClientAt ?? r.destroyedByServerAt) ? true : undefined,
        );
      }
    });
  }

  it('a 429 with Retry-After: 1 before any text is waited out once, then the answer streams', async () => {
    pointed.llm.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    pointed.llm.setDefault({ text: FAULT_ANSWER });
    await settlesWithin('the chat answer', api.chat.ask('Rate limited once'), ANSWER_LIMIT_MS);
    const turn = lastTurn();
    assert.equal(turn.status, 'done', turn.error?.message);
    assert.equal(turn.answer, FAULT_ANSWER);
    const [first, second] = generation();
    assert.equal(generation().length, 2);
    assert.ok(second.receivedAt - first.receivedAt >= 1000 - 50, `retried after ${Math.round(second.receivedAt - first.receivedAt)} ms, before the server's Retry-After`);
  });

  it('Stop during a stream closes the socket and keeps the text so far', async () => {
    pointed.llm.setDefault({ text: `${FAULT_ANSWER} ${'More words follow here. '.repeat(40)}`, tokensPerSec: 40 });
    const answer = api.chat.ask('Stop me');
    await waitFor('some text', () => (api.chat.session.conversation.turns.at(-1)?.answer.length ?? 0) > 10 || undefined);
    api.chat.stop();
    await settlesWithin('the stopped answer', answer, 5000);
    const turn = lastTurn();
    assert.equal(turn.status, 'stopped');
    assert.ok(FAULT_ANSWER.startsWith(turn.answer.slice(0, 10)), turn.answer);
    const [request] = generation();
    await pointed.llm.waitForClose(request);
    assert.ok(request.closedByClientAt, 'Rill did not close the connection on Stop');
  });

  it('no promise was left unhandled and no exception uncaught', () => {
    assert.deepEqual(unhandled.rejections, []);
    assert.deepEqual(unhandled.exceptions, []);
  });
});
