import type { Me } from '../api/types';
import { currentLanguage, setLanguage, t } from '../i18n';
import { allowed, navigate, routes } from '../router';
import { h } from './dom';
import { noticeRegion } from './notices';

/** The page frame: title, the views this user may open, who is signed in, language and sign-out. */
export function renderFrame(me: Me | null, activePath: string, onSignOut: () => void): HTMLElement {
  const links = routes
    .filter((route) => route.inNav && allowed(route, me?.roles))
    .map((route) => h('a', {
      href: route.path,
      class: route.path === activePath ? 'nav-link active' : 'nav-link',
      'aria-current': route.path === activePath ? 'page' : null,
      testid: `nav-${route.path.slice(1)}`,
      onclick: (event: Event) => {
        event.preventDefault();
        navigate(route.path);
      },
    }, t(route.title)));

  const user = me
    ? h('span', { class: 'user' },
        h('span', { class: 'user-name', testid: 'user-name' }, me.displayName || me.username),
        h('button', { type: 'button', class: 'link', testid: 'sign-out', onclick: onSignOut }, t('nav.signOut')))
    : activePath === '/sign-in'
      ? null
      : h('a', { href: '/sign-in', class: 'nav-link', testid: 'nav-sign-in', onclick: (event: Event) => { event.preventDefault(); navigate('/sign-in'); } }, t('nav.signIn'));

  const toggle = h('button', {
    type: 'button',
    class: 'lang-toggle',
    testid: 'lang-toggle',
    lang: currentLanguage() === 'en' ? 'zh-CN' : 'en',
    onclick: () => setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en'),
  }, t('lang.toggle'));

  const main = h('main', { id: 'view', class: 'view', testid: 'view' });
  const header = h('header', { class: 'top' },
    h('div', { class: 'brand' }, t('app.title')),
    h('nav', { class: 'nav' }, links),
    h('div', { class: 'tools' }, user, toggle));
  const frame = h('div', { class: 'frame' }, header, noticeRegion(), main);
  return frame;
}
