import { api } from '../api/client';
import type { AuditRecord } from '../api/types';
import { t } from '../i18n';
import { field, h } from '../ui/dom';
import { dateTime, endOfDayUtc, startOfDayUtc } from '../ui/format';
import { loadInto } from '../ui/notices';

const actions = ['sign-in', 'sign-in-failed', 'work-order.assign', 'work-order.transition', 'work-order.comment',
  'rule.enable', 'rule.disable', 'account.create', 'personal-data.read'];

/** Auditor view: the audit log, newest first as the server sends it, filtered by period, actor and action. */
export function auditView(root: HTMLElement): void {
  const table = h('div', { testid: 'audit-table' });
  const form = h('form', { class: 'card filters', testid: 'audit-filters' },
    h('label', {}, t('audit.from'), h('input', { type: 'date', name: 'from', testid: 'audit-from' })),
    h('label', {}, t('audit.to'), h('input', { type: 'date', name: 'to', testid: 'audit-to' })),
    h('label', {}, t('audit.actor'), h('input', { name: 'actor', autocapitalize: 'none', testid: 'audit-actor' })),
    h('label', {}, t('audit.action'), h('input', { name: 'action', list: 'audit-actions', autocapitalize: 'none', testid: 'audit-action' }),
      h('datalist', { id: 'audit-actions' }, actions.map((action) => h('option', { value: action })))),
    h('label', {}, t('audit.limit'), h('input', { type: 'number', name: 'limit', value: 200, min: 1, max: 10000, testid: 'audit-limit' })),
    h('button', { type: 'submit', class: 'primary', testid: 'audit-apply' }, t('audit.apply')));
  root.append(h('div', { class: 'view-head' }, h('h1', {}, t('audit.title'))), form, h('section', { class: 'card' }, table));

  const load = () => {
    const from = field(form, 'from');
    const to = field(form, 'to');
    const query = {
      from: from ? startOfDayUtc(from) : undefined,
      to: to ? endOfDayUtc(to) : undefined,
      actor: field(form, 'actor'),
      action: field(form, 'action'),
      limit: field(form, 'limit'),
    };
    void loadInto(table, () => api.get<AuditRecord[]>('/api/audit', query), (records) => {
      table.append(records.length === 0 ? h('p', { class: 'muted' }, t('app.empty')) : h('div', { class: 'table-wrap' }, h('table', { class: 'audit stack' },
        h('thead', {}, h('tr', {}, ...(['col.at', 'col.actor', 'col.action', 'col.target', 'col.detail', 'col.ip'] as const).map((key) => h('th', {}, t(key))))),
        h('tbody', {}, records.map((record) => h('tr', { testid: 'audit-row', 'data-action': record.action, 'data-actor': record.actor },
          h('td', { class: 'nowrap', 'data-label': t('col.at') }, dateTime(record.at)),
          h('td', { 'data-label': t('col.actor') }, record.actor),
          h('td', { 'data-label': t('col.action') }, h('code', {}, record.action)),
          h('td', { 'data-label': t('col.target') }, record.target ?? ''),
          h('td', { class: 'wrap', 'data-label': t('col.detail') }, record.detail ?? ''),
          h('td', { class: 'muted', 'data-label': t('col.ip') }, record.ip ?? '')))))));
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  load();
}
