import { readFile } from 'node:fs/promises';
import type { TlsOptions } from '@netcanvas/ovsdb';
import { OvnError } from './errors.ts';

/**
 * The PEM files an `ssl:` remote needs, by path on this host — the same three files
 * `ovn-nbctl -p -c -C` takes, so keys stay where the operator keeps them.
 */
export interface SslFiles {
  readonly privateKey: string;
  readonly certificate: string;
  readonly caCert: string;
}

/** Reads the files into the TLS options of an OVSDB connection. */
export async function tlsFromFiles(files: SslFiles): Promise<TlsOptions> {
  const read = async (what: string, file: string) => {
    try {
      return await readFile(file);
    } catch (cause) {
      throw new OvnError(
        'controller-unreachable',
        `cannot read the ${what} ${file}: ${(cause as Error).message}`,
        { cause },
      );
    }
  };
  return {
    key: await read('SSL private key', files.privateKey),
    cert: await read('SSL certificate', files.certificate),
    ca: await read('SSL CA certificate', files.caCert),
  };
}

/** The same files as command-line options of the OVN tools (ovn-trace, ovn-nbctl). */
export const sslArgs = (files: SslFiles | undefined): string[] =>
  files
    ? [
        `--private-key=${files.privateKey}`,
        `--certificate=${files.certificate}`,
        `--ca-cert=${files.caCert}`,
      ]
    : [];
