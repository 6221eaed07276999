// An HTTP CONNECT proxy on loopback, as corporate networks have them, that remembers every tunnel:
// where it went and, when the traffic inside is plain HTTP, every request line sent through it
// (proof that a given request, not just some connection, took the proxy: a kept-alive tunnel
// carries several requests, one after another). Requests in absolute
// form (a forward proxy's GET http://...) are refused with 405 and remembered too.
import * as http from 'node:http';
import * as net from 'node:net';

export interface Tunnel {
  /** `host:port` asked for in CONNECT. */
  readonly target: string;
  /** The Proxy-Authorization header the CONNECT carried. */
  readonly authorization?: string;
  /** The HTTP request lines sent through the tunnel, in order (`POST /v1/chat/completions HTTP/1.1`); none when the traffic is TLS. */
  readonly requestLines: string[];
}

export interface LoopbackProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly tunnels: readonly Tunnel[];
  /** Absolute-form requests refused (not CONNECT). */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

// Not anchored to a line start: a request's body (JSON, with no line break of its own) runs straight
// into the next request's line on a kept-alive connection.
const REQUEST_LINE = /[A-Z]+ \/\S* HTTP\/1\.[01]\r\n/g;
/** Unmatched traffic kept to find a request line split across chunks. */
const SNIFF_TAIL = 8192;

export interface LoopbackProxyOptions {
  /** The Proxy-Authorization a CONNECT must carry; any other (or none) is answered 407, as an authenticating proxy does. */
  readonly authorization?: string;
  /** Closes a tunnel that carried nothing either way for this long, as company proxies close idle connections. */
  readonly closeIdleAfterMs?: number;
}

export async function startLoopbackProxy(options: LoopbackProxyOptions = {}): Promise<LoopbackProxy> {
  const tunnels: Tunnel[] = [];
  const refused: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    refused.push(`${req.method} ${req.url}`);
    res.writeHead(405).end();
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const tunnel: Tunnel = { target: req.url ?? '', authorization: req.headers['proxy-authorization'], requestLines: [] };
    tunnels.push(tunnel);
    if (options.authorization !== undefined && req.headers['proxy-authorization'] !== options.authorization) {
      client.on('error', () => undefined);
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="loopback"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    let pending = '';
    const sniff = (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      let end = 0;
      for (const match of pending.matchAll(REQUEST_LINE)) {
        tunnel.requestLines.push(match[0].trimEnd());
        end = (match.index ?? 0) + match[0].length;
      }
      pending = pending.slice(end).slice(-SNIFF_TAIL);
    };
    const [host, port] = splitHostPort(tunnel.target);
    const upstream = net.connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) {
        sniff(head);
        upstream.write(head);
      }
      client.on('data', sniff);
      upstream.pipe(client).pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    if (options.closeIdleAfterMs !== undefined) {
      const idleAfter = options.closeIdleAfterMs;
      let idle = setTimeout(closeBoth, idleAfter);
      const active = () => {
        clearTimeout(idle);
        idle = setTimeout(closeBoth, idleAfter);
      };
      client.on('data', active);
      upstream.on('data', active);
      client.on('close', () => clearTimeout(idle));
    }
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    refused,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `host:port` and `[v6]:port`. */
function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), Number(target.slice(at + 1))];
}
