import type { Application } from '@netcanvas/model';
import type { SandboxController } from '@netcanvas/sandbox';
import type { Endpoint, PortOwner } from '../stream/index.ts';
import { addressesOf, type PortResolver } from './port-resolver.ts';

const REFRESH_MS = 1_000;

/** Maps sandbox ports and addresses back to the applied designs, refreshed as apps are applied. */
export class SandboxPorts implements PortResolver {
  readonly #sandbox: SandboxController;
  #ports = new Map<string, PortOwner>();
  #addresses = new Map<string, Map<string, Endpoint>>();
  #builtAt = -Infinity;

  constructor(sandbox: SandboxController) {
    this.#sandbox = sandbox;
  }

  port(agent: string, ifIndex: number): PortOwner | undefined {
    const key = `${agent}/${ifIndex}`;
    if (!this.#ports.has(key)) this.#refresh();
    return this.#ports.get(key);
  }

  address(appKey: string, ip: string): Endpoint | undefined {
    if (!this.#addresses.get(appKey)?.has(ip)) this.#refresh();
    return this.#addresses.get(appKey)?.get(ip);
  }

  #refresh(): void {
    if (Date.now() - this.#builtAt < REFRESH_MS) return;
    this.#builtAt = Date.now();
    const apps = new Map<string, Application>();
    const appOf = (appKey: string) => {
      if (!apps.has(appKey)) {
        const [tenant = '', id = ''] = appKey.split('/');
        const stored = this.#sandbox.read({ tenant, id });
        if (stored) apps.set(appKey, stored.app);
      }
      return apps.get(appKey);
    };
    const ports = new Map<string, PortOwner>();
    for (const e of this.#sandbox.portMap()) {
      const nic = appOf(e.appKey)?.objects.find((o) => o.id === e.workloadId);
      const switchId =
        nic?.kind === 'workload' ? nic.nics.find((n) => n.id === e.nicId)?.switch : undefined;
      ports.set(`${e.agent}/${e.ifIndex}`, {
        appKey: e.appKey,
        objectId: e.workloadId,
        nicId: e.nicId,
        portName: e.ifName,
        ...(switchId ? { switchId } : {}),
      });
    }
    const addresses = new Map<string, Map<string, Endpoint>>();
    for (const [appKey, app] of apps) addresses.set(appKey, addressesOf(app));
    this.#ports = ports;
    this.#addresses = addresses;
  }
}
