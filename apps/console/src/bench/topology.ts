import type { Application, NetworkObject, Position } from '@netcanvas/model';

/** Objects per pod: a router, its switches, a load balancer and the workloads behind them. */
const POD = { switches: 4, workloads: 14, backends: 3 };
const POD_SIZE = 2 + POD.switches + POD.workloads;
/** pod blocks on the canvas, in layout units (templates space columns ~150 apart) */
const CELL = { dx: 150, dy: 130 };
const BLOCK = { width: 7 * CELL.dx + 150, height: 4 * CELL.dy + 110 };
const TIERS = ['web', 'app', 'db', 'cache'] as const;

type Router = Extract<NetworkObject, { kind: 'router' }>;
type Workload = Extract<NetworkObject, { kind: 'workload' }>;

function mac(n: number): string {
  const b = [0x0a, 0x58, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The editor benchmark's design: exactly `nodes` objects and 1.5 links per object when
 * `nodes` is a multiple of 20. One uplink, then pods of a router (gateway on the uplink),
 * four /24 switches, a TCP load balancer on the router with three backends, and fourteen
 * workloads, every other one with a second NIC on the next switch. Deterministic.
 */
export function editorTopology(nodes: number): Application {
  if (!Number.isInteger(nodes) || nodes < 1) {
    throw new RangeError(`the topology needs a whole number of objects, not ${nodes}`);
  }
  const objects: NetworkObject[] = [
    {
      id: 'wan',
      name: 'wan',
      kind: 'uplink',
      physicalNetwork: 'physnet1',
      subnet: '100.64.0.0/16',
      gatewayIp: '100.64.0.1',
    },
  ];
  const positions: Record<string, Position> = {};
  const pods = Math.ceil((nodes - 1) / POD_SIZE);
  const columns = Math.max(1, Math.round(Math.sqrt(pods * 1.6 * (BLOCK.height / BLOCK.width))));
  positions.wan = { x: ((Math.min(columns, pods) * BLOCK.width) / 2) | 0, y: -CELL.dy * 1.5 };
  const full = () => objects.length >= nodes;

  for (let p = 0; p < pods && !full(); p++) {
    const origin = { x: (p % columns) * BLOCK.width, y: Math.floor(p / columns) * BLOCK.height };
    const place = (id: string, col: number, row: number) => {
      positions[id] = { x: origin.x + col * CELL.dx, y: origin.y + row * CELL.dy };
    };
    const net = (s: number) => `10.${p}.${s}`;
    const router: Router = {
      id: `r${p}`,
      name: `pod${pad(p)}-router`,
      kind: 'router',
      interfaces: [],
      routes: [{ prefix: '0.0.0.0/0', nextHop: '100.64.0.1' }],
      nat: [
        {
          id: `r${p}-snat`,
          type: 'snat',
          externalIp: `100.64.1.${p + 2}`,
          internalIp: `10.${p}.0.0/16`,
        },
      ],
      gateway: { uplink: 'wan', ip: `100.64.1.${p + 2}`, chassis: [] },
    };
    objects.push(router);
    place(router.id, 3, 0);
    const switches: string[] = [];
    for (let s = 0; s < POD.switches && !full(); s++) {
      const id = `s${p}-${s}`;
      const tier = TIERS[s % TIERS.length] ?? 'web';
      switches.push(id);
      objects.push({ id, name: `pod${pad(p)}-${tier}`, kind: 'switch', subnet: `${net(s)}.0/24` });
      router.interfaces.push({ switch: id, ip: `${net(s)}.1`, mac: mac(0x10000 * (p + 1) + s) });
      place(id, 1 + s * 1.5, 1);
    }
    if (full()) break;
    const lbId = `lb${p}`;
    const lb: Extract<NetworkObject, { kind: 'loadBalancer' }> = {
      id: lbId,
      name: `pod${pad(p)}-https`,
      kind: 'loadBalancer',
      protocol: 'tcp',
      vips: [{ ip: `172.16.${p}.10`, port: 443, backends: [] }],
      attachedTo: [router.id],
    };
    objects.push(lb);
    place(lbId, 5, 0);
    for (let w = 0; w < POD.workloads && !full(); w++) {
      const s = w % switches.length;
      const sw = switches[s] ?? switches[0] ?? '';
      const tier = TIERS[s % TIERS.length] ?? 'web';
      const id = `w${p}-${w}`;
      const workload: Workload = {
        id,
        name: `pod${pad(p)}-${tier}-${pad(w)}`,
        kind: 'workload',
        workloadType: w % 3 === 2 ? 'container' : 'vm',
        tags: [`tier=${tier}`, `pod=${p}`],
        nics: [{ id: 'eth0', switch: sw, ip: `${net(s)}.${10 + w}`, mac: mac(p * 100 + w + 1) }],
      };
      const second = switches[(s + 1) % switches.length];
      if (w % 2 === 0 && second && second !== sw) {
        const t = (s + 1) % switches.length;
        workload.nics.push({
          id: 'eth1',
          switch: second,
          ip: `${net(t)}.${100 + w}`,
          mac: mac(0x1000000 + p * 100 + w + 1),
        });
      }
      objects.push(workload);
      const vip = lb.vips[0];
      if (vip && s === 0 && vip.backends.length < POD.backends) {
        vip.backends.push({ workload: id, port: 8443 });
      }
      place(id, w % 7, 2 + Math.floor(w / 7) * 1.2);
    }
  }
  // the first pod's web switch is also bridged onto the provider network
  const first = objects.find((o) => o.kind === 'switch');
  if (first?.kind === 'switch') first.uplink = 'wan';

  return {
    schemaVersion: 1,
    id: `bench-${nodes}`,
    name: `bench-${nodes}`,
    tenant: 'bench',
    version: 1,
    objects,
    layout: { positions, collapsed: [] },
  };
}
