// Server certificates a client must refuse, one for each way a TLS setup goes wrong behind a company
// network, made for the run with openssl. Each comes with the CA a client could trust (the one a
// user would add to rill.network.caCertificates), so that only the named fault remains.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BadCertificate {
  readonly key: string;
  /** The PEM chain the server sends. */
  readonly cert: string;
  /** The CA to trust: with it, the certificate is refused for its fault only. */
  readonly ca: string;
}

export interface BadCertificates {
  /** A certificate that signs itself. */
  readonly selfSigned: BadCertificate;
  /** Signed by a CA that is not trusted, sent with that CA (as a TLS-inspecting proxy does); `ca` is unused. */
  readonly untrustedRootInChain: BadCertificate;
  /** Valid for 127.0.0.1 once, expired since 2020. */
  readonly expired: BadCertificate;
  /** For the host gw.example, served on 127.0.0.1. */
  readonly wrongHost: BadCertificate;
  /** Signed by an intermediate CA the server leaves out; the root is trusted. */
  readonly missingIntermediate: BadCertificate;
  dispose(): void;
}

const CA_CONFIG = `[ca]
default_ca = ca_default
[ca_default]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = copy
[any]
commonName = supplied
`;

export function makeBadCertificates(): BadCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'rill-badcert-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const write = (f: string, text: string) => writeFileSync(join(dir, f), text);
  const ip = 'subjectAltName=IP:127.0.0.1\n';
  const ca = (name: string) => run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=Rill Test ${name}`);
  const csr = (name: string) => run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', '/CN=127.0.0.1');
  const sign = (name: string, by: string, ext: string, extra: string[] = []) => {
    write(`${name}.ext`, ext);
    run('x509', '-req', '-in', `${name}.csr`, '-CA', `${by}.pem`, '-CAkey', `${by}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`, ...extra);
  };

  ca('root');
  ca('other');

  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', ip.trim());

  csr('inChain');
  sign('inChain', 'other', ip);

  csr('wrongHost');
  sign('wrongHost', 'root', 'subjectAltName=DNS:gw.example\n');

  csr('intermediate');
  sign('intermediate', 'root', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  csr('leaf');
  sign('leaf', 'intermediate', ip);

  // x509 -req cannot backdate: `openssl ca` can.
  csr('expired');
  write('ca.cnf', CA_CONFIG);
  write('index.txt', '');
  write('serial', '01\n');
  write('expired.ext', ip);
  run('ca', '-batch', '-config', 'ca.cnf', '-cert', 'root.pem', '-keyfile', 'root.key', '-in', 'expired.csr', '-out', 'expired.pem', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-extfile', 'expired.ext', '-notext');

  const root = read('root.pem');
  return {
    selfSigned: { key: read('self.key'), cert: read('self.pem'), ca: root },
    untrustedRootInChain: { key: read('inChain.key'), cert: read('inChain.pem') + read('other.pem'), ca: root },
    expired: { key: read('expired.key'), cert: read('expired.pem'), ca: root },
    wrongHost: { key: read('wrongHost.key'), cert: read('wrongHost.pem'), ca: root },
    missingIntermediate: { key: read('leaf.key'), cert: read('leaf.pem'), ca: root },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
