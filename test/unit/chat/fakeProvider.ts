// A scripted LlmProvider for the chat core's tests: each call to `stream` opens a PuppetStream the
// test drives by hand (push text, end, fail), so a test can stop or fail an answer mid-stream at an
// exact point without timers. Honors the provider contract: aborting the signal ends the
// iteration with `end('aborted')`.
import type { LlmProvider, LlmRequest, StreamEvent } from '../../../src/llm/types';

export class PuppetStream {
  private readonly queue: Array<StreamEvent | Error> = [];
  private wake: (() => void) | undefined;
  private closed = false;
  aborted = false;

  constructor(
    readonly request: LlmRequest,
    readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => {
      this.aborted = true;
      this.enqueue({ type: 'end', finishReason: 'aborted' });
    });
  }

  text(text: string): void {
    this.enqueue({ type: 'text', text });
  }

  /** Any other event (e.g. `retrying`, which the provider's retry layer yields before a wait). */
  event(event: StreamEvent): void {
    this.enqueue(event);
  }

  end(finishReason: 'stop' | 'length' = 'stop'): void {
    this.enqueue({ type: 'usage', outputTokens: 7 });
    this.enqueue({ type: 'end', finishReason });
  }

  fail(error: Error): void {
    this.enqueue(error);
  }

  /** Ends the iteration with no `end` event, as a provider that breaks its contract would. */
  cut(): void {
    this.closed = true;
    this.wake?.();
    this.wake = undefined;
  }

  async *events(): AsyncGenerator<StreamEvent> {
    while (true) {
      const next = this.queue.shift();
      if (next === undefined) {
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      if (next instanceof Error) throw next;
      yield next;
      if (next.type === 'end') return;
    }
  }

  private enqueue(item: StreamEvent | Error): void {
    if (this.closed) return;
    if (item instanceof Error || item.type === 'end') this.closed = true;
    this.queue.push(item);
    this.wake?.();
    this.wake = undefined;
  }
}

export class FakeChatProvider implements LlmProvider {
  readonly label = 'fake';
  readonly streams: PuppetStream[] = [];
  private opened: Array<(s: PuppetStream) => void> = [];

  constructor(readonly model = 'fake-model') {}

  stream(request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
    const puppet = new PuppetStream(request, signal);
    this.streams.push(puppet);
    for (const resolve of this.opened.splice(0)) resolve(puppet);
    return puppet.events();
  }

  /** The stream opened by the n-th call (0-based), once it is opened. */
  nth(n: number): Promise<PuppetStream> {
    const existing = this.streams[n];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => {
      const check = (s: PuppetStream): void => {
        if (this.streams[n]) resolve(this.streams[n] ?? s);
        else this.opened.push(check);
      };
      this.opened.push(check);
    });
  }

  async listModels(): Promise<string[]> {
    return [this.model, 'other-model'];
  }
}

/** Lets pending promise callbacks run (the session's for-await loop takes a few microtasks). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
