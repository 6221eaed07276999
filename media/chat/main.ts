// Entry of the chat webview bundle (dist/webview/chat.js); CSS imported here becomes chat.css.
import '@vscode/codicons/dist/codicon.css';
import './chat.css';
import { startChatApp } from './app';
import { connectToHost } from './vscodeApi';

const root = document.getElementById('app');
if (root) startChatApp(root, connectToHost());
