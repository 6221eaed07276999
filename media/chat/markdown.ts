// Markdown to safe DOM. Model output is untrusted: raw HTML is shown as text, links are kept only
// for http(s) and opened through the host, images are never loaded (shown as links), and the
// result passes DOMPurify before it touches the document.
//
// A link is never an <a href>: VS Code's webview host opens any clicked anchor itself (its own
// click handler, whatever the page's preventDefault did), past Rill's checks and before Rill's
// prompt. A link is a focusable `role="link"` element holding its target in `data-href` and showing
// it in its tooltip; a click or Enter posts one `openLink` to the host (contentActions.ts), which
// checks the URL and opens it through VS Code (src/vscode/openModelLink.ts: who asks, and when).
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/common';
import { Marked, type Token } from 'marked';
import { showHiddenCharacters } from '../../src/protocol/hiddenCharacters';

/** Longer image addresses (inline data: images) are shown cut short (a web one is whole in its tooltip). */
const MAX_SHOWN_URL = 200;

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // Raw HTML in model output is text, never markup; a block of it keeps its lines (white-space
    // in the CSS), as the model wrote them.
    html: ({ text, block }) => (block ? `<div class="raw-html">${escapeHtml(text.replace(/\n+$/, ''))}</div>` : escapeHtml(text)),
    code: ({ text, lang }) => codeBlock(text, (lang ?? '').trim().split(/\s+/, 1)[0] ?? ''),
    link({ href, title, tokens }) {
      const label = this.parser.parseInline(tokens);
      if (!isWebUrl(href)) return `<span class="link-refused" title="Link not opened: ${escapeHtml(href)}">${label}</span>`;
      return linkTo(href, title, label);
    },
    // No image is ever fetched: a remote image would tell a server that this answer was read. Its
    // label and where it points are shown as text (a long data: address cut short).
    image({ href, text }) {
      const shown = href.length > MAX_SHOWN_URL ? `${href.slice(0, MAX_SHOWN_URL - 1)}…` : href;
      const label = `<span class="codicon codicon-file-media" aria-hidden="true"></span>${escapeHtml(text || 'image')} <span class="link-url">${escapeHtml(shown)}</span>`;
      return isWebUrl(href) ? linkTo(href, null, label, 'image-link') : `<span class="image-link link-refused" title="Image not shown">${label}</span>`;
    },
  },
});

const purifyConfig = {
  RETURN_DOM_FRAGMENT: true as const,
  // No anchors at all: VS Code would open a clicked one itself (see the top of this file).
  FORBID_TAGS: ['a', 'area', 'style', 'img', 'form', 'input', 'textarea', 'select', 'iframe', 'svg', 'math'],
  FORBID_ATTR: ['style'],
  // Our links are focusable spans (raw HTML from the model never gets this far: it is text).
  // URI-safe: otherwise its value would have to pass ALLOWED_URI_REGEXP.
  ADD_ATTR: ['tabindex'],
  ADD_URI_SAFE_ATTR: ['tabindex'],
  ALLOWED_URI_REGEXP: /^https?:/i,
};

/** Renders block tokens (from the lexer) into a sanitized fragment. */
export function renderTokens(tokens: readonly Token[]): DocumentFragment {
  // The HTML parser drops a NUL before the hidden-character pass could show it: mark it first.
  const html = marked.parser(tokens as Token[]).replaceAll('\u0000', showHiddenCharacters('\u0000'));
  const fragment = DOMPurify.sanitize(html, purifyConfig);
  showHidden(fragment);
  return fragment;
}

/**
 * Control, bidi, zero-width and tag characters in model text are shown as visible code points
 * (`[U+202E]`), so nothing hides and nothing reorders what is read. Done on the sanitized DOM,
 * where character references are already decoded: no spelling of one slips past. Our own markup
 * never contains them, so this touches model text only.
 */
function showHidden(root: DocumentFragment): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node as Text;
      const shown = showHiddenCharacters(text.data);
      if (shown !== text.data) text.data = shown;
    } else {
      for (const attribute of (node as Element).attributes) {
        const shown = showHiddenCharacters(attribute.value);
        if (shown !== attribute.value) attribute.value = shown;
      }
    }
  }
}

/** Renders a whole markdown text; used for questions and by the naive renderer. */
export function renderMarkdown(text: string): DocumentFragment {
  return renderTokens(marked.lexer(text));
}

/** A fenced code block with its toolbar; the code to act on is read from the DOM on click. */
function codeBlock(code: string, lang: string): string {
  const known = lang !== '' && hljs.getLanguage(lang) !== undefined;
  const body = known ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : escapeHtml(code);
  const language = escapeHtml(lang);
  return (
    `<div class="code-block" data-lang="${language}">` +
    `<div class="code-toolbar"><span class="code-lang">${language}</span>` +
    button('copy', 'copy', 'Copy code', code, lang) +
    button('insert', 'insert', 'Insert code at cursor', code, lang) +
    button('newFile', 'new-file', 'Open code in a new file', code, lang) +
    `</div><pre><code class="hljs${known ? ` language-${language}` : ''}">${body}</code></pre></div>`
  );
}

/**
 * A code block's button. Its tooltip is the action; its accessible name also says which block it
 * acts on (language and first line), since a screen reader hears the buttons of every block alike.
 */
function button(action: string, icon: string, label: string, code: string, lang: string): string {
  const name = `${label}, ${codeBlockName(code, lang)}`;
  return (
    `<button type="button" class="icon-button" data-action="${action}" aria-label="${escapeHtml(name)}" title="${label}">` +
    `<span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`
  );
}

/** 'python block starting def f():' (a first line of at most 40 characters). */
export function codeBlockName(code: string, lang: string): string {
  const first = code.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const start = first.length > 40 ? `${first.slice(0, 39)}…` : first;
  return `${lang ? `${lang} block` : 'block'}${start ? ` starting ${start}` : ''}`;
}

/** A link the page never follows itself: its target is in `data-href` and in its tooltip. */
function linkTo(href: string, title: string | null | undefined, label: string, className = 'link'): string {
  const tooltip = title ? `${href}\n${title}` : href;
  const classes = className === 'link' ? 'link' : `link ${className}`;
  return `<span class="${classes}" role="link" tabindex="0" data-href="${escapeHtml(href)}" title="${escapeHtml(tooltip)}">${label}</span>`;
}

function isWebUrl(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

