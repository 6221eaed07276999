// Following a file another process appends to (the host suite's progress lines).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** Reads the lines appended to a file since the last call. */
export class Tail {
  private offset = 0;
  private partial = '';
  constructor(private readonly file: string) {}

  drain(onLine: (line: string) => void): void {
    if (!existsSync(this.file)) return;
    const size = statSync(this.file).size;
    if (size <= this.offset) return;
    const buffer = Buffer.alloc(size - this.offset);
    const fd = openSync(this.file, 'r');
    try {
      readSync(fd, buffer, 0, buffer.length, this.offset);
    } finally {
      closeSync(fd);
    }
    this.offset = size;
    const lines = (this.partial + buffer.toString('utf8')).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  }
}
