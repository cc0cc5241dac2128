import { performance } from 'node:perf_hooks';
import { type MonitorEvent, OvsdbClient } from '@netcanvas/ovsdb';

/** When (performance.now()) each watched port reached each step of its way to carrying packets. */
export interface PortTimes {
  /** ovn-northd wrote its Port_Binding into the SB */
  bound?: number;
  /** ovn-controller claimed it (Port_Binding.chassis set): the workload's OVS port is there */
  claimed?: number;
  /** the NB says `up=true`: northd saw the controller's flows installed for it */
  up?: number;
}

type Wire = Record<string, unknown>;
const isSetOf = (v: unknown) => Array.isArray(v) && v[0] === 'uuid';
const isTrue = (v: unknown) => v === true;

/**
 * Watches NB Logical_Switch_Port.up and SB Port_Binding over OVSDB monitors and stamps the
 * first time each watched port gets there; reset between runs. No polling, so it costs
 * the daemons nothing they would not do for any monitoring client.
 */
export class PortTimeline {
  readonly #nb: OvsdbClient;
  readonly #sb: OvsdbClient;
  #times = new Map<string, PortTimes>();

  private constructor(nb: OvsdbClient, sb: OvsdbClient) {
    this.#nb = nb;
    this.#sb = sb;
  }

  /** Connects to the site's NB and SB and starts both monitors. */
  static async start(nbRemote: string, sbRemote: string): Promise<PortTimeline> {
    const nb = await OvsdbClient.connect({ remote: nbRemote });
    const sb = await OvsdbClient.connect({ remote: sbRemote });
    const t = new PortTimeline(nb, sb);
    await nb.monitor('OVN_Northbound', { Logical_Switch_Port: { columns: ['name', 'up'] } }, (e) =>
      t.#rows(e, 'Logical_Switch_Port', (r) => [r.name, isTrue(r.up) ? 'up' : undefined]),
    );
    await sb.monitor(
      'OVN_Southbound',
      { Port_Binding: { columns: ['logical_port', 'chassis'] } },
      (e) =>
        t.#rows(e, 'Port_Binding', (r) => [
          r.logical_port,
          isSetOf(r.chassis) ? 'claimed' : 'bound',
        ]),
    );
    return t;
  }

  /** Forgets every stamp (before a run). */
  reset(): void {
    this.#times = new Map();
  }

  /** The stamps of `port` so far. */
  of(port: string): PortTimes {
    return this.#times.get(port) ?? {};
  }

  close(): void {
    this.#nb.close();
    this.#sb.close();
  }

  #rows(
    e: MonitorEvent,
    table: string,
    read: (row: Wire) => [unknown, keyof PortTimes | undefined],
  ) {
    if (e.kind === 'initial' || e.format !== 1) return;
    const now = performance.now();
    for (const update of Object.values(e.updates[table] ?? {})) {
      if (!update.new) continue;
      const [name, step] = read(update.new as Wire);
      if (typeof name !== 'string' || !step) continue;
      const times = this.#times.get(name) ?? {};
      // claimed implies bound: a binding may arrive already claimed
      if (step === 'claimed') times.bound ??= now;
      times[step] ??= now;
      this.#times.set(name, times);
    }
  }
}
