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

export interface NamedFolder {
  /** The folder's name in the workspace (what the Explorer shows). */
  readonly name: string;
  /** Its absolute path. */
  readonly path: string;
}

/**
 * Globs of a multi-root workspace's own list (its .code-workspace settings) or the user's that start
 * with a folder's name, as a path in the workspace reads (`service/vault/**`). Rill matches a file
 * by its path in its own folder (`vault/key.py`), as VS Code's settings do, so such a glob matched
 * nothing and the folder's files were sent: each also becomes that path under the folder. Globs
 * that name no folder give nothing (they keep their own meaning).
 */
export function folderNamedGlobs(folders: readonly NamedFolder[], globs: readonly string[]): string[] {
  return globs.flatMap((glob) => {
    const relative = glob.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    const slash = relative.indexOf('/');
    const rest = relative.slice(slash + 1);
    if (slash <= 0 || rest === '') return [];
    const head = relative.slice(0, slash);
    return folders.filter((folder) => folder.name === head).map((folder) => `${escape(folder.path.replace(/\\/g, '/').replace(/\/+$/, ''))}/${rest}`);
  });
}
