import type { Role } from './api/types';
import type { Key } from './i18n';

// A hand-written history-API router: a path maps to a view and the roles that may see it (null = public).
// The server falls back to index.html for unknown paths, so deep links and reloads work.

export type Cleanup = () => void;
export type View = (root: HTMLElement) => Cleanup | void;

export interface Route {
  path: string;
  title: Key;
  roles: Role[] | null;
  load: () => Promise<View>;
  inNav: boolean;
}

export const routes: Route[] = [
  { path: '/manager', title: 'nav.manager', roles: ['manager', 'admin'], inNav: true, load: async () => (await import('./views/manager')).managerView },
  { path: '/crew', title: 'nav.crew', roles: ['crew'], inNav: true, load: async () => (await import('./views/crew')).crewView },
  { path: '/planner', title: 'nav.planner', roles: ['planner', 'admin'], inNav: true, load: async () => (await import('./views/planner')).plannerView },
  { path: '/audit', title: 'nav.audit', roles: ['auditor'], inNav: true, load: async () => (await import('./views/audit')).auditView },
  { path: '/open', title: 'nav.open', roles: null, inNav: true, load: async () => (await import('./views/open')).openView },
  { path: '/sign-in', title: 'nav.signIn', roles: null, inNav: false, load: async () => (await import('./views/sign-in')).signInView },
];

export function findRoute(path: string): Route | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return routes.find((route) => route.path === clean);
}

export function allowed(route: Route, roles: readonly Role[] | undefined): boolean {
  return route.roles === null || (roles ?? []).some((role) => route.roles!.includes(role));
}

/** Where a user lands after signing in (or on `/`): the first view their roles allow. */
export function homeFor(roles: readonly Role[] | undefined): string {
  if (!roles || roles.length === 0) return '/sign-in';
  return routes.find((route) => route.roles !== null && allowed(route, roles))?.path ?? '/open';
}

let navigateHandler: (path: string, replace: boolean) => void = () => {};

export function setNavigateHandler(handler: (path: string, replace: boolean) => void): void {
  navigateHandler = handler;
}

export function navigate(path: string, replace = false): void {
  navigateHandler(path, replace);
}
