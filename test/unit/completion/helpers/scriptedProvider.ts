// A scripted LlmProvider on a fake clock: each request gets a reply (time to first token, tokens,
// time per token); aborts are recorded with the time they happened, as the fake server records a
// socket closed by the client.
import { LlmError } from '../../../../src/llm/errors';
import type { FimRequest, FinishReason, LlmProvider, LlmRequest, StreamEvent } from '../../../../src/llm/types';
import { sleep } from '../../../../src/base/clock';
import type { FakeClock } from '../../helpers/fakeClock';

export interface ScriptedReply {
  readonly text: string;
  readonly ttftMs?: number;
  readonly msPerToken?: number;
  readonly finish?: FinishReason;
  /** Thrown after the text (or at once when the text is empty). */
  readonly error?: LlmError;
}

export interface RecordedRequest {
  readonly request: FimRequest;
  readonly startedAt: number;
  abortedAt: number | undefined;
  tokensSent: number;
  ended: boolean;
}

/** Splits text the way a code model's tokenizer roughly does: words, runs of spaces, single symbols. */
export function tokens(text: string): string[] {
  return text.match(/\n|[ \t]+|[A-Za-z0-9_]+|[^\sA-Za-z0-9_]/g) ?? [];
}

export class ScriptedProvider implements LlmProvider {
  readonly label = 'scripted';
  readonly model: string;
  readonly requests: RecordedRequest[] = [];

  constructor(
    private readonly clock: FakeClock,
    private readonly script: (request: FimRequest, index: number) => ScriptedReply,
    model = 'scripted-coder',
  ) {
    this.model = model;
  }

  async *stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    if (request.kind !== 'fim') throw new LlmError('bad-request', 'only FIM is scripted');
    const reply = this.script(request, this.requests.length);
    const entry: RecordedRequest = { request, startedAt: this.clock.now(), abortedAt: undefined, tokensSent: 0, ended: false };
    this.requests.push(entry);
    signal.addEventListener('abort', () => (entry.abortedAt ??= this.clock.now()), { once: true });
    const aborted = (): StreamEvent => ({ type: 'end', finishReason: 'aborted' });
    try {
      if (!(await sleep(this.clock, reply.ttftMs ?? 300, signal))) {
        yield aborted();
        return;
      }
      const parts = tokens(reply.text);
      for (let i = 0; i < parts.length; i++) {
        if (i > 0 && !(await sleep(this.clock, reply.msPerToken ?? 20, signal))) {
          yield aborted();
          return;
        }
        entry.tokensSent++;
        yield { type: 'text', text: parts[i] };
      }
      if (reply.error) throw reply.error;
      yield { type: 'usage', inputTokens: Math.ceil(request.prefix.length / 3), outputTokens: parts.length };
      yield { type: 'end', finishReason: reply.finish ?? 'stop' };
    } finally {
      entry.ended = true;
    }
  }

  listModels(): Promise<string[]> {
    return Promise.resolve([this.model]);
  }
}
