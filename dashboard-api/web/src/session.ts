import { ApiError, api } from './api/client';
import type { Me, Role } from './api/types';

// Who is signed in. The cookie is the truth; this is the app's copy of GET /api/me.

let me: Me | null = null;

export function currentUser(): Me | null {
  return me;
}

export function hasRole(...roles: Role[]): boolean {
  return me !== null && me.roles.some((role) => roles.includes(role));
}

/** Asks the server who we are; a 401 just means nobody is signed in. */
export async function loadSession(): Promise<Me | null> {
  try {
    me = await api.quiet.get<Me>('/api/me');
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    me = null;
  }
  return me;
}

export async function signIn(username: string, password: string): Promise<Me> {
  me = await api.quiet.post<Me>('/api/auth/sign-in', { username, password });
  return me;
}

export async function signOut(): Promise<void> {
  try {
    await api.quiet.post<void>('/api/auth/sign-out');
  } finally {
    me = null;
  }
}

export function forgetSession(): void {
  me = null;
}
