import { useQuery } from '@tanstack/react-query';
import { fetchApps, fetchTenants } from '../api/apps.ts';

/** Query keys of the app list, so a save or a create can refresh it. */
export const appsKey = (tenant: string) => ['apps', tenant] as const;

/** The tenant's applications at their latest version. */
export function useApps(tenant: string | undefined) {
  return useQuery({
    queryKey: appsKey(tenant ?? ''),
    queryFn: () => fetchApps(tenant ?? ''),
    enabled: tenant !== undefined,
    staleTime: 5_000,
  });
}

/** The tenants the user can see. */
export function useTenants() {
  return useQuery({ queryKey: ['tenants'], queryFn: fetchTenants });
}
