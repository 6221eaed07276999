// The button each remedy of a failure gets (remedyOf): Generate's notification and @rill's answer
// offer it as the chat panel does (media/chat/turnView.ts).
import type { ErrorRemedy } from '../llm/errors';

export const REMEDY_BUTTONS: Readonly<Record<ErrorRemedy, { readonly title: string; readonly command: string }>> = {
  setApiKey: { title: 'Set API Key…', command: 'rill.setApiKey' },
  chooseProvider: { title: 'Choose Provider…', command: 'rill.chooseProvider' },
};
