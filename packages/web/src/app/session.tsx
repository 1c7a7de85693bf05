/**
 * Who is signed in. Loaded once from `GET /api/me` (a reload keeps the session: the cookie is
 * HttpOnly, the CSRF token comes back from /api/me); login and logout go through here.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, isApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';
import type { Me, Role, Unit, User } from '../api/types.ts';

export interface Session {
  /** undefined while loading, null when signed out */
  user: User | null | undefined;
  unit: Unit | null;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  can(...roles: Role[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [unit, setUnit] = useState<Unit | null>(null);

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<Me>('/api/me');
      setCsrfToken(me.csrfToken);
      setUser(me.user);
      setUnit(me.unit);
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        setCsrfToken(null);
        setUser(null);
        setUnit(null);
        return;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
    });
    refresh().catch(() => setUser(null));
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await api.post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password });
      setCsrfToken(r.csrfToken);
      await refresh();
      return r.user;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
      setUnit(null);
    }
  }, []);

  const value = useMemo<Session>(
    () => ({
      user,
      unit,
      login,
      logout,
      refresh,
      can: (...roles: Role[]) => !!user && roles.includes(user.role),
    }),
    [user, unit, login, logout, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
