import type { WorkOrder } from '../api/types';
import { t, term } from '../i18n';
import { h } from '../ui/dom';
import { dateTime } from '../ui/format';

/** The head of a work order item (title, badges, where, due), shared by the manager and crew views. */
export function workOrderHead(order: WorkOrder): HTMLElement[] {
  const where = [order.location.grid, order.location.zone, order.location.device].filter(Boolean).join(' / ');
  return [
    h('div', { class: 'item-head' },
      h('span', { class: `badge prio-${order.priority.toLowerCase()}` }, order.priority.toUpperCase()),
      h('strong', { class: 'item-title' }, order.title),
      h('span', { class: `badge status-${order.status}`, testid: 'work-order-status' }, term('status', order.status)),
      order.overdue ? h('span', { class: 'badge overdue' }, t('wo.overdue')) : null),
    h('div', { class: 'item-meta' },
      `${order.id} · ${term('category', order.category)}`, where ? ` · ${where}` : '',
      ' · ', t('wo.slaDue', { at: dateTime(order.slaDueAt) }),
      ' · ', order.assignee?.crewId ? t('wo.assignee', { crew: order.assignee.crewId }) : t('wo.unassigned')),
  ];
}
