import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { h } from '../ui/dom';
import { t } from '../i18n';

// Only the ECharts parts the views use are registered, which keeps the bundle a fraction of the full build.
echarts.use([LineChart, BarChart, GridComponent, TitleComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface Chart {
  element: HTMLElement;
  set(option: ChartOption): void;
  dispose(): void;
}

/** A chart in a box that follows its container's width (phones rotate; the grid reflows). */
export function createChart(testid: string, height = 280): Chart {
  const element = h('div', { class: 'chart', style: `height:${height}px`, testid });
  let instance: echarts.ECharts | null = null;
  const observer = new ResizeObserver(() => instance?.resize());
  observer.observe(element);
  return {
    element,
    set(option) {
      instance ??= echarts.init(element, undefined, { renderer: 'canvas' });
      // People who ask their system for less motion get charts drawn at once, without the grow-in animation.
      instance.setOption({ animation: !matchMedia('(prefers-reduced-motion: reduce)').matches, ...option }, { notMerge: true });
    },
    dispose() {
      observer.disconnect();
      instance?.dispose();
      instance = null;
    },
  };
}

export interface Series { name: string; points: [string, number | null][] }

/** A time-axis line chart with one line per group; zoomable when there are many points. */
export function timeLines(series: Series[], unit = '', area = false): ChartOption {
  const many = series.some((s) => s.points.length > 48);
  return series.length === 0
    ? emptyOption()
    : {
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${round(v)}${unit}` : '—') },
        legend: { type: 'scroll', top: 0 },
        grid: { left: 8, right: 16, top: 36, bottom: many ? 56 : 24, containLabel: true },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: !area },
        dataZoom: many ? [{ type: 'inside' }, { type: 'slider', height: 20, bottom: 8 }] : [],
        // Symbols stay hidden on busy lines, but a reading with no neighbour draws no line at all: show it as a dot.
        series: series.map((s) => ({ name: s.name, type: 'line', showSymbol: hasLonePoint(s.points), connectNulls: false, data: s.points, areaStyle: area ? { opacity: 0.15 } : undefined })),
      };
}

/** Grouped bars over categories (dates, months, names). */
export function bars(categories: string[], series: { name: string; values: (number | null)[] }[], stacked = false): ChartOption {
  return categories.length === 0
    ? emptyOption()
    : {
        tooltip: { trigger: 'axis' },
        legend: { type: 'scroll', top: 0, show: series.length > 1 },
        grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 24, containLabel: true },
        xAxis: { type: 'category', data: categories },
        yAxis: { type: 'value' },
        series: series.map((s) => ({ name: s.name, type: 'bar', stack: stacked ? 'total' : undefined, data: s.values.map((v) => (v === null ? null : round(v))) })),
      };
}

function hasLonePoint(points: [string, number | null][]): boolean {
  const value = (i: number) => points[i]?.[1] ?? null;
  return points.some((_, i) => value(i) !== null && value(i - 1) === null && value(i + 1) === null);
}

function emptyOption(): ChartOption {
  return { title: { text: t('app.empty'), left: 'center', top: 'middle', textStyle: { color: '#888', fontSize: 14, fontWeight: 'normal' } } };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
