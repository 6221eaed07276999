// The report's charts (chart.js, bundled: the page loads nothing from the network). Each chart is
// created once and updated in place when a new report arrives, without animation, so an update
// every second costs little and screenshots are stable.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  DoughnutController,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { LatencyReport, MetricName } from '../../src/protocol/latencyReport';
import type { ChartId } from './chartText';
import { abortReason, clock, featureLabel, modelLabel, ms, perSec } from './format';

export { modelLabel };
import { type ChartTheme, withAlpha } from './theme';
import { fittingTicks, timeAxis } from './timeAxis';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, BarController, BarElement, DoughnutController, ArcElement, Legend, Tooltip);

export type { ChartId };

type AnyConfig = ChartConfiguration<'line' | 'bar' | 'doughnut', unknown[], unknown>;

export class ReportCharts {
  private readonly charts = new Map<ChartId, Chart>();

  constructor(private readonly canvases: ReadonlyMap<ChartId, HTMLCanvasElement>) {}

  render(report: LatencyReport, theme: ChartTheme): void {
    applyDefaults(theme);
    this.draw('ttftMs', lineConfig(report, 'ttftMs', theme, ms));
    this.draw('ghostMs', lineConfig(report, 'ghostMs', theme, ms));
    this.draw('tokensPerSec', lineConfig(report, 'tokensPerSec', theme, perSec));
    this.draw('requests', requestsConfig(report, theme));
    this.draw('features', featuresConfig(report, theme));
    this.draw('tokens', tokensConfig(report, theme));
    this.draw('acceptance', acceptanceConfig(report, theme));
    this.draw('errors', errorsConfig(report, theme));
  }

  /** Number of charts drawn (for tests and the page's status line). */
  get size(): number {
    return this.charts.size;
  }

  private draw(id: ChartId, config: AnyConfig): void {
    const canvas = this.canvases.get(id);
    if (!canvas) return;
    const existing = this.charts.get(id);
    if (existing) {
      existing.data = config.data as Chart['data'];
      existing.options = config.options as Chart['options'];
      existing.update('none');
      return;
    }
    this.charts.set(id, new Chart(canvas, config as ChartConfiguration));
  }
}

function applyDefaults(theme: ChartTheme): void {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = theme.fontSize - 1;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.responsive = true;
}


/** p50 (solid) and p90 (dashed) per model, one colour per model, time on the x axis. */
function lineConfig(report: LatencyReport, metric: MetricName, theme: ChartTheme, fmt: (v: number) => string): AnyConfig {
  const datasets: ChartDataset<'line', { x: number; y: number }[]>[] = [];
  report.models.forEach((model, i) => {
    const color = theme.series[i % theme.series.length] as string;
    const points = model.series[metric];
    if (points.length === 0) return;
    const name = modelLabel(model);
    datasets.push(
      { label: `${name} p50`, data: points.map((p) => ({ x: p.t, y: p.p50 })), borderColor: color, backgroundColor: color, pointRadius: 2, borderWidth: 2, cubicInterpolationMode: 'monotone' },
      { label: `${name} p90`, data: points.map((p) => ({ x: p.t, y: p.p90 })), borderColor: withAlpha(color, 0.7), backgroundColor: withAlpha(color, 0.7), borderDash: [5, 4], pointRadius: 1, borderWidth: 1.5, cubicInterpolationMode: 'monotone' },
    );
  });
  const axis = timeAxis(report.from ?? 0, report.to ?? 0, report.bucketMs);
  return {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: axis.min,
          max: axis.max,
          // One tick per bucket start: Chart.js's own ticks fall between buckets and repeat a label.
          // As many as fit the chart's width with room for their labels, which stay level.
          afterBuildTicks: (scale: { ticks: { value: number }[]; width: number }) => {
            const labelPx = clock(axis.min, report.bucketMs).length * 0.62 * theme.fontSize + 16;
            scale.ticks = fittingTicks(axis.ticks, scale.width, labelPx).map((value) => ({ value }));
          },
          ticks: { callback: (v: number | string) => clock(Number(v), report.bucketMs), maxRotation: 0, autoSkip: false },
          grid: { color: theme.grid },
        },
        y: { type: 'linear', beginAtZero: true, ticks: { callback: (v) => fmt(Number(v)) }, grid: { color: theme.grid } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { title: (items) => clock(Number(items[0]?.parsed.x), report.bucketMs), label: (item) => `${item.dataset.label}: ${fmt(Number(item.parsed.y))}` } },
      },
    },
  } as AnyConfig;
}

function requestsConfig(report: LatencyReport, theme: ChartTheme): AnyConfig {
  const r = report.requests;
  // Short labels on the axis (it has little room), the explanation in the tooltip.
  const rows: Bar[] = [
    { label: 'sent', n: r.sent, color: theme.series[0] as string, detail: 'requests handed to the model' },
    { label: 'reused', n: r.reused, color: theme.good, detail: 'answered from a stream already running' },
    { label: 'not sent', n: r.notSent, color: theme.muted, detail: 'replaced by a newer keystroke while waiting' },
    { label: 'completed', n: r.completed, color: theme.good, detail: 'streams the model finished' },
    { label: 'block ended', n: r.stoppedByRule, color: theme.good, detail: 'streams Rill closed at the end of the suggestion (block end, repetition, line budget)' },
    ...report.abortReasons.map(([reason, n]): Bar => ({ label: `aborted: ${reason}`, n, color: theme.warn, detail: `stopped: ${abortReason(reason)}` })),
    { label: 'failed', n: r.failed, color: theme.bad, detail: 'see Errors by kind' },
  ];
  return horizontalBars(rows, theme, 'requests');
}

/** Per feature (completion, chat & Ask, Generate): how its requests ended, stacked; tokens in the tooltip. */
/** One series of a bar chart, in the theme's colour. */
function barDataset(label: string, data: number[], color: string) {
  return { label, data, backgroundColor: withAlpha(color, 0.8), borderColor: color, borderWidth: 1 };
}

function featuresConfig(report: LatencyReport, theme: ChartTheme): AnyConfig {
  const features = report.features;
  const set = (label: string, pick: (f: (typeof features)[number]) => number, color: string) => barDataset(label, features.map(pick), color);
  return {
    type: 'bar',
    data: {
      labels: features.map((f) => featureLabel(f.feature)),
      datasets: [
        set('completed', (f) => f.completed, theme.good),
        set('block ended', (f) => f.stoppedByRule, theme.series[1] as string),
        set('stopped', (f) => f.aborted, theme.warn),
        set('failed', (f) => f.failed, theme.bad),
        set('not sent or streaming', (f) => f.total - f.completed - f.stoppedByRule - f.aborted - f.failed, theme.muted),
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, grid: { color: theme.grid } }, y: { stacked: true, grid: { display: false } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            footer: (items: { dataIndex: number }[]) => {
              const f = features[items[0]?.dataIndex ?? -1];
              return f ? `${f.sent} sent · tokens ${f.tokens.input} in, ${f.tokens.output} out` : '';
            },
          },
        },
      },
    },
  } as AnyConfig;
}

function errorsConfig(report: LatencyReport, theme: ChartTheme): AnyConfig {
  return horizontalBars(report.errors.map(([kind, n]): Bar => ({ label: kind, n, color: theme.bad })), theme, 'failed requests');
}

interface Bar {
  readonly label: string;
  readonly n: number;
  readonly color: string;
  /** Shown in the tooltip. */
  readonly detail?: string;
}

function horizontalBars(rows: readonly Bar[], theme: ChartTheme, unit: string): AnyConfig {
  return {
    type: 'bar',
    data: {
      labels: rows.map((b) => b.label),
      datasets: [{ label: unit, data: rows.map((b) => b.n), backgroundColor: rows.map((b) => withAlpha(b.color, 0.8)), borderColor: rows.map((b) => b.color), borderWidth: 1 }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: theme.grid } }, y: { grid: { display: false } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { afterLabel: (item) => rows[item.dataIndex]?.detail ?? '' } },
      },
    },
  } as AnyConfig;
}

/** Tokens per model: input, output and the wasted part of the output. */
function tokensConfig(report: LatencyReport, theme: ChartTheme): AnyConfig {
  const models = report.tokensByModel;
  const set = (label: string, pick: (t: { input: number; output: number; wasted: number }) => number, color: string) =>
    barDataset(label, models.map(([, t]) => pick(t)), color);
  return {
    type: 'bar',
    data: {
      labels: models.map(([model]) => model),
      datasets: [set('input (prompt)', (t) => t.input, theme.series[0] as string), set('output', (t) => t.output, theme.good), set('wasted output', (t) => t.wasted, theme.bad)],
    },
    options: {
      scales: { y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: theme.grid } }, x: { grid: { display: false } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    },
  } as AnyConfig;
}

function acceptanceConfig(report: LatencyReport, theme: ChartTheme): AnyConfig {
  const { shown, accepted } = report.acceptance;
  return {
    type: 'doughnut',
    data: {
      labels: ['accepted', 'shown, not accepted'],
      datasets: [{ data: [accepted, Math.max(0, shown - accepted)], backgroundColor: [theme.good, withAlpha(theme.muted, 0.5)], borderColor: theme.background, borderWidth: 1 }],
    },
    options: { cutout: '60%', plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } } },
  } as AnyConfig;
}
