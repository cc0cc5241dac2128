import type { ReactNode } from 'react';
import { LoginPage } from './LoginPage.tsx';
import { SessionContext, useSessionState } from './useSession.ts';

/**
 * Nothing of the console shows until the server has said who is signed in: a blank
 * page while checking (no flash of the editor), the login page when nobody is.
 */
export function SessionGate({ children }: { readonly children: ReactNode }) {
  const state = useSessionState();
  if (state.status === 'checking') {
    return <div className="login-page" aria-busy="true" data-testid="session-checking" />;
  }
  if (state.status === 'error') {
    return (
      <div className="login-page">
        <div className="login-card" role="alert">
          <h1>Cannot reach netcanvas</h1>
          <p className="login-sub">{state.error?.message}</p>
          <button type="button" className="btn" onClick={state.retry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (!state.session) return <LoginPage onSignIn={state.signIn} notice={state.notice} />;
  return (
    <SessionContext.Provider value={{ session: state.session, signOut: state.signOut }}>
      {children}
    </SessionContext.Provider>
  );
}
