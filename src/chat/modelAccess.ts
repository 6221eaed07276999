// Who may use Rill's models through VS Code's language model API. Any installed extension can call
// `vscode.lm.selectChatModels({ vendor: 'rill' })` and `sendRequest`, and Rill would send that to
// the user's server with the user's key; VS Code asks nobody for third-party models. So Rill asks:
// VS Code itself, Rill and VS Code's built-in chat extension (which sends the user's own chat-view
// questions) go through; every other extension is asked about once, and the answer is kept. Pure:
// the VS Code side (modelAccessGate.ts) shows the question and keeps the decisions.
// VS Code names the caller by the folder its code was loaded from: an extension that loads the API
// through another's folder passes for that one. So this asks extensions that ask openly; it is no
// wall between extensions, which share one process.

/** What VS Code passes as `requestInitiator` for requests of its own (not an extension's). */
export const CORE_INITIATOR = 'core';

/**
 * VS Code's built-in chat extension (1.139: "GitHub Copilot", built in): it sends what the user
 * asks in the chat view with the model picked there, so its requests are the user's own.
 */
export const BUILT_IN_CHAT_EXTENSION = 'github.copilot-chat';

export type AccessDecision = 'allowed' | 'denied';

/** A decision the user made about one extension, with the name it had when they made it. */
export interface AccessRecord {
  readonly decision: AccessDecision;
  readonly displayName: string | undefined;
}

/** Who asks: a named extension, or a caller VS Code does not name (an older VS Code). */
export type Caller = { readonly kind: 'extension'; readonly id: string } | { readonly kind: 'unnamed' };

export type AccessVerdict =
  /** Goes to the server without a question. */
  | { readonly kind: 'through'; readonly reason: 'core' | 'rill' | 'built-in chat' | 'allowed by the user' }
  /** The user said no to this extension before: fails at once, sends nothing. */
  | { readonly kind: 'refused'; readonly caller: Caller }
  /** Nobody decided yet: ask the user. `remember` is false for a caller Rill cannot tell apart from others. */
  | { readonly kind: 'ask'; readonly caller: Caller; readonly remember: boolean };

export interface AccessQuery {
  /** `requestInitiator` as VS Code passed it: "core", an extension id (any case), or undefined. */
  readonly initiator: string | undefined;
  /** Rill's own extension id. */
  readonly rillId: string;
  /** The user's decisions so far, by extension id in lower case. */
  readonly decided: (extensionId: string) => AccessRecord | undefined;
}

/** The rule, one guard per line. */
export function accessFor(query: AccessQuery): AccessVerdict {
  const initiator = query.initiator?.trim().toLowerCase();
  // A VS Code that does not say who asks: an unknown extension, asked every time (nothing to remember it by).
  if (!initiator) return { kind: 'ask', caller: { kind: 'unnamed' }, remember: false };
  if (initiator === CORE_INITIATOR) return { kind: 'through', reason: 'core' };
  if (initiator === query.rillId.toLowerCase()) return { kind: 'through', reason: 'rill' };
  if (initiator === BUILT_IN_CHAT_EXTENSION) return { kind: 'through', reason: 'built-in chat' };
  const caller: Caller = { kind: 'extension', id: initiator };
  const decided = query.decided(initiator)?.decision;
  if (decided === 'allowed') return { kind: 'through', reason: 'allowed by the user' };
  if (decided === 'denied') return { kind: 'refused', caller };
  return { kind: 'ask', caller, remember: true };
}

const MAX_NAME_CHARS = 60;

/**
 * An extension's display name as it may appear in Rill's question: one line, no control or
 * invisible characters, not too long. It is the extension's own text; the id beside it is not.
 */
export function cleanDisplayName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  // Control, format (bidi overrides, zero-width) and separator characters would let a name disguise itself.
  const flat = raw.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (!flat) return undefined;
  return flat.length > MAX_NAME_CHARS ? `${flat.slice(0, MAX_NAME_CHARS - 1)}…` : flat;
}

/** "Name (publisher.id)", or the id alone when the extension has no name of its own. */
export function callerLabel(caller: Caller, displayName: string | undefined): string {
  if (caller.kind === 'unnamed') return 'An extension VS Code does not name';
  return displayName && displayName.toLowerCase() !== caller.id ? `${displayName} (${caller.id})` : caller.id;
}

export interface AccessQuestion {
  readonly caller: Caller;
  readonly displayName: string | undefined;
  /** The model's name as VS Code shows it. */
  readonly model: string;
  /** Where Rill would send the request: a host (and port). */
  readonly server: string;
  /** Whether a key goes with it (a local server may need none). */
  readonly withKey: boolean;
}

export const ALLOW = 'Allow';
export const DENY = 'Deny';
export const MANAGE_TITLE = "Rill: Manage Extensions Allowed to Use Rill's Models…";

/** The modal question: who, which model, where it goes and with what. */
export function questionText(q: AccessQuestion): string {
  return `${callerLabel(q.caller, q.displayName)} wants to use your model ${q.model} through Rill. Rill will send its requests to ${q.server}${q.withKey ? ' with your key' : ''}.`;
}

/** The dialog's detail line: what happens to the answer. */
export function questionDetail(remember: boolean): string {
  return remember
    ? `Rill remembers your answer for this extension. Change it with ${MANAGE_TITLE}`
    : 'This VS Code does not say which extension asks, so Rill cannot remember your answer and asks each time.';
}

/** Why a request failed, for the extension that sent it (and the user, if it shows it). */
export function refusalMessage(caller: Caller, displayName: string | undefined, how: 'denied' | 'dismissed'): string {
  const who = callerLabel(caller, displayName);
  if (how === 'dismissed') return `Rill sent nothing: ${who} asked to use Rill's models and the question was closed without an answer; it will be asked again.`;
  return `Rill sent nothing: the user has not allowed ${who} to use Rill's models (${MANAGE_TITLE}).`;
}
