// A streamed (SSE) answer: headers and preamble at once, tokens on their schedule, then the
// closing events; every fault is played at the same place for every provider.

import { performance } from 'node:perf_hooks';
import { sleepUntil, TokenSchedule } from './clock';
import { LlamaStopRules } from './llamaStops';
import { faultPosition, outcomeOf, repeatUntilClosed, type PlayContext } from './playContext';
import { playToolCalls } from './playToolCalls';
import { bareErrorDocument, openAiErrorLineDocument } from './errors';
import { dataEvent, type SseEvent } from './sse';

/** Half of a real token event: valid SSE framing around JSON that cannot parse. */
function brokenEvent(event: SseEvent): SseEvent {
  const data = event.data ?? '{}';
  return { ...event, data: data.slice(0, Math.max(1, Math.floor(data.length / 2))) };
}

/** Plays the mid-stream faults due at this point; true when the stream is over. */
async function strike(ctx: PlayContext, index: number): Promise<boolean> {
  const { writer, dialect, gen } = ctx;
  switch (ctx.reply.fault) {
    case 'reset-after-tokens':
      await writer.reset();
      return true;
    case 'error-event-after-tokens':
      await writer.events([dialect.errorEvent(gen)]);
      writer.end();
      return true;
    case 'cut-after-tokens':
      writer.end();
      return true;
    case 'error-event-no-error-key':
      await writer.events([dataEvent(bareErrorDocument(), 'error')]);
      writer.end();
      return true;
    case 'openai-error-line':
      await writer.events([dataEvent(openAiErrorLineDocument())]);
      writer.end();
      return true;
    case 'invalid-json-event':
      await writer.events([brokenEvent(dialect.token({ ...gen, tokens: [...gen.tokens, 'oops'] }, index))]);
      return false;
    default:
      return false;
  }
}

/** The reasoning before the text, spread evenly over the wait for the first token; false when the connection went away. */
async function playThinking(ctx: PlayContext): Promise<boolean> {
  const { writer, dialect, gen, reply, signal } = ctx;
  if (!dialect.thinking || gen.thinking.length === 0) return true;
  const step = (reply.ttftMs ?? 0) / (gen.thinking.length + 1);
  for (let k = 0; k < gen.thinking.length; k++) {
    if (!(await sleepUntil(ctx.startAt + step * (k + 1), signal)) || !writer.open) return false;
    await writer.events([dialect.thinking.piece(gen, k)]);
  }
  await writer.events(dialect.thinking.end(gen));
  return writer.open;
}

export async function playStream(ctx: PlayContext): Promise<void> {
  const { writer, dialect, gen, reply, signal } = ctx;
  if (reply.fault === 'empty-200') {
    writer.head(200, { ...dialect.headers(gen, true), 'content-length': '0', ...reply.headers });
    return writer.end();
  }
  writer.head(200, { ...dialect.headers(gen, true), ...reply.headers });
  switch (reply.fault) {
    case 'reset-after-headers':
      return writer.reset();
    case 'silence-after-headers':
      return; // the response stays open until the client leaves
    case 'keepalive-only':
      return repeatUntilClosed(ctx, () => writer.events([dialect.keepAlive()]));
  }
  await writer.events(dialect.preamble(gen, reply.emptyChoicesFirst === true));
  if (!(await playThinking(ctx))) return;

  const schedule = TokenSchedule.of(ctx.startAt, reply);
  const faultAt = faultPosition(reply);
  const stops = new LlamaStopRules(gen.request.nIndent, gen.request.maxPredictMs);
  let finishReason = ctx.finishReason;
  let sent = 0;
  for (let i = 0; i < gen.tokens.length; i++) {
    if (reply.keepAlive) {
      const at = schedule.keepAliveBefore(i);
      if (at !== undefined && (i > 0 || (reply.ttftMs ?? 0) > 0)) {
        if (!(await sleepUntil(at, signal))) return;
        await writer.events([dialect.keepAlive()]);
      }
    }
    if (!(await sleepUntil(schedule.due(i), signal))) return;
    if (i === faultAt && (await strike(ctx, i))) return;
    if (!writer.open) return;
    schedule.sent(i, performance.now());
    await writer.events([dialect.token(gen, i)], 1);
    sent++;
    const elapsed = performance.now() - (ctx.record.firstTokenAt ?? performance.now());
    if (!stops.inactive && stops.afterToken(gen.tokens[i] ?? '', elapsed)) {
      if (!ctx.finishFixed) finishReason = 'length';
      break;
    }
  }
  if (faultAt >= gen.tokens.length && (await strike(ctx, gen.tokens.length))) return;
  if (!writer.open) return;
  if (!(await playToolCalls(ctx, schedule, sent))) return;

  const { events, terminator } = dialect.closing(gen, outcomeOf(ctx, sent, finishReason));
  await writer.events(reply.fault === 'missing-done' ? events : [...events, terminator]);
  if (reply.fault !== 'never-close-after-done') writer.end();
}
