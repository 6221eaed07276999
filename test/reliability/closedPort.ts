// A server root on which nothing listens, for the "connection refused" fault: a server started and
// closed again, so the port is free. No `vscode` import: the host and the browser tests share it.
import { FakeLlmServer } from '../fake-llm/server';

export async function closedPortUrl(): Promise<string> {
  const probe = await FakeLlmServer.start();
  const url = probe.url;
  await probe.close();
  return url;
}
