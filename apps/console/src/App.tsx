import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { canEdit, roleIn } from './api/session.ts';
import { AppListPage } from './apps/AppListPage.tsx';
import { useTenants } from './apps/useApps.ts';
import { liveAppFromUrl } from './live/live-app.ts';
import { SessionGate } from './session/SessionGate.tsx';
import { useSession } from './session/useSession.ts';
import { EditorPage } from './shell/EditorPage.tsx';
import { formatRoute } from './shell/route.ts';
import { UserMenu } from './shell/UserMenu.tsx';
import { useRoute } from './shell/useRoute.ts';
import { type Theme, useTheme } from './shell/useTheme.ts';

/**
 * The console: the live view of `?live=<tenant>/<app>` (the live test server's seam),
 * else sign in, the tenant's applications, and the editor of one.
 */
export function App() {
  const [theme, toggleTheme] = useTheme();
  const [liveApp] = useState(liveAppFromUrl);
  if (liveApp) {
    return (
      <ReactFlowProvider>
        <EditorPage
          designRef={{ kind: 'template', templateId: 'three-tier' }}
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

function Routed({ theme, onTheme }: { readonly theme: Theme; readonly onTheme: () => void }) {
  const { session } = useSession();
  const [route, navigate] = useRoute();
  const tenants = useTenants();
  const tenant = route.tenant ?? session.tenants[0]?.id ?? tenants.data?.[0]?.id;
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
  if (route.kind === 'apps') {
    return <AppListPage tenant={tenant} navigate={navigate} theme={theme} onTheme={onTheme} />;
  }
  return (
    <ReactFlowProvider key={`${route.tenant}/${route.appId}`}>
      <EditorPage
        designRef={{ kind: 'app', tenant: route.tenant, appId: route.appId }}
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
