// The chat page as the chat bench loads it: the product's page (media/chat) with the bench's
// choices read from <body>: `data-render="naive"` draws answers with the naive renderer,
// `data-measure="on"` records each draw. Built by `node esbuild.mjs --bench-webview=<dir>` into a
// folder of the bench's own; never part of dist/ or the VSIX.
import '@vscode/codicons/dist/codicon.css';
import '../../../media/chat/chat.css';
import { createAnswerRenderer } from '../../../media/chat/answerRenderer';
import { startChatApp } from '../../../media/chat/app';
import { connectToHost } from '../../../media/chat/vscodeApi';
import { measured } from './measuredRenderer';
import { NaiveRenderer } from './naiveRenderer';

// Read as `document.body.dataset.<name>`: the VSIX check looks for these in the packaged bundles.
const renderer = document.body.dataset.render === 'naive' ? (container: HTMLElement) => new NaiveRenderer(container) : createAnswerRenderer;
const root = document.getElementById('app');
if (root) startChatApp(root, connectToHost(), document.body.dataset.measure === 'on' ? measured(renderer) : renderer);
