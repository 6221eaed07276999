// Answers that are not a generation: a status with a body (errors, custom documents) and the
// HTML page a captive portal or misconfigured proxy returns with a 200.

import { sleepUntil } from './clock';
import { requestIdOf } from './dialects/dialect';
import { errorDocument } from './errors';
import type { PlayContext } from './playContext';

const HTML_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in to continue</title></head>
<body><h1>Network login required</h1><p>Please sign in to access the internet.</p></body>
</html>
`;

/** True when the reply is a fixed status/body rather than a generation. */
export function isFixedReply(reply: { status?: number; body?: unknown }): boolean {
  return reply.body !== undefined || (reply.status !== undefined && (reply.status < 200 || reply.status > 299));
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** `status` + `body` (+ `headers`), after ttftMs. */
export async function playFixed(ctx: PlayContext): Promise<void> {
  const { reply, writer, dialect, gen } = ctx;
  const status = reply.status ?? 200;
  const at = ctx.record.receivedAt + Math.max(0, reply.ttftMs ?? 0);
  if (!(await sleepUntil(at, ctx.signal)) || !writer.open) return;
  const ok = status >= 200 && status <= 299;
  const body =
    typeof reply.body === 'string'
      ? reply.body
      : JSON.stringify(ok ? reply.body : errorDocument(dialect.errorFamily, status, reply.body, requestIdOf(gen)));
  const contentType =
    typeof reply.body === 'string' && !looksLikeJson(reply.body) ? 'text/plain; charset=utf-8' : 'application/json';
  const headers: Record<string, string> = {
    ...dialect.headers(gen, false),
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...reply.headers,
  };
  writer.head(status, headers);
  await writer.write(body);
  writer.end();
}

/** `html-200`: a 200 text/html page, whatever was asked. */
export async function playHtml(ctx: PlayContext): Promise<void> {
  const { writer, reply } = ctx;
  writer.head(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(HTML_PAGE)),
    ...reply.headers,
  });
  await writer.write(HTML_PAGE);
  writer.end();
}
