// Reading Monaco's DOM in the workbench. Verified on VS Code 1.100.3 and 1.139.1:
// - the active editor is `.part.editor .editor-group-container.active .monaco-editor`;
// - ghost text on the cursor's line is spans with class `ghost-text-decoration` (or
//   `ghost-text-decoration-preview`), lines below the cursor's line are spans with class
//   `ghost-text`, all inside `.view-line` elements (one span per line on 1.139, one per token on 1.100);
// - spaces render as U+00A0; `.view-line` elements are absolutely positioned, so their DOM order is
//   not the line order: sort by their `top`.
// The page-side code is a string because the project compiles without DOM types.

export const ACTIVE_EDITOR = '.part.editor .editor-group-container.active .monaco-editor';

export interface GhostText {
  /** The part shown on the cursor's line. */
  readonly inline: string;
  /** The lines shown below the cursor's line. */
  readonly below: readonly string[];
  /** inline and below joined with newlines: what Tab would insert. */
  readonly text: string;
}

const HELPERS = `
  const clean = (s) => (s || '').replace(/\\u00a0/g, ' ');
  const top = (el) => el.getBoundingClientRect().top;
  const isGhost = (el) => el.classList && [...el.classList].some((c) => c.startsWith('ghost-text'));
`;

/** Evaluates to GhostText, or null when the editor shows none. Takes the editor selector. */
export const READ_GHOST_TEXT = `(selector) => {
  ${HELPERS}
  const editor = document.querySelector(selector);
  if (!editor) return null;
  const inlineSpans = [...editor.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')];
  const belowSpans = [...editor.querySelectorAll('.ghost-text')];
  if (inlineSpans.length === 0 && belowSpans.length === 0) return null;
  const inline = inlineSpans.map((s) => clean(s.textContent)).join('');
  const lines = new Map();
  for (const span of belowSpans) {
    const line = span.closest('.view-line') || span.parentElement;
    if (!lines.has(line)) lines.set(line, []);
    lines.get(line).push(clean(span.textContent));
  }
  const below = [...lines.entries()].sort((a, b) => top(a[0]) - top(b[0])).map(([, parts]) => parts.join(''));
  return { inline, below, text: [inline, ...below].join('\\n') };
}`;

/** Evaluates to the text of the editor's rendered lines (ghost text left out), joined with newlines. */
export const READ_EDITOR_TEXT = `(selector) => {
  ${HELPERS}
  const editor = document.querySelector(selector);
  if (!editor) return null;
  const lines = [...editor.querySelectorAll('.view-lines > .view-line')].sort((a, b) => top(a) - top(b));
  return lines
    .map((line) => {
      const copy = line.cloneNode(true);
      for (const el of [...copy.querySelectorAll('*')]) if (isGhost(el)) el.remove();
      return clean(copy.textContent);
    })
    .join('\\n');
}`;
