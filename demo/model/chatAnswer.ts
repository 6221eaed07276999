// The demo model's chat answer. It cannot understand a question, and says so; what it can do
// honestly is quote the workspace passage that shares the most words with the message.
import type { WorkspaceModel } from './workspaceModel';
import { DEMO_MODEL_ID } from './workspaceModel';

const FENCES: Readonly<Record<string, string>> = {
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  py: 'python',
  json: 'json',
  md: 'markdown',
  sh: 'sh',
  css: 'css',
  html: 'html',
};

export function answerChat(model: WorkspaceModel, message: string): string {
  const intro =
    `I'm **${DEMO_MODEL_ID}**, the stand-in model of Rill's demo, not a language model: I predict code with a ` +
    `token ${model.counts.order}-gram model counted over the ${model.counted.length} source files of this workspace ` +
    `(${model.counts.size.toLocaleString('en-US')} tokens), so I can't understand or answer your message.`;
  const outro =
    'For real answers, restart `npm run demo` with `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or `RILL_BASE_URL` set ' +
    '(see demo/README.md).';
  const match = model.passages.best(message);
  if (!match) return `${intro}\n\nNo passage of the workspace shares a word with your message.\n\n${outro}\n`;
  const { passage, sharedTerms } = match;
  const extension = passage.path.slice(passage.path.lastIndexOf('.') + 1);
  const fence = passage.text.includes('```') ? '~~~' : '```';
  const lines = passage.startLine === passage.endLine ? `line ${passage.startLine}` : `lines ${passage.startLine}-${passage.endLine}`;
  return [
    intro,
    '',
    `The passage that shares the most words with your message (${sharedTerms.slice(0, 5).map((t) => `*${t}*`).join(', ')}) ` +
      `is \`${passage.path}\`, ${lines}:`,
    '',
    `${fence}${FENCES[extension] ?? ''}`,
    passage.text,
    fence,
    '',
    outro,
    '',
  ].join('\n');
}
