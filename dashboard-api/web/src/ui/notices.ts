import { ApiError } from '../api/client';
import { t } from '../i18n';
import { h } from './dom';

// One place near the top of the page where errors (the server's Problem Details `detail`) and short
// confirmations appear; each can be dismissed, confirmations fade by themselves.

let region: HTMLElement | null = null;

export function noticeRegion(): HTMLElement {
  region ??= h('div', { class: 'notices', 'aria-live': 'polite', testid: 'notices' });
  return region;
}

export function showError(error: unknown): void {
  const lines = error instanceof ApiError ? error.messages : [error instanceof Error ? error.message : String(error)];
  const title = !(error instanceof ApiError) ? t('app.error')
    : error.status === 0 ? t('app.network')
      : error.problem.title && error.problem.title !== lines[0] ? error.problem.title : t('app.error');
  const box = h('div', { class: 'notice notice-error', role: 'alert', testid: 'error' },
    h('strong', {}, title),
    ...lines.map((line) => h('div', { class: 'notice-line', testid: 'error-detail' }, line)),
    h('button', { type: 'button', class: 'link', onclick: () => box.remove() }, t('app.dismiss')));
  noticeRegion().append(box);
}

export function showInfo(text: string): void {
  const box = h('div', { class: 'notice notice-info', role: 'status', testid: 'info' }, text);
  noticeRegion().append(box);
  window.setTimeout(() => box.remove(), 4000);
}

export function clearNotices(): void {
  noticeRegion().replaceChildren();
}

/**
 * Shows "loading" inside `target`, runs `load`, and shows the error inline (plus a retry) if it fails. When
 * `stillWanted` says no once the answer is in (a newer load of the same target has started), it leaves `target` alone.
 */
export async function loadInto<T>(
  target: HTMLElement, load: () => Promise<T>, render: (value: T) => void | Promise<void>, stillWanted: () => boolean = () => true,
): Promise<void> {
  target.replaceChildren(h('p', { class: 'muted' }, t('app.loading')));
  try {
    const value = await load();
    if (!stillWanted()) return;
    target.replaceChildren();
    await render(value);
  } catch (error) {
    if (!stillWanted()) return;
    const message = error instanceof ApiError ? error.messages.join(' — ') : error instanceof Error ? error.message : String(error);
    target.replaceChildren(h('p', { class: 'inline-error', role: 'alert', testid: 'load-error' }, message, ' ',
      h('button', { type: 'button', class: 'link', onclick: () => void loadInto(target, load, render) }, t('app.retry'))));
  }
}
