import { api } from '../api/client';
import type { Reading, WorkOrder, WorkOrderDetail } from '../api/types';
import type { Chart } from '../charts/chart';
import { t } from '../i18n';
import { h } from '../ui/dom';
import { dateTime } from '../ui/format';
import { loadInto } from '../ui/notices';

const readingHours = 6;

/** Timeline and the device's last hours of readings; returns a disposer for the chart. */
export function workOrderDetails(target: HTMLElement, order: WorkOrder): () => void {
  let chart: Chart | null = null;
  void loadInto(target, () => api.get<WorkOrderDetail>(`/api/work-orders/${encodeURIComponent(order.id)}`), (detail) => {
    target.append(h('h3', {}, t('wo.timeline')),
      h('ol', { class: 'timeline', testid: 'work-order-timeline' }, detail.timeline.map((entry) =>
        h('li', {}, h('span', { class: 'muted' }, dateTime(entry.at)), ' ', entry.actor ? h('strong', {}, entry.actor) : null, ' ', entry.text ?? entry.kind))));
    const device = detail.device ?? detail.location.device;
    if (!device) {
      target.append(h('p', { class: 'muted' }, t('wo.noDevice')));
      return;
    }
    const box = h('div', {});
    target.append(h('h3', {}, t('wo.readings', { device, hours: readingHours })), box);
    const to = new Date();
    const from = new Date(to.getTime() - readingHours * 3600_000);
    void loadInto(box,
      () => api.get<Reading[]>(`/api/devices/${encodeURIComponent(device)}/readings`, { from: from.toISOString(), to: to.toISOString(), limit: 2000 }),
      async (readings) => {
        if (readings.length === 0) {
          box.append(h('p', { class: 'muted', testid: 'no-readings' }, t('wo.noReadings')));
          return;
        }
        // ECharts is most of the bundle: a crew phone fetches it only when a detail panel is opened.
        const { createChart, timeLines } = await import('../charts/chart');
        chart = createChart('device-readings-chart', 220);
        box.append(chart.element);
        chart.set(timeLines(numericSeries(readings)));
      });
  });
  return () => chart?.dispose();
}

/** One line per numeric or boolean field (booleans as 0/1, so "on" and "fault" show as steps). */
function numericSeries(readings: Reading[]) {
  const fields = new Map<string, [string, number | null][]>();
  for (const reading of readings) {
    for (const [name, value] of Object.entries(reading.values)) {
      if (typeof value === 'string') continue;
      const points = fields.get(name) ?? [];
      points.push([reading.timestamp, typeof value === 'boolean' ? Number(value) : value]);
      fields.set(name, points);
    }
  }
  return [...fields].map(([name, points]) => ({ name, points: points.sort((a, b) => a[0].localeCompare(b[0])) }));
}
