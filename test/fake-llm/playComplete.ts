// A complete (stream: false) answer. Like a real server, headers and body leave together once
// the whole answer is "generated" (ttft + the time the tokens would take); faults that only make
// sense for streams are mapped to their closest non-streamed equivalent (see README.md).

import { sleepUntil, TokenSchedule } from './clock';
import { LlamaStopRules } from './llamaStops';
import { requestIdOf } from './dialects/dialect';
import { streamErrorDocument } from './errors';
import { faultPosition, outcomeOf, repeatUntilClosed, type PlayContext } from './playContext';

export async function playComplete(ctx: PlayContext): Promise<void> {
  const { writer, dialect, gen, reply, signal } = ctx;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...dialect.headers(gen, false),
    ...extra,
    ...reply.headers,
  });
  switch (reply.fault) {
    case 'empty-200':
      writer.head(200, headers({ 'content-length': '0' }));
      return writer.end();
    case 'reset-after-headers':
      writer.head(200, headers());
      return writer.reset();
    case 'silence-after-headers':
      writer.head(200, headers());
      return;
    case 'keepalive-only':
      // JSON allows leading whitespace: a newline every 200 ms keeps bytes flowing, never a body.
      writer.head(200, headers());
      return repeatUntilClosed(ctx, () => writer.write('\n'));
  }

  const stopsEarly = reply.fault === 'reset-after-tokens' || reply.fault === 'error-event-after-tokens';
  const schedule = TokenSchedule.of(ctx.startAt, reply);
  let count = stopsEarly ? Math.min(faultPosition(reply), gen.tokens.length) : gen.tokens.length;
  // llama.cpp's n_indent / t_max_predict_ms, replayed on the ideal schedule.
  const stops = new LlamaStopRules(gen.request.nIndent, gen.request.maxPredictMs);
  let finishReason = ctx.finishReason;
  let text: string | undefined;
  if (!stops.inactive) {
    for (let i = 0; i < count; i++) {
      if (stops.afterToken(gen.tokens[i] ?? '', i * schedule.intervalMs)) {
        count = i + 1;
        if (!ctx.finishFixed) finishReason = 'length';
        break;
      }
    }
    text = stops.text;
  }
  if (!(await sleepUntil(schedule.doneAt(count), signal)) || !writer.open) return;

  if (reply.fault === 'error-event-after-tokens') {
    // The nearest thing to "an error after a 200": a 200 whose body is the provider's error.
    const text = JSON.stringify(streamErrorDocument(dialect.errorFamily, requestIdOf(gen)));
    writer.head(200, headers({ 'content-length': String(Buffer.byteLength(text)) }));
    await writer.write(text);
    return writer.end();
  }

  const outcome = outcomeOf(ctx, count, finishReason, schedule.idealTimings(count), text);
  const body = JSON.stringify(dialect.complete(gen, outcome));
  const full = Buffer.from(body, 'utf8');
  switch (reply.fault) {
    case 'reset-after-tokens':
      // Announce the whole body, send half of it, then reset.
      writer.head(200, headers({ 'content-length': String(full.length) }));
      await writer.write(full.subarray(0, Math.floor(full.length / 2)), count);
      return writer.reset();
    case 'cut-after-tokens':
    case 'invalid-json-event': {
      const half = full.subarray(0, Math.floor(full.length / 2));
      writer.head(200, headers({ 'content-length': String(half.length) }));
      await writer.write(half, count);
      return writer.end();
    }
    case 'never-close-after-done':
      // Chunked, so the client cannot know the body is complete until the (never sent) end.
      writer.head(200, headers());
      await writer.write(full, count);
      return;
    default:
      writer.head(200, headers({ 'content-length': String(full.length) }));
      await writer.write(full, count);
      return writer.end();
  }
}
