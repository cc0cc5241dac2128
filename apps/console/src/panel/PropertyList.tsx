/** A read-only, JSON-ish view of a value: keys on the left, values on the right. */
export function PropertyList({ value }: { value: Record<string, unknown> }) {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return (
    <dl className="props">
      {entries.map(([key, v]) => (
        <Property key={key} name={key} value={v} />
      ))}
    </dl>
  );
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function Property({ name, value }: { name: string; value: unknown }) {
  if (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
    return (
      <div className="prop prop-nested">
        <dt>
          {name} <span className="prop-count">{value.length}</span>
        </dt>
        <dd>
          {value.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no id; the list is read-only
            <div key={i} className="prop-item">
              {isPlain(item) ? <PropertyList value={item} /> : scalar(item)}
            </div>
          ))}
        </dd>
      </div>
    );
  }
  if (isPlain(value)) {
    return (
      <div className="prop prop-nested">
        <dt>{name}</dt>
        <dd>
          <PropertyList value={value} />
        </dd>
      </div>
    );
  }
  const text = Array.isArray(value)
    ? value.length
      ? value.map(scalar).join(', ')
      : '—'
    : scalar(value);
  return (
    <div className="prop">
      <dt>{name}</dt>
      <dd className={typeof value === 'string' ? 'mono' : 'mono num'}>{text}</dd>
    </div>
  );
}
