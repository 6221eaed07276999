// The chat's webview view. Holds no chat state: it loads the page, hands every message from the
// page (unvalidated: the service validates) to the service, and posts what the service sends
// while the view is visible. A
// hidden view loses its page (retainContextWhenHidden is off: no memory held for it); when it is
// shown again the page reloads, says `ready`, and the service answers with a snapshot.
import * as vscode from 'vscode';
import { DisposableStore, MutableDisposable } from '../base/disposable';
import type { HostMessage } from '../protocol/chat';
import { chatHtml } from './chatHtml';

export const CHAT_VIEW_ID = 'rill.chat';

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  /** The subscriptions to the view of the moment; a view resolved again replaces them. */
  private readonly viewSubscriptions = new MutableDisposable<DisposableStore>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (raw: unknown) => void,
  ) {}

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const webviewRoot = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [webviewRoot] };
    view.webview.html = chatHtml(view.webview, webviewRoot);
    const subscriptions = new DisposableStore();
    subscriptions.add(view.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
    subscriptions.add(
      view.onDidDispose(() => {
        if (this.view !== view) return;
        this.view = undefined;
        this.viewSubscriptions.clear();
      }),
    );
    this.viewSubscriptions.value = subscriptions;
  }

  /** Sends to the page if it is showing; a hidden page gets a snapshot when it comes back. */
  post(message: HostMessage): void {
    if (!this.view?.visible) return;
    this.view.webview.postMessage(message).then(undefined, () => undefined);
  }

  /** Shows the view (opening the side bar that holds it, wherever the user moved it) and focuses it. */
  async reveal(): Promise<void> {
    // The view's generated focus command also opens a closed side bar, which `WebviewView.show`
    // does not promise.
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  dispose(): void {
    this.viewSubscriptions.dispose();
  }
}
