// Runs the demo model server on its own, e.g. to point a VS Code you already have at it:
//   npx tsx demo/cli.ts [--workspace <folder>] [--port <port>]
// Prints the base URL; Ctrl+C stops it.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoPaceFromEnv } from './pace';
import { startDemoServer } from './server';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const workspace = resolve(option('workspace') ?? resolve(dirname(fileURLToPath(import.meta.url)), 'workspace'));
  const server = await startDemoServer({
    workspace,
    port: Number(option('port') ?? 0),
    pace: demoPaceFromEnv(process.env),
    log: (line) => console.log(`[demo model] ${line}`),
  });
  console.log(`Demo model server for ${workspace}: ${server.baseUrl} (model rill-demo-ngram)`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.close().then(() => process.exit(0)));
  }
}

void main();
