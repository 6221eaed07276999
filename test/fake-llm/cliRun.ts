// The standalone server's options and start-up, apart from the process wiring in cli.ts so
// tests can run it in-process:
//   --port N (default 0: a free port)  --host H (default 127.0.0.1)
//   --ttft MS  --tps N  --text "..."   the default reply (see FakeReply)

import { parseArgs } from 'node:util';
import { FakeLlmServer } from './server';
import type { FakeReply } from './types';

export const CLI_USAGE = 'usage: npm run fake-llm -- [--port N] [--host H] [--ttft MS] [--tps N] [--text "..."]';

export interface CliOptions {
  readonly port: number;
  readonly host?: string;
  readonly reply: FakeReply;
  readonly help: boolean;
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

/** Throws with a readable message on a bad option. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      ttft: { type: 'string' },
      tps: { type: 'string' },
      text: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const reply: FakeReply = {};
  const ttft = numberOption('ttft', values.ttft);
  const tps = numberOption('tps', values.tps);
  if (ttft !== undefined) reply.ttftMs = ttft;
  if (tps !== undefined && tps > 0) reply.tokensPerSec = tps;
  if (values.text !== undefined) reply.text = values.text;
  return { port: numberOption('port', values.port) ?? 0, host: values.host, reply, help: values.help === true };
}

/** Starts the server for `argv`, printing its URL and then one line per request. */
export async function startFromCli(options: CliOptions, print: (line: string) => void): Promise<FakeLlmServer> {
  const server = await FakeLlmServer.start({ port: options.port, host: options.host, log: print });
  server.setDefault(options.reply);
  print(`fake-llm listening on ${server.url}`);
  print(`  OpenAI: ${server.url}/v1   Anthropic: ${server.url}   llama.cpp: ${server.url}/infill`);
  return server;
}
