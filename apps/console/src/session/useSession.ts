import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { onUnauthenticated } from '../api/http.ts';
import { fetchSession, login, logout, type Session } from '../api/session.ts';

const KEY = ['session'] as const;

/** The session as the login gate sees it. */
export interface SessionState {
  /** checking until the server has said who is signed in */
  readonly status: 'checking' | 'signed-out' | 'signed-in' | 'error';
  readonly session: Session | undefined;
  readonly error: Error | null;
  /** why the user was sent back to the login page, e.g. an expired session */
  readonly notice: string | undefined;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
  readonly retry: () => void;
}

/**
 * Asks the server who is signed in, and follows it: a 401 on any call means the session
 * ended (expired, or signed out elsewhere), and the console goes back to the login page.
 */
export function useSessionState(): SessionState {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: KEY,
    queryFn: fetchSession,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const [notice, setNotice] = useState<string | undefined>();
  const signedIn = query.data != null;

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (client.getQueryData(KEY) == null) return;
        setNotice(
          'Your session has expired. Sign in again to continue; unsaved changes are kept in this browser.',
        );
        client.setQueryData(KEY, null);
      }),
    [client],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await login(username, password);
      // another user's cached tenants and apps must not show
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== KEY[0] });
      setNotice(undefined);
      client.setQueryData(KEY, session);
    },
    [client],
  );
  const signOut = useCallback(async () => {
    await logout().catch(() => undefined);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== KEY[0] });
    setNotice('You have signed out.');
    client.setQueryData(KEY, null);
  }, [client]);

  return {
    status: query.isPending
      ? 'checking'
      : query.isError
        ? 'error'
        : signedIn
          ? 'signed-in'
          : 'signed-out',
    session: query.data ?? undefined,
    error: query.error,
    notice,
    signIn,
    signOut,
    retry: () => void query.refetch(),
  };
}

/** The signed-in session, for everything below the login gate. */
export const SessionContext = createContext<{
  readonly session: Session;
  readonly signOut: () => Promise<void>;
} | null>(null);

/** The signed-in session; only rendered below the login gate, so it is always there. */
export function useSession() {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside the login gate');
  return value;
}
