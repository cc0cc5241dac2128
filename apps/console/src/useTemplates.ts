import { useQuery } from '@tanstack/react-query';
import { fetchTemplates } from './api.ts';

/** The templates the server offers. */
export function useTemplates(enabled = true) {
  return useQuery({ queryKey: ['templates'], queryFn: fetchTemplates, enabled });
}
