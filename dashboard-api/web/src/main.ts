import './styles.css';
import { setUnauthorizedHandler } from './api/client';
import { currentLanguage, onLanguageChange, t } from './i18n';
import { allowed, findRoute, homeFor, setNavigateHandler, type Cleanup } from './router';
import { currentUser, forgetSession, loadSession, signOut } from './session';
import { h } from './ui/dom';
import { renderFrame } from './ui/layout';
import { clearNotices, showError } from './ui/notices';

const app = document.getElementById('app')!;
let cleanup: Cleanup | void;
let renderCount = 0;

async function render(): Promise<void> {
  const ticket = ++renderCount;
  cleanup?.();
  cleanup = undefined;
  document.documentElement.lang = currentLanguage();

  const me = currentUser();
  const path = location.pathname;
  const route = findRoute(path);

  if (path === '/' || path === '') {
    go(me ? homeFor(me.roles) : '/sign-in', true);
    return;
  }
  if (route?.path === '/sign-in' && me) {
    go(homeFor(me.roles), true);
    return;
  }
  if (route && route.roles !== null && !me) {
    go(`/sign-in?next=${encodeURIComponent(path)}`, true);
    return;
  }

  const frame = renderFrame(me, route?.path ?? path, () => void doSignOut());
  app.replaceChildren(frame);
  const root = frame.querySelector<HTMLElement>('#view')!;
  document.title = route ? `${t(route.title)} · ${t('app.title')}` : t('app.title');

  if (!route) {
    root.append(h('p', { testid: 'not-found' }, t('app.notFound'), ' ', homeLink()));
    return;
  }
  if (!allowed(route, me?.roles)) {
    root.append(h('p', { testid: 'forbidden' }, t('app.forbidden'), ' ', homeLink()));
    return;
  }
  try {
    const view = await route.load();
    if (ticket !== renderCount) return; // navigated again while the view's code was loading
    cleanup = view(root);
  } catch (error) {
    showError(error);
  }
}

function homeLink(): HTMLElement {
  return h('a', { href: '/', onclick: (event: Event) => { event.preventDefault(); go('/'); } }, t('app.home'));
}

function go(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  clearNotices();
  void render();
}

async function doSignOut(): Promise<void> {
  try {
    await signOut();
  } catch (error) {
    showError(error);
  }
  go('/sign-in');
}

setNavigateHandler(go);
setUnauthorizedHandler(() => {
  // The session expired or was revoked: back to sign-in, then to where the user was.
  forgetSession();
  if (location.pathname !== '/sign-in') go(`/sign-in?next=${encodeURIComponent(location.pathname)}`, true);
});
onLanguageChange(() => void render());
window.addEventListener('popstate', () => void render());

loadSession()
  .catch((error: unknown) => showError(error))
  .finally(() => void render());
