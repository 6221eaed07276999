// Every message from the chat webview passes through here before the host acts on it. The page
// renders model output, so it must be treated like any untrusted sender: a hand-written guard per
// message kind checks every field's type and size and rejects extra fields; anything else is
// dropped without effect.
import type { WebviewMessage, WebviewMessageType } from '../protocol/chat';

/** Longest question or code block the host accepts from the page. */
export const MAX_TEXT_CHARS = 1_000_000;
const MAX_HREF_CHARS = 2048;
const MAX_MODEL_CHARS = 200;
const ID = /^[A-Za-z0-9_-]{1,100}$/;
const LANGUAGE = /^[A-Za-z0-9_+#.-]{0,40}$/;
// C0 controls other than tab/newline/CR, and DEL: never part of a model name.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Fields = Record<string, unknown>;
type Guard = (m: Fields) => boolean;

const guards: { readonly [K in WebviewMessageType]: Guard } = {
  ready: (m) => only(m, []),
  send: (m) => only(m, ['text']) && isText(m.text) && m.text.trim().length > 0,
  stop: (m) => only(m, []),
  regenerate: (m) => only(m, ['turnId']) && isId(m.turnId),
  continue: (m) => only(m, ['turnId']) && isId(m.turnId),
  editResend: (m) => only(m, ['turnId', 'text']) && isId(m.turnId) && isText(m.text) && m.text.trim().length > 0,
  newChat: (m) => only(m, []),
  showHistory: (m) => only(m, []),
  attach: (m) => only(m, ['what']) && (m.what === 'selection' || m.what === 'file'),
  removeAttachment: (m) => only(m, ['id']) && isId(m.id),
  selectModel: (m) =>
    only(m, ['model']) &&
    typeof m.model === 'string' &&
    m.model.trim().length > 0 &&
    m.model.length <= MAX_MODEL_CHARS &&
    !CONTROL.test(m.model),
  copyCode: (m) => only(m, ['code']) && isText(m.code),
  insertCode: (m) => only(m, ['code']) && isText(m.code),
  newFile: (m) => only(m, ['code', 'language']) && isText(m.code) && typeof m.language === 'string' && LANGUAGE.test(m.language),
  openLink: (m) => only(m, ['href']) && typeof m.href === 'string' && m.href.length <= MAX_HREF_CHARS,
  setApiKey: (m) => only(m, []),
  chooseProvider: (m) => only(m, []),
};

/** The message as a `WebviewMessage` if it is exactly one, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Fields;
  if (typeof m.type !== 'string' || !Object.hasOwn(guards, m.type)) return undefined;
  const guard = guards[m.type as WebviewMessageType];
  return guard(m) ? (m as unknown as WebviewMessage) : undefined;
}

/**
 * The URL the host may open for a link in model output: http and https only. `command:` links
 * would run VS Code commands chosen by whatever text the model was fed, and `file:`, `vscode:`
 * or `javascript:` links have no business in an answer.
 */
export function safeExternalUrl(href: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // Credentials in a link are a phishing trick ("https://trusted.com@evil.example").
  if (url.username || url.password) return undefined;
  return url;
}

function only(m: Fields, allowed: readonly string[]): boolean {
  return Object.keys(m).every((key) => key === 'type' || allowed.includes(key));
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT_CHARS;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}
