// Which of a set of setting keys a settings file sets: a workspace's `.vscode/settings.json`
// (keys at the top) or a `.code-workspace` file (keys under `settings`). Parsed as JSON with
// comments, as VS Code reads them, so a commented-out line or a key inside a string sets nothing.
import { parse } from 'jsonc-parser';

export function keysSetIn(text: string, keys: readonly string[], workspaceFile: boolean): string[] {
  const root: unknown = parse(text, [], { allowTrailingComma: true, disallowComments: false });
  const settings = workspaceFile && isObject(root) ? root.settings : root;
  if (!isObject(settings)) return [];
  return keys.filter((key) => Object.prototype.hasOwnProperty.call(settings, key));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
