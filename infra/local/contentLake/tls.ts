import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface LocalCertificate {
  /** PEM certificate, to trust once (browser, system) or hand to a client as its CA. */
  readonly certificateFile: string;
  readonly certificate: string;
  readonly privateKey: string;
  /**
   * Base64 SHA-256 of the certificate's public key: what Chromium's
   * `--ignore-certificate-errors-spki-list` takes to trust this certificate alone.
   */
  readonly spkiFingerprint: string;
}

/** File names in the certificate directory. */
export const certificateFileName = 'content-lake-localhost.pem';
const privateKeyFileName = 'content-lake-localhost-key.pem';

/** Names the certificate covers: the API host and the project host (`<projectId>.localhost`). */
export const certificateHostNames = (projectId: string) => [
  'localhost',
  '*.localhost',
  `${projectId}.localhost`,
];

/**
 * The certificate of the Studio's HTTPS endpoint: made at first start (self-signed, for
 * localhost, *.localhost and 127.0.0.1), kept in `directory` and reused afterwards, so that
 * trusting it once lasts. Made again only when it is missing, expires within 30 days, or lacks
 * a name (another project id).
 */
export async function localCertificate(directory: string, projectId: string): Promise<LocalCertificate> {
  const certificateFile = join(directory, certificateFileName);
  const privateKeyFile = join(directory, privateKeyFileName);
  const hostNames = certificateHostNames(projectId);
  if (existsSync(certificateFile) && existsSync(privateKeyFile)) {
    const certificate = readFileSync(certificateFile, 'utf8');
    const privateKey = readFileSync(privateKeyFile, 'utf8');
    if (isStillGood(certificate, privateKey, hostNames))
      return described(certificateFile, certificate, privateKey);
  }
  const notBeforeDate = new Date(Date.now() - 24 * 3600 * 1000);
  // 825 days: the longest validity macOS accepts for a trusted server certificate.
  const notAfterDate = new Date(notBeforeDate.getTime() + 825 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Essaim local Content Lake' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...hostNames.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(directory, { recursive: true });
  // Key first, then certificate, each by rename: a reader never pairs a new key with an old
  // certificate for long, and never reads half a file.
  await writeAtomically(privateKeyFile, pems.private, 0o600);
  await writeAtomically(certificateFile, pems.cert, 0o644);
  return described(certificateFile, pems.cert, pems.private);
}

function isStillGood(pem: string, privateKey: string, hostNames: readonly string[]): boolean {
  try {
    const certificate = new X509Certificate(pem);
    // Two first starts at once could leave one's key beside the other's certificate.
    if (!certificate.checkPrivateKey(createPrivateKey(privateKey))) return false;
    const names = certificate.subjectAltName ?? '';
    const expiresSoon = new Date(certificate.validTo).getTime() < Date.now() + 30 * 24 * 3600 * 1000;
    return !expiresSoon && hostNames.every((name) => names.includes(`DNS:${name}`));
  } catch {
    return false;
  }
}

function described(certificateFile: string, certificate: string, privateKey: string): LocalCertificate {
  const publicKey = new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' });
  return {
    certificateFile,
    certificate,
    privateKey,
    spkiFingerprint: createHash('sha256').update(publicKey).digest('base64'),
  };
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode });
  await rename(temporary, file);
}
