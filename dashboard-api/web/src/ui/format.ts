import { currentLocale } from '../i18n';

// Times are shown in the browser's own time zone (a phone in the park is in the site's zone anyway).

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(currentLocale(), { dateStyle: 'short', timeStyle: 'short' });
}

export function shortTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(currentLocale(), { hour: '2-digit', minute: '2-digit' });
}

export function number(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString(currentLocale(), { maximumFractionDigits: digits });
}

/** `yyyy-mm-dd` of a local date, for <input type=date>. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a `yyyy-mm-dd` as an ISO 8601 UTC instant, as the API wants. */
export function startOfDayUtc(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** Local midnight after `day`: the exclusive end of a period that includes `day`. */
export function endOfDayUtc(day: string): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}
