import { useQuery } from '@tanstack/react-query';
import { fetchTemplateApp } from './api.ts';

/** The application built from a template; undefined id means nothing is chosen yet. */
export function useTemplateApp(templateId: string | undefined) {
  return useQuery({
    queryKey: ['template-app', templateId],
    queryFn: () => fetchTemplateApp(templateId ?? ''),
    enabled: templateId !== undefined,
  });
}
