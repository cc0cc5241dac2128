import type { AddressPlan, Application, NetworkObject } from '@netcanvas/model';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { KIND_ORDER, KIND_STYLES } from '../canvas/kinds.ts';
import { PropertyList } from './PropertyList.tsx';
import { Section } from './Section.tsx';

interface Props {
  readonly app: Application;
  readonly plan: AddressPlan;
  readonly selected: NetworkObject | undefined;
}

function addressesOf(obj: NetworkObject, plan: AddressPlan): Record<string, unknown> | undefined {
  if (obj.kind !== 'workload') return undefined;
  const nics = plan.nics.filter((n) => n.workloadId === obj.id);
  return Object.fromEntries(
    nics.map((n) => [n.nicId, { ip: n.ip, ipSource: n.ipSource, ip6: n.ip6, mac: n.mac }]),
  );
}

/** The selected object's properties, or a summary of the application. */
export function DetailsPanel({ app, plan, selected }: Props) {
  if (!selected) {
    const counts = KIND_ORDER.map(
      (k) => [k, app.objects.filter((o) => o.kind === k).length] as const,
    ).filter(([, n]) => n > 0);
    return (
      <Section title="Application" testId="details-panel">
        <PropertyList value={{ name: app.name, id: app.id, tenant: app.tenant }} />
        <ul className="app-summary" data-testid="app-summary">
          {counts.map(([kind, n]) => (
            <li key={kind}>
              <KindIcon kind={kind} size={14} />
              {KIND_STYLES[kind].plural}
              <span className="n">{n}</span>
            </li>
          ))}
        </ul>
        <p className="hint">Select an object on the canvas to see its properties.</p>
      </Section>
    );
  }
  const { kind, id, name, ...rest } = selected;
  const resolved = addressesOf(selected, plan);
  return (
    <Section title="Selection" testId="details-panel">
      <div className="details-head" data-testid="details-object">
        <span className="details-icon" style={{ borderColor: KIND_STYLES[kind].color }}>
          <KindIcon kind={kind} size={20} />
        </span>
        <span>
          <span className="details-name">{name}</span>
          <span className="details-sub">
            {KIND_STYLES[kind].label} · <span className="mono">{id}</span>
          </span>
        </span>
      </div>
      <PropertyList value={rest} />
      {resolved && (
        <>
          <h4 className="subhead">Resolved addresses</h4>
          <PropertyList value={resolved} />
        </>
      )}
    </Section>
  );
}
