import { spawn } from 'node:child_process';
import type { Application } from '@netcanvas/model';
import { appKey } from '@netcanvas/ovn';
import { MARKER_ENV, stopProcess } from './daemons.ts';
import { LabError } from './errors.ts';
import { type RunOptions, run, runQuietly } from './exec.ts';
import type { LabSite } from './lab.ts';
import { type LabState, readState, withStateLock, writeState } from './state.ts';
import { formatTrafficProfile, type TrafficProfile, trafficCommand } from './traffic.ts';
import { type PlannedWorkload, planWorkloads } from './workload-plan.ts';

/** What one sync did, by workload id. */
export interface SyncReport {
  readonly created: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
  /** running workloads whose design traffic profile started, changed or stopped */
  readonly traffic: readonly string[];
}

/**
 * Provisions an applied app's workloads on a lab site, in lock step with its network: a
 * namespace per workload, a veth per NIC plugged into br-int with the NIC's logical port
 * as iface-id, and the design's MAC, address and default gateway inside.
 */
export class LabAgent {
  readonly site: LabSite;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(site: LabSite) {
    this.site = site;
  }

  /** Makes the lab run exactly `app`'s workloads: creates new ones, rebuilds changed ones, removes gone ones. */
  sync(app: Application): Promise<SyncReport> {
    return this.#serial(() => this.#sync(appKey(app), planWorkloads(app, this.site.config.site)));
  }

  /** Removes every namespace of `app` (the app was deleted from the controller). */
  remove(app: Pick<Application, 'tenant' | 'id'>): Promise<SyncReport> {
    return this.#serial(() => this.#sync(appKey(app), []));
  }

  /** The namespace of one workload of `app` on this site (whether or not it exists yet). */
  netnsOf(app: Application, workloadId: string): string {
    const w = planWorkloads(app, this.site.config.site).find((p) => p.workloadId === workloadId);
    if (!w) throw new LabError('bad-argument', `app ${appKey(app)} has no workload ${workloadId}`);
    return w.netns;
  }

  /** Runs a command inside a workload's namespace and returns its stdout. */
  exec(
    app: Application,
    workloadId: string,
    command: string,
    args: string[],
    options: RunOptions = {},
  ) {
    return run(command, args, { ...options, netns: this.netnsOf(app, workloadId) });
  }

  /** Starts a traffic generator in a workload; it stops when the workload goes or the lab goes down. */
  startTraffic(app: Application, workloadId: string, profile: TrafficProfile): Promise<number> {
    return this.#serial(async () => {
      const state = await this.#state();
      const w = planWorkloads(app, this.site.config.site).find((p) => p.workloadId === workloadId);
      if (!w || !state.workloads[w.netns]) {
        throw new LabError(
          'bad-argument',
          `workload ${workloadId} of ${appKey(app)} is not running on lab site ${state.site}; sync the app first`,
        );
      }
      return this.#spawnTraffic(state, w, profile, false);
    });
  }

  async #spawnTraffic(
    state: LabState,
    w: PlannedWorkload,
    profile: TrafficProfile,
    fromDesign: boolean,
  ): Promise<number> {
    const { command, args } = trafficCommand(profile, w.nics[0]?.ipv4?.split('/')[0]);
    const marker = this.site.marker;
    const child = spawn('ip', ['netns', 'exec', w.netns, command, ...args], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, [MARKER_ENV]: marker },
    });
    child.unref();
    if (!child.pid) throw new LabError('command-failed', `could not start ${command}`);
    const text = formatTrafficProfile(profile);
    state.traffic.push({
      netns: w.netns,
      workloadId: w.workloadId,
      profile: text,
      process: { name: `${w.workloadId}: ${text}`, pid: child.pid, marker },
      fromDesign,
    });
    await writeState(state);
    return child.pid;
  }

  /** Makes the design's profile the one running in `w` (started, replaced or stopped); true if it moved. */
  async #followTraffic(state: LabState, w: PlannedWorkload): Promise<boolean> {
    const running = state.traffic.filter((t) => t.netns === w.netns && t.fromDesign);
    const wanted = w.traffic ? formatTrafficProfile(w.traffic) : undefined;
    if (running.length === (wanted ? 1 : 0) && running.every((t) => t.profile === wanted)) {
      return false;
    }
    for (const t of running) await stopProcess(t.process);
    state.traffic = state.traffic.filter((t) => !running.includes(t));
    await writeState(state);
    if (w.traffic) await this.#spawnTraffic(state, w, w.traffic, true);
    return true;
  }

  async #sync(key: string, planned: readonly PlannedWorkload[]): Promise<SyncReport> {
    const state = await this.#state();
    const wanted = new Map(planned.map((w) => [w.netns, w]));
    const report = {
      created: [] as string[],
      removed: [] as string[],
      unchanged: [] as string[],
      traffic: [] as string[],
    };
    for (const [netns, w] of Object.entries(state.workloads)) {
      if (w.appKey !== key) continue;
      const same = wanted.get(netns);
      if (same?.signature === w.signature) {
        report.unchanged.push(w.workloadId);
        if (await this.#followTraffic(state, same)) report.traffic.push(w.workloadId);
        wanted.delete(netns);
        continue;
      }
      await this.#destroy(state, netns);
      if (!wanted.has(netns)) report.removed.push(w.workloadId);
    }
    for (const w of wanted.values()) {
      await this.#create(state, w);
      report.created.push(w.workloadId);
    }
    // after every namespace exists: a client's first packets find its server's address
    for (const w of wanted.values()) {
      if (w.traffic && (await this.#followTraffic(state, w))) report.traffic.push(w.workloadId);
    }
    return report;
  }

  async #create(state: LabState, w: PlannedWorkload): Promise<void> {
    const lab = state.netns;
    // recorded first: a half-built namespace is still removed by lab down
    state.workloads[w.netns] = {
      appKey: w.appKey,
      workloadId: w.workloadId,
      ports: w.nics.map((n) => ({ lsp: n.lsp, device: n.hostDevice })),
      signature: w.signature,
    };
    await writeState(state);
    await run('ip', ['netns', 'add', w.netns]);
    const inNs = (...args: string[]) => run('ip', ['-n', w.netns, ...args]);
    await inNs('link', 'set', 'lo', 'up');
    for (const nic of w.nics) {
      await run('ip', [
        '-n',
        lab,
        'link',
        'add',
        nic.hostDevice,
        'type',
        'veth',
        'peer',
        'name',
        nic.device,
        'netns',
        w.netns,
      ]);
      await inNs('link', 'set', nic.device, 'address', nic.mac);
      if (nic.ipv4) await inNs('addr', 'add', nic.ipv4, 'dev', nic.device);
      if (nic.ipv6) await inNs('-6', 'addr', 'add', nic.ipv6, 'dev', nic.device, 'nodad');
      // the userspace datapath does not fill in checksums a veth left to offload
      await run('ethtool', ['-K', nic.device, 'tx', 'off'], { netns: w.netns });
      await run('ethtool', ['-K', nic.hostDevice, 'tx', 'off'], { netns: lab });
      await inNs('link', 'set', nic.device, 'up');
      await run('ip', ['-n', lab, 'link', 'set', nic.hostDevice, 'up']);
      await this.site.vsctl(
        '--may-exist',
        'add-port',
        this.site.names.bridge,
        nic.hostDevice,
        '--',
        'set',
        'Interface',
        nic.hostDevice,
        `external_ids:iface-id=${nic.lsp}`,
        `external_ids:netcanvas-lab-netns=${w.netns}`,
      );
    }
    const gateway = w.nics.find((n) => n.gateway && n.ipv4)?.gateway;
    if (gateway) await inNs('route', 'add', 'default', 'via', gateway);
  }

  async #destroy(state: LabState, netns: string): Promise<void> {
    const w = state.workloads[netns];
    if (!w) return;
    for (const t of state.traffic.filter((x) => x.netns === netns)) await stopProcess(t.process);
    state.traffic = state.traffic.filter((x) => x.netns !== netns);
    for (const port of w.ports) {
      await this.site
        .vsctl('--if-exists', 'del-port', this.site.names.bridge, port.device)
        .catch(() => undefined);
    }
    // deleting the namespace deletes its veths, and with them their ends in the lab namespace
    await runQuietly('ip', ['netns', 'del', netns]);
    delete state.workloads[netns];
    await writeState(state);
  }

  async #state(): Promise<LabState> {
    const state = await readState(this.site.config.dir);
    if (!state) {
      throw new LabError(
        'not-up',
        `lab site ${this.site.config.site} is not up; run pnpm lab up --site ${this.site.config.site}`,
      );
    }
    return state;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const locked = () => withStateLock(this.site.config.dir, task);
    const next = this.#queue.then(locked, locked);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}
