import type { NetworkObject } from '@netcanvas/model';
import { FirewallForm } from './FirewallForm.tsx';
import { GroupForm } from './GroupForm.tsx';
import { LoadBalancerForm } from './LoadBalancerForm.tsx';
import { QosForm } from './QosForm.tsx';
import { RouterForm } from './RouterForm.tsx';
import { SwitchForm } from './SwitchForm.tsx';
import { UplinkForm } from './UplinkForm.tsx';
import { WorkloadForm } from './WorkloadForm.tsx';

/** The form for the object's kind. */
export function KindForm({ object }: { object: NetworkObject }) {
  switch (object.kind) {
    case 'switch':
      return <SwitchForm object={object} />;
    case 'router':
      return <RouterForm object={object} />;
    case 'workload':
      return <WorkloadForm object={object} />;
    case 'loadBalancer':
      return <LoadBalancerForm object={object} />;
    case 'group':
      return <GroupForm object={object} />;
    case 'firewall':
      return <FirewallForm object={object} />;
    case 'qos':
      return <QosForm />;
    case 'uplink':
      return <UplinkForm />;
  }
}
