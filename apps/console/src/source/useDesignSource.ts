import type { Application } from '@netcanvas/model';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { etagFor, fetchApp, type StoredApp, saveApp } from '../api/apps.ts';
import { appsKey } from '../apps/useApps.ts';
import { useTemplateApp } from '../useTemplateApp.ts';
import type { DesignRef } from './design-ref.ts';
import { clearDraft } from './drafts.ts';

/** The saved design the editor starts from, and how to save a new version of it. */
export interface DesignSource {
  readonly base: Application | undefined;
  readonly status: 'idle' | 'loading' | 'error' | 'ready';
  readonly error: Error | null;
  readonly retry: () => void;
  /** the stored version (who saved it, when, its ETag); undefined for a template */
  readonly stored: StoredApp | undefined;
  /**
   * Saves the document as a new version with `If-Match` naming `etag` (by default the
   * version the document was loaded at). Throws `version-conflict` when someone saved
   * since. Undefined for a template.
   */
  readonly save:
    | ((doc: Application, message: string, etag?: string) => Promise<StoredApp>)
    | undefined;
  /** reads the latest version from the server again, dropping this browser's draft */
  readonly reload: () => Promise<void>;
}

/** The query key of an app's latest version. */
export const appKey = (tenant: string, appId: string) => ['app', tenant, appId] as const;

/** Loads a design: a server app (with its ETag) or, in live mode, a template. */
export function useDesignSource(ref: DesignRef | undefined): DesignSource {
  const client = useQueryClient();
  const templateId = ref?.kind === 'template' ? ref.templateId : undefined;
  const template = useTemplateApp(templateId);
  const tenant = ref?.kind === 'app' ? ref.tenant : '';
  const appId = ref?.kind === 'app' ? ref.appId : '';
  const app = useQuery({
    queryKey: appKey(tenant, appId),
    queryFn: () => fetchApp(tenant, appId),
    enabled: ref?.kind === 'app',
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  const save = useCallback(
    async (doc: Application, message: string, etag?: string) => {
      const saved = await saveApp(tenant, appId, doc, message, etag ?? etagFor(appId, doc.version));
      if (ref) clearDraft(ref);
      client.setQueryData(appKey(tenant, appId), saved);
      void client.invalidateQueries({ queryKey: appsKey(tenant) });
      return saved;
    },
    [client, ref, tenant, appId],
  );
  const reload = useCallback(async () => {
    if (ref) clearDraft(ref);
    const latest = await fetchApp(tenant, appId);
    client.setQueryData(appKey(tenant, appId), latest);
  }, [client, ref, tenant, appId]);

  if (!ref) {
    return {
      base: undefined,
      status: 'idle',
      error: null,
      retry: () => {},
      stored: undefined,
      save: undefined,
      reload: async () => {},
    };
  }
  if (ref.kind === 'app') {
    return {
      base: app.data?.design,
      status: app.isError ? 'error' : app.data ? 'ready' : 'loading',
      error: app.error,
      retry: () => void app.refetch(),
      stored: app.data,
      save,
      reload,
    };
  }
  return {
    base: template.data,
    status: template.isError ? 'error' : template.data ? 'ready' : 'loading',
    error: template.error,
    retry: () => void template.refetch(),
    stored: undefined,
    save: undefined,
    reload: async () => {},
  };
}
