import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ListedApp, StoredApp } from '../api/apps.ts';
import { canEdit, roleIn } from '../api/session.ts';
import { useSession } from '../session/useSession.ts';
import { Logo } from '../shell/Logo.tsx';
import { formatRoute, type Route } from '../shell/route.ts';
import { SandboxBanner } from '../shell/SandboxBanner.tsx';
import { ThemeToggle } from '../shell/ThemeToggle.tsx';
import { UserMenu } from '../shell/UserMenu.tsx';
import type { Theme } from '../shell/useTheme.ts';
import { AppSnapshotActions } from '../snapshots/AppSnapshotActions.tsx';
import { SnapshotsDialog } from '../snapshots/SnapshotsDialog.tsx';
import { AppTable } from './AppTable.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { NewAppDialog } from './NewAppDialog.tsx';
import { TenantSwitcher } from './TenantSwitcher.tsx';
import { appsKey, useApps } from './useApps.ts';

interface Props {
  readonly tenant: string;
  readonly navigate: (to: Route, options?: { replace?: boolean }) => void;
  readonly theme: Theme;
  readonly onTheme: () => void;
}

/** The tenant's applications: search, open, create from a template, import from a controller. */
export function AppListPage({ tenant, navigate, theme, onTheme }: Props) {
  const { session } = useSession();
  const client = useQueryClient();
  const apps = useApps(tenant);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<'new' | 'import' | undefined>();
  const [snapshotsOf, setSnapshotsOf] = useState<ListedApp | undefined>();
  const role = roleIn(session, tenant);
  const editable = canEdit(role);
  const ids = useMemo(() => (apps.data ?? []).map((a) => a.id), [apps.data]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = apps.data ?? [];
    return q
      ? list.filter((a) => a.name.toLowerCase().includes(q) || a.id.toLowerCase().includes(q))
      : list;
  }, [apps.data, query]);

  const open = (appId: string) => navigate({ kind: 'app', tenant, appId });
  const opened = (app: StoredApp) => {
    void client.invalidateQueries({ queryKey: appsKey(tenant) });
    client.setQueryData(['app', tenant, app.id], app);
    setDialog(undefined);
    open(app.id);
  };

  return (
    <div className="list-shell">
      <header className="topbar">
        <div className="brand">
          <Logo />
          <span className="brand-name">netcanvas</span>
        </div>
        <nav className="crumbs" aria-label="location">
          <TenantSwitcher tenant={tenant} onTenant={(t) => navigate({ kind: 'apps', tenant: t })} />
          <span className="crumb-sep">/</span>
          <span className="crumb-current">Applications</span>
        </nav>
        <div className="topbar-right">
          <ThemeToggle theme={theme} onTheme={onTheme} />
          <UserMenu role={role} />
        </div>
      </header>
      <SandboxBanner tenant={tenant} />
      <main className="list-page">
        <div className="list-head">
          <div>
            <h1>Applications</h1>
            <p className="list-sub">
              {apps.data
                ? `${apps.data.length} application${apps.data.length === 1 ? '' : 's'} in ${tenant}`
                : `Tenant ${tenant}`}
              {!editable && role && ` · you have ${role} access, so designs are read-only`}
            </p>
          </div>
          <div className="list-actions">
            <input
              type="search"
              className="list-search"
              placeholder="Search by name or id"
              aria-label="Search applications"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            {editable && (
              <>
                <button type="button" className="btn" onClick={() => setDialog('import')}>
                  Import from controller
                </button>
                <button
                  type="button"
                  className="btn btn-primary"
                  onClick={() => setDialog('new')}
                  data-testid="new-app"
                >
                  New application
                </button>
              </>
            )}
          </div>
        </div>
        <AppTable
          apps={shown}
          total={apps.data?.length}
          status={apps.isError ? 'error' : apps.isPending ? 'loading' : 'ready'}
          error={apps.error?.message}
          query={query}
          editable={editable}
          hrefOf={(appId) => formatRoute({ kind: 'app', tenant, appId })}
          onNew={() => setDialog('new')}
          actions={
            role &&
            ((a) => (
              <AppSnapshotActions
                tenant={tenant}
                appId={a.id}
                deployments={a.deployments}
                role={role}
                onOpen={() => setSnapshotsOf(a)}
              />
            ))
          }
        />
      </main>
      {dialog === 'new' && (
        <NewAppDialog
          tenant={tenant}
          existingIds={ids}
          onClose={() => setDialog(undefined)}
          onCreated={opened}
        />
      )}
      {snapshotsOf && role && (
        <SnapshotsDialog
          target={{ tenant, appId: snapshotsOf.id, name: snapshotsOf.name, role }}
          onClose={() => setSnapshotsOf(undefined)}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          tenant={tenant}
          existingIds={ids}
          onClose={() => setDialog(undefined)}
          onImported={opened}
        />
      )}
    </div>
  );
}
