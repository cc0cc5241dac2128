import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { checkController } from './deploy-api.ts';
import type { ControllerSummary } from './types.ts';

interface Props {
  readonly tenant: string;
  readonly controllers: readonly ControllerSummary[];
  readonly value: number | undefined;
  readonly onChange: (id: number) => void;
  /** controller id → the version of this app it holds */
  readonly deployedTo: ReadonlyMap<number, number>;
  readonly disabled: boolean;
  /** the Plan button, on the select's line */
  readonly children: ReactNode;
}

/** Which controller to plan against, with its health (checked now) and what it holds of this app. */
export function ControllerPicker(props: Props) {
  const { tenant, controllers, value, onChange, deployedTo, disabled, children } = props;
  const chosen = controllers.find((c) => c.id === value);
  const check = useQuery({
    queryKey: ['controller-health', tenant, value],
    queryFn: () => checkController(tenant, value ?? 0),
    enabled: value !== undefined,
    staleTime: 15_000,
    retry: false,
  });
  const health = check.data ?? chosen?.health ?? undefined;
  const h = check.isError
    ? { tone: 'bad', text: (check.error as Error).message }
    : !health
      ? { tone: 'muted', text: 'checking…' }
      : health.healthy
        ? { tone: 'good', text: health.detail || 'healthy' }
        : { tone: 'bad', text: health.detail || 'not answering' };
  const held = chosen && deployedTo.get(chosen.id);
  return (
    <div className="deploy-picker">
      <label className="field-label" htmlFor="deploy-controller">
        Controller
      </label>
      <div className="deploy-pick-row">
        <span className="field">
          <select
            id="deploy-controller"
            data-testid="deploy-controller"
            value={value ?? ''}
            disabled={disabled}
            onChange={(e) => onChange(Number(e.target.value))}
          >
            {controllers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} · {c.kind === 'ovn' ? 'OVN' : 'sandbox'}
                {deployedTo.has(c.id) ? ` · holds v${deployedTo.get(c.id)}` : ''}
              </option>
            ))}
          </select>
        </span>
        {children}
      </div>
      {chosen && (
        <div className="deploy-picker-facts" data-testid="deploy-controller-facts">
          <span className={`deploy-health deploy-health-${h.tone}`} title={h.text}>
            <span className="dot" />
            {h.text}
          </span>
          <span className="deploy-picker-held">
            {held ? `holds v${held} of this app` : 'this app is not applied here'}
            {chosen.remote && <span className="mono"> · {chosen.remote}</span>}
          </span>
        </div>
      )}
    </div>
  );
}
