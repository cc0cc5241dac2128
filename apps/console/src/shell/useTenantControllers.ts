import { useQuery } from '@tanstack/react-query';
import { fetchControllers } from '../deploy/deploy-api.ts';
import type { ControllerSummary } from '../deploy/types.ts';

/** The tenant's OVN sites, once known: whether applies here go anywhere but the sandbox. */
export function useTenantControllers(tenant: string | undefined): {
  readonly ovn: readonly ControllerSummary[] | undefined;
} {
  const query = useQuery({
    queryKey: ['controllers', tenant],
    queryFn: () => fetchControllers(tenant ?? ''),
    enabled: tenant !== undefined,
    staleTime: 15_000,
    retry: false,
  });
  return { ovn: query.data?.filter((c) => c.kind === 'ovn') };
}
