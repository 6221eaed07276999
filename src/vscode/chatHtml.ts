// The chat webview's HTML with the webview's own resource URIs and a fresh nonce per load.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatPageHtml } from '../chat/pageHtml';

export function chatHtml(webview: vscode.Webview, webviewRoot: vscode.Uri): string {
  return chatPageHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'chat.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot, 'chat.css')).toString(),
    nonce: randomBytes(18).toString('base64'),
  });
}
