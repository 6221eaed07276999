// Chart colours and fonts from the VS Code theme: the workbench sets `--vscode-*` variables on the
// webview's <html>, and canvas drawing cannot use CSS variables, so they are read as values here
// and read again when the theme changes.

export interface ChartTheme {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
  readonly fontFamily: string;
  readonly fontSize: number;
  /** One colour per series (model, category), cycled. */
  readonly series: readonly string[];
  readonly good: string;
  readonly bad: string;
  readonly warn: string;
}

const SERIES_VARS = ['charts-blue', 'charts-orange', 'charts-green', 'charts-purple', 'charts-yellow', 'charts-red'];
const SERIES_FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#cca700', '#f14c4c'];

export function readTheme(root: HTMLElement = document.documentElement): ChartTheme {
  const style = getComputedStyle(root);
  const v = (name: string, fallback: string): string => style.getPropertyValue(`--vscode-${name}`).trim() || fallback;
  const foreground = v('foreground', '#cccccc');
  return {
    foreground,
    muted: v('descriptionForeground', foreground),
    grid: v('widget-border', v('editorWidget-border', 'rgba(128, 128, 128, 0.25)')),
    background: v('editor-background', 'transparent'),
    fontFamily: v('font-family', 'system-ui, sans-serif'),
    fontSize: Number.parseFloat(v('font-size', '13px')) || 13,
    series: SERIES_VARS.map((name, i) => v(name, SERIES_FALLBACK[i] as string)),
    good: v('charts-green', '#89d185'),
    bad: v('charts-red', '#f14c4c'),
    warn: v('charts-yellow', '#cca700'),
  };
}

/** Calls `onChange` when VS Code switches theme (body class) or restyles the page (<html> style). */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}

/** `color` at `alpha` opacity, for fills under lines (hex colours; others are returned as is). */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color.trim());
  if (!m) return color;
  return `#${m[1]}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
}
