// The four generation endpoints as tests see them: a typical request body, how to read the
// content tokens back out of a streamed body, and whether the stream's terminal event came.
// Shared by the fake's own tests; handy for any test that must run "on every endpoint".

import * as assert from 'node:assert/strict';
import { rawRequest, type RawRequest, type RawResponse } from './rawClient';
import type { FakeLlmServer, FakeReply, RecordedRequest } from './server';
import { readSse } from './sseRead';

type Json = Record<string, unknown>;

export const BODIES = {
  chat: { model: 'gpt-test', stream: true, messages: [{ role: 'user', content: 'Say hello' }] },
  completions: { model: 'coder', stream: true, prompt: 'def add(a, b):\n    ', suffix: '\n' },
  messages: { model: 'claude-test', stream: true, max_tokens: 256, messages: [{ role: 'user', content: 'Say hello' }] },
  infill: {
    stream: true,
    input_prefix: 'def add(a, b):\n    ',
    input_suffix: '\n',
    input_extra: [{ filename: 'b.py', text: 'x = 1' }],
    cache_prompt: true,
  },
} as const;

/** Reads a nested value: at(doc, 'choices', 0, 'text'). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Json)[k]), value);
}

function tryJson(data: string): Json | undefined {
  try {
    return JSON.parse(data) as Json;
  } catch {
    return undefined;
  }
}

export interface TestEndpoint {
  readonly name: string;
  readonly path: string;
  readonly body: Json;
  /** Content tokens in a streamed body, in order (events that do not parse are skipped). */
  tokensOf(sse: string): string[];
  /** Whether the terminal event ([DONE], message_stop, stop:true) is in the body. */
  hasTerminal(sse: string): boolean;
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';

function parsed(sse: string): { event?: string; json?: Json; data: string }[] {
  return readSse(sse).events.map((e) => ({ ...e, json: tryJson(e.data) }));
}

export const ENDPOINTS: readonly TestEndpoint[] = [
  {
    name: 'OpenAI chat',
    path: '/v1/chat/completions',
    body: BODIES.chat,
    tokensOf: (sse) => parsed(sse).map((e) => at(e.json, 'choices', 0, 'delta', 'content')).filter(nonEmpty),
    hasTerminal: (sse) => parsed(sse).some((e) => e.data === '[DONE]'),
  },
  {
    name: 'OpenAI completions',
    path: '/v1/completions',
    body: BODIES.completions,
    tokensOf: (sse) => parsed(sse).map((e) => at(e.json, 'choices', 0, 'text')).filter(nonEmpty),
    hasTerminal: (sse) => parsed(sse).some((e) => e.data === '[DONE]'),
  },
  {
    name: 'Anthropic messages',
    path: '/v1/messages',
    body: BODIES.messages,
    tokensOf: (sse) =>
      parsed(sse)
        .filter((e) => e.event === 'content_block_delta')
        .map((e) => at(e.json, 'delta', 'text'))
        .filter(nonEmpty),
    hasTerminal: (sse) => parsed(sse).some((e) => e.event === 'message_stop'),
  },
  {
    name: 'llama.cpp infill',
    path: '/infill',
    body: BODIES.infill,
    tokensOf: (sse) =>
      parsed(sse)
        .filter((e) => at(e.json, 'stop') === false)
        .map((e) => at(e.json, 'content'))
        .filter(nonEmpty),
    hasTerminal: (sse) => parsed(sse).some((e) => at(e.json, 'stop') === true),
  },
];

/** What a test checks of one endpoint's raw response and the fake's record of it. */
export type EndpointCheck = (e: TestEndpoint, res: RawResponse, record: RecordedRequest) => void | Promise<void>;

/** How long the raw client waits for data, and in all. */
export type RawClientTimes = Pick<RawRequest, 'idleMs' | 'untilMs'>;

/** Plays `reply` on every endpoint concurrently; `check` gets each raw response and its record once the connection closed. */
export async function playOnEveryEndpoint(llm: FakeLlmServer, reply: FakeReply, check: EndpointCheck, client: RawClientTimes = {}): Promise<void> {
  llm.route(() => reply);
  await Promise.all(
    ENDPOINTS.map(async (e) => {
      const res = await rawRequest(llm.url, { path: e.path, body: e.body, ...client });
      const record = llm.requests.find((r) => r.path === e.path);
      assert.ok(record, `${e.name}: recorded`);
      await llm.waitForClose(record, 1000);
      await check(e, res, record);
    }),
  );
}
