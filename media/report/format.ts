// How the report writes numbers and times: short, unit included, same everywhere on the page.
import type { ModelReport } from '../../src/protocol/latencyReport';

export function ms(value: number | undefined): string {
  if (value === undefined) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function perSec(value: number | undefined): string {
  // Whole numbers (the axis's ticks) without a decimal: 50 tok/s, not 50.0.
  return value === undefined ? '–' : `${value >= 100 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} tok/s`;
}

export function percent(value: number | undefined): string {
  return value === undefined ? '–' : `${Math.round(value * 100)}%`;
}

export function count(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : String(value);
}

/** A bucket start as local clock time; seconds only when buckets are shorter than a minute, the date when they are a day or longer. */
export function clock(time: number, bucketMs: number): string {
  const d = new Date(time);
  const p = (n: number) => String(n).padStart(2, '0');
  const hm = `${p(d.getHours())}:${p(d.getMinutes())}`;
  if (bucketMs >= 24 * 3_600_000) return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return bucketMs < 60_000 ? `${hm}:${p(d.getSeconds())}` : hm;
}

/** A model's name in legends: completion models by name, others with what they served. */
export function modelLabel(model: ModelReport): string {
  return model.feature === 'completion' ? model.model : `${model.model} (${featureLabel(model.feature)})`;
}

/** What a request was for, as the report names it. */
export function featureLabel(feature: string): string {
  return feature === 'generate' ? 'Generate at Cursor' : feature === 'chat' ? 'chat & Ask' : feature;
}

const REASON_LABELS: Readonly<Record<string, string>> = {
  diverged: 'you typed something else',
  moved: 'cursor moved away',
  capacity: 'stream slot needed',
  superseded: 'newer keystroke',
  error: 'error',
  timeout: 'timed out',
  disabled: 'completions turned off',
  disposed: 'closed',
  stopped: 'stopped before the model finished',
};

export function abortReason(reason: string): string {
  const label = REASON_LABELS[reason];
  return label ? `${reason} (${label})` : reason;
}
