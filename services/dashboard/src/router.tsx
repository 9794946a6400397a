import { useEffect, useState, type ReactNode } from 'react';

/** The dashboard's pages; URLs live under /dashboard/. */
export type Route =
  | { readonly name: 'queues' }
  | { readonly name: 'queue'; readonly queue: string }
  | { readonly name: 'item'; readonly queue: string; readonly task: string }
  | { readonly name: 'admin' }
  | { readonly name: 'team' }
  | { readonly name: 'settings' };

const BASE = '/dashboard';

/** The route of a path (unknown paths show the queue list). */
export function parseRoute(pathname: string): Route {
  const parts = pathname
    .replace(/^\/dashboard\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent);
  if (parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'team') return { name: 'team' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'queues' && parts[1] && parts[2] === 'tasks' && parts[3]) {
    return { name: 'item', queue: parts[1], task: parts[3] };
  }
  if (parts[0] === 'queues' && parts[1]) return { name: 'queue', queue: parts[1] };
  return { name: 'queues' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'queues':
      return `${BASE}/`;
    case 'admin':
      return `${BASE}/admin`;
    case 'team':
      return `${BASE}/team`;
    case 'settings':
      return `${BASE}/settings`;
    case 'queue':
      return `${BASE}/queues/${encodeURIComponent(route.queue)}`;
    case 'item':
      return `${BASE}/queues/${encodeURIComponent(route.queue)}/tasks/${encodeURIComponent(route.task)}`;
  }
}

const listeners = new Set<() => void>();

/** Goes to a route (history.pushState) and re-renders subscribers. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const url = href(route);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  for (const listener of listeners) listener();
}

/** The current route, following back/forward and `navigate`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** An anchor to a route that navigates in place (history API) on a plain click. */
export function Link({ to, children, className }: { to: Route; children: ReactNode; className?: string }) {
  return (
    <a
      className={className}
      href={href(to)}
      onClick={(event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
