import { api, url, type Query } from '../api/client';
import type { AggregateResult, Device, Site, WorkOrderAnalytics } from '../api/types';
import { bars, createChart, timeLines, type Chart, type ChartOption } from '../charts/chart';
import { t, term, type Key } from '../i18n';
import { field, h } from '../ui/dom';
import { endOfDayUtc, isoDate, number, startOfDayUtc } from '../ui/format';
import { loadInto } from '../ui/notices';

// Planner view: usage charts from /api/telemetry/aggregate for a chosen period, each with the CSV export
// of exactly the query it charts, and work-order analytics for the same period.

type Period = { from: string; to: string };

interface UsageChart {
  id: 'occupancy' | 'visitors' | 'energy';
  title: Key;
  note?: Key;
  query: Query;
  draw: (result: AggregateResult, names: Names) => Promise<ChartOption>;
}

interface Names { zones: Map<string, string>; grids: Map<string, string> }

const usageCharts: UsageChart[] = [
  {
    id: 'occupancy', title: 'planner.occupancy',
    // `occupied` is a per-space boolean, so the hourly mean per zone is the share of spaces taken.
    query: { kind: 'parking', field: 'occupied', fn: 'mean', window: '1h', groupBy: 'zone' },
    draw: async (result, names) => timeLines(groupSeries(result, names.zones, 100), '%', true),
  },
  {
    id: 'visitors', title: 'planner.visitors',
    // `visitors` is how many people a park sensor counts at a moment; the day's maximum is its peak.
    query: { kind: 'park', field: 'visitors', fn: 'max', window: '1d', groupBy: 'zone' },
    draw: async (result, names) => dailyBars(result, names.zones, 1),
  },
  {
    id: 'energy', title: 'planner.energy', note: 'planner.energyNote',
    query: { kind: 'light', field: 'power_w', fn: 'mean', window: '1d', groupBy: 'grid' },
    draw: async (result, names) => {
      const lamps = await lampsPerGrid();
      return dailyBars(result, names.grids, 1, (grid, watts) => (watts * (lamps.get(grid) ?? 0) * 24) / 1000);
    },
  },
];

export function plannerView(root: HTMLElement): () => void {
  const charts: Chart[] = [];
  const today = new Date();
  const weekAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6);
  const form = h('form', { class: 'card period', testid: 'planner-period' },
    h('label', {}, t('planner.from'), h('input', { type: 'date', name: 'from', value: isoDate(weekAgo), required: true, testid: 'planner-from' })),
    h('label', {}, t('planner.to'), h('input', { type: 'date', name: 'to', value: isoDate(today), required: true, testid: 'planner-to' })),
    h('button', { type: 'submit', class: 'primary', testid: 'planner-apply' }, t('planner.apply')));
  const usage = h('div', { class: 'chart-grid' });
  const analytics = h('div', { testid: 'analytics' });
  root.append(h('div', { class: 'view-head' }, h('h1', {}, t('planner.title'))), form,
    h('h2', {}, t('planner.telemetry')), usage,
    h('h2', {}, t('analytics.title')), analytics);

  const namesPromise = api.get<Site[]>('/api/sites').then(names).catch(() => ({ zones: new Map(), grids: new Map() }) as Names);

  const show = () => {
    const fromDay = field(form, 'from');
    const toDay = field(form, 'to');
    if (!fromDay || !toDay || toDay < fromDay) {
      usage.replaceChildren(h('p', { class: 'inline-error', role: 'alert', testid: 'period-error' }, t('planner.badPeriod')));
      analytics.replaceChildren();
      return;
    }
    const period: Period = { from: startOfDayUtc(fromDay), to: endOfDayUtc(toDay) };
    for (const chart of charts.splice(0)) chart.dispose();
    usage.replaceChildren(...usageCharts.map((spec) => usageCard(spec, period)));
    showAnalytics(period);
  };

  const usageCard = (spec: UsageChart, period: Period): HTMLElement => {
    const query = { ...spec.query, ...period };
    const body = h('div', {});
    const chart = createChart(`chart-${spec.id}`);
    charts.push(chart);
    void loadInto(body, () => api.get<AggregateResult>('/api/telemetry/aggregate', query), async (result) => {
      body.append(chart.element);
      chart.set(await spec.draw(result, await namesPromise));
    });
    return h('section', { class: 'card', testid: `usage-${spec.id}` },
      h('div', { class: 'card-head' }, h('h3', {}, t(spec.title)),
        h('a', { class: 'button small', href: url('/api/telemetry/export.csv', query), download: `${spec.id}-${period.from.slice(0, 10)}.csv`, testid: `export-csv-${spec.id}` }, t('planner.exportCsv'))),
      spec.note ? h('p', { class: 'muted small' }, t(spec.note)) : null,
      body);
  };

  const showAnalytics = (period: Period) => {
    void loadInto(analytics, () => api.get<WorkOrderAnalytics>('/api/analytics/work-orders', { ...period }), (result) => {
      const byCategory = createChart('chart-by-category', 240);
      const byGrid = createChart('chart-by-grid', 240);
      const byMonth = createChart('chart-by-month', 240);
      charts.push(byCategory, byGrid, byMonth);
      analytics.append(
        h('div', { class: 'stats' },
          h('div', { class: 'stat card' }, h('div', { class: 'stat-label' }, t('analytics.median')),
            h('div', { class: 'stat-value', testid: 'analytics-median' },
              result.medianHoursToResolve === null ? '—' : t('analytics.hours', { n: number(result.medianHoursToResolve) }))),
          h('div', { class: 'stat card' }, h('div', { class: 'stat-label' }, t('analytics.sla')),
            h('div', { class: 'stat-value', testid: 'analytics-sla' }, result.slaCompliancePct === null ? '—' : `${number(result.slaCompliancePct)}%`))),
        h('div', { class: 'chart-grid' },
          h('section', { class: 'card' }, h('h3', {}, t('analytics.byCategory')), byCategory.element),
          h('section', { class: 'card' }, h('h3', {}, t('analytics.byGrid')), byGrid.element),
          h('section', { class: 'card' }, h('h3', {}, t('analytics.byMonth')), byMonth.element)));
      const count = t('analytics.count');
      byCategory.set(bars(result.byCategory.map((r) => term('category', r.category)), [{ name: count, values: result.byCategory.map((r) => r.count) }]));
      byGrid.set(bars(result.byGrid.map((r) => r.grid), [{ name: count, values: result.byGrid.map((r) => r.count) }]));
      byMonth.set(bars(result.byMonth.map((r) => r.month), [{ name: count, values: result.byMonth.map((r) => r.count) }]));
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  show();
  return () => {
    for (const chart of charts) chart.dispose();
  };
}

function names(sites: Site[]): Names {
  const result: Names = { zones: new Map(), grids: new Map() };
  for (const grid of sites.flatMap((site) => site.grids)) {
    result.grids.set(grid.id, grid.name);
    for (const zone of grid.zones) result.zones.set(zone.id, `${grid.name} · ${zone.name}`);
  }
  return result;
}

function groupSeries(result: AggregateResult, labels: Map<string, string>, scale: number) {
  const groups = new Map<string, [string, number | null][]>();
  for (const row of result.rows) {
    const points = groups.get(row.group) ?? [];
    points.push([row.windowStart, row.value === null ? null : row.value * scale]);
    groups.set(row.group, points);
  }
  return [...groups].map(([group, points]) => ({ name: labels.get(group) ?? group, points }));
}

/** Bars per day (local date of the window start), one series per group, values optionally converted. */
function dailyBars(result: AggregateResult, labels: Map<string, string>, digits: number, convert = (_group: string, value: number) => value): ChartOption {
  const days = [...new Set(result.rows.map((row) => isoDate(new Date(row.windowStart))))].sort();
  const groups = [...new Set(result.rows.map((row) => row.group))].sort();
  const factor = 10 ** digits;
  return bars(days, groups.map((group) => ({
    name: labels.get(group) ?? group,
    values: days.map((day) => {
      const row = result.rows.find((r) => r.group === group && isoDate(new Date(r.windowStart)) === day);
      return row && row.value !== null ? Math.round(convert(group, row.value) * factor) / factor : null;
    }),
  })));
}

async function lampsPerGrid(): Promise<Map<string, number>> {
  const lamps = new Map<string, number>();
  for (const device of await api.get<Device[]>('/api/devices', { kind: 'light' })) lamps.set(device.grid, (lamps.get(device.grid) ?? 0) + 1);
  return lamps;
}
