import { api } from '../api/client';
import type { WorkOrder, WorkOrderStatus } from '../api/types';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { loadInto, showError, showInfo } from '../ui/notices';
import { workOrderHead } from './work-order-summary';

// The manager's own work-order actions (contract: managers assign, cancel and close within their grids):
// every order still in play, with assign (or reassign) to a crew, cancel, and close once resolved.

const inPlay: WorkOrderStatus[] = ['open', 'assigned', 'in_progress', 'resolved'];
const shownAtMost = 50;

export interface WorkOrdersPanel {
  element: HTMLElement;
  reload(): Promise<void>;
  upsert(order: WorkOrder): void;
}

export function managerWorkOrders(): WorkOrdersPanel {
  const list = h('ul', { class: 'items', testid: 'work-order-list' });
  const count = h('span', { class: 'count', testid: 'work-order-count' }, '…');
  const crews = h('datalist', { id: 'known-crews' });
  const element = h('section', { class: 'card' }, h('h2', {}, t('manager.workOrders'), ' ', count), crews, list);
  let orders: WorkOrder[] = [];

  const draw = () => {
    const shown = orders.filter((o) => inPlay.includes(o.status)).sort((a, b) => a.slaDueAt.localeCompare(b.slaDueAt));
    count.textContent = String(shown.length);
    const known = [...new Set(orders.map((o) => o.assignee?.crewId).filter((id): id is string => !!id))].sort();
    crews.replaceChildren(...known.map((id) => h('option', { value: id })));
    list.replaceChildren(...(shown.length ? shown.slice(0, shownAtMost).map(item) : [h('li', { class: 'empty' }, t('manager.noWorkOrders'))]));
    if (shown.length > shownAtMost) list.append(h('li', { class: 'empty' }, t('manager.more', { n: shown.length - shownAtMost })));
  };

  const item = (order: WorkOrder): HTMLElement => {
    const base = `/api/work-orders/${encodeURIComponent(order.id)}`;
    const crew = h('input', { name: 'crewId', list: 'known-crews', autocapitalize: 'none', placeholder: t('manager.crewId'), 'aria-label': t('manager.crewId'), testid: 'work-order-crew', value: order.assignee?.crewId ?? '' });
    const buttons: HTMLButtonElement[] = [];
    const act = (testid: string, label: string, action: () => Promise<WorkOrder | undefined>) => {
      const button = h('button', { type: 'button', class: 'small', testid }, label);
      button.addEventListener('click', () => {
        for (const each of buttons) each.disabled = true;
        action()
          .then((updated) => {
            showInfo(`${order.id}: ${t('wo.done')}`);
            if (updated && typeof updated === 'object' && 'id' in updated) upsert(updated);
            else void reload();
          })
          .catch((error: unknown) => {
            for (const each of buttons) each.disabled = false;
            showError(error);
          });
      });
      buttons.push(button);
      return button;
    };
    const transition = (to: WorkOrderStatus) => api.post<WorkOrder | undefined>(`${base}/transitions`, { to, expectedVersion: order.version });

    const actions: HTMLElement[] = [];
    if (order.status === 'open' || order.status === 'assigned') {
      actions.push(crew, act('work-order-assign', t('manager.assign'), async () => {
        if (!crew.value.trim()) {
          crew.focus();
          throw new Error(t('manager.crewRequired'));
        }
        return api.post<WorkOrder | undefined>(`${base}/assign`, { crewId: crew.value.trim(), expectedVersion: order.version });
      }));
    }
    if (order.status === 'resolved') actions.push(act('work-order-close', t('manager.close'), () => transition('closed')));
    actions.push(act('work-order-cancel', t('manager.cancel'), async () => {
      if (!window.confirm(t('manager.confirmCancel', { id: order.id }))) return undefined;
      return transition('cancelled');
    }));

    return h('li', { class: 'item work-order', testid: 'manager-work-order-item', 'data-work-order-id': order.id, 'data-status': order.status },
      workOrderHead(order), h('div', { class: 'actions' }, actions));
  };

  const upsert = (order: WorkOrder) => {
    orders = [order, ...orders.filter((o) => o.id !== order.id)];
    draw();
  };

  const reload = () => loadInto(list, () => api.get<WorkOrder[]>('/api/work-orders'), (all) => {
    orders = all;
    draw();
  });

  return { element, reload, upsert };
}
