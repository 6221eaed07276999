// Entry of the latency report webview (dist/webview/report.js); CSS imported here becomes report.css.
// The page draws what the host sends and asks for one thing: an export. It keeps no state of its
// own: when VS Code rebuilds it, it says `ready` and gets the report again.
import './report.css';
import type { LatencyReport } from '../../src/protocol/latencyReport';
import type { ReportHostMessage } from '../../src/protocol/report';
import { chartText } from './chartText';
import { type ChartId, ReportCharts, modelLabel } from './charts';
import { clock, count, featureLabel, ms, percent, perSec } from './format';
import { connectToHost } from './host';
import { readTheme, watchTheme } from './theme';

const CARDS: readonly { id: ChartId; title: string; hint: string }[] = [
  { id: 'ttftMs', title: 'Time to first token', hint: 'From the request leaving to the first token arriving. p50 solid, p90 dashed.' },
  { id: 'ghostMs', title: 'Pause to ghost text', hint: 'From your last keystroke to the suggestion on screen.' },
  { id: 'tokensPerSec', title: 'Tokens per second', hint: 'Decoding speed after the first token.' },
  { id: 'requests', title: 'Requests', hint: 'Sent to the model, answered from a live stream, and why streams were stopped.' },
  { id: 'features', title: 'Requests by feature', hint: 'Completion, chat & Ask, Generate at Cursor: how their requests ended (tokens in the tooltip).' },
  { id: 'tokens', title: 'Tokens spent and wasted', hint: 'Per model, every feature. Wasted: completion output whose text was never shown, typed or accepted.' },
  { id: 'acceptance', title: 'Acceptance', hint: 'Suggestions accepted out of those shown.' },
  { id: 'errors', title: 'Errors by kind', hint: 'Requests that failed, by what went wrong.' },
];

const host = connectToHost();
const app = document.getElementById('app') as HTMLElement;
const canvases = new Map<ChartId, HTMLCanvasElement>();
/** Per card: the note shown instead of the chart when there is nothing to draw. */
const cards = new Map<ChartId, { none: HTMLElement; wrap: HTMLElement }>();
const summary = el('section', 'tiles');
const empty = el('p', 'empty');
const status = el('p', 'status');
status.setAttribute('role', 'status');
const exportButton = el('button', 'button');
exportButton.type = 'button';
exportButton.textContent = 'Export JSON…';
exportButton.title = 'Save the request records as a JSON file (timings and counts only, no code, no keys)';
exportButton.addEventListener('click', () => host.post({ type: 'export' }));

const header = el('header', 'header');
const title = el('h1', 'title');
title.textContent = 'Rill latency report';
const meta = el('span', 'meta');
header.append(title, meta, exportButton);
const grid = el('section', 'grid');
for (const card of CARDS) {
  const figure = el('figure', `card card-${card.id}`);
  const caption = el('figcaption', 'card-title');
  caption.textContent = card.title;
  const hint = el('p', 'card-hint');
  hint.textContent = card.hint;
  const none = el('p', 'card-none');
  none.hidden = true;
  const wrap = el('div', 'canvas-wrap');
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', card.title);
  canvas.dataset.chart = card.id;
  wrap.append(canvas);
  figure.append(caption, hint, none, wrap);
  grid.append(figure);
  canvases.set(card.id, canvas);
  cards.set(card.id, { none, wrap });
}
app.append(header, summary, empty, grid, status);

const charts = new ReportCharts(canvases);
let last: LatencyReport | undefined;
let recording = true;

function render(): void {
  if (!last) return;
  const r = last;
  const hasData = r.requests.total > 0;
  meta.textContent = hasData && r.from !== undefined && r.to !== undefined
    ? `${count(r.requests.total)} requests wanted, ${count(r.requests.sent)} sent, ${clock(r.from, 1000)} – ${clock(r.to, 1000)} · computed on this machine, nothing is sent anywhere`
    : 'computed on this machine, nothing is sent anywhere';
  empty.hidden = hasData;
  empty.textContent = recording
    ? 'No requests yet. Type in an editor with inline completions on, ask in the chat or generate code: the charts fill in as requests are made.'
    : 'Inline completion is not running in this window, so there are no requests to show.';
  grid.hidden = !hasData;
  exportButton.disabled = !hasData;
  renderTiles(r);
  for (const [id, note] of Object.entries(nothingToDraw(r)) as [ChartId, string | undefined][]) {
    const card = cards.get(id);
    if (!card) continue;
    card.none.hidden = note === undefined;
    card.none.textContent = note ?? '';
    card.wrap.hidden = note !== undefined;
  }
  if (hasData) charts.render(r, readTheme());
  // A canvas is pixels: its name says what it shows.
  for (const card of CARDS) {
    const text = chartText(r, card.id);
    canvases.get(card.id)?.setAttribute('aria-label', text ? `${card.title}: ${text}` : card.title);
  }
  app.setAttribute('aria-busy', 'false');
  app.dataset.charts = String(charts.size);
  app.dataset.requests = String(r.requests.total);
  app.dataset.models = r.models.map(modelLabel).join('\n');
}

/** Why a chart has nothing to show, per chart that has nothing. */
function nothingToDraw(r: LatencyReport): Partial<Record<ChartId, string>> {
  const noSeries = (metric: 'ttftMs' | 'ghostMs' | 'tokensPerSec') => r.models.every((m) => m.series[metric].length === 0);
  return {
    ttftMs: noSeries('ttftMs') ? 'No request has received its first token yet.' : undefined,
    ghostMs: noSeries('ghostMs') ? 'No suggestion has been shown yet.' : undefined,
    tokensPerSec: noSeries('tokensPerSec') ? 'No answer long enough to measure its speed yet.' : undefined,
    tokens: r.tokensByModel.length === 0 ? 'No tokens spent yet.' : undefined,
    acceptance: r.acceptance.shown === 0 ? 'No suggestion has been shown yet.' : undefined,
    errors: r.errors.length === 0 ? 'No request failed.' : undefined,
  };
}

function renderTiles(r: LatencyReport): void {
  const overall = (metric: 'ttftMs' | 'ghostMs' | 'tokensPerSec') => {
    // Across models: the figure of the model measured most often, the one the user mostly sees.
    const main = [...r.models].sort((a, b) => (b.overall[metric]?.count ?? 0) - (a.overall[metric]?.count ?? 0))[0];
    return main?.overall[metric];
  };
  const wastedShare = r.tokens.output > 0 ? r.tokens.wasted / r.tokens.output : undefined;
  const tiles: [string, string, string][] = [
    // The editor calls answered from a stream are not requests: said apart, so that no count seems to hold another.
    ['Requests sent', count(r.requests.sent), [...r.features.map((f) => `${count(f.sent)} ${featureLabel(f.feature)}`), `${count(r.requests.reused)} calls served by a running stream, no request`].join(' · ')],
    ['Time to first token', ms(overall('ttftMs')?.p50), `p90 ${ms(overall('ttftMs')?.p90)}`],
    ['Pause to ghost text', ms(overall('ghostMs')?.p50), `p90 ${ms(overall('ghostMs')?.p90)}`],
    ['Speed', perSec(overall('tokensPerSec')?.p50), `p90 ${perSec(overall('tokensPerSec')?.p90)}`],
    ['Acceptance', percent(r.acceptance.rate), `${r.acceptance.accepted} of ${r.acceptance.shown} shown`],
    ['Tokens wasted', percent(wastedShare), `${count(r.tokens.wasted)} of ${count(r.tokens.output)} output`],
    promptCacheTile(r),
  ];
  summary.replaceChildren(
    ...tiles.map(([label, value, detail]) => {
      const tile = el('div', 'tile');
      const v = el('div', 'tile-value');
      v.textContent = value;
      const l = el('div', 'tile-label');
      l.textContent = label;
      const d = el('div', 'tile-detail');
      d.textContent = detail;
      tile.append(v, l, d);
      return tile;
    }),
  );
}

/** How much of each completion prompt the server read from its cache (only servers that report it: llama.cpp, OpenAI-style cached_tokens). */
function promptCacheTile(r: LatencyReport): [string, string, string] {
  const c = r.promptCache;
  if (!c) {
    // Before any completion was sent there is nothing the server could have reported.
    const completions = r.features.find((f) => f.feature === 'completion')?.sent ?? 0;
    return ['Prompt tokens reused', '–', completions === 0 ? 'no completion request yet' : 'the server does not report its prompt cache'];
  }
  return ['Prompt tokens reused', percent(c.reusedShare), `evaluated per completion: p50 ${count(c.evaluatedP50)}, p90 ${count(c.evaluatedP90)} (${count(c.requests)} completions)`];
}

window.addEventListener('message', (event: MessageEvent<ReportHostMessage>) => {
  const message = event.data;
  if (message?.type === 'report') {
    last = message.report;
    recording = message.recording;
    render();
  } else if (message?.type === 'exported') {
    status.textContent = `Exported ${message.count} records to ${message.path ?? 'the chosen file'}.`;
  }
});

watchTheme(() => render());
host.post({ type: 'ready' });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
