// Markdown to safe DOM. Model output is untrusted: raw HTML is shown as text, links are kept only
// for http(s) and opened through the host, images are never loaded (shown as links), and the
// result passes DOMPurify before it touches the document.
import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/common';
import { Marked, type Token } from 'marked';
import { showHiddenCharacters } from '../../src/protocol/hiddenCharacters';

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
      const t = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${t}>${label}</a>`;
    },
    // No image is ever fetched: a remote image would tell a server that this answer was read.
    image({ href, text }) {
      const label = `<span class="codicon codicon-file-media" aria-hidden="true"></span>${escapeHtml(text || 'image')}`;
      return isWebUrl(href) ? `<a href="${escapeHtml(href)}" class="image-link">${label}</a>` : `<span class="image-link">${label}</span>`;
    },
  },
});

const purifyConfig = {
  RETURN_DOM_FRAGMENT: true as const,
  FORBID_TAGS: ['style', 'img', 'form', 'input', 'textarea', 'select', 'iframe', 'svg', 'math'],
  FORBID_ATTR: ['style'],
  ALLOWED_URI_REGEXP: /^https?:/i,
};

/** Renders block tokens (from the lexer) into a sanitized fragment. */
export function renderTokens(tokens: readonly Token[]): DocumentFragment {
  const fragment = DOMPurify.sanitize(marked.parser(tokens as Token[]), purifyConfig);
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
    button('copy', 'copy', 'Copy code') +
    button('insert', 'insert', 'Insert code at cursor') +
    button('newFile', 'new-file', 'Open code in a new file') +
    `</div><pre><code class="hljs${known ? ` language-${language}` : ''}">${body}</code></pre></div>`
  );
}

function button(action: string, icon: string, label: string): string {
  return (
    `<button type="button" class="icon-button" data-action="${action}" aria-label="${label}" title="${label}">` +
    `<span class="codicon codicon-${icon}" aria-hidden="true"></span></button>`
  );
}

function isWebUrl(href: string): boolean {
  return /^https?:\/\//i.test(href.trim());
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

