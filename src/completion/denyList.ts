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

export class DenyList {
  private readonly globs: readonly string[];

  constructor(userGlobs: readonly string[] = []) {
    this.globs = [...SECRET_FILE_GLOBS, ...userGlobs.filter((g) => typeof g === 'string' && g.trim() !== '')];
  }

  /** `path`: workspace-relative or absolute, with `/` or `\` separators. */
  isDenied(path: string): boolean {
    const normalized = path.replace(/\\/g, '/');
    const name = normalized.slice(normalized.lastIndexOf('/') + 1);
    return this.globs.some((glob) => minimatch(name, glob, OPTIONS) || minimatch(normalized, glob, OPTIONS));
  }
}
