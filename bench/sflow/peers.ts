import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Wall-clock seconds of one command, its stdout discarded. */
export async function timeCommand(command: string, args: readonly string[]): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
  return (performance.now() - start) / 1000;
}

/** First line of a version banner, or "not installed". */
export async function versionOf(command: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args);
    return (
      `${stdout}\n${stderr}`.split('\n').find((l) => /\d+\.\d+/.test(l) && !/root/.test(l)) ?? '?'
    ).trim();
  } catch {
    return 'not installed';
  }
}

/** sfacctd's config: the same 5-tuple and per-input-port aggregation as the netcanvas receiver. */
export async function writeSfacctdConfig(dir: string, port: number): Promise<string> {
  const file = join(dir, 'sfacctd.conf');
  await writeFile(
    file,
    [
      'daemonize: false',
      'sfacctd_ip: 127.0.0.1',
      `sfacctd_port: ${port}`,
      // scale by the sampling rate, as netcanvas does
      'sfacctd_renormalize: true',
      // the same socket receive buffer the netcanvas collector asks for (8 MiB)
      'sfacctd_pipe_size: 8388608',
      // generous core→plugin buffers so the peer is not starved by its own defaults
      'plugin_pipe_size: 67108864',
      'plugin_buffer_size: 65536',
      'plugins: print[flows], print[ports]',
      'aggregate[flows]: src_host, dst_host, src_port, dst_port, proto',
      'aggregate[ports]: in_iface',
      'print_output[flows]: json',
      'print_output[ports]: json',
      `print_output_file[flows]: ${join(dir, 'flows.json')}`,
      `print_output_file[ports]: ${join(dir, 'ports.json')}`,
      // one purge at exit: totals over the whole replay
      'print_refresh_time: 3600',
      'print_num_protos: true',
      `pidfile: ${join(dir, 'sfacctd.pid')}`,
      `logfile: ${join(dir, 'sfacctd.log')}`,
      '',
    ].join('\n'),
  );
  return file;
}

export interface Totals {
  /** flowKeyString → bytes */
  readonly flows: Map<string, { bytes: number; packets: number }>;
  /** input ifIndex → bytes */
  readonly ports: Map<number, { bytes: number; packets: number }>;
}

/** Reads sfacctd's print-plugin JSON output (written when it exits). */
export async function readSfacctdTotals(dir: string): Promise<Totals> {
  const lines = async (name: string) =>
    (await readFile(join(dir, name), 'utf8').catch(() => ''))
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, string | number>);
  const flows = new Map<string, { bytes: number; packets: number }>();
  for (const r of await lines('flows.json')) {
    const key = `${Number(r.ip_proto)}|${r.ip_src}|${r.port_src}|${r.ip_dst}|${r.port_dst}`;
    const f = flows.get(key) ?? { bytes: 0, packets: 0 };
    f.bytes += Number(r.bytes);
    f.packets += Number(r.packets);
    flows.set(key, f);
  }
  const ports = new Map<number, { bytes: number; packets: number }>();
  for (const r of await lines('ports.json')) {
    ports.set(Number(r.iface_in), { bytes: Number(r.bytes), packets: Number(r.packets) });
  }
  return { flows, ports };
}

/** CPU seconds (user + system) of a process and its children that were waited for. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields 14-17 of stat (utime, stime, cutime, cstime), counted from after the name
  const ticks = [11, 12, 13, 14].reduce((s, i) => s + Number(f[i] ?? 0), 0);
  return ticks / 100;
}
