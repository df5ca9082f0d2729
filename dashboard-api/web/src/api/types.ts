// Shapes of the dashboard HTTP API (docs: /tmp contract, mirrored in docs/web-dashboard.md). Only the
// fields the views read are typed; the server may send more.

export type Role = 'admin' | 'manager' | 'crew' | 'planner' | 'auditor';

export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
  grids: string[];
  crewId: string | null;
  site: string;
}

export interface LatLon { lat: number; lon: number }

export interface Site {
  id: string;
  name: string;
  timezone: string;
  location: LatLon;
  grids: { id: string; name: string; zones: { id: string; name: string; deviceCount: number }[] }[];
}

export type DeviceStatus = 'online' | 'offline' | 'unknown';
export type FieldValue = number | boolean | string;

export interface Device {
  id: string;
  kind: string;
  site: string;
  grid: string;
  zone: string;
  location: LatLon | null;
  status: DeviceStatus;
  lastSeen: string | null;
  latest: Record<string, FieldValue>;
}

export interface Reading { timestamp: string; values: Record<string, FieldValue> }

export interface KindCounts { kind: string; online: number; offline: number; unknown: number; alarmed: number }

export interface StatusSummary {
  grids: { grid: string; name: string; zones: { zone: string; name: string; kinds: KindCounts[] }[] }[];
  activeAlarms: number;
  overdueWorkOrders: number;
}

export interface AggregateResult {
  kind: string;
  field: string;
  fn: string;
  window: string;
  groupBy: string;
  rows: { group: string; windowStart: string; value: number | null }[];
}

export type AlarmState = 'active' | 'clearing' | 'cleared';

export interface Alarm {
  id: string;
  ruleId: string;
  ruleName: string;
  subject: string;
  severity: string;
  state: AlarmState;
  site: string;
  grid: string | null;
  zone: string | null;
  device: string | null;
  raisedAt: string;
  lastSeenAt: string;
  clearedAt: string | null;
  detail: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  workOrderId: string | null;
}

export type WorkOrderStatus = 'open' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'cancelled';

export interface WorkOrder {
  id: string;
  title: string;
  category: string;
  priority: string;
  status: WorkOrderStatus;
  slaDueAt: string;
  overdue: boolean;
  location: { site: string; grid: string | null; zone: string | null; device: string | null };
  source: { type: 'alarm'; alarmKey: string } | { type: 'resident'; channel: string };
  assignee: { crewId: string | null } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TimelineEntry { at: string; kind: string; actor: string | null; text: string | null }

export interface WorkOrderDetail extends WorkOrder {
  timeline: TimelineEntry[];
  device: string | null;
}

export interface WorkOrderAnalytics {
  byCategory: { category: string; count: number }[];
  byGrid: { grid: string; count: number }[];
  byMonth: { month: string; count: number }[];
  medianHoursToResolve: number | null;
  slaCompliancePct: number | null;
}

export interface OpenParking { zone: string; zoneName: string; spaces: number; occupied: number; free: number; updatedAt: string }
export interface OpenVisitors { date: string; zone: string; visitors: number }
export interface OpenLightingEnergy { date: string; grid: string; kwh: number }

export interface AuditRecord { at: string; actor: string; action: string; target: string | null; detail: string | null; ip: string | null }

export interface DeviceStatusEvent { device: string; grid: string; zone: string; kind: string; status: DeviceStatus; lastSeen: string | null }
