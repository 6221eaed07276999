// The report page's only channel to the extension host, typed with the report protocol.
import type { ReportPageMessage } from '../../src/protocol/report';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface ReportHost {
  post(message: ReportPageMessage): void;
}

export function connectToHost(): ReportHost {
  const api = acquireVsCodeApi();
  return { post: (message) => api.postMessage(message) };
}
