import { api } from '../api/client';
import { subscribeLive } from '../api/live';
import type { Alarm, StatusSummary, WorkOrder } from '../api/types';
import { t, term } from '../i18n';
import { h } from '../ui/dom';
import { loadInto, showError } from '../ui/notices';
import { alarmItem } from './alarm-item';
import { managerWorkOrders } from './manager-work-orders';
import { workOrderHead } from './work-order-summary';

// Manager view: device status per grid and zone, active alarms, alarms cleared in the last 24 h, overdue work orders
// and the orders in play
// (assign / cancel / close, manager-work-orders.ts), kept live by
// /api/live. Alarms and work orders are patched in place from events; the status table is re-read
// (debounced) because one device event can change several counters.

const activeStates = new Set(['open', 'assigned', 'in_progress']);

export function managerView(root: HTMLElement): () => void {
  const liveBadge = h('span', { class: 'live off', testid: 'live-status', 'data-state': 'off' }, t('live.off'));
  const alarmCount = h('span', { class: 'count', testid: 'active-alarm-count' }, '…');
  const overdueCount = h('span', { class: 'count', testid: 'overdue-count' }, '…');
  const statusBox = h('div', { testid: 'status-summary' });
  const alarmList = h('ul', { class: 'items', testid: 'alarm-list' });
  const clearedCount = h('span', { class: 'count', testid: 'cleared-alarm-count' }, '…');
  const clearedList = h('ul', { class: 'items', testid: 'cleared-alarm-list' });
  const overdueList = h('ul', { class: 'items', testid: 'overdue-list' });
  const workOrders = managerWorkOrders();

  root.append(
    h('div', { class: 'view-head' }, h('h1', {}, t('manager.title')), liveBadge),
    h('div', { class: 'layout-2' },
      h('section', { class: 'card' }, h('h2', {}, t('manager.activeAlarms'), ' ', alarmCount), alarmList),
      h('section', { class: 'card' }, h('h2', {}, t('manager.overdue'), ' ', overdueCount), overdueList)),
    h('section', { class: 'card' }, h('h2', {}, t('manager.status')), statusBox),
    h('section', { class: 'card' }, h('h2', {}, t('manager.clearedAlarms'), ' ', clearedCount), clearedList),
    workOrders.element);

  let alarms: Alarm[] = [];
  let cleared: Alarm[] = [];
  let overdue: WorkOrder[] = [];

  const drawAlarms = () => {
    alarmCount.textContent = String(alarms.length);
    alarmList.replaceChildren(...(alarms.length
      ? alarms.map((alarm) => alarmItem(alarm, acknowledge))
      : [h('li', { class: 'empty' }, t('manager.noAlarms'))]));
  };
  const drawCleared = () => {
    clearedCount.textContent = String(cleared.length);
    clearedList.replaceChildren(...(cleared.length
      ? cleared.map((alarm) => alarmItem(alarm))
      : [h('li', { class: 'empty' }, t('manager.noClearedAlarms'))]));
  };
  const drawOverdue = () => {
    overdueCount.textContent = String(overdue.length);
    overdueList.replaceChildren(...(overdue.length
      ? overdue.map((order) => h('li', { class: 'item', testid: 'overdue-item', 'data-work-order-id': order.id, 'data-status': order.status }, workOrderHead(order)))
      : [h('li', { class: 'empty' }, t('manager.noOverdue'))]));
  };

  const acknowledge = (alarm: Alarm, button: HTMLButtonElement) => {
    button.disabled = true;
    api.post<Alarm>(`/api/alarms/${encodeURIComponent(alarm.id)}/acknowledge`)
      .then(upsertAlarm)
      .catch((error: unknown) => {
        button.disabled = false;
        showError(error);
      });
  };

  const upsertAlarm = (alarm: Alarm) => {
    alarms = alarms.filter((a) => a.id !== alarm.id);
    if (alarm.state !== 'cleared') alarms.unshift(alarm);
    else cleared = [alarm, ...cleared.filter((a) => a.id !== alarm.id)];
    drawAlarms();
    drawCleared();
  };
  const upsertOrder = (order: WorkOrder) => {
    overdue = overdue.filter((o) => o.id !== order.id);
    if (order.overdue && activeStates.has(order.status)) overdue.unshift(order);
    drawOverdue();
  };

  const loadStatus = () => loadInto(statusBox, () => api.get<StatusSummary>('/api/status/summary'), (summary) => statusBox.append(statusTables(summary)));
  const loadAlarms = () => loadInto(alarmList, () => api.get<Alarm[]>('/api/alarms', { state: 'active' }), (list) => {
    alarms = [...list].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
    drawAlarms();
  });
  const loadCleared = () => loadInto(clearedList, () => api.get<Alarm[]>('/api/alarms', { state: 'cleared', since: new Date(Date.now() - 86_400_000).toISOString() }), (list) => {
    cleared = list;
    drawCleared();
  });
  const loadOverdue = () => loadInto(overdueList, () => api.get<WorkOrder[]>('/api/work-orders', { overdue: true }), (list) => {
    overdue = [...list].sort((a, b) => a.slaDueAt.localeCompare(b.slaDueAt));
    drawOverdue();
  });
  const loadAll = () => void Promise.all([loadStatus(), loadAlarms(), loadCleared(), loadOverdue(), workOrders.reload()]);

  let statusTimer = 0;
  const refreshStatusSoon = () => {
    window.clearTimeout(statusTimer);
    statusTimer = window.setTimeout(() => void loadStatusQuietly(), 1000);
  };
  // A live refresh keeps the old table on screen until the new one has arrived (no "loading" flicker).
  const loadStatusQuietly = async () => {
    try {
      const summary = await api.get<StatusSummary>('/api/status/summary');
      statusBox.replaceChildren(statusTables(summary));
    } catch (error) {
      showError(error);
    }
  };

  loadAll();
  const stop = subscribeLive({
    alarm: (alarm) => {
      upsertAlarm(alarm);
      refreshStatusSoon();
    },
    workOrder: (order) => {
      upsertOrder(order);
      workOrders.upsert(order);
    },
    deviceStatus: refreshStatusSoon,
    connection: (open, reconnected) => {
      liveBadge.className = open ? 'live on' : 'live off';
      liveBadge.dataset.state = open ? 'on' : 'off';
      liveBadge.textContent = t(open ? 'live.on' : 'live.off');
      if (open && reconnected) loadAll();
    },
  });

  return () => {
    stop();
    window.clearTimeout(statusTimer);
  };
}

function statusTables(summary: StatusSummary): HTMLElement {
  const cell = (value: number, name: string) =>
    h('td', { class: value > 0 && name !== 'online' ? `num warn-${name}` : 'num', testid: `count-${name}` }, value);
  return h('div', { class: 'grids' }, summary.grids.map((grid) =>
    h('div', { class: 'grid-block', testid: 'grid-status', 'data-grid': grid.grid },
      h('h3', {}, grid.name || grid.grid),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'status' },
          h('thead', {}, h('tr', {},
            h('th', {}, t('col.zone')), h('th', {}, t('col.kind')),
            h('th', { class: 'num' }, t('col.online')), h('th', { class: 'num' }, t('col.offline')),
            h('th', { class: 'num' }, t('col.unknown')), h('th', { class: 'num' }, t('col.alarmed')))),
          h('tbody', {}, grid.zones.flatMap((zone) => zone.kinds.map((kind, index) =>
            h('tr', { testid: 'status-row', 'data-zone': zone.zone, 'data-kind': kind.kind, class: kind.alarmed > 0 ? 'alarmed' : null },
              index === 0 ? h('th', { scope: 'row', rowspan: zone.kinds.length }, zone.name || zone.zone) : null,
              h('td', {}, term('kind', kind.kind)),
              cell(kind.online, 'online'), cell(kind.offline, 'offline'), cell(kind.unknown, 'unknown'), cell(kind.alarmed, 'alarmed'))))))))));
}
