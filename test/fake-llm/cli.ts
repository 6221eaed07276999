// Runs the fake LLM server on its own, for trying Rill by hand or pointing a browser test at it:
//   npm run fake-llm -- --port 8080 [--host 127.0.0.1] [--ttft 300] [--tps 40] [--text "..."]
// Prints its URL, then one line per request when its connection ends; Ctrl+C stops it.

import { CLI_USAGE, parseCliArgs, startFromCli } from './cliRun';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  if (options.help) {
    console.log(CLI_USAGE);
    return;
  }
  const server = await startFromCli(options, (line) => console.log(line));
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
  console.error(CLI_USAGE);
  process.exit(1);
});
