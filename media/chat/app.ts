// The chat page: builds the transcript and composer, applies what the host sends, and reports
// back what the user does. Holds no conversation state of its own beyond what is drawn: on load it
// says `ready` and draws the snapshot it gets, which is how a hidden or reloaded view catches up.
import type { HostMessage } from '../../src/protocol/chat';
import { type AnswerRendererFactory, createAnswerRenderer } from './answerRenderer';
import { Composer } from './composer';
import { handleContentClicks } from './contentActions';
import { el } from './dom';
import { FrameScheduler } from './frameScheduler';
import { copiedNews, statusNews } from './statusNews';
import { Transcript } from './transcript';
import type { HostChannel } from './vscodeApi';

/** `createRenderer` is the incremental renderer; only the bench's own page passes another. */
export function startChatApp(root: HTMLElement, host: HostChannel, createRenderer: AnswerRendererFactory = createAnswerRenderer): void {
  const scheduler = new FrameScheduler();
  /** rill.chat.smoothReveal, as the latest snapshot says. */
  let paced = true;
  /**
   * The system asks for less motion, or VS Code does (workbench.reduceMotion, which it marks on the
   * page's body): text shows as it arrives, nothing spins (chat.css).
   */
  const systemReducesMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
  const reduceMotion = (): boolean => systemReducesMotion.matches || document.body.classList.contains('vscode-reduce-motion');
  let composer: Composer | undefined;
  const announcer = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const transcript = new Transcript({
    createRenderer,
    scheduler,
    paced: () => paced && !reduceMotion(),
    actions: {
      regenerate: (turnId) => host.post({ type: 'regenerate', turnId }),
      continue: (turnId) => host.post({ type: 'continue', turnId }),
      setApiKey: () => host.post({ type: 'setApiKey' }),
      chooseProvider: () => host.post({ type: 'chooseProvider' }),
      edit: (turnId, question) => composer?.edit(turnId, question),
    },
  });
  composer = new Composer({ post: host.post, saveState: host.saveState }, host.loadState());
  root.replaceChildren(transcript.root, composer.root, announcer);
  let lastAnnounced = '';
  handleContentClicks(transcript.root, host.post, (block) => transcript.codeOf(block), () => {
    // A Copy is said, not only shown (the button's check mark); the next news is said after it.
    announcer.textContent = lastAnnounced = copiedNews(announcer.textContent ?? '');
  });

  /** Set after asking for a snapshot: appends are pointless until it arrives. */
  let awaitingSnapshot = true;
  const resync = (): void => {
    if (awaitingSnapshot) return;
    awaitingSnapshot = true;
    host.post({ type: 'ready' });
  };
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const message = event.data;
    switch (message?.type) {
      case 'snapshot': {
        awaitingSnapshot = false;
        paced = message.state.reveal !== 'immediate';
        transcript.apply(message.state);
        composer?.apply(message.state);
        const news = statusNews(message.state.turns[message.state.turns.length - 1]);
        if (news !== lastAnnounced) announcer.textContent = lastAnnounced = news;
        break;
      }
      case 'append':
        // A gap (the page missed messages while busy or being reloaded): ask for the whole state.
        if (awaitingSnapshot) break;
        if (!transcript.append(message.conversationId, message.turnId, message.offset, message.text)) resync();
        break;
      case 'focusInput':
        composer?.focus();
        break;
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && composer?.escape()) e.preventDefault();
  });
  keyboardToQuestionBox(() => composer?.focus());
  host.post({ type: 'ready' });
}

/**
 * VS Code focuses the page's window when the view gets the focus (Focus on Chat View, its activity
 * bar item, a keyboard shortcut) but no element in it: the question box takes the keyboard then,
 * so what the user types next is the question. A click also focuses the window, and keeps what it
 * clicked: a button, the start of a selection in an answer (the click's pointerdown comes first,
 * in the same task).
 */
function keyboardToQuestionBox(focusInput: () => void): void {
  let clicking = false;
  document.addEventListener(
    'pointerdown',
    () => {
      clicking = true;
      setTimeout(() => (clicking = false), 0);
    },
    true,
  );
  window.addEventListener('focus', () => {
    const active = document.activeElement;
    if (clicking || (active && active !== document.body)) return;
    // Text the user selected in an answer stays selected.
    if (document.getSelection()?.isCollapsed === false) return;
    focusInput();
  });
}
