// The only code that writes response bytes. It records every write (time, size, tokens), can
// split a write into one-byte TCP writes, and can end a connection with a TCP reset, so that
// the record always matches what went on the wire.

import type { ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { encodeSse, type LineEnding, type SseEvent } from './sse';
import type { RecordedRequest } from './types';

export interface WriterOptions {
  readonly lineEnding: LineEnding;
  readonly splitEveryByte: boolean;
}

/**
 * Resolves when `wait` is settled or `signal` aborts, whichever is first, and removes its
 * listener either way (this runs once per byte in split mode: a leak would show at once).
 */
function untilSettledOrAborted(wait: (done: () => void) => () => void, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let stopWaiting = (): void => undefined;
    const finish = (): void => {
      signal.removeEventListener('abort', finish);
      stopWaiting();
      resolve();
    };
    signal.addEventListener('abort', finish, { once: true });
    stopWaiting = wait(finish);
  });
}

export class ResponseWriter {
  constructor(
    private readonly res: ServerResponse,
    private readonly record: RecordedRequest,
    private readonly options: WriterOptions,
    /** Aborted when the connection is gone (client closed, server reset, server closing). */
    private readonly signal: AbortSignal,
  ) {}

  /** False once the client closed, the server reset, or the response ended. */
  get open(): boolean {
    return !this.signal.aborted && !this.res.destroyed && !this.res.writableEnded;
  }

  /** Sends status and headers at once (flushHeaders), before any body byte. */
  head(status: number, headers: Record<string, string>): void {
    if (!this.open) return;
    this.res.writeHead(status, headers);
    this.res.flushHeaders();
    this.record.status = status;
    this.record.headersSentAt = performance.now();
  }

  events(events: readonly SseEvent[], tokens = 0): Promise<void> {
    return this.write(encodeSse(events, this.options.lineEnding), tokens);
  }

  /** Writes `data`; `tokens` content tokens are counted as sent by (the last byte of) this write. */
  async write(data: string | Buffer, tokens = 0): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!this.options.splitEveryByte) return this.writeOnce(bytes, tokens, false);
    // Each byte waits until the previous one was handed to the kernel, so no two share a writev.
    for (let i = 0; i < bytes.length && this.open; i++) {
      await this.writeOnce(bytes.subarray(i, i + 1), i === bytes.length - 1 ? tokens : 0, true);
    }
  }

  end(): void {
    if (this.open) this.res.end();
  }

  /**
   * Ends the connection with a TCP RST (the client sees ECONNRESET) once the bytes written so
   * far have reached the kernel, so the client still receives them first.
   */
  async reset(): Promise<void> {
    const socket = this.res.socket;
    if (!socket || socket.destroyed) return;
    if (socket.writableLength > 0 || this.res.writableLength > 0) {
      await new Promise<void>((resolve) => socket.write('', () => resolve()));
    }
    await nextTurn();
    this.record.destroyedByServerAt = performance.now();
    if (!socket.destroyed) socket.resetAndDestroy();
  }

  private async writeOnce(bytes: Buffer, tokens: number, waitForKernel: boolean): Promise<void> {
    if (!this.open || bytes.length === 0) return;
    const at = performance.now();
    this.record.chunks.push({ at, bytes: bytes.length, tokens });
    if (tokens > 0) {
      this.record.tokensSent += tokens;
      this.record.firstTokenAt ??= at;
      this.record.lastTokenAt = at;
    }
    if (waitForKernel) {
      await untilSettledOrAborted((done) => {
        this.res.write(bytes, () => done());
        return () => undefined;
      }, this.signal);
    } else if (!this.res.write(bytes)) {
      // Backpressure (a slow reader or a giant line): wait, but never past the connection's end.
      await untilSettledOrAborted((done) => {
        this.res.once('drain', done);
        return () => this.res.off('drain', done);
      }, this.signal);
    }
  }
}
