// The "Rill" log channel. Every line passes through a mask of the keys Rill knows, so that a key
// can never reach the log even if a server echoes it back in an error body.
import * as vscode from 'vscode';
import type { Logger } from '../base/logger';

export class RillLog implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();

  constructor() {
    this.channel = vscode.window.createOutputChannel('Rill', { log: true });
  }

  /** Registers a secret to be masked from now on. */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('••••');
    return out.replace(/\b(sk-(?:ant-)?[A-Za-z0-9_-]{8})[A-Za-z0-9_-]{8,}/g, '$1••••');
  }

  trace(message: string): void {
    this.channel.trace(this.mask(message));
  }
  debug(message: string): void {
    this.channel.debug(this.mask(message));
  }
  info(message: string): void {
    this.channel.info(this.mask(message));
  }
  warn(message: string): void {
    this.channel.warn(this.mask(message));
  }
  error(message: string): void {
    this.channel.error(this.mask(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
