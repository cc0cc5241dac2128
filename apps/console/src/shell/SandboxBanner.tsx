import { useControllers } from '../deploy/useControllers.ts';
import { useHealth } from '../useHealth.ts';

/** Says plainly when applies in this tenant only go to the embedded sandbox controller. */
export function SandboxBanner({ tenant }: { readonly tenant: string }) {
  const health = useHealth();
  const ovn = useControllers(tenant).data?.filter((c) => c.kind === 'ovn');
  if (health.data?.controller.kind !== 'sandbox') return null;
  // a tenant with a registered OVN site applies for real there
  if (ovn === undefined || ovn.length > 0) return null;
  return (
    <div className="sandbox-banner" role="status" data-testid="sandbox-banner">
      <strong>Sandbox controller</strong> — applies are simulated; register an OVN controller to
      apply for real.
    </div>
  );
}
