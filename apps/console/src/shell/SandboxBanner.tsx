import { useHealth } from '../useHealth.ts';

/** Says plainly when applies only go to the embedded sandbox controller. */
export function SandboxBanner() {
  const health = useHealth();
  if (health.data?.controller.kind !== 'sandbox') return null;
  return (
    <div className="sandbox-banner" role="status" data-testid="sandbox-banner">
      <strong>Sandbox controller</strong> — applies are simulated; register an OVN controller to
      apply for real.
    </div>
  );
}
