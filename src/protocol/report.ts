// Messages between the extension host and the latency report webview, imported by both sides.
// The page only draws what it is sent and asks for two things; the host checks each message.
import type { LatencyReport } from './latencyReport';

/** Host -> page. */
export type ReportHostMessage =
  | { readonly type: 'report'; readonly report: LatencyReport; readonly recording: boolean }
  | { readonly type: 'exported'; readonly path: string | undefined; readonly count: number };

/** Page -> host. */
export type ReportPageMessage = { readonly type: 'ready' } | { readonly type: 'export' };

/** The page's message, or undefined when it is not one the host expects. */
export function parseReportPageMessage(raw: unknown): ReportPageMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = (raw as { type?: unknown }).type;
  if (type === 'ready' || type === 'export') return { type };
  return undefined;
}
