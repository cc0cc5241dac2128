import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { OvsdbError } from './errors.ts';

/** A parsed OVSDB active remote. */
export type Remote =
  | {
      readonly kind: 'tcp' | 'ssl';
      readonly host: string;
      readonly port: number;
      readonly text: string;
    }
  | { readonly kind: 'unix'; readonly path: string; readonly text: string };

/** Key, certificate and CA for `ssl:` remotes, as PEM strings or buffers. */
export interface TlsOptions {
  key?: string | Buffer;
  cert?: string | Buffer;
  ca?: string | Buffer | (string | Buffer)[];
  /** Name to check the server certificate against; defaults to the remote's host. */
  servername?: string;
  /** Defaults to true; OVS deployments often use self-signed CAs, so pass `ca` instead of turning this off. */
  rejectUnauthorized?: boolean;
}

/**
 * Parses `tcp:HOST:PORT`, `ssl:HOST:PORT` (IPv6 as `[::1]`) or `unix:PATH`.
 * A comma-separated list (a cluster) is parsed by {@link parseRemotes}.
 */
export function parseRemote(text: string): Remote {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const kind = trimmed.slice(0, colon);
  const rest = trimmed.slice(colon + 1);
  if (colon > 0 && kind === 'unix' && rest.length > 0) return { kind, path: rest, text: trimmed };
  if (colon > 0 && (kind === 'tcp' || kind === 'ssl')) {
    const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(rest);
    const port = Number(match?.[3]);
    const host = match?.[1] ?? match?.[2];
    if (host !== undefined && port > 0 && port < 65536) return { kind, host, port, text: trimmed };
  }
  throw new OvsdbError('INVALID_REMOTE', `cannot parse remote ${JSON.stringify(text)}`, {
    details: { expected: 'tcp:HOST:PORT, ssl:HOST:PORT or unix:PATH' },
  });
}

/** Parses a comma-separated remote list such as `tcp:10.0.0.1:6641,tcp:10.0.0.2:6641`. */
export function parseRemotes(text: string): Remote[] {
  const remotes = text
    .split(',')
    .filter((part) => part.trim().length > 0)
    .map(parseRemote);
  if (remotes.length === 0) throw new OvsdbError('INVALID_REMOTE', 'no remote given');
  return remotes;
}

/** Opens a socket to `remote`, resolving once connected (and, for ssl, once the handshake is done). */
export function openSocket(remote: Remote, tls: TlsOptions, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let socket: Socket;
    if (remote.kind === 'unix') socket = connectTcp({ path: remote.path });
    else if (remote.kind === 'tcp') socket = connectTcp({ host: remote.host, port: remote.port });
    else {
      socket = connectTls({
        host: remote.host,
        port: remote.port,
        servername: tls.servername ?? (isIp(remote.host) ? undefined : remote.host),
        ...(tls.key === undefined ? {} : { key: tls.key }),
        ...(tls.cert === undefined ? {} : { cert: tls.cert }),
        ...(tls.ca === undefined ? {} : { ca: tls.ca }),
        rejectUnauthorized: tls.rejectUnauthorized ?? true,
        // ovs-pki certificates name a role, not a host: unless a servername is asked for, trust the CA alone
        ...(tls.servername === undefined ? { checkServerIdentity: () => undefined } : {}),
      });
    }
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new OvsdbError('CONNECT_FAILED', `connecting to ${remote.text} timed out`));
    }, timeoutMs);
    const ready = remote.kind === 'ssl' ? 'secureConnect' : 'connect';
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (cause) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new OvsdbError('CONNECT_FAILED', `cannot connect to ${remote.text}: ${cause.message}`, {
          cause,
        }),
      );
    });
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
