// The page's only channel to the extension host, typed with the shared protocol.
import type { WebviewMessage } from '../../src/protocol/chat';

/** What the page keeps across being hidden and shown (VS Code's per-webview state). */
export interface PageState {
  readonly draft: string;
  readonly editingTurnId?: string;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: WebviewMessage): void;
  loadState(): PageState;
  saveState(state: PageState): void;
}

export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    loadState: () => {
      const s = api.getState();
      if (typeof s === 'object' && s !== null && typeof (s as PageState).draft === 'string') return s as PageState;
      return { draft: '' };
    },
    saveState: (state) => api.setState(state),
  };
}
