import { ApiError } from '../api/client';
import { t } from '../i18n';
import { allowed, findRoute, homeFor, navigate } from '../router';
import { signIn } from '../session';
import { field, h } from '../ui/dom';

export function signInView(root: HTMLElement): void {
  const message = h('p', { class: 'inline-error', role: 'alert', testid: 'sign-in-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', testid: 'sign-in-submit' }, t('signIn.submit'));
  const form = h('form', { class: 'card sign-in', testid: 'sign-in-form', novalidate: true },
    h('h1', {}, t('signIn.title')),
    h('label', {}, t('signIn.username'),
      h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false', testid: 'sign-in-username' })),
    h('label', {}, t('signIn.password'),
      h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, testid: 'sign-in-password' })),
    message,
    submit,
    h('p', { class: 'muted' }, h('a', { href: '/open', onclick: (event: Event) => { event.preventDefault(); navigate('/open'); } }, t('signIn.openData'))));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      submit.disabled = true;
      submit.textContent = t('signIn.busy');
      message.hidden = true;
      try {
        const me = await signIn(field(form, 'username'), field(form, 'password'));
        const next = new URLSearchParams(location.search).get('next');
        const route = next ? findRoute(next) : undefined;
        navigate(route && route.roles !== null && allowed(route, me.roles) ? route.path : homeFor(me.roles), true);
      } catch (error) {
        message.textContent = error instanceof ApiError ? error.messages.join(' — ') : String(error);
        message.hidden = false;
        submit.disabled = false;
        submit.textContent = t('signIn.submit');
      }
    })();
  });

  root.append(form);
  form.querySelector<HTMLInputElement>('input[name=username]')?.focus();
}
