// Runs the fake LLM server on its own, for trying Rill by hand or pointing a browser test at it:
//   npm run fake-llm -- --port 8080 [--host 127.0.0.1] [--ttft 300] [--tps 40] [--text "..."]
// Prints its URL, then one line per request when its connection ends; Ctrl+C stops it.

import { parseArgs } from 'node:util';
import { FakeLlmServer } from './server';
import type { FakeReply } from './types';

const USAGE = 'usage: npm run fake-llm -- [--port N] [--host H] [--ttft MS] [--tps N] [--text "..."]';

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      ttft: { type: 'string' },
      tps: { type: 'string' },
      text: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const reply: FakeReply = {};
  const ttft = numberOption('ttft', values.ttft);
  const tps = numberOption('tps', values.tps);
  if (ttft !== undefined) reply.ttftMs = ttft;
  if (tps !== undefined && tps > 0) reply.tokensPerSec = tps;
  if (values.text !== undefined) reply.text = values.text;

  const server = await FakeLlmServer.start({
    port: numberOption('port', values.port) ?? 0,
    host: values.host,
    log: (line) => console.log(line),
  });
  server.setDefault(reply);
  console.log(`fake-llm listening on ${server.url}`);
  console.log(`  OpenAI: ${server.url}/v1   Anthropic: ${server.url}   llama.cpp: ${server.url}/infill`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`fake-llm: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
