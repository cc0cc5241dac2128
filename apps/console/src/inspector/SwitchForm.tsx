import type { LogicalSwitch } from '@netcanvas/model';
import { useWorkspace } from '../editor/useWorkspace.ts';
import { CheckField, ListField, NumberField, SelectField, TextField } from './fields.tsx';

/** Logical switch: subnets, DHCP, MTU, VLAN and the physical network it bridges to. */
export function SwitchForm({ object }: { object: LogicalSwitch }) {
  const { doc, plan } = useWorkspace();
  const uplinks = doc.objects
    .filter((o) => o.kind === 'uplink')
    .map((o) => [o.id, o.name] as const);
  const name = (id: string) => doc.objects.find((o) => o.id === id)?.name ?? id;
  const ports = [
    ...plan.routerPorts
      .filter((p) => p.switchId === object.id)
      .map((p) => [name(p.routerId), p.ip ?? p.ip6 ?? '—'] as const),
    ...plan.nics
      .filter((n) => n.switchId === object.id)
      .map((n) => [`${name(n.workloadId)} ${n.nicId}`, n.ip ?? n.ip6 ?? '—'] as const),
  ];
  return (
    <>
      <TextField label="Name" path={['name']} wide />
      <TextField label="IPv4 subnet" path={['subnet']} mono optional placeholder="10.0.1.0/24" />
      <TextField label="IPv6 subnet" path={['subnet6']} mono optional placeholder="fd00:1::/64" />
      <NumberField label="MTU" path={['mtu']} placeholder="1500" />
      <NumberField label="VLAN" path={['vlan']} placeholder="none" />
      <SelectField label="Uplink (localnet)" path={['uplink']} options={uplinks} none="none" wide />
      <CheckField label="DHCP" path={['dhcp', 'enabled']} />
      <ListField
        label="Excluded addresses"
        path={['excludeIps']}
        mono
        wide
        placeholder="10.0.1.2..10.0.1.9"
      />
      <ListField label="Tags" path={['tags']} wide placeholder="tier=web" />
      <div className="field wide">
        <span className="field-label">Ports ({ports.length})</span>
        <ul className="port-list">
          {ports.map(([who, ip]) => (
            <li key={who}>
              <span>{who}</span>
              <span className="mono">{ip}</span>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
