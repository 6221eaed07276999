// Serves a VS Code that listens on one port on another (the port the user asked for with PORT),
// by piping TCP connections through: HTTP and the workbench's WebSocket alike.
import { type Socket, connect, createServer } from 'node:net';

export interface PortForward {
  readonly port: number;
  close(): Promise<void>;
}

export async function forwardPort(fromPort: number, toPort: number): Promise<PortForward> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(toPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      // Either side failing ends the pair; there is nothing to retry for a proxied connection.
      s.once('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`PORT ${fromPort} is already in use; pick another or unset PORT.`) : error),
    );
    server.listen(fromPort, '127.0.0.1', () => resolve());
  });
  return {
    port: fromPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
