// A workspace folder's own `rill.completion.exclude` (its .vscode/settings.json in a multi-root
// workspace): its globs are relative to that folder, as VS Code's own folder settings are, so each
// becomes a glob on the absolute path under the folder. The deny-list matches it against a file's
// absolute path; a glob the folder lists never reaches another folder's files.
import { escape } from 'minimatch';

/** `folderPath`: the folder's absolute path (`/` or `\` separators). */
export function folderGlobs(folderPath: string, globs: readonly string[]): string[] {
  const root = escape(folderPath.replace(/\\/g, '/').replace(/\/+$/, ''));
  return globs
    .map((glob) => glob.trim().replace(/\\/g, '/'))
    .filter((glob) => glob !== '')
    .map((glob) => {
      if (isAbsolute(glob)) return glob;
      const relative = glob.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
      // A glob without a slash names files anywhere in the folder (as the deny-list's name match does).
      return relative.includes('/') ? `${root}/${relative}` : `${root}/**/${relative}`;
    });
}

function isAbsolute(glob: string): boolean {
  return glob.startsWith('/') || /^[a-zA-Z]:\//.test(glob);
}
