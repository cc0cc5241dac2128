import { useTenants } from './useApps.ts';

/** The tenant in the breadcrumb; a picker when the user can see more than one. */
export function TenantSwitcher({
  tenant,
  onTenant,
}: {
  readonly tenant: string;
  readonly onTenant: (tenant: string) => void;
}) {
  const tenants = useTenants();
  const list = tenants.data ?? [];
  if (list.length < 2) return <span data-testid="tenant">{tenant}</span>;
  return (
    <select
      className="tenant-switcher"
      aria-label="Tenant"
      data-testid="tenant"
      value={tenant}
      onChange={(e) => onTenant(e.target.value)}
    >
      {list.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name === t.id ? t.id : `${t.name} (${t.id})`}
        </option>
      ))}
    </select>
  );
}
