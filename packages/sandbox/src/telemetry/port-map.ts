import type { Application } from '@netcanvas/model';

/** Ties an sFlow data source (agent + ifIndex) to a workload NIC of an applied app. */
export interface SandboxPortMapEntry {
  readonly agent: string;
  readonly ifIndex: number;
  readonly appKey: string;
  readonly workloadId: string;
  readonly nicId: string;
  /** `workload/nic`, also sent as the port-name counter record */
  readonly ifName: string;
}

/**
 * Hands out ifIndexes to NICs, from 1 up, in the order they are first seen. An index
 * is never reused, so a removed and re-added NIC does not inherit another's counters.
 */
export class IfIndexAllocator {
  readonly #byNic = new Map<string, number>();
  #next = 1;

  /** the ifIndex of a NIC, allocated on first use */
  of(appKey: string, workloadId: string, nicId: string): number {
    const key = `${appKey}|${workloadId}|${nicId}`;
    let i = this.#byNic.get(key);
    if (i === undefined) {
      i = this.#next++;
      this.#byNic.set(key, i);
    }
    return i;
  }

  /** port map entries of every NIC of these apps, in app key then design order */
  entries(
    agent: string,
    apps: readonly { key: string; app: Application }[],
  ): SandboxPortMapEntry[] {
    const out: SandboxPortMapEntry[] = [];
    for (const { key, app } of [...apps].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    )) {
      for (const o of app.objects) {
        if (o.kind !== 'workload') continue;
        for (const nic of o.nics) {
          out.push({
            agent,
            ifIndex: this.of(key, o.id, nic.id),
            appKey: key,
            workloadId: o.id,
            nicId: nic.id,
            ifName: `${o.id}/${nic.id}`,
          });
        }
      }
    }
    return out;
  }
}
