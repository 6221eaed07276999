// Rill: Show Latency Report: a webview panel with charts of the completion requests (time to first
// token, pause to ghost text, tokens/s, requests, tokens, acceptance, errors), and an export of the
// records as JSON through a save dialog. Everything is computed and kept on this machine.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { notificationText } from '../base/notificationText';
import { DisposableStore, MutableDisposable, toDisposable } from '../base/disposable';
import { aggregate } from '../report/aggregate';
import { exportFileName, exportJson } from '../report/exportRecords';
import { reportPageHtml } from '../report/pageHtml';
import { type ReportHostMessage, parseReportPageMessage } from '../protocol/report';
import type { RecordSource, ReportRecord } from '../report/reportRecord';
import type { RillLog } from './log';

export const REPORT_VIEW_TYPE = 'rill.latencyReport';
/** Records change on every keystroke; the charts need not. */
const UPDATE_INTERVAL_MS = 1000;

export class ReportService implements vscode.Disposable {
  private source: RecordSource | undefined;
  private readonly sourceSubscription = new MutableDisposable();
  private panel: vscode.WebviewPanel | undefined;
  /** What lives as long as the open panel: its listeners and the pending update. */
  private readonly panelSubscriptions = new DisposableStore();
  private updateTimer: NodeJS.Timeout | undefined;
  private readonly commands: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: RillLog,
  ) {
    this.commands = vscode.Disposable.from(
      vscode.commands.registerCommand('rill.showLatencyReport', () => this.show()),
      // No target argument: the file written is always the one the user picks in the save dialog.
      vscode.commands.registerCommand('rill.exportLatencyRecords', () => this.export()),
    );
  }

  /** Where records come from: the completion engine's request log. Disposing puts back the one before. */
  setSource(source: RecordSource): vscode.Disposable {
    const previous = this.source;
    this.attach(source);
    return new vscode.Disposable(() => {
      if (this.source === source) this.attach(previous);
    });
  }

  private attach(source: RecordSource | undefined): void {
    this.source = source;
    this.sourceSubscription.value = source?.onDidChange(() => this.scheduleUpdate());
    this.scheduleUpdate();
  }

  records(): readonly ReportRecord[] {
    return this.source?.all() ?? [];
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      'Rill: Latency Report',
      vscode.ViewColumn.Active,
      // Not retained when hidden: the page is cheap to rebuild from the records on `ready`.
      { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot], retainContextWhenHidden: false },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icons', 'rill.svg');
    panel.webview.html = reportPageHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'report.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'report.css')).toString(),
      nonce: randomBytes(18).toString('base64'),
    });
    this.panel = panel;
    this.panelSubscriptions.add(panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    this.panelSubscriptions.add(panel.onDidDispose(() => this.closed(panel)));
    this.panelSubscriptions.add(
      toDisposable(() => {
        if (this.updateTimer) clearTimeout(this.updateTimer);
        this.updateTimer = undefined;
      }),
    );
  }

  /** Writes the records to a file the user picks. Returns how many were written, or undefined when the user cancelled. */
  async export(): Promise<number | undefined> {
    const now = new Date();
    const uri = await vscode.window.showSaveDialog({
      title: 'Rill: Export Request Records',
      saveLabel: 'Export',
      filters: { JSON: ['json'] },
      defaultUri: defaultExportUri(exportFileName(now)),
    });
    if (!uri) return undefined;
    const records = this.records();
    await vscode.workspace.fs.writeFile(uri, Buffer.from(exportJson(records, now), 'utf8'));
    this.log.info(`Latency report: ${records.length} request records exported to ${uri.fsPath || uri.toString()}.`);
    this.post({ type: 'exported', path: uri.fsPath || uri.toString(), count: records.length });
    return records.length;
  }

  private onMessage(raw: unknown): void {
    const message = parseReportPageMessage(raw);
    if (!message) {
      this.log.warn('Latency report: ignored a malformed message from its page.');
      return;
    }
    if (message.type === 'ready') this.update();
    else void this.export().catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`Latency report: export failed: ${text}`);
      void vscode.window.showErrorMessage(`Rill: could not export the records: ${notificationText(text)}`);
    });
  }

  private scheduleUpdate(): void {
    if (!this.panel || this.updateTimer) return;
    this.updateTimer = setTimeout(() => {
      this.updateTimer = undefined;
      this.update();
    }, UPDATE_INTERVAL_MS);
  }

  private update(): void {
    if (!this.panel?.visible) return;
    this.post({ type: 'report', report: aggregate(this.records()), recording: this.source !== undefined });
  }

  private post(message: ReportHostMessage): void {
    this.panel?.webview.postMessage(message).then(undefined, () => undefined);
  }

  private closed(panel: vscode.WebviewPanel): void {
    if (this.panel !== panel) return;
    this.panel = undefined;
    this.panelSubscriptions.clear();
  }

  dispose(): void {
    this.panel?.dispose();
    this.sourceSubscription.dispose();
    this.commands.dispose();
  }
}

function defaultExportUri(name: string): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}
