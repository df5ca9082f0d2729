import type { Alarm } from '../api/types';
import { t, term } from '../i18n';
import { h } from '../ui/dom';
import { dateTime } from '../ui/format';

/** One alarm as a list item; `onAcknowledge` adds the button when the alarm is not yet acknowledged. */
export function alarmItem(alarm: Alarm, onAcknowledge?: (alarm: Alarm, button: HTMLButtonElement) => void): HTMLElement {
  const where = [alarm.grid, alarm.zone, alarm.device].filter(Boolean).join(' / ');
  const button = onAcknowledge && !alarm.acknowledgedAt
    ? h('button', { type: 'button', class: 'small', testid: 'alarm-acknowledge' }, t('alarm.acknowledge'))
    : null;
  button?.addEventListener('click', () => onAcknowledge!(alarm, button));
  return h('li', {
    class: `item alarm severity-${alarm.severity} state-${alarm.state}`,
    testid: 'alarm-item',
    'data-alarm-id': alarm.id,
    'data-rule-id': alarm.ruleId,
    'data-device': alarm.device ?? '',
    'data-state': alarm.state,
    'data-severity': alarm.severity,
  },
    h('div', { class: 'item-head' },
      h('span', { class: `badge sev-${alarm.severity}` }, term('severity', alarm.severity)),
      h('strong', { class: 'item-title' }, alarm.ruleName || alarm.ruleId),
      alarm.state !== 'active' ? h('span', { class: 'badge' }, term('alarmState', alarm.state)) : null),
    h('div', { class: 'item-meta' }, where || alarm.subject, ' · ', t('alarm.raisedAt', { at: dateTime(alarm.raisedAt) })),
    alarm.detail ? h('div', { class: 'item-text' }, alarm.detail) : null,
    h('div', { class: 'item-foot' },
      alarm.acknowledgedBy ? h('span', { class: 'muted' }, t('alarm.acknowledgedBy', { who: alarm.acknowledgedBy })) : null,
      alarm.workOrderId ? h('span', { class: 'muted' }, t('alarm.workOrder', { id: alarm.workOrderId })) : null,
      button));
}
