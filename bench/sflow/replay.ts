import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractUdpPayloads, readCapture } from '@netcanvas/sflow';

/** The OVS capture the replays are built from (69 sFlow datagrams). */
export const FIXTURE = fileURLToPath(
  new URL('../../packages/sflow/fixtures/ovs-3.1-http-udp-icmp.pcap', import.meta.url),
);

/** The fixture's sFlow payloads, in capture order. */
export function fixturePayloads(): Buffer[] {
  return extractUdpPayloads(new Uint8Array(readFileSync(FIXTURE))).map((p) =>
    Buffer.from(p.payload),
  );
}

/** Byte offset of the datagram sequence number (IPv4 agent: version, type, address, sub-agent). */
const SEQUENCE_OFFSET = 16;

/**
 * The `index`-th datagram of an endless replay of `payloads`, with its datagram sequence
 * number rewritten to `index + 1`, so a receiver sees one agent sending without gaps and
 * loss shows up as sequence gaps.
 */
export function replayDatagram(payloads: readonly Buffer[], index: number): Buffer {
  const template = payloads[index % payloads.length] as Buffer;
  const copy = Buffer.from(template);
  copy.writeUInt32BE((index + 1) >>> 0, SEQUENCE_OFFSET);
  return copy;
}

/**
 * Writes a classic pcap holding `count` datagrams of the replay as the original Ethernet
 * frames (only the sFlow sequence number differs), for tshark.
 */
export function writeReplayPcap(file: string, count: number): void {
  const capture = readCapture(new Uint8Array(readFileSync(FIXTURE)));
  const frames = capture.packets.map((p) => Buffer.from(p.data));
  const payloads = fixturePayloads();
  const parts: Buffer[] = [];
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  parts.push(header);
  for (let i = 0; i < count; i++) {
    const frame = Buffer.from(frames[i % frames.length] as Buffer);
    const payload = payloads[i % payloads.length] as Buffer;
    // the payload sits at the end of the frame: patch its sequence number in place
    frame.writeUInt32BE((i + 1) >>> 0, frame.length - payload.length + SEQUENCE_OFFSET);
    const record = Buffer.alloc(16);
    record.writeUInt32LE(1_700_000_000 + Math.floor(i / 1_000_000), 0);
    record.writeUInt32LE(i % 1_000_000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    parts.push(record, frame);
  }
  writeFileSync(file, Buffer.concat(parts));
}
