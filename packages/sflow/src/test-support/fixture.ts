import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { UdpPayload } from '../capture-types.ts';
import { extractUdpPayloads } from '../udp-extract.ts';

/** The OVS 3.1 capture described in fixtures/README.md. */
export const FIXTURE_PCAP = fileURLToPath(
  new URL('../../fixtures/ovs-3.1-http-udp-icmp.pcap', import.meta.url),
);

export function fixtureBytes(): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE_PCAP));
}

/** The 69 sFlow datagrams of the fixture, in capture order. */
export function fixtureDatagrams(): UdpPayload[] {
  return extractUdpPayloads(fixtureBytes());
}
