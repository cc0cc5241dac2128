import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isOurs, type StartedProcess, startDaemon, stopProcess } from './daemons.ts';
import { LabError } from './errors.ts';
import { run, runQuietly, waitFor } from './exec.ts';
import { checkHost, checkPorts } from './preflight.ts';
import { startSflowExport } from './sflow-export.ts';
import { type SiteConfig, siteNames } from './site.ts';
import { type LabState, readState, writeState } from './state.ts';

const NB_SCHEMA = '/usr/share/ovn/ovn-nb.ovsschema';
const SB_SCHEMA = '/usr/share/ovn/ovn-sb.ovsschema';
const OVS_SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';

/** What `status` reports. */
export interface LabStatus {
  readonly site: string;
  readonly dir: string;
  /** false when no `lab.json`: the site is down */
  readonly up: boolean;
  readonly nbRemote: string;
  readonly sbRemote: string;
  readonly ovsRemote: string;
  readonly processes: readonly { name: string; pid: number; running: boolean }[];
  readonly namespaces: readonly { name: string; exists: boolean }[];
  /** chassis names in the SB; the lab's own is `netcanvas-lab-<site>` */
  readonly chassis: readonly string[];
  readonly chassisRegistered: boolean;
  readonly workloads: number;
}

/** What `down` removed. */
export interface DownReport {
  readonly stopped: readonly string[];
  readonly namespaces: readonly string[];
  readonly devices: readonly string[];
}

/**
 * One lab site: OVN NB/SB, ovn-northd, an OVS DB on the host; ovs-vswitchd (netdev
 * datapath) and ovn-controller inside the site's own namespace; sFlow from br-int relayed
 * to the collector. Everything it creates is listed in `<dir>/lab.json`.
 */
export class LabSite {
  readonly config: SiteConfig;
  readonly names: ReturnType<typeof siteNames>;

  constructor(config: SiteConfig) {
    this.config = config;
    this.names = siteNames(config.site);
  }

  /** Every process the lab starts has this in its command line (guards against PID reuse). */
  get marker(): string {
    return `${this.config.dir}/`;
  }

  /** `tcp:127.0.0.1:<nb>`: what to register in netcanvas as this site's controller. */
  get nbRemote(): string {
    return `tcp:127.0.0.1:${this.config.nbPort}`;
  }

  get sbRemote(): string {
    return `tcp:127.0.0.1:${this.config.sbPort}`;
  }

  /** The Open vSwitch DB over TCP (Interface statistics, port map). */
  get ovsRemote(): string {
    return `tcp:127.0.0.1:${this.config.ovsPort}`;
  }

  /** `unix:` remote of the OVS DB, for ovs-vsctl. */
  get ovsUnixRemote(): string {
    return `unix:${this.#path('run', 'db.sock')}`;
  }

  /** Environment that points OVS and OVN tools at this site's private directory. */
  get env(): NodeJS.ProcessEnv {
    const d = (sub: string) => this.#path(sub);
    return {
      ...process.env,
      OVS_RUNDIR: d('run'),
      OVS_LOGDIR: d('log'),
      OVS_DBDIR: d('db'),
      OVS_SYSCONFDIR: d('etc'),
      OVN_RUNDIR: d('run'),
      OVN_LOGDIR: d('log'),
      OVN_DBDIR: d('db'),
      OVN_SYSCONFDIR: d('etc'),
    };
  }

  vsctl(...args: string[]): Promise<string> {
    return run('ovs-vsctl', [`--db=${this.ovsUnixRemote}`, '--timeout=10', ...args], {
      env: this.env,
    });
  }

  nbctl(...args: string[]): Promise<string> {
    const db = `unix:${this.#path('run', 'ovnnb_db.sock')}`;
    return run('ovn-nbctl', [`--db=${db}`, '--timeout=10', ...args], { env: this.env });
  }

  sbctl(...args: string[]): Promise<string> {
    const db = `unix:${this.#path('run', 'ovnsb_db.sock')}`;
    return run('ovn-sbctl', [`--db=${db}`, '--timeout=10', ...args], { env: this.env });
  }

  /** Starts the site from scratch; on any failure removes what it had started and throws. */
  async up(): Promise<LabStatus> {
    checkHost();
    const previous = await readState(this.config.dir);
    if (previous) {
      if (await allRunning(previous.processes)) {
        throw new LabError(
          'already-up',
          `lab site ${this.config.site} is already up (pnpm lab status --site ${this.config.site}); run pnpm lab down --site ${this.config.site} first`,
        );
      }
      await this.down();
    }
    await checkPorts({
      'OVN NB': this.config.nbPort,
      'OVN SB': this.config.sbPort,
      'OVS DB': this.config.ovsPort,
    });
    await this.#checkNamesFree();
    const state: LabState = {
      site: this.config.site,
      dir: this.config.dir,
      startedAt: new Date().toISOString(),
      ports: { nb: this.config.nbPort, sb: this.config.sbPort, ovs: this.config.ovsPort },
      netns: this.names.netns,
      processes: [],
      namespaces: [],
      devices: [],
      workloads: {},
      traffic: [],
    };
    for (const sub of ['run', 'db']) await rm(this.#path(sub), { recursive: true, force: true });
    for (const sub of ['run', 'log', 'db', 'etc'])
      await mkdir(this.#path(sub), { recursive: true });
    await writeState(state);
    try {
      await this.#start(state);
    } catch (error) {
      await this.down().catch(() => undefined);
      throw error;
    }
    return this.status();
  }

  async #start(state: LabState): Promise<void> {
    const started = async (proc: StartedProcess) => {
      state.processes.push(proc);
      await writeState(state);
    };
    const db = (name: string) => this.#path('db', name);
    const sock = (name: string) => `unix:${this.#path('run', name)}`;
    await run('ovsdb-tool', ['create', db('ovnnb_db.db'), NB_SCHEMA]);
    await run('ovsdb-tool', ['create', db('ovnsb_db.db'), SB_SCHEMA]);
    await run('ovsdb-tool', ['create', db('conf.db'), OVS_SCHEMA]);
    const ovsdb = (name: string, file: string, sockName: string, port: number) =>
      this.#daemon(name, 'ovsdb-server', [
        db(file),
        `--unixctl=${this.#path('run', `${name}.ctl`)}`,
        `--remote=p${sock(sockName)}`,
        `--remote=ptcp:${port}:127.0.0.1`,
      ]);
    await started(await ovsdb('ovnnb_db', 'ovnnb_db.db', 'ovnnb_db.sock', this.config.nbPort));
    await started(await ovsdb('ovnsb_db', 'ovnsb_db.db', 'ovnsb_db.sock', this.config.sbPort));
    await started(
      await this.#daemon('ovn-northd', 'ovn-northd', [
        `--ovnnb-db=${sock('ovnnb_db.sock')}`,
        `--ovnsb-db=${sock('ovnsb_db.sock')}`,
        `--unixctl=${this.#path('run', 'ovn-northd.ctl')}`,
      ]),
    );
    await started(await ovsdb('ovsdb-server', 'conf.db', 'db.sock', this.config.ovsPort));

    const { netns, bridge } = this.names;
    await run('ip', ['netns', 'add', netns]);
    state.namespaces.push(netns);
    await writeState(state);
    await run('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);

    await this.vsctl('--no-wait', 'init');
    await this.vsctl(
      '--no-wait',
      'set',
      'Open_vSwitch',
      '.',
      `external_ids:system-id=${this.names.systemId}`,
      `external_ids:hostname=${this.names.systemId}`,
      `external_ids:ovn-remote=${sock('ovnsb_db.sock')}`,
      'external_ids:ovn-encap-type=geneve',
      'external_ids:ovn-encap-ip=127.0.0.1',
      `external_ids:ovn-bridge=${bridge}`,
      'external_ids:ovn-bridge-datapath-type=netdev',
    );
    // one netdev vswitchd per namespace: its tap devices (br-int, ovs-netdev) live there
    await started(await this.#daemon('ovs-vswitchd', 'ovs-vswitchd', [this.ovsUnixRemote], netns));
    await this.vsctl(
      'add-br',
      bridge,
      '--',
      'set',
      'Bridge',
      bridge,
      'datapath_type=netdev',
      'fail-mode=secure',
      'other-config:disable-in-band=true',
    );
    await started(
      await this.#daemon('ovn-controller', 'ovn-controller', [this.ovsUnixRemote], netns),
    );
    await startSflowExport({
      names: this.names,
      collector: this.config.sflowCollector,
      marker: this.marker,
      vsctl: (...args) => this.vsctl(...args),
      created: async (dev) => {
        state.devices.push(dev);
        await writeState(state);
      },
      started,
    });
    const registered = await waitFor(
      async () => (await this.#chassis()).includes(this.names.systemId),
      15_000,
      100,
    );
    if (!registered) {
      throw new LabError(
        'timeout',
        `ovn-controller did not register chassis ${this.names.systemId} in the SB within 15 s; see ${this.#path('log', 'ovn-controller.log')}`,
      );
    }
  }

  /** Stops exactly what `lab.json` lists, by PID, and removes its namespaces and devices. */
  async down(): Promise<DownReport> {
    let state = await readState(this.config.dir);
    if (!state) return { stopped: [], namespaces: [], devices: [] };
    const stopped: string[] = [];
    // the agent first, then read again: a sync it was in the middle of may have added workloads
    for (const agent of state.processes.filter((p) => p.name === 'lab-agent')) {
      if (await stopProcess(agent)) stopped.push(`${agent.name} (pid ${agent.pid})`);
    }
    state = (await readState(this.config.dir)) ?? state;
    for (const t of state.traffic) if (await stopProcess(t.process)) stopped.push(t.process.name);
    const vswitchd = state.processes.find((p) => p.name === 'ovs-vswitchd');
    if (vswitchd && (await isOurs(vswitchd.pid, vswitchd.marker))) {
      // vswitchd removes its own tap devices while it still runs
      await this.vsctl('--if-exists', 'del-br', this.names.bridge).catch(() => undefined);
    }
    for (const proc of [...state.processes].reverse()) {
      if (proc.name === 'lab-agent') continue;
      if (await stopProcess(proc)) stopped.push(`${proc.name} (pid ${proc.pid})`);
    }
    const devices: string[] = [];
    for (const dev of state.devices) {
      const where = dev.netns ? ['-n', dev.netns] : [];
      if (await runQuietly('ip', [...where, 'link', 'del', dev.name])) devices.push(dev.name);
    }
    const namespaces: string[] = [];
    const workloadNs = Object.keys(state.workloads);
    for (const ns of [...workloadNs, ...state.namespaces]) {
      if (await runQuietly('ip', ['netns', 'del', ns])) namespaces.push(ns);
    }
    // namespace teardown is asynchronous: wait until the host end of the sFlow link is gone
    await waitFor(
      async () => {
        for (const dev of state.devices.filter((d) => d.netns === null)) {
          if (await runQuietly('ip', ['link', 'show', dev.name])) return false;
        }
        return true;
      },
      5_000,
      50,
    );
    await rm(join(this.config.dir, 'lab.json'), { force: true });
    for (const sub of ['run', 'db']) await rm(this.#path(sub), { recursive: true, force: true });
    return { stopped, namespaces, devices };
  }

  /** What runs now, from `lab.json`, `/proc`, `ip netns` and the SB. */
  async status(): Promise<LabStatus> {
    const state = await readState(this.config.dir);
    const processes = await Promise.all(
      [...(state?.processes ?? []), ...(state?.traffic.map((t) => t.process) ?? [])].map(
        async (p) => ({ name: p.name, pid: p.pid, running: await isOurs(p.pid, p.marker) }),
      ),
    );
    const present = new Set(await listNamespaces());
    const names = [...(state?.namespaces ?? []), ...Object.keys(state?.workloads ?? {})];
    const chassis = state ? await this.#chassis() : [];
    return {
      site: this.config.site,
      dir: this.config.dir,
      up: state !== undefined,
      nbRemote: this.nbRemote,
      sbRemote: this.sbRemote,
      ovsRemote: this.ovsRemote,
      processes,
      namespaces: names.map((name) => ({ name, exists: present.has(name) })),
      chassis,
      chassisRegistered: chassis.includes(this.names.systemId),
      workloads: Object.keys(state?.workloads ?? {}).length,
    };
  }

  async #chassis(): Promise<string[]> {
    try {
      const out = await this.sbctl('--bare', '--columns=name', 'list', 'Chassis');
      return out
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    } catch {
      return [];
    }
  }

  async #checkNamesFree(): Promise<void> {
    if ((await listNamespaces()).includes(this.names.netns)) {
      throw new LabError(
        'device-exists',
        `network namespace ${this.names.netns} exists but no ${join(this.config.dir, 'lab.json')} lists it; if it is a leftover of this lab, remove it with: ip netns del ${this.names.netns}`,
      );
    }
    if (await runQuietly('ip', ['link', 'show', this.names.sflowHostDevice])) {
      throw new LabError(
        'device-exists',
        `network device ${this.names.sflowHostDevice} exists but no lab.json lists it; if it is a leftover of this lab, remove it with: ip link del ${this.names.sflowHostDevice}`,
      );
    }
  }

  #daemon(name: string, command: string, args: string[], netns?: string) {
    return startDaemon(
      {
        name,
        command,
        args,
        pidfile: this.#path('run', `${name}.pid`),
        logFile: this.#path('log', `${name}.log`),
        env: this.env,
        ...(netns ? { netns } : {}),
      },
      this.marker,
    );
  }

  #path(...parts: string[]): string {
    return join(this.config.dir, ...parts);
  }
}

async function allRunning(processes: readonly StartedProcess[]): Promise<boolean> {
  const alive = await Promise.all(processes.map((p) => isOurs(p.pid, p.marker)));
  return alive.length > 0 && alive.every(Boolean);
}

/** Names in `ip netns list` (each line: name, maybe `(id: N)`). */
export async function listNamespaces(): Promise<string[]> {
  const out = await run('ip', ['netns', 'list']).catch(() => '');
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}
