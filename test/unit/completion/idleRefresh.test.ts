// When the ring may change and what follows: nothing during a burst of typing; one refill once the
// user has been idle for a second (or at once when another file gets the focus); one warm-up when
// that refill changed the start of the prompt, carrying exactly the prompt the next completion will
// start with; none when nothing changed or completion is off. The real engine, given the same ring,
// then sends prompts that start with what was warmed up. Fake clock throughout.
import assert from 'node:assert/strict';
import { CompletionEngine, defaultEngineConfig } from '../../../src/completion/engine';
import { buildFimRequest, defaultPromptOptions } from '../../../src/completion/prompt/buildRequest';
import { ContextRing } from '../../../src/completion/prompt/contextRing';
import { IDLE_MS, IdleRefresh, type RefreshEvent } from '../../../src/completion/prompt/idleRefresh';
import { completionSite } from '../../../src/completion/site';
import type { DocumentState, OpenDocument } from '../../../src/completion/types';
import type { FimRequest, LlmProvider, WarmUpOutcome } from '../../../src/llm/types';
import { FakeClock } from '../helpers/fakeClock';
import { doc, typed } from './helpers/fixture';
import { ScriptedProvider } from './helpers/scriptedProvider';

const OTHER: OpenDocument = { uri: 'file:///work/util.ts', path: 'util.ts', languageId: 'typescript', text: 'export function total(rows: number[]): number {\n  return rows.reduce((a, b) => a + b, 0);\n}\n' };

class Setup {
  readonly clock = new FakeClock();
  readonly ring = new ContextRing();
  readonly warmUps: FimRequest[] = [];
  readonly events: RefreshEvent[] = [];
  readonly provider: ScriptedProvider & { warmUp?: LlmProvider['warmUp'] };
  state: DocumentState = doc('import { total } from "./util";\nconst rows = [1, 2];\nconst sum = █\n');
  documents: OpenDocument[] = [OTHER];
  on = true;
  readonly refresh: IdleRefresh;

  constructor() {
    this.provider = Object.assign(new ScriptedProvider(this.clock, () => ({ text: 'total(rows);', ttftMs: 100 })), {
      warmUp: async (request: FimRequest): Promise<WarmUpOutcome> => {
        this.warmUps.push(request);
        return 'read';
      },
    });
    this.refresh = new IdleRefresh({
      clock: this.clock,
      ring: this.ring,
      provider: () => this.provider,
      documents: () => [...this.documents, { uri: this.state.uri, path: this.state.path, languageId: 'typescript', text: this.state.prefix + this.state.suffix }],
      focus: () => this.state,
      promptOptions: () => defaultPromptOptions,
      completionOn: () => this.on,
    });
    this.refresh.onDidRefresh((e) => this.events.push(e));
  }

  /** Types `text`, a key every `gapMs`. */
  async type(text: string, gapMs = 120): Promise<void> {
    for (const ch of text) {
      this.state = typed(this.state, ch);
      this.ring.noteEdit(this.state.uri, this.state.prefix.split('\n').length - 1);
      this.refresh.activity();
      await this.clock.advance(gapMs);
    }
  }

  refills = () => this.events.filter((e) => e.warmUp === undefined);
}

describe('idle refresh and warm-up', () => {
  it('nothing during a burst; one refill a second after the last keystroke, and one warm-up for the new context', async () => {
    const s = new Setup();
    await s.type('total(rows.map((r) => r * 2))');
    assert.equal(s.refills().length, 0, 'no refill between two keystrokes of a burst');
    await s.clock.advance(IDLE_MS);
    assert.deepEqual(s.refills().map((e) => [e.cause, e.changed]), [['idle', true]]);
    assert.equal(s.warmUps.length, 1);
    assert.deepEqual(s.events.at(-1)?.warmUp, 'read');
    // The warm-up carries what the next completion's prompt starts with.
    const next = typed(s.state, ';');
    const request = buildFimRequest(next, completionSite(next), [OTHER], s.ring, defaultPromptOptions);
    const warm = s.warmUps[0]!;
    assert.deepEqual(request.snippets, warm.snippets);
    assert.ok(request.prefix.startsWith(warm.prefix), 'the completion prompt extends the warmed-up one');
    assert.ok(warm.snippets?.some((c) => c.path === 'util.ts'));
  });

  it('idle again with nothing new: a refill, no warm-up', async () => {
    const s = new Setup();
    s.refresh.focusChanged();
    await s.clock.advance(10);
    assert.equal(s.warmUps.length, 1, 'the first context is warmed up');
    s.refresh.activity();
    await s.clock.advance(IDLE_MS);
    assert.deepEqual(s.refills().map((e) => e.changed), [true, false]);
    assert.equal(s.warmUps.length, 1);
  });

  it('a change of focus refills at once', async () => {
    const s = new Setup();
    await s.type('to');
    s.state = { ...doc('const other = █\n'), uri: 'file:///work/other.ts', path: 'other.ts' };
    s.refresh.focusChanged();
    assert.deepEqual(s.refills().map((e) => e.cause), ['focus']);
  });

  it('completion off or snoozed: the ring follows, no warm-up is sent', async () => {
    const s = new Setup();
    s.on = false;
    await s.type('x');
    await s.clock.advance(IDLE_MS);
    assert.equal(s.refills().length, 1);
    assert.equal(s.warmUps.length, 0);
  });

  it('the engine, given the ring, sends prompts that start with the warmed-up context during a burst', async () => {
    const s = new Setup();
    const engine = new CompletionEngine({ ...defaultEngineConfig() }, { provider: () => s.provider, clock: s.clock, context: { openDocuments: () => [OTHER] }, promptContext: s.ring });
    s.refresh.focusChanged();
    await s.clock.advance(10);
    const warm = s.warmUps[0]!;
    for (const ch of 'total(') {
      s.state = typed(s.state, ch);
      engine.observe(s.state, true);
      s.refresh.activity();
      const controller = new AbortController();
      void engine.provide({ ...s.state, trigger: 'automatic' }, controller.signal);
      await s.clock.advance(120);
      controller.abort();
    }
    assert.ok(s.provider.requests.length > 0);
    for (const r of s.provider.requests) {
      assert.deepEqual(r.request.snippets, warm.snippets);
      assert.ok(r.request.prefix.startsWith(warm.prefix));
    }
    engine.dispose();
    s.refresh.dispose();
  });
});
