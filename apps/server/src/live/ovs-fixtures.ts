import { plugTap } from '@netcanvas/ovsdb/testing';
import type { CounterSample } from '@netcanvas/sflow';

/** Fixtures for tests that play a hypervisor: its OVS DB and its sFlow agent (tests only). */

/**
 * What ovs-vswitchd leaves in its DB for the three-tier app's web-1 and db-1 taps on br-int:
 * ifindex 41 and 43, ofport 1 and 3, iface-id = the logical port.
 */
export async function plugWorkloadTaps(vsctl: (...args: string[]) => Promise<unknown>) {
  await vsctl('init');
  await vsctl('add-br', 'br-int');
  await plugTap(vsctl, {
    name: 'tap-web1',
    ifindex: 41,
    ofport: 1,
    ifaceId: 'acme.shop.web-1.eth0',
  });
  await plugTap(vsctl, { name: 'tap-db1', ifindex: 43, ofport: 3, ifaceId: 'acme.shop.db-1.eth0' });
}

/** A counter sample of one OVS interface, as OVS sends it: generic interface and port name. */
export function ovsCounterSample(
  ifIndex: number,
  name: string,
  inOctets: number,
  outOctets: number,
  sequence: number,
): CounterSample {
  return {
    kind: 'counters',
    expanded: false,
    sequence,
    sourceId: { type: 0, index: ifIndex },
    records: [
      {
        type: 'generic-interface',
        ifIndex,
        ifType: 6,
        ifSpeed: 10_000_000_000,
        ifDirection: 1,
        adminUp: true,
        operUp: true,
        inOctets,
        inUcastPkts: Math.floor(inOctets / 1000),
        inMulticastPkts: 0,
        inBroadcastPkts: 0,
        inDiscards: 0,
        inErrors: 0,
        inUnknownProtos: 0,
        outOctets,
        outUcastPkts: Math.floor(outOctets / 1000),
        outMulticastPkts: 0,
        outBroadcastPkts: 0,
        outDiscards: 0,
        outErrors: 0,
        promiscuous: false,
      },
      { type: 'port-name', name },
    ],
  };
}
