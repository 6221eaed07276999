// Clicks inside rendered answers, handled once for the whole transcript: code block buttons, and
// links (`[data-href]`, never anchors: see markdown.ts), which go to the host as one `openLink`
// per click or Enter; the host checks the URL, asks, and opens it.
import type { WebviewMessage } from '../../src/protocol/chat';

/**
 * `codeOf` gives a code block's whole received text: while an answer is still being revealed, the
 * block on screen may show only part of it.
 */
export function handleContentClicks(
  root: HTMLElement,
  post: (m: WebviewMessage) => void,
  codeOf: (block: Element) => string | undefined = () => undefined,
  /** A code block was copied (the page says so to a screen reader). */
  copied: () => void = () => undefined,
): void {
  const openLink = (e: Event): boolean => {
    const link = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-href]') : null;
    if (!link || !root.contains(link)) return false;
    e.preventDefault();
    const href = link.dataset.href;
    if (href) post({ type: 'openLink', href });
    return true;
  };
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.repeat) openLink(e);
  });
  root.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    if (openLink(e)) return;
    const button = target.closest<HTMLButtonElement>('.code-block button[data-action]');
    if (!button) return;
    const block = button.closest('.code-block');
    const code = (block ? codeOf(block) : undefined) ?? block?.querySelector('code')?.textContent ?? '';
    const language = block?.getAttribute('data-lang') ?? '';
    switch (button.dataset.action) {
      case 'copy':
        post({ type: 'copyCode', code });
        flash(button);
        copied();
        break;
      case 'insert':
        post({ type: 'insertCode', code });
        break;
      case 'newFile':
        post({ type: 'newFile', code, language: /^[A-Za-z0-9_+#.-]{0,40}$/.test(language) ? language : '' });
        break;
    }
  });
}

/** Shows a check mark on the copy button for a moment, so the copy is seen to have happened. */
function flash(button: HTMLButtonElement): void {
  const glyph = button.querySelector('.codicon');
  if (!glyph) return;
  glyph.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => glyph.classList.replace('codicon-check', 'codicon-copy'), 1200);
}
