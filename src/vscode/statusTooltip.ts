// The completion status bar item's tooltips, as markdown text. Pure: no vscode import (the item
// is statusBar.ts, which keeps the one-slot pause's tooltip: all Rill's own words). Text that is
// not Rill's own (a server's error message, a model name, which a workspace may set, a language id
// an extension may contribute) is escaped: as markdown it could put a link or a remote image
// (loaded when the tooltip shows) into Rill's hover.
import type { EngineStatus } from '../completion/engineStatus';
import { recentFigures } from '../completion/recentFigures';
import type { RequestRecord } from '../completion/requestRecord';
import { promptCacheLine, promptCacheSummary } from '../report/promptCache';

/** `text` as literal markdown: every character markdown could read as syntax is escaped. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~&:]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** Completion is on, but not in the active editor's language. */
export function languageOffTooltip(languageId: string): string {
  const language = markdownText(languageId);
  return `**Rill inline completion: off for ${language}**  \n\nTurned off for this language in \`rill.completion.languages\`. Click for options (Turn On for ${language}); Alt+\\ still asks.`;
}

/**
 * The tooltip's model line: the model completion uses now, and whose the figures below it are when
 * the last request went to another (before a provider or model change) or none was made yet.
 */
export function modelLine(configured: string, lastAsked: string | undefined): string {
  const now = markdownText(configured);
  if (lastAsked === undefined) return `Model: ${now} (not asked yet)`;
  if (lastAsked === configured) return `Model: ${now}`;
  return `Model: ${now} (the figures below are from ${markdownText(lastAsked)}, asked before the change)`;
}

/** The engine's state and the recent figures behind the item's text; `configuredModel`: the completion model of the settings now. */
export function statusTooltip(status: EngineStatus, records: readonly RequestRecord[], clockTime: (at: number) => string, configuredModel?: string): string {
  const f = recentFigures(records);
  const cache = promptCacheLine(promptCacheSummary(records.filter((r) => r.sentAt !== undefined).slice(-f.requests)));
  const ms = (v: number | undefined) => (v === undefined ? '–' : `${Math.round(v)} ms`);
  const lines = [
    `**Rill inline completion: ${status.state}**`,
    '',
    status.error ? `Last error (${status.error.kind}): ${markdownText(status.error.message)}\n` : '',
    // A Retry-After of minutes: say when ghost text comes back, and that Alt+\ still asks.
    status.pausedUntil === undefined ? '' : `Automatic completion paused until ${clockTime(status.pausedUntil)}; Alt+\\ asks anyway.\n`,
    modelLine(configuredModel ?? status.model ?? '–', status.model),
    `Time to first token: ${ms(status.ttftMs)} · ${status.tokensPerSec === undefined ? '–' : Math.round(status.tokensPerSec)} tokens/s`,
    // The figure on the item itself: say what it is.
    ...(status.lastLatencyMs === undefined ? [] : [`Last suggestion: ${status.lastLatencyMs} ms from your last keystroke to its ghost text (the figure in the status bar)`]),
    `Keystroke to ghost text, recent requests: p50 ${ms(f.latencyP50)}, p90 ${ms(f.latencyP90)}`,
    `Last ${f.requests} requests: ${f.shown} shown, ${f.accepted} accepted, ${f.aborted} aborted, ${f.errors} errors`,
    `Tokens: ${f.tokensOut} out, ${f.tokensOut === 0 ? 0 : Math.round((100 * f.tokensWasted) / f.tokensOut)}% never reached you`,
    // Only servers that report their prompt cache (llama.cpp's timings, OpenAI-style cached_tokens).
    ...(cache ? [cache] : []),
    '',
    'Click for options.',
  ];
  return lines.filter((l, i) => l !== '' || i < lines.length - 1).join('  \n');
}
