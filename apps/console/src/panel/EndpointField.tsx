import type { NetworkObject } from '@netcanvas/model';

const ADDRESS = '__address__';

interface Props {
  readonly label: string;
  readonly testId: string;
  readonly endpoints: readonly NetworkObject[];
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** Picks a workload or load balancer, or takes a typed address. */
export function EndpointField({ label, testId, endpoints, value, onChange }: Props) {
  const isObject = endpoints.some((e) => e.id === value);
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        data-testid={`${testId}-select`}
        value={isObject ? value : ADDRESS}
        onChange={(e) => onChange(e.target.value === ADDRESS ? '' : e.target.value)}
      >
        <optgroup label="Workloads">
          {endpoints
            .filter((o) => o.kind === 'workload')
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </optgroup>
        <optgroup label="Load balancer VIPs">
          {endpoints
            .filter((o) => o.kind === 'loadBalancer')
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </optgroup>
        <option value={ADDRESS}>IP address…</option>
      </select>
      {!isObject && (
        <input
          data-testid={`${testId}-address`}
          className="mono"
          placeholder="e.g. 198.51.100.7"
          value={value}
          onChange={(e) => onChange(e.target.value.trim())}
          spellCheck={false}
        />
      )}
    </label>
  );
}
