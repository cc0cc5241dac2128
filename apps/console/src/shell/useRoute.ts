import { useCallback, useEffect, useState } from 'react';
import { formatRoute, parseRoute, type Route } from './route.ts';

/**
 * The route in the location hash, following back/forward; `navigate` pushes a history
 * entry (or replaces the current one, e.g. after a create that should not be gone back to).
 */
export function useRoute(): [Route, (to: Route, options?: { replace?: boolean }) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((to: Route, options: { replace?: boolean } = {}) => {
    const hash = formatRoute(to);
    if (hash === window.location.hash) return;
    if (options.replace) {
      window.history.replaceState(
        null,
        '',
        `${window.location.pathname}${window.location.search}${hash}`,
      );
      setRoute(parseRoute(hash));
    } else {
      window.location.hash = hash;
    }
  }, []);
  return [route, navigate];
}
