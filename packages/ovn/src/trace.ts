import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Application, WhatIfQuery, WhatIfResult } from '@netcanvas/model';
import { OvnError } from './errors.ts';
import { type SslFiles, sslArgs } from './ssl.ts';
import { interpretTrace } from './trace-interpret.ts';
import { type TracePacket, tracePacket } from './trace-packet.ts';
import { parseDetailedTrace } from './trace-parse.ts';

const run = promisify(execFile);

/** Where and how to run `ovn-trace`. */
export interface TraceOptions {
  /** the Southbound DB remote(s) ovn-trace reads the logical flows from */
  readonly sbRemote: string;
  /** key, certificate and CA files for an `ssl:` SB remote */
  readonly ssl?: SslFiles;
  /** the ovn-trace binary (default: `ovn-trace` on PATH) */
  readonly ovnTrace?: string;
  readonly timeoutMs?: number;
}

/** A whatIf-shaped answer from OVN itself, with what was asked and what ovn-trace said. */
export interface TraceResult extends WhatIfResult {
  readonly packet: TracePacket;
  /** ovn-trace's `--detailed` output */
  readonly output: string;
}

/** every conntrack lookup of a first packet reports a new connection */
const CT_NEW = Array.from({ length: 8 }, () => '--ct=new');

/**
 * Asks OVN what happens to a packet between workloads of an applied app: runs
 * `ovn-trace --detailed` against the Southbound DB and reads the hops and the deciding ACL
 * back into model objects, in the shape of the model's `whatIf`. A VIP destination is
 * balanced to its first backend (`--lb-dst`), as `whatIf` assumes.
 */
export async function traceWorkloads(
  app: Application,
  query: WhatIfQuery,
  options: TraceOptions,
): Promise<TraceResult> {
  const packet = tracePacket(app, query);
  const args = [
    `--db=${options.sbRemote}`,
    ...sslArgs(options.ssl),
    '--detailed',
    ...CT_NEW,
    ...(packet.lbDst ? [`--lb-dst=${packet.lbDst}`] : []),
    packet.datapath,
    packet.microflow,
  ];
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await run(options.ovnTrace ?? 'ovn-trace', args, {
      timeout: options.timeoutMs ?? 15_000,
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (cause) {
    const err = cause as { stderr?: string; message: string };
    throw new OvnError('trace-failed', `ovn-trace failed: ${err.stderr?.trim() || err.message}`, {
      cause,
      details: { stderr: err.stderr, microflow: packet.microflow },
    });
  }
  const parsed = parseDetailedTrace(stdout);
  if (!parsed) {
    const said = (stderr.trim() || stdout.trim()).split('\n')[0] ?? '';
    const hint = said.startsWith('unknown datapath')
      ? ` — is ${app.name} applied, and has ovn-northd written its flows to the Southbound DB?`
      : '';
    throw new OvnError('trace-failed', `ovn-trace could not trace the packet: ${said}${hint}`, {
      details: { stderr, microflow: packet.microflow },
    });
  }
  return { ...interpretTrace(app, packet, parsed), packet, output: stdout };
}
