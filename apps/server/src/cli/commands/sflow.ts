import { readFile } from 'node:fs/promises';
import {
  CaptureFormatError,
  decodeDatagram,
  extractUdpPayloads,
  readCapture,
  SFLOW_PORT,
  SflowDecodeError,
  toJsonLines,
} from '@netcanvas/sflow';
import { type CommandResult, EXIT } from '../output.ts';
import { listenCommand } from './sflow-listen.ts';

export interface SflowOptions {
  /** decode: UDP destination port to keep; listen: port to bind (default 6343) */
  readonly port?: string;
  /** listen: bind only this address (default 127.0.0.1 and ::1) */
  readonly host?: string;
  /** listen: stop after this many seconds (default: until SIGINT/SIGTERM) */
  readonly seconds?: string;
  /** listen: one JSON object per refresh instead of a table */
  readonly json: boolean;
  /** where listen streams its refreshes (default process.stdout) */
  readonly write?: (text: string) => void;
}

export const SFLOW_USAGE = `  sflow decode FILE [--port N]         one JSON line per sample of a pcap/pcapng capture
  sflow listen [--port N] [--host H] [--seconds S] [--json]
                                      collect sFlow and show top flows every second
`;

/** `sflow decode|listen …`: the sFlow tools of the CLI. */
export async function sflowCommand(args: string[], options: SflowOptions): Promise<CommandResult> {
  const [sub, file] = args;
  if (sub === 'decode') {
    if (!file) return usage('sflow decode needs a capture FILE (pcap or pcapng)');
    const port = parsePort(options.port, SFLOW_PORT);
    if (port === undefined) return usage(`--port must be 0-65535, not "${options.port}"`);
    return decodeCommand(file, port);
  }
  if (sub === 'listen') {
    const port = parsePort(options.port, SFLOW_PORT);
    if (port === undefined) return usage(`--port must be 0-65535, not "${options.port}"`);
    const seconds = options.seconds === undefined ? undefined : Number(options.seconds);
    if (seconds !== undefined && !(seconds > 0)) {
      return usage(`--seconds must be a positive number, not "${options.seconds}"`);
    }
    return listenCommand({
      port,
      seconds,
      json: options.json,
      host: options.host,
      write: options.write ?? ((text) => process.stdout.write(text)),
      clear: options.write === undefined && process.stdout.isTTY === true,
    });
  }
  return usage(sub ? `unknown sflow command "${sub}"` : 'sflow needs a command');
}

function usage(message: string): CommandResult {
  return { exitCode: EXIT.usage, stderr: `${message}\n\nusage:\n${SFLOW_USAGE}` };
}

function parsePort(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const port = Number(text);
  return Number.isInteger(port) && port >= 0 && port <= 65535 ? port : undefined;
}

/**
 * `sflow decode FILE`: one JSON object per line per sample, with the agent, sequence,
 * source id, sampling rate, interfaces and decoded header fields or counters. A datagram
 * that does not decode is reported on stderr with its frame and byte offset; the others
 * are still printed, and the exit status is 1.
 */
async function decodeCommand(file: string, port: number): Promise<CommandResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `${error}`;
    return { exitCode: EXIT.usage, stderr: `cannot read ${file}: ${why}\n` };
  }
  let payloads: ReturnType<typeof extractUdpPayloads>;
  try {
    const capture = readCapture(bytes);
    payloads = extractUdpPayloads(capture, { port });
  } catch (error) {
    if (!(error instanceof CaptureFormatError)) throw error;
    return {
      exitCode: EXIT.usage,
      stderr: `${file} is not a pcap or pcapng capture: ${error.message}\n`,
    };
  }
  if (payloads.length === 0) {
    return {
      exitCode: EXIT.findings,
      stderr: `${file}: no UDP datagrams to port ${port}; is the sFlow collector on another port (--port N)?\n`,
    };
  }
  const out: string[] = [];
  const errors: string[] = [];
  for (const [i, p] of payloads.entries()) {
    try {
      const datagram = decodeDatagram(p.payload);
      out.push(
        toJsonLines(datagram, { timestampMs: p.timestampMs, source: `${p.src}:${p.srcPort}` }),
      );
    } catch (error) {
      if (!(error instanceof SflowDecodeError)) throw error;
      errors.push(`datagram ${i + 1} from ${p.src}:${p.srcPort}: [${error.code}] ${error.message}`);
    }
  }
  if (errors.length === 0) return { exitCode: EXIT.ok, stdout: out.join('') };
  return {
    exitCode: EXIT.findings,
    stdout: out.join(''),
    stderr: `${errors.join('\n')}\n${file}: ${errors.length} of ${payloads.length} datagrams could not be decoded\n`,
  };
}
