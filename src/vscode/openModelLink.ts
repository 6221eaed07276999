// Opens a link the user clicked in a chat answer, once, through VS Code's openExternal, after
// Rill's checks (linkPolicy.ts). The page never opens a link itself (its links are not anchors), so
// this is the only way one opens. VS Code asks before opening an address outside the trusted
// domains; an address on this machine, which it opens without asking, gets Rill's prompt first.
import * as vscode from 'vscode';
import { checkModelLink } from '../chat/linkPolicy';
import type { RillLog } from './log';

export const OPEN_LINK_BUTTON = 'Open Link';

export type LinkOutcome = 'opened' | 'declined' | 'refused';

export async function openModelLink(href: string, log: RillLog): Promise<LinkOutcome> {
  const decision = checkModelLink(href);
  if ('refused' in decision) {
    log.warn(`Chat view: refused to open a link from an answer: ${decision.refused}`);
    void vscode.window.showWarningMessage(`Rill did not open the link: ${decision.refused}`);
    return 'refused';
  }
  const { url, local } = decision;
  if (local) {
    const answer = await vscode.window.showWarningMessage(
      `Open this link from the answer? It goes to a server on this machine (${url.host}).`,
      { modal: true, detail: `${url.href}\n\nA model can write any link into an answer: open it only if you expected it.` },
      OPEN_LINK_BUTTON,
    );
    if (answer !== OPEN_LINK_BUTTON) return 'declined';
  }
  // VS Code's link protection asks here for an address outside the user's trusted domains.
  return (await vscode.env.openExternal(vscode.Uri.parse(url.href, true))) ? 'opened' : 'declined';
}
