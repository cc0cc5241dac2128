/**
 * Test harness: real ovsdb-server daemons (standalone or a 3-member RAFT cluster) in a
 * private temp dir, stopped by PID. For tests only; not exported from the package entry.
 */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const NB_SCHEMA = '/usr/share/ovn/ovn-nb.ovsschema';
/** Debian's Open vSwitch schema, for a hypervisor's OVS DB started by a test. */
export const VSWITCH_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

/** One running ovsdb-server. */
export interface OvsdbServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly unixPath: string;
  readonly tcpPort: number;
  /** `unix:…` remote. */
  readonly unixRemote: string;
  /** `tcp:127.0.0.1:…` remote (`ssl:` when the server was started with certificates). */
  readonly tcpRemote: string;
}

/** A standalone server and its temp dir. */
export interface StandaloneServer extends OvsdbServerProcess {
  readonly dir: string;
  /** Set when started with `ssl: true`; then `tcpRemote` is an `ssl:` remote. */
  readonly certificates: TestCertificates | undefined;
  /** Runs `ovn-nbctl` against this server, returning its stdout. */
  nbctl(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** A RAFT cluster of ovsdb-servers on loopback. */
export interface OvsdbCluster {
  readonly dir: string;
  readonly members: OvsdbServerProcess[];
  /** Comma-separated tcp remotes of all members. */
  readonly remote: string;
  /** Kills one member (SIGKILL) and waits until it is gone. */
  kill(member: OvsdbServerProcess): Promise<void>;
  nbctl(member: OvsdbServerProcess, ...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A UDP port that was free a moment ago on 127.0.0.1 (an sFlow collector's, say). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * An OVS interface on `bridge` as ovs-vswitchd and the CMS leave it in the OVS DB: its
 * ifindex and ofport set (when given) and `iface-id` naming the logical port.
 */
export async function plugTap(
  vsctl: (...args: string[]) => Promise<unknown>,
  tap: { name: string; ifaceId: string; ifindex?: number; ofport?: number; bridge?: string },
): Promise<void> {
  const { name, ifaceId, ifindex, ofport, bridge = 'br-int' } = tap;
  await vsctl(
    'add-port',
    bridge,
    name,
    '--',
    'set',
    'Interface',
    name,
    ...(ifindex === undefined ? [] : [`ifindex=${ifindex}`]),
    ...(ofport === undefined ? [] : [`ofport=${ofport}`]),
    `external_ids:iface-id=${ifaceId}`,
  );
}

function environment(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    OVS_RUNDIR: dir,
    OVS_LOGDIR: dir,
    OVS_DBDIR: dir,
    OVS_SYSCONFDIR: dir,
    OVN_RUNDIR: dir,
    OVN_LOGDIR: dir,
    OVN_DBDIR: dir,
    OVN_SYSCONFDIR: dir,
  };
}

/** PEM files of a throwaway CA, a server and a client certificate (see {@link makeCertificates}). */
export interface TestCertificates {
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
}

/** Makes a CA and two leaf certificates with openssl in `dir`; returns their paths. */
export async function makeCertificates(dir: string): Promise<TestCertificates> {
  const path = (file: string) => join(dir, file);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=netcanvas-test-ca',
    '-keyout',
    path('ca-key.pem'),
    '-out',
    path('ca-cert.pem'),
  ]);
  for (const who of ['server', 'client']) {
    await run('openssl', [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${who}`,
      '-keyout',
      path(`${who}-key.pem`),
      '-out',
      path(`${who}-req.pem`),
    ]);
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      path(`${who}-req.pem`),
      '-CA',
      path('ca-cert.pem'),
      '-CAkey',
      path('ca-key.pem'),
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      path(`${who}-cert.pem`),
    ]);
  }
  return {
    caCert: path('ca-cert.pem'),
    serverKey: path('server-key.pem'),
    serverCert: path('server-cert.pem'),
    clientKey: path('client-key.pem'),
    clientCert: path('client-cert.pem'),
  };
}

async function startDaemon(
  dir: string,
  name: string,
  dbPath: string,
  certificates?: TestCertificates,
): Promise<OvsdbServerProcess> {
  const unixPath = join(dir, `${name}.sock`);
  const pidfile = join(dir, `${name}.pid`);
  for (let attempt = 0; ; attempt++) {
    const tcpPort = await freePort();
    try {
      await run(
        'ovsdb-server',
        [
          dbPath,
          '--detach',
          '--no-chdir',
          `--pidfile=${pidfile}`,
          `--log-file=${join(dir, `${name}.log`)}`,
          `--unixctl=${join(dir, `${name}.ctl`)}`,
          '-vconsole:off',
          `--remote=punix:${unixPath}`,
          ...(certificates
            ? [
                `--remote=pssl:${tcpPort}:127.0.0.1`,
                `--private-key=${certificates.serverKey}`,
                `--certificate=${certificates.serverCert}`,
                `--ca-cert=${certificates.caCert}`,
              ]
            : [`--remote=ptcp:${tcpPort}:127.0.0.1`]),
        ],
        { env: environment(dir) },
      );
    } catch (error) {
      if (attempt < 2) continue; // the port was taken between probe and bind
      throw error;
    }
    const pid = Number((await readFile(pidfile, 'utf8')).trim());
    return {
      name,
      pid,
      unixPath,
      tcpPort,
      unixRemote: `unix:${unixPath}`,
      tcpRemote: `${certificates ? 'ssl' : 'tcp'}:127.0.0.1:${tcpPort}`,
    };
  }
}

/** True once the process is gone or a zombie (a killed daemon lingers as one for a while). */
async function isGone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Stops a daemon this harness started, by PID, and waits until it is gone. */
export async function stopDaemon(pid: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let waited = 0; waited < 5_000; waited += 25) {
    if (await isGone(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function nbctl(dir: string, remote: string, args: string[]): Promise<string> {
  const { stdout } = await run('ovn-nbctl', [`--db=${remote}`, '--timeout=10', ...args], {
    env: environment(dir),
  });
  return stdout;
}

/** Starts a standalone ovsdb-server with a fresh database of `schema` (default: OVN NB). */
export async function startOvsdbServer(
  options: { schema?: string; ssl?: boolean } = {},
): Promise<StandaloneServer> {
  const dir = await mkdtemp(join(tmpdir(), 'netcanvas-ovsdb-'));
  try {
    const dbPath = join(dir, 'db.db');
    await run('ovsdb-tool', ['create', dbPath, options.schema ?? NB_SCHEMA]);
    const certificates = options.ssl ? await makeCertificates(dir) : undefined;
    const server = await startDaemon(dir, 'standalone', dbPath, certificates);
    return {
      ...server,
      dir,
      certificates,
      nbctl: (...args) => nbctl(dir, server.unixRemote, args),
      stop: async () => {
        await stopDaemon(server.pid);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Starts a RAFT cluster of `size` members (default 3) for `schema`'s database. */
export async function startOvsdbCluster(schema = NB_SCHEMA, size = 3): Promise<OvsdbCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'netcanvas-ovsdb-cluster-'));
  const members: OvsdbServerProcess[] = [];
  const stop = async () => {
    await Promise.all(members.map((member) => stopDaemon(member.pid)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const schemaJson = JSON.parse(await readFile(schema, 'utf8')) as { name: string };
    const raftPorts = await Promise.all(Array.from({ length: size }, () => freePort()));
    const raft = raftPorts.map((port) => `tcp:127.0.0.1:${port}`);
    for (const [index, address] of raft.entries()) {
      const dbPath = join(dir, `s${index + 1}.db`);
      if (index === 0) await run('ovsdb-tool', ['create-cluster', dbPath, schema, address]);
      else
        await run('ovsdb-tool', [
          'join-cluster',
          dbPath,
          schemaJson.name,
          address,
          ...raft.slice(0, index),
        ]);
      members.push(await startDaemon(dir, `s${index + 1}`, dbPath));
    }
    return {
      dir,
      members,
      remote: members.map((member) => member.tcpRemote).join(','),
      kill: (member) => stopDaemon(member.pid, 'SIGKILL'),
      nbctl: (member, ...args) => nbctl(dir, member.unixRemote, ['--no-leader-only', ...args]),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
