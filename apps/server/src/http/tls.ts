import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureContext } from 'node:tls';

/** The PEM files the console is served with over HTTPS (`--tls-cert`, `--tls-key`). */
export interface TlsFiles {
  /** the server certificate, optionally followed by its chain */
  readonly cert: string;
  readonly key: string;
}

/** What is wrong with the TLS files; the server does not start. */
export type TlsFilesErrorCode = 'tls-unreadable' | 'tls-not-pem' | 'tls-key-mismatch';

/** A certificate or key the server cannot serve HTTPS with; its message names the file. */
export class TlsFilesError extends Error {
  readonly code: TlsFilesErrorCode;

  constructor(code: TlsFilesErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TlsFilesError';
    this.code = code;
  }
}

/** HSTS once the console is on HTTPS: a year, this host only (it is often an address). */
export const HSTS = 'max-age=31536000';

const reason = (err: unknown) =>
  (err as NodeJS.ErrnoException).code === 'ENOENT'
    ? 'no such file'
    : (err as NodeJS.ErrnoException).code === 'EACCES'
      ? 'permission denied'
      : (err as Error).message;

function readPem(what: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new TlsFilesError(
      'tls-unreadable',
      `cannot read the TLS ${what} ${file}: ${reason(err)}`,
      {
        cause: err,
      },
    );
  }
}

/** Reads and checks the certificate and key: both PEM, and the key the certificate's own. */
export function readTlsFiles(files: TlsFiles): { cert: Buffer; key: Buffer } {
  const cert = readPem('certificate', files.cert);
  const key = readPem('key', files.key);
  try {
    new X509Certificate(cert);
  } catch (err) {
    throw new TlsFilesError('tls-not-pem', `${files.cert} is not a PEM certificate`, {
      cause: err,
    });
  }
  try {
    createPrivateKey(key);
  } catch (err) {
    throw new TlsFilesError('tls-not-pem', `${files.key} is not an unencrypted PEM private key`, {
      cause: err,
    });
  }
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new TlsFilesError(
      'tls-key-mismatch',
      `the key ${files.key} does not belong to the certificate ${files.cert}`,
      { cause: err },
    );
  }
  return { cert, key };
}

/** An HTTPS server (every answer carries HSTS) with `tls` (see {@link readTlsFiles}), else plain http. */
export function createWebServer(
  handler: RequestListener,
  tls?: { cert: Buffer; key: Buffer },
): Server {
  if (!tls) return createHttpServer(handler);
  return createHttpsServer(tls, (req, res) => {
    res.setHeader('strict-transport-security', HSTS);
    handler(req, res);
  });
}
