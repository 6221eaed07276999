// Files that never get a completion and are never read for context: secrets, keys, certificates,
// credentials, plus the user's `rill.completion.exclude` globs.
import { minimatch } from 'minimatch';

/** Matched against the file name and the whole path, case-insensitively. */
export const SECRET_FILE_GLOBS: readonly string[] = [
  '.env',
  '.env.*',
  '*.env',
  '.envrc',
  '*.pem',
  '*.key',
  '*.p12',
  '*.pfx',
  '*.jks',
  '*.keystore',
  '*.crt',
  '*.cer',
  '*.der',
  '*.csr',
  '*.gpg',
  '*.asc',
  'id_rsa*',
  'id_dsa*',
  'id_ecdsa*',
  'id_ed25519*',
  '*.ppk',
  'credentials',
  'credentials.*',
  '*credentials*.json',
  '.netrc',
  '_netrc',
  '.npmrc',
  '.pypirc',
  '.git-credentials',
  '.htpasswd',
  'secrets.*',
  '*.secrets.*',
  '**/.aws/**',
  '**/.ssh/**',
  '**/.gnupg/**',
  '**/.docker/config.json',
  '**/.kube/config',
];

const OPTIONS = { dot: true, nocase: true, matchBase: true } as const;

/** Paths whose verdict is remembered (a bound, so that a long session cannot grow it). */
const MAX_VERDICTS = 1000;

export class DenyList {
  private readonly globs: readonly string[];
  private readonly verdicts = new Map<string, boolean>();

  constructor(userGlobs: readonly string[] = []) {
    this.globs = [...SECRET_FILE_GLOBS, ...userGlobs.filter((g) => typeof g === 'string' && g.trim() !== '')];
  }

  /**
   * `path`: workspace-relative or absolute, with `/` or `\` separators; `fsPath`: the file's
   * absolute path too, when there is one. Verdicts are remembered per path (a keystroke costs a
   * lookup, not a glob match), for as long as this list (built again when the settings change).
   */
  isDenied(path: string, fsPath?: string): boolean {
    return this.verdict(path) || (fsPath !== undefined && fsPath !== path && this.verdict(fsPath));
  }

  private verdict(path: string): boolean {
    let denied = this.verdicts.get(path);
    if (denied === undefined) {
      const normalized = path.replace(/\\/g, '/');
      const name = normalized.slice(normalized.lastIndexOf('/') + 1);
      denied = this.globs.some((glob) => minimatch(name, glob, OPTIONS) || minimatch(normalized, glob, OPTIONS));
      if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear();
      this.verdicts.set(path, denied);
    }
    return denied;
  }
}
