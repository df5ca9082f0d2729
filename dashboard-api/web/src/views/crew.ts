import { api } from '../api/client';
import { subscribeLive } from '../api/live';
import type { WorkOrder, WorkOrderStatus } from '../api/types';
import { t } from '../i18n';
import { currentUser } from '../session';
import { h } from '../ui/dom';
import { loadInto, showError, showInfo } from '../ui/notices';
import { workOrderDetails } from './work-order-details';
import { workOrderHead } from './work-order-summary';

// Crew view, made for a phone: the crew's own work orders with the next step as a big button, plus the
// open orders in the crew's grids it can accept. Accept = assign to my crew (open → assigned), start =
// assigned → in_progress, resolve = in_progress → resolved with a comment saying what was done.
// Work-order events from /api/live refresh the lists, except while the user is typing or reading details
// (a refresh would throw that away); the refresh button is always there.

const hidden: WorkOrderStatus[] = ['closed', 'cancelled'];
const order: Record<WorkOrderStatus, number> = { in_progress: 0, assigned: 1, open: 2, resolved: 3, closed: 4, cancelled: 5 };

export function crewView(root: HTMLElement): () => void {
  const me = currentUser()!;
  const mine = h('ul', { class: 'items', testid: 'my-work-orders' });
  const waiting = h('ul', { class: 'items', testid: 'open-work-orders' });
  const disposers = new Set<() => void>();

  root.append(h('div', { class: 'view-head' }, h('h1', {}, t('crew.title')),
    h('button', { type: 'button', class: 'small', testid: 'refresh', onclick: () => reload() }, t('app.retry'))));
  if (!me.crewId) root.append(h('p', { class: 'muted', testid: 'no-crew' }, t('crew.noCrew')));
  root.append(h('section', { class: 'card' }, h('h2', {}, t('crew.mine')), mine));
  if (me.crewId) root.append(h('section', { class: 'card' }, h('h2', {}, t('crew.open')), waiting));

  const list = (target: HTMLElement, orders: WorkOrder[]) => {
    const shown = orders.filter((o) => !hidden.includes(o.status)).sort((a, b) => order[a.status] - order[b.status] || a.slaDueAt.localeCompare(b.slaDueAt));
    target.replaceChildren(...(shown.length ? shown.map((o) => item(o)) : [h('li', { class: 'empty' }, t('crew.none'))]));
  };

  // Reloads can overlap (an action's own reload, then one for its live event): only the newest may draw, or a late
  // answer to the older one would replace the list under the user — and throw away a comment being typed.
  let generation = 0;
  const reload = () => {
    const current = ++generation;
    for (const dispose of disposers) dispose();
    disposers.clear();
    const newest = () => current === generation;
    void loadInto(mine, () => api.get<WorkOrder[]>('/api/work-orders', { assignee: 'me' }), (orders) => list(mine, orders), newest);
    if (me.crewId) void loadInto(waiting, () => api.get<WorkOrder[]>('/api/work-orders', { status: 'open' }), (orders) => list(waiting, orders), newest);
  };

  const item = (wo: WorkOrder): HTMLElement => {
    const comment = h('textarea', { name: 'comment', rows: 2, placeholder: t('wo.commentPlaceholder'), testid: 'work-order-comment', 'aria-label': t('wo.comment') });
    const details = h('div', { class: 'details', hidden: true, testid: 'work-order-detail' });
    const buttons: HTMLButtonElement[] = [];
    const button = (testid: string, label: string, action: () => Promise<unknown>, primary = false) => {
      const b = h('button', { type: 'button', class: primary ? 'primary' : '', testid }, label);
      b.addEventListener('click', () => {
        for (const each of buttons) each.disabled = true;
        action()
          .then(() => {
            showInfo(`${wo.id}: ${t('wo.done')}`);
            reload();
          })
          .catch((error: unknown) => {
            for (const each of buttons) each.disabled = false;
            showError(error);
          });
      });
      buttons.push(b);
      return b;
    };
    const text = () => comment.value.trim();
    const base = `/api/work-orders/${encodeURIComponent(wo.id)}`;
    const transition = (to: WorkOrderStatus) => api.post(`${base}/transitions`, { to, comment: text() || undefined, expectedVersion: wo.version });

    const actions: HTMLElement[] = [];
    if (wo.status === 'open' && me.crewId) {
      actions.push(button('work-order-accept', t('wo.accept'), async () => {
        await api.post(`${base}/assign`, { crewId: me.crewId, expectedVersion: wo.version });
        if (text()) await api.post(`${base}/comments`, { text: text() });
      }, true));
    }
    if (wo.status === 'assigned') actions.push(button('work-order-start', t('wo.start'), () => transition('in_progress'), true));
    if (wo.status === 'in_progress') {
      actions.push(button('work-order-resolve', t('wo.resolve'), async () => {
        if (!text()) {
          comment.focus();
          throw new Error(t('wo.commentRequired'));
        }
        await transition('resolved');
      }, true));
    }
    if (wo.status !== 'open') actions.push(button('work-order-add-comment', t('wo.addComment'), async () => {
      if (!text()) {
        comment.focus();
        throw new Error(t('wo.commentPlaceholder'));
      }
      await api.post(`${base}/comments`, { text: text() });
    }));

    const toggle = h('button', { type: 'button', class: 'link', testid: 'work-order-details', 'aria-expanded': 'false' }, t('wo.details'));
    toggle.addEventListener('click', () => {
      const open = details.hidden;
      details.hidden = !open;
      toggle.textContent = t(open ? 'wo.hideDetails' : 'wo.details');
      toggle.setAttribute('aria-expanded', String(open));
      if (open && details.childElementCount === 0) disposers.add(workOrderDetails(details, wo));
    });

    return h('li', { class: 'item work-order', testid: 'work-order-item', 'data-work-order-id': wo.id, 'data-status': wo.status },
      workOrderHead(wo), comment, h('div', { class: 'actions' }, actions, toggle), details);
  };

  let liveTimer = 0;
  const busy = () => [...root.querySelectorAll('textarea')].some((area) => area.value.trim() !== '')
    || root.querySelector('[data-testid=work-order-detail]:not([hidden])') !== null;
  const stopLive = subscribeLive({
    workOrder: (wo) => {
      const shown = root.querySelector(`[data-work-order-id="${CSS.escape(wo.id)}"]`) !== null;
      if (!shown && wo.assignee?.crewId !== me.crewId && wo.status !== 'open') return;
      window.clearTimeout(liveTimer);
      liveTimer = window.setTimeout(() => {
        if (!busy()) reload();
      }, 500);
    },
  });

  reload();
  return () => {
    stopLive();
    window.clearTimeout(liveTimer);
    for (const dispose of disposers) dispose();
  };
}
