// What each chart shows, in words: the text a screen reader reads for a chart (a canvas is only
// pixels). The figures each chart draws, in the order it draws them. Pure.
import type { LatencyReport, MetricName } from '../../src/protocol/latencyReport';
import { abortReason, count, featureLabel, modelLabel, ms, percent, perSec } from './format';

/** The report's charts, one card each. */
export type ChartId = MetricName | 'requests' | 'features' | 'tokens' | 'acceptance' | 'errors';

const METRIC_FORMAT: Readonly<Record<MetricName, (v: number) => string>> = { ttftMs: ms, ghostMs: ms, tokensPerSec: perSec };

/** '' when the chart has nothing to show (the page says why next to it). */
export function chartText(r: LatencyReport, id: ChartId): string {
  switch (id) {
    case 'ttftMs':
    case 'ghostMs':
    case 'tokensPerSec': {
      const fmt = METRIC_FORMAT[id];
      return r.models
        .flatMap((m) => {
          const o = m.overall[id];
          return o ? [`${modelLabel(m)}: p50 ${fmt(o.p50)}, p90 ${fmt(o.p90)} over ${count(o.count)} ${o.count === 1 ? 'request' : 'requests'}`] : [];
        })
        .join('; ');
    }
    case 'requests': {
      const q = r.requests;
      return [
        `${count(q.sent)} sent`,
        `${count(q.reused)} answered from a running stream`,
        `${count(q.notSent)} not sent`,
        `${count(q.completed)} completed`,
        `${count(q.stoppedByRule)} ended by Rill at the end of the suggestion`,
        ...r.abortReasons.map(([reason, n]) => `${count(n)} aborted: ${abortReason(reason)}`),
        `${count(q.failed)} failed`,
      ].join(', ');
    }
    case 'features':
      return r.features
        .map((f) => `${featureLabel(f.feature)}: ${count(f.sent)} sent, ${count(f.completed)} completed, ${count(f.stoppedByRule)} block ended, ${count(f.aborted)} stopped, ${count(f.failed)} failed; tokens ${count(f.tokens.input)} in, ${count(f.tokens.output)} out`)
        .join('; ');
    case 'tokens':
      return r.tokensByModel.map(([model, t]) => `${model}: ${count(t.input)} input, ${count(t.output)} output, ${count(t.wasted)} wasted`).join('; ');
    case 'acceptance':
      return r.acceptance.shown === 0 ? '' : `${percent(r.acceptance.rate)}: ${count(r.acceptance.accepted)} accepted of ${count(r.acceptance.shown)} shown`;
    case 'errors':
      return r.errors.map(([kind, n]) => `${kind}: ${count(n)}`).join(', ');
  }
}
