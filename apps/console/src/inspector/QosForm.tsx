import { NumberField, SelectField, TextField } from './fields.tsx';
import { RefListField } from './RefListField.tsx';

/** QoS policy: what it shapes, how fast and how it marks. */
export function QosForm() {
  return (
    <>
      <TextField label="Name" path={['name']} wide />
      <RefListField label="Applies to" path={['appliesTo']} kinds={['workload', 'switch']} />
      <SelectField
        label="Direction"
        path={['direction']}
        options={[
          ['egress', 'egress'],
          ['ingress', 'ingress'],
        ]}
      />
      <NumberField label="DSCP" path={['dscp']} placeholder="none" />
      <NumberField label="Rate (kbps)" path={['rateKbps']} placeholder="no limit" />
      <NumberField label="Burst (kbit)" path={['burstKbits']} placeholder="none" />
    </>
  );
}
