// Rill's entry point: builds the services and registers them (createRill), and exports nothing.
// Another extension can reach Rill only through its commands, as a person can: `activate` returns
// no API, so no other extension can read a key, send a request or change a setting through Rill.
import type * as vscode from 'vscode';
import { createRill } from './createRill';

export function activate(context: vscode.ExtensionContext): void {
  createRill(context);
}

export function deactivate(): void {}
