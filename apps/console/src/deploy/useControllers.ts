import { useQuery } from '@tanstack/react-query';
import { fetchControllers } from './deploy-api.ts';

/** The tenant's controllers with their last health check; one cached query for every view. */
export function useControllers(tenant: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['controllers', tenant],
    queryFn: () => fetchControllers(tenant ?? ''),
    enabled: enabled && tenant !== undefined,
    staleTime: 15_000,
  });
}
