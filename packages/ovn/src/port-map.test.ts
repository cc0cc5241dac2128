import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  plugTap,
  type StandaloneServer,
  startOvsdbServer,
  VSWITCH_SCHEMA,
} from '@netcanvas/ovsdb/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OvnError } from './errors.ts';
import { HypervisorPortMap } from './port-map.ts';
import type { PortMapChange } from './port-map-entries.ts';
import { PortMap } from './port-map-hypervisors.ts';

const run = promisify(execFile);

/** Collects `change` events until `done` holds for everything seen so far. */
function changesUntil(
  map: HypervisorPortMap | PortMap,
  done: (seen: PortMapChange[]) => boolean,
  timeoutMs = 5_000,
): Promise<PortMapChange[]> {
  const seen: PortMapChange[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      map.off('change', onChange);
      reject(new Error(`port map did not change as expected; saw ${JSON.stringify(seen)}`));
    }, timeoutMs);
    const onChange = (changes: readonly PortMapChange[]) => {
      seen.push(...changes);
      if (!done(seen)) return;
      clearTimeout(timer);
      map.off('change', onChange);
      resolve(seen);
    };
    map.on('change', onChange);
  });
}

describe('HypervisorPortMap against a real Open_vSwitch ovsdb-server', { timeout: 30_000 }, () => {
  let server: StandaloneServer;
  const vsctl = async (...args: string[]) =>
    (await run('ovs-vsctl', ['--no-wait', `--db=${server.unixRemote}`, '--timeout=10', ...args]))
      .stdout;

  beforeAll(async () => {
    server = await startOvsdbServer({ schema: VSWITCH_SCHEMA });
    await vsctl('init');
    await vsctl('add-br', 'br-int');
    // what ovs-vswitchd and ovn-controller's CMS would leave: ifindex/ofport set, iface-id per VM
    await plugTap(vsctl, { name: 'tap-vm1', ifindex: 68, ofport: 1, ifaceId: 'vm1' });
    await plugTap(vsctl, { name: 'tap-vm2', ifindex: 69, ofport: 2, ifaceId: 'vm2' });
    // a port vswitchd has not created yet: no ifindex, so nothing to map
    await plugTap(vsctl, { name: 'tap-new', ifaceId: 'vm9' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('maps (agent, ifIndex) to the interface, its iface-id, ofport and bridge', async () => {
    const map = await HypervisorPortMap.connect({ agent: '127.0.0.1', remote: server.unixRemote });
    try {
      expect(map.lookup('127.0.0.1', 68)).toMatchObject({
        agent: '127.0.0.1',
        ifIndex: 68,
        interfaceName: 'tap-vm1',
        ifaceId: 'vm1',
        ofport: 1,
        bridge: 'br-int',
      });
      expect(map.lookup('127.0.0.1', 69)?.ifaceId).toBe('vm2');
      expect(map.entries().map((e) => e.interfaceName)).toEqual(['tap-vm1', 'tap-vm2']);
      expect(map.lookupOfport('br-int', 2)?.ifaceId).toBe('vm2');
      // another hypervisor's samples never resolve here
      expect(map.lookup('10.0.0.9', 68)).toBeUndefined();
      expect(map.lookup('127.0.0.1', 4242)).toBeUndefined();
    } finally {
      map.close();
    }
  });

  it('follows iface-id and ifindex changes and deletions live', async () => {
    const map = await HypervisorPortMap.connect({ agent: '127.0.0.1', remote: server.unixRemote });
    try {
      // the CMS re-points the VM's port to another logical port
      let changed = changesUntil(map, (s) => s.some((c) => c.after?.ifaceId === 'vm1-new'));
      await vsctl('set', 'Interface', 'tap-vm1', 'external_ids:iface-id=vm1-new');
      expect(await changed).toEqual([
        expect.objectContaining({
          ifIndex: 68,
          before: expect.objectContaining({ ifaceId: 'vm1' }),
          after: expect.objectContaining({ ifaceId: 'vm1-new' }),
        }),
      ]);
      expect(map.lookup('127.0.0.1', 68)?.ifaceId).toBe('vm1-new');

      // the device is re-created with another ifindex: old index unmapped, new one mapped
      changed = changesUntil(map, (s) => s.some((c) => c.ifIndex === 77 && c.after));
      await vsctl('set', 'Interface', 'tap-vm2', 'ifindex=77');
      const moved = await changed;
      expect(moved.map((c) => [c.ifIndex, c.before?.ifaceId, c.after?.ifaceId])).toEqual([
        [69, 'vm2', undefined],
        [77, undefined, 'vm2'],
      ]);
      expect(map.lookup('127.0.0.1', 69)).toBeUndefined();
      expect(map.lookup('127.0.0.1', 77)?.interfaceName).toBe('tap-vm2');

      // vswitchd creates the pending port
      changed = changesUntil(map, (s) => s.some((c) => c.ifIndex === 80));
      await vsctl('set', 'Interface', 'tap-new', 'ifindex=80', 'ofport=3');
      await changed;
      expect(map.lookup('127.0.0.1', 80)).toMatchObject({ ifaceId: 'vm9', ofport: 3 });

      // the VM goes away
      changed = changesUntil(map, (s) => s.some((c) => c.ifIndex === 80 && !c.after));
      await vsctl('del-port', 'br-int', 'tap-new');
      expect((await changed).at(-1)?.before?.ifaceId).toBe('vm9');
      expect(map.lookup('127.0.0.1', 80)).toBeUndefined();
      expect(map.entries().map((e) => e.ifIndex)).toEqual([68, 77]);
    } finally {
      map.close();
    }
  });

  it('keeps Interface statistics when asked to', async () => {
    const map = await HypervisorPortMap.connect({
      agent: '127.0.0.1',
      remote: server.unixRemote,
      statistics: true,
    });
    try {
      expect(map.statistics(68)).toEqual({});
      await vsctl(
        'set',
        'Interface',
        'tap-vm1',
        'statistics:rx_bytes=1500',
        'statistics:rx_packets=3',
      );
      for (let i = 0; i < 100 && map.statistics(68)?.rx_bytes === undefined; i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(map.statistics(68)).toEqual({ rx_bytes: 1500, rx_packets: 3 });
      expect(map.statistics(4242)).toBeUndefined();
    } finally {
      map.close();
    }
  });

  it('says which hypervisor cannot be reached', async () => {
    const error = await HypervisorPortMap.connect({
      agent: '192.0.2.7',
      remote: `unix:${server.dir}/no-such.sock`,
      connectTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OvnError);
    expect(error).toMatchObject({ code: 'controller-unreachable' });
    expect((error as Error).message).toContain('hypervisor 192.0.2.7');
  });
});

describe('PortMap over several hypervisors', { timeout: 30_000 }, () => {
  let servers: StandaloneServer[] = [];

  beforeAll(async () => {
    servers = await Promise.all([1, 2].map(() => startOvsdbServer({ schema: VSWITCH_SCHEMA })));
    for (const [i, server] of servers.entries()) {
      const vsctl = (...args: string[]) =>
        run('ovs-vsctl', ['--no-wait', `--db=${server.unixRemote}`, '--timeout=10', ...args]);
      await vsctl('init');
      await vsctl('add-br', 'br-int');
      // the same ifindex on both hosts: only the agent address tells them apart
      await vsctl(
        'add-port',
        'br-int',
        'tap0',
        '--',
        'set',
        'Interface',
        'tap0',
        'ifindex=10',
        `external_ids:iface-id=web-${i + 1}`,
      );
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('resolves each sample by its agent, and says why one is unmapped', async () => {
    const [a, b] = servers as [StandaloneServer, StandaloneServer];
    const map = await PortMap.connect([
      { agent: '10.0.0.1', remote: a.unixRemote },
      { agent: '2001:DB8:0:0::2', remote: b.tcpRemote },
    ]);
    try {
      expect(map.resolve('10.0.0.1', 10)).toMatchObject({ mapped: true, ifaceId: 'web-1' });
      // the decoder prints IPv6 agents in RFC 5952 form
      expect(map.resolve('2001:db8::2', 10)).toMatchObject({ mapped: true, ifaceId: 'web-2' });
      expect(map.resolve('10.0.0.1', 11)).toEqual({
        mapped: false,
        agent: '10.0.0.1',
        ifIndex: 11,
        reason: 'unknown-ifindex',
      });
      expect(map.resolve('10.0.0.3', 10)).toMatchObject({ mapped: false, reason: 'unknown-agent' });
      await expect(map.add({ agent: '10.0.0.1', remote: a.unixRemote })).rejects.toMatchObject({
        code: 'invalid-design',
      });
    } finally {
      map.close();
    }
  });
});
