import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { fetchAppVersion } from '../api/apps.ts';
import { getJson } from '../api/http.ts';
import type { DesignRef } from '../source/design-ref.ts';
import { appKey } from '../source/useDesignSource.ts';

interface Deployment {
  readonly version: number;
  readonly appliedAt: string;
}

/**
 * The design a live view draws: the version of `tenant/app` that was applied last (its
 * deployments name the version), put where the editor reads the app from. Undefined while it
 * loads, and when the server does not know the app (the caller keeps its fallback).
 */
export function useLiveDesignRef(liveApp: string | undefined): DesignRef | undefined {
  const client = useQueryClient();
  const [tenant = '', appId = ''] = liveApp?.split('/') ?? [];
  const loaded = useQuery({
    queryKey: ['live-design', tenant, appId],
    enabled: liveApp !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: async () => {
      const path = `/api/tenants/${encodeURIComponent(tenant)}/apps/${encodeURIComponent(appId)}`;
      const deployments = await getJson<Deployment[]>(`${path}/deployments`);
      const latest = [...deployments].sort((a, b) => b.appliedAt.localeCompare(a.appliedAt))[0];
      if (!latest) return false;
      // the editor reads the app from this cache entry: it draws the applied version
      client.setQueryData(
        appKey(tenant, appId),
        await fetchAppVersion(tenant, appId, latest.version),
      );
      return true;
    },
  });
  const ready = loaded.data === true;
  // one object per app: the editor reloads whenever the reference changes
  return useMemo(
    () => (ready ? { kind: 'app', tenant, appId } : undefined),
    [ready, tenant, appId],
  );
}
