import { EventEmitter } from 'node:events';
import { OvnError } from './errors.ts';
import { HypervisorPortMap, type HypervisorSource } from './port-map.ts';
import { canonicalAgent, type PortMapChange, type PortMapEntry } from './port-map-entries.ts';

/** Where a sample's (agent, ifIndex) leads: a logical port, or unmapped (still counted). */
export type PortResolution =
  | ({ readonly mapped: true } & PortMapEntry)
  | {
      readonly mapped: false;
      readonly agent: string;
      readonly ifIndex: number;
      /** why: no hypervisor configured for the agent, or no interface with that ifindex */
      readonly reason: 'unknown-agent' | 'unknown-ifindex';
    };

export interface PortMapEvents {
  change: [changes: readonly PortMapChange[]];
}

/** The port maps of several hypervisors, one per sFlow agent address. */
export class PortMap extends EventEmitter<PortMapEvents> {
  readonly #byAgent = new Map<string, HypervisorPortMap>();

  /** Connects to every hypervisor; if one fails, those already connected are closed. */
  static async connect(sources: readonly HypervisorSource[]): Promise<PortMap> {
    const map = new PortMap();
    try {
      for (const source of sources) await map.add(source);
    } catch (error) {
      map.close();
      throw error;
    }
    return map;
  }

  /** Adds a hypervisor; `invalid-design` when its agent address is already configured. */
  async add(source: HypervisorSource): Promise<HypervisorPortMap> {
    const agent = canonicalAgent(source.agent);
    if (this.#byAgent.has(agent)) {
      throw new OvnError(
        'invalid-design',
        `sFlow agent ${agent} is already mapped to a hypervisor; give each hypervisor its own agent address`,
      );
    }
    const hypervisor = await HypervisorPortMap.connect(source);
    this.#byAgent.set(agent, hypervisor);
    hypervisor.on('change', (changes) => this.emit('change', changes));
    const initial = hypervisor.entries().map((after) => ({
      agent,
      ifIndex: after.ifIndex,
      before: undefined,
      after,
    }));
    if (initial.length > 0) this.emit('change', initial);
    return hypervisor;
  }

  /** Closes and forgets the hypervisor of `agent`. */
  remove(agent: string): void {
    const key = canonicalAgent(agent);
    this.#byAgent.get(key)?.close();
    this.#byAgent.delete(key);
  }

  hypervisor(agent: string): HypervisorPortMap | undefined {
    return this.#byAgent.get(agent) ?? this.#byAgent.get(canonicalAgent(agent));
  }

  lookup(agent: string, ifIndex: number): PortMapEntry | undefined {
    return this.hypervisor(agent)?.lookup(agent, ifIndex);
  }

  resolve(agent: string, ifIndex: number): PortResolution {
    const hypervisor = this.hypervisor(agent);
    if (!hypervisor) return { mapped: false, agent, ifIndex, reason: 'unknown-agent' };
    const entry = hypervisor.lookup(hypervisor.agent, ifIndex);
    return entry
      ? { mapped: true, ...entry }
      : { mapped: false, agent, ifIndex, reason: 'unknown-ifindex' };
  }

  close(): void {
    for (const hypervisor of this.#byAgent.values()) hypervisor.close();
    this.#byAgent.clear();
  }
}
