import { spawn } from 'node:child_process';
import type { StartedProcess } from './daemons.ts';
import { LabError } from './errors.ts';
import { run } from './exec.ts';
import type { siteNames } from './site.ts';

// argv: listen address, collector host, collector port, marker (the lab dir, for PID checks)
const RELAY = `
const dgram = require('node:dgram');
const [host, toHost, toPort] = process.argv.slice(1);
const out = dgram.createSocket('udp4');
out.on('error', () => {});
const s = dgram.createSocket('udp4');
s.on('message', (m) => out.send(m, Number(toPort), toHost, () => {}));
s.bind(0, host, () => { process.stdout.write(s.address().port + '\\n'); });
`;

/**
 * Starts the sFlow relay in the host namespace: OVS sends from inside the lab namespace,
 * where the host's 127.0.0.1 is unreachable, to the host end of the lab's link-local veth;
 * the relay re-sends each datagram, unchanged, to the collector on the host's loopback.
 */
async function startSflowRelay(
  listenIp: string,
  collector: { readonly host: string; readonly port: number },
  marker: string,
): Promise<{ process: StartedProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['-e', RELAY, listenIp, collector.host, String(collector.port), marker],
    { detached: true, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('no port after 5 s')), 5_000);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(Number(text.trim()));
      }
    });
  }).catch((cause: unknown) => {
    if (child.pid) child.kill('SIGKILL');
    throw new LabError(
      'command-failed',
      `the sFlow relay did not start: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  });
  child.removeAllListeners('exit');
  child.stdout?.destroy();
  child.unref();
  return { process: { name: 'sflow-relay', pid: child.pid ?? 0, marker }, port };
}

/** What {@link startSflowExport} needs from its site. */
export interface SflowExportContext {
  readonly names: ReturnType<typeof siteNames>;
  readonly collector: { readonly host: string; readonly port: number };
  readonly marker: string;
  vsctl(...args: string[]): Promise<string>;
  /** called before each device is used, so a failed start still removes it */
  created(device: { name: string; netns: string | null }): Promise<void>;
  started(process: StartedProcess): Promise<void>;
}

/**
 * sFlow from br-int to the collector: a veth pair between the host and the lab namespace
 * on a link-local /30 (the only device the lab adds to the host), the relay on its host
 * end, and the bridge's sFlow row targeting the relay (sampling 1/64, polling 5 s).
 */
export async function startSflowExport(ctx: SflowExportContext): Promise<void> {
  const n = ctx.names;
  await run('ip', [
    'link',
    'add',
    n.sflowHostDevice,
    'type',
    'veth',
    'peer',
    'name',
    n.sflowNsDevice,
    'netns',
    n.netns,
  ]);
  await ctx.created({ name: n.sflowHostDevice, netns: null });
  await run('ip', ['addr', 'add', `${n.sflowHostIp}/30`, 'dev', n.sflowHostDevice]);
  await run('ip', ['link', 'set', n.sflowHostDevice, 'up']);
  await run('ip', ['-n', n.netns, 'addr', 'add', `${n.sflowNsIp}/30`, 'dev', n.sflowNsDevice]);
  await run('ip', ['-n', n.netns, 'link', 'set', n.sflowNsDevice, 'up']);
  const relay = await startSflowRelay(n.sflowHostIp, ctx.collector, ctx.marker);
  await ctx.started(relay.process);
  await ctx.vsctl(
    '--',
    '--id=@s',
    'create',
    'sFlow',
    `agent=${n.sflowNsDevice}`,
    `target="${n.sflowHostIp}:${relay.port}"`,
    'sampling=64',
    'polling=5',
    'header=128',
    '--',
    'set',
    'Bridge',
    n.bridge,
    'sflow=@s',
  );
}
