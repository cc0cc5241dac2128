import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { canEdit, roleIn } from './api/session.ts';
import { AppListPage } from './apps/AppListPage.tsx';
import { useTenants } from './apps/useApps.ts';
import { liveAppFromUrl } from './live/live-app.ts';
import { useLiveDesignRef } from './live/useLiveDesignRef.ts';
import { SessionGate } from './session/SessionGate.tsx';
import { useSession } from './session/useSession.ts';
import { EditorPage } from './shell/EditorPage.tsx';
import { formatRoute } from './shell/route.ts';
import { UserMenu } from './shell/UserMenu.tsx';
import { useRoute } from './shell/useRoute.ts';
import { type Theme, useTheme } from './shell/useTheme.ts';
import type { DesignRef } from './source/design-ref.ts';

/**
 * The console: the live view of `?live=<tenant>/<app>` (the live test server's seam),
 * else sign in, the tenant's applications, and the editor of one.
 */
export function App() {
  const [theme, toggleTheme] = useTheme();
  const [liveApp] = useState(liveAppFromUrl);
  const liveDesign = useLiveDesignRef(liveApp);
  if (liveApp) {
    return (
      <ReactFlowProvider>
        <EditorPage
          designRef={liveDesign ?? LIVE_DESIGN}
          liveApp={liveApp}
          editable
          location={{ tenant: liveApp.split('/')[0] ?? 'default', version: undefined }}
          theme={theme}
          onTheme={toggleTheme}
        />
      </ReactFlowProvider>
    );
  }
  return (
    <SessionGate>
      <Routed theme={theme} onTheme={toggleTheme} />
    </SessionGate>
  );
}

// the seam: live mode shows the design the live test server applied
const LIVE_DESIGN: DesignRef = { kind: 'template', templateId: 'three-tier' };

function Routed({ theme, onTheme }: { readonly theme: Theme; readonly onTheme: () => void }) {
  const { session } = useSession();
  const [route, navigate] = useRoute();
  const tenants = useTenants();
  const tenant = route.tenant ?? session.tenants[0]?.id ?? tenants.data?.[0]?.id;
  const appId = route.kind === 'app' ? route.appId : undefined;
  // one object per app: the editor reloads whenever the reference changes
  const designRef = useMemo<DesignRef | undefined>(
    () => (tenant && appId ? { kind: 'app', tenant, appId } : undefined),
    [tenant, appId],
  );
  if (!tenant) {
    return (
      <div className="login-page">
        <div className="login-card" role="status">
          <h1>{tenants.isPending ? 'Loading…' : 'No tenant yet'}</h1>
          {!tenants.isPending && (
            <p className="login-sub">
              {session.user.username} is not a member of any tenant. Ask a tenant admin to add you.
            </p>
          )}
        </div>
      </div>
    );
  }
  const role = roleIn(session, tenant);
  if (route.kind === 'apps' || !designRef) {
    return <AppListPage tenant={tenant} navigate={navigate} theme={theme} onTheme={onTheme} />;
  }
  return (
    <ReactFlowProvider key={`${route.tenant}/${route.appId}`}>
      <EditorPage
        designRef={designRef}
        role={role}
        editable={canEdit(role)}
        location={{
          tenant: route.tenant,
          listHref: formatRoute({ kind: 'apps', tenant: route.tenant }),
          version: undefined,
        }}
        theme={theme}
        onTheme={onTheme}
        user={<UserMenu role={role} />}
      />
    </ReactFlowProvider>
  );
}
