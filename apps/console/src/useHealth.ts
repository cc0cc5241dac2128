import { useQuery } from '@tanstack/react-query';
import { fetchHealth } from './api.ts';

/** Server and controller status, refreshed in the background. */
export function useHealth() {
  return useQuery({ queryKey: ['health'], queryFn: fetchHealth, refetchInterval: 15_000 });
}
