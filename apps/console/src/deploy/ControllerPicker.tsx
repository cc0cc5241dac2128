import type { ControllerSummary } from './types.ts';

interface Props {
  readonly controllers: readonly ControllerSummary[];
  readonly value: number | undefined;
  readonly onChange: (id: number) => void;
  readonly deployedTo: ReadonlyMap<number, number>;
  readonly disabled: boolean;
}

function health(c: ControllerSummary): { tone: string; text: string } {
  if (!c.health) return { tone: 'muted', text: 'not checked yet' };
  return c.health.healthy
    ? { tone: 'good', text: c.health.detail || 'healthy' }
    : { tone: 'bad', text: c.health.detail || 'not answering' };
}

/** Which controller to plan against, with its health and what it holds of this app. */
export function ControllerPicker({ controllers, value, onChange, deployedTo, disabled }: Props) {
  const chosen = controllers.find((c) => c.id === value);
  const h = chosen && health(chosen);
  const held = chosen && deployedTo.get(chosen.id);
  return (
    <div className="deploy-picker">
      <label className="field">
        <span className="field-label">Controller</span>
        <select
          data-testid="deploy-controller"
          value={value ?? ''}
          disabled={disabled}
          onChange={(e) => onChange(Number(e.target.value))}
        >
          {controllers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.kind === 'ovn' ? 'OVN' : 'sandbox'})
            </option>
          ))}
        </select>
      </label>
      {chosen && h && (
        <div className="deploy-picker-facts">
          <span className={`deploy-health deploy-health-${h.tone}`} title={h.text}>
            <span className="dot" />
            {h.text}
          </span>
          <span className="deploy-picker-held">
            {held ? `holds v${held}` : 'this app is not applied here'}
            {chosen.remote && <span className="mono"> · {chosen.remote}</span>}
          </span>
        </div>
      )}
    </div>
  );
}
