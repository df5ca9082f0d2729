import { api } from '../api/client';
import type { OpenLightingEnergy, OpenParking, OpenVisitors } from '../api/types';
import { bars, createChart, type Chart } from '../charts/chart';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { dateTime } from '../ui/format';
import { loadInto } from '../ui/notices';

// The public page (no sign-in): the open-data aggregates, nothing per device or per person.

export function openView(root: HTMLElement): () => void {
  const charts: Chart[] = [];
  const parking = h('div', { testid: 'open-parking' });
  const visitors = h('div', { testid: 'open-visitors' });
  const energy = h('div', { testid: 'open-energy' });
  root.append(
    h('div', { class: 'view-head' }, h('h1', {}, t('open.title'))),
    h('p', { class: 'muted' }, t('open.intro')),
    h('section', { class: 'card' }, h('h2', {}, t('open.parking')), parking),
    h('div', { class: 'chart-grid' },
      h('section', { class: 'card' }, h('h2', {}, t('open.visitors')), visitors),
      h('section', { class: 'card' }, h('h2', {}, t('open.energy')), energy)));

  void loadInto(parking, () => api.get<OpenParking[]>('/api/open/parking'), (rows) => {
    parking.append(h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, t('col.zone')), h('th', { class: 'num' }, t('col.free')), h('th', { class: 'num' }, t('col.spaces')), h('th', {}, t('col.updated')))),
      h('tbody', {}, rows.map((row) => h('tr', { testid: 'open-parking-row', 'data-zone': row.zone },
        h('th', { scope: 'row' }, row.zoneName || row.zone),
        h('td', { class: 'num' }, h('strong', {}, row.free)),
        h('td', { class: 'num' }, row.spaces),
        h('td', { class: 'muted' }, dateTime(row.updatedAt))))))));
  });

  void loadInto(visitors, () => api.get<OpenVisitors[]>('/api/open/park-visitors', { days: 30 }), (rows) => {
    const chart = createChart('chart-open-visitors');
    charts.push(chart);
    visitors.append(chart.element);
    chart.set(pivot(rows.map((r) => ({ x: r.date, series: r.zone, value: r.visitors })), true));
  });

  void loadInto(energy, () => api.get<OpenLightingEnergy[]>('/api/open/lighting-energy', { days: 30 }), (rows) => {
    const chart = createChart('chart-open-energy');
    charts.push(chart);
    energy.append(chart.element);
    chart.set(pivot(rows.map((r) => ({ x: r.date, series: r.grid, value: r.kwh })), true));
  });

  return () => {
    for (const chart of charts) chart.dispose();
  };
}

/** Long rows (x, series, value) to one bar series per series name, stacked so the total per day shows. */
function pivot(rows: { x: string; series: string; value: number }[], stacked: boolean) {
  const xs = [...new Set(rows.map((r) => r.x))].sort();
  const names = [...new Set(rows.map((r) => r.series))].sort();
  const values = new Map(rows.map((r) => [`${r.series}\u0000${r.x}`, r.value]));
  return bars(xs, names.map((name) => ({ name, values: xs.map((x) => values.get(`${name}\u0000${x}`) ?? null) })), stacked);
}
