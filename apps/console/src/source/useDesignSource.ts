import type { Application } from '@netcanvas/model';
import { useTemplateApp } from '../useTemplateApp.ts';
import type { DesignRef } from './design-ref.ts';

/** The saved design the editor starts from, and how to save a new version of it. */
export interface DesignSource {
  readonly base: Application | undefined;
  readonly status: 'idle' | 'loading' | 'error' | 'ready';
  readonly error: Error | null;
  readonly retry: () => void;
  /**
   * Saves the document as a new version. Undefined until the server API lands: it will
   * `PUT /api/tenants/:t/apps/:id` with `If-Match: <etag>` and answer the new version.
   */
  readonly save: ((doc: Application) => Promise<Application>) | undefined;
}

/** Loads a design. Today only templates; `{ kind: 'app' }` waits for the server API. */
export function useDesignSource(ref: DesignRef | undefined): DesignSource {
  const templateId = ref?.kind === 'template' ? ref.templateId : undefined;
  const query = useTemplateApp(templateId);
  if (!ref)
    return { base: undefined, status: 'idle', error: null, retry: () => {}, save: undefined };
  if (ref.kind === 'app') {
    return {
      base: undefined,
      status: 'error',
      error: new Error('opening saved applications needs the server API, which is not there yet'),
      retry: () => {},
      save: undefined,
    };
  }
  return {
    base: query.data,
    status: query.isError ? 'error' : query.data ? 'ready' : 'loading',
    error: query.error,
    retry: () => void query.refetch(),
    save: undefined,
  };
}
