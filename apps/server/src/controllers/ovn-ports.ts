import type { Application } from '@netcanvas/model';
import { OvnNames } from '@netcanvas/ovn';

/** A workload NIC of a design, as its logical switch port is named in OVN. */
export interface WorkloadPort {
  readonly objectId: string;
  readonly nicId: string;
  /** the switch the NIC plugs into */
  readonly switchId: string;
}

/**
 * Logical switch port name → workload NIC, for every NIC of `app`: the same name the driver
 * gives the port (an imported port keeps its own), which is also the `iface-id` a hypervisor
 * binds and the `logical_port` of its SB Port_Binding.
 */
export function workloadPorts(app: Application): Map<string, WorkloadPort> {
  const names = new OvnNames(app);
  const ports = new Map<string, WorkloadPort>();
  for (const o of app.objects) {
    if (o.kind !== 'workload') continue;
    for (const nic of o.nics) {
      ports.set(nic.ovn?.name ?? names.nic(o.id, nic.id), {
        objectId: o.id,
        nicId: nic.id,
        switchId: nic.switch,
      });
    }
  }
  return ports;
}
