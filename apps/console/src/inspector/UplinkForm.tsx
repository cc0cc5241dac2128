import { NumberField, TextField } from './fields.tsx';

/** Uplink: the physical network a localnet port bridges to. */
export function UplinkForm() {
  return (
    <>
      <TextField label="Name" path={['name']} wide />
      <TextField label="Physical network" path={['physicalNetwork']} mono placeholder="physnet1" />
      <NumberField label="VLAN" path={['vlan']} placeholder="none" />
      <TextField label="Subnet" path={['subnet']} mono optional placeholder="203.0.113.0/24" />
      <TextField label="Gateway" path={['gatewayIp']} mono optional placeholder="203.0.113.1" />
    </>
  );
}
