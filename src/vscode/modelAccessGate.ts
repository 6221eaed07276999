// The door in front of Rill's models (nativeProvider.ts): before a `vscode.lm` request goes to the
// user's server, the rule in chat/modelAccess.ts says whether it may. An extension nobody decided
// about yet gets one modal question (Deny, the default button, / Allow) the first time; the answer is kept in
// globalState (modelAccessDecisions.ts). Deny, or closing the question, fails the request with the
// API's NoPermissions error and Rill's message, and nothing is sent.
import * as vscode from 'vscode';
import {
  ALLOW,
  accessFor,
  type AccessDecision,
  type Caller,
  cleanDisplayName,
  DENY,
  questionDetail,
  questionText,
  refusalMessage,
} from '../chat/modelAccess';
import type { ModelAccessDecisions } from '../chat/modelAccessDecisions';
import type { RillLog } from './log';

/** Where a request would go, for the question. */
export interface AccessDestination {
  /** Host (and port) of the chat server. */
  readonly server: string;
  /** Whether Rill would send a key with it. */
  readonly withKey: boolean;
}

type Answer = AccessDecision | 'dismissed';

export class ModelAccessGate {
  /** One question per extension at a time: requests that arrive while it is open wait for the same answer. */
  private readonly asking = new Map<string, Promise<Answer>>();

  constructor(
    private readonly decisions: ModelAccessDecisions,
    private readonly rillId: string,
    private readonly destination: () => Promise<AccessDestination>,
    private readonly log: RillLog,
  ) {}

  /**
   * Resolves when the request may go to the server. Throws the API's NoPermissions error when the
   * user said no (or closed the question), and a CancellationError when the request is cancelled
   * while the question is open (the question stays; its answer still counts).
   */
  async admit(initiator: string | undefined, model: string, token: vscode.CancellationToken): Promise<void> {
    const verdict = accessFor({ initiator, rillId: this.rillId, decided: (id) => this.decisions.get(id) });
    if (verdict.kind === 'through') return;
    const displayName = displayNameOf(verdict.caller);
    if (verdict.kind === 'refused') {
      this.log.info(`VS Code chat: ${who(verdict.caller)} asked for ${model}; refused (the user denied it before).`);
      throw vscode.LanguageModelError.NoPermissions(refusalMessage(verdict.caller, displayName, 'denied'));
    }
    const answer = await whenAnswered(this.ask(verdict.caller, displayName, model, verdict.remember), token);
    if (answer === 'allowed') return;
    throw vscode.LanguageModelError.NoPermissions(refusalMessage(verdict.caller, displayName, answer === 'denied' ? 'denied' : 'dismissed'));
  }

  private ask(caller: Caller, displayName: string | undefined, model: string, remember: boolean): Promise<Answer> {
    // Callers VS Code does not name cannot be told apart: they share one open question.
    const key = caller.kind === 'extension' ? caller.id : '';
    const open = this.asking.get(key);
    if (open) return open;
    const question = (async (): Promise<Answer> => {
      const { server, withKey } = await this.destination();
      const text = questionText({ caller, displayName, model, server, withKey });
      // Deny first: the dialog's default button (Enter) must not give access; the question comes
      // when another extension asks, perhaps while the user is typing.
      const picked = await vscode.window.showWarningMessage(text, { modal: true, detail: questionDetail(remember) }, DENY, ALLOW);
      const answer: Answer = picked === ALLOW ? 'allowed' : picked === DENY ? 'denied' : 'dismissed';
      this.log.info(`VS Code chat: ${who(caller)} asked for ${model}; the user ${answer === 'allowed' ? 'allowed it' : answer === 'denied' ? 'denied it' : 'closed the question'}.`);
      if (remember && caller.kind === 'extension' && answer !== 'dismissed') await this.decisions.set(caller.id, answer, displayName);
      return answer;
    })();
    this.asking.set(key, question);
    const done = (): void => {
      if (this.asking.get(key) === question) this.asking.delete(key);
    };
    question.then(done, done);
    return question;
  }
}

/** The extension's display name from its manifest (undefined when it is not in this extension host). */
function displayNameOf(caller: Caller): string | undefined {
  if (caller.kind === 'unnamed') return undefined;
  const manifest = vscode.extensions.getExtension(caller.id)?.packageJSON as { displayName?: unknown } | undefined;
  return cleanDisplayName(manifest?.displayName);
}

function who(caller: Caller): string {
  return caller.kind === 'extension' ? caller.id : 'an extension VS Code does not name';
}

/** The answer, or a CancellationError as soon as the request is cancelled. */
function whenAnswered(answer: Promise<Answer>, token: vscode.CancellationToken): Promise<Answer> {
  if (token.isCancellationRequested) return Promise.reject(new vscode.CancellationError());
  return new Promise<Answer>((resolve, reject) => {
    const cancelled = token.onCancellationRequested(() => {
      cancelled.dispose();
      reject(new vscode.CancellationError());
    });
    answer.then(
      (value) => {
        cancelled.dispose();
        resolve(value);
      },
      (error: unknown) => {
        cancelled.dispose();
        reject(error);
      },
    );
  });
}
