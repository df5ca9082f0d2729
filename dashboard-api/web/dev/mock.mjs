// Dev-only stand-in for dashboard-api, so `npm run dev` can be clicked through without the back end.
// Loaded by vite.config.ts only for `vite serve` without PC_DASHBOARD_URL; never part of the build output.
// One in-memory session for the whole dev server; any password "demo" works for the contract's user names.

const users = {
  admin: { roles: ['admin'], grids: ['north', 'central', 'south'], crewId: null },
  manager: { roles: ['manager'], grids: ['north', 'central', 'south'], crewId: null },
  'manager-north': { roles: ['manager'], grids: ['north'], crewId: null },
  'crew-electric': { roles: ['crew'], grids: ['north', 'central', 'south'], crewId: 'electricians-day' },
  planner: { roles: ['planner'], grids: ['north', 'central', 'south'], crewId: null },
  auditor: { roles: ['auditor'], grids: ['north', 'central', 'south'], crewId: null },
};
const grids = [['north', '北区 North'], ['central', '中区 Central'], ['south', '南区 South']];
const zoneKinds = [['street', 'Street lighting', 'light', 100], ['park', 'Pocket park', 'park', 30], ['carpark', "Residents' car park", 'parking', 50], ['entrances', 'Building entrances', 'access', 20]];
const hour = 3600_000;
let me = null;
let version = 1;
const now = () => Date.now();
const iso = (ms) => new Date(ms).toISOString();
const alarms = [alarm('a-1', 'light-n-007', 'north', 'north-street', 'major', 'Lamp draws no power while on')];
const orders = [
  order('WO-1001', 'Lamp light-n-007 dark', 'electrical', 'assigned', 'north', 'north-street', 'light-n-007', 'electricians-day', -2),
  order('WO-1002', 'Lamp light-c-031 flickers', 'electrical', 'in_progress', 'central', 'central-street', 'light-c-031', 'electricians-day', 5),
  order('WO-1003', 'Gate stuck open', 'parking', 'open', 'south', 'south-carpark', 'parking-s-004', null, 3),
];

function alarm(id, device, grid, zone, severity, detail) {
  return { id, ruleId: 'lamp-dark', ruleName: 'Lamp dark while scheduled on', subject: device, severity, state: 'active', site: 'tianfu-park', grid, zone, device,
    raisedAt: iso(now() - 20 * 60_000), lastSeenAt: iso(now()), clearedAt: null, detail, acknowledgedBy: null, acknowledgedAt: null, workOrderId: null };
}
function order(id, title, category, status, grid, zone, device, crewId, dueInHours) {
  return { id, title, category, priority: 'P2', status, slaDueAt: iso(now() + dueInHours * hour), overdue: dueInHours < 0,
    location: { site: 'tianfu-park', grid, zone, device }, source: { type: 'alarm', alarmKey: `lamp-dark/${device}` },
    assignee: crewId ? { crewId } : null, createdAt: iso(now() - 5 * hour), updatedAt: iso(now() - hour), version: version++ };
}
function problem(res, status, title, detail, errors) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/problem+json');
  res.end(JSON.stringify({ title, status, detail, errors }));
}
function json(res, body, status = 200) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}
async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}
function series(from, to, stepMs, groups, value) {
  const rows = [];
  for (let t = Math.floor(from / stepMs) * stepMs; t < to; t += stepMs) for (const group of groups) rows.push({ group, windowStart: iso(t), value: value(t, group) });
  return rows;
}
const wave = (t) => Math.sin(((new Date(t).getHours() - 6) / 24) * 2 * Math.PI);

const live = new Set();
setInterval(() => {
  for (const res of live) res.write(': heartbeat\n\n');
}, 15_000).unref();

function routes(method, path, q) {
  const m = (pattern) => path.match(pattern);
  if (method === 'GET' && path === '/api/sites') return () => [{ id: 'tianfu-park', name: '天府公园社区', timezone: 'Asia/Shanghai', location: { lat: 30.66, lon: 104.06 },
    grids: grids.map(([id, name]) => ({ id, name, zones: zoneKinds.map(([z, zn, , n]) => ({ id: `${id}-${z}`, name: zn, deviceCount: n })) })) }];
  if (method === 'GET' && path === '/api/status/summary') return () => ({
    grids: grids.map(([grid, name]) => ({ grid, name, zones: zoneKinds.map(([z, zn, kind, n]) => {
      const alarmed = alarms.filter((a) => a.zone === `${grid}-${z}` && a.state !== 'cleared').length;
      return { zone: `${grid}-${z}`, name: zn, kinds: [{ kind, online: n - 2 - alarmed, offline: 2, unknown: 0, alarmed }] };
    }) })),
    activeAlarms: alarms.filter((a) => a.state !== 'cleared').length, overdueWorkOrders: orders.filter((o) => o.overdue).length });
  if (method === 'GET' && path === '/api/alarms') return () => alarms.filter((a) =>
    q.get('state') === 'cleared' ? a.state === 'cleared' : q.get('state') === 'all' || a.state !== 'cleared');
  if (method === 'POST' && m(/^\/api\/alarms\/([^/]+)\/acknowledge$/)) return () => {
    const a = alarms.find((x) => x.id === decodeURIComponent(m(/^\/api\/alarms\/([^/]+)/)[1]));
    if (!a) return [404, 'Not Found', 'No alarm with that id'];
    Object.assign(a, { acknowledgedBy: me.username, acknowledgedAt: iso(now()) });
    return a;
  };
  if (method === 'GET' && path === '/api/work-orders') return () => orders.filter((o) =>
    (!q.get('overdue') || o.overdue) && (!q.get('status') || o.status === q.get('status')) &&
    (q.get('assignee') !== 'me' || o.assignee?.crewId === me.crewId));
  const one = m(/^\/api\/work-orders\/([^/]+)(\/[a-z]+)?$/);
  if (one) {
    const o = orders.find((x) => x.id === decodeURIComponent(one[1]));
    if (!o) return () => [404, 'Not Found', `No work order '${one[1]}'`];
    if (method === 'GET' && !one[2]) return () => ({ ...o, device: o.location.device, timeline: [
      { at: o.createdAt, kind: 'created', actor: null, text: 'Raised by alarm lamp-dark' },
      { at: o.updatedAt, kind: 'assigned', actor: 'router', text: `Assigned to ${o.assignee?.crewId ?? '—'}` }] });
    if (method === 'POST' && one[2] === '/assign') return (b) => { Object.assign(o, { status: 'assigned', assignee: { crewId: b.crewId }, version: version++ }); return o; };
    if (method === 'POST' && one[2] === '/comments') return () => o;
    if (method === 'POST' && one[2] === '/transitions') return (b) => {
      const allowed = { open: ['cancelled'], assigned: ['in_progress', 'cancelled'], in_progress: ['resolved', 'cancelled'], resolved: ['closed', 'in_progress', 'cancelled'] }[o.status] ?? [];
      if (!allowed.includes(b.to)) return [409, 'Illegal transition', `Work order ${o.id} cannot move from ${o.status} to ${b.to}.`];
      if (b.expectedVersion !== undefined && b.expectedVersion !== o.version) return [409, 'Stale version', `Work order ${o.id} changed since you loaded it.`];
      Object.assign(o, { status: b.to, version: version++, overdue: b.to === 'resolved' ? false : o.overdue });
      return o;
    };
  }
  if (method === 'GET' && m(/^\/api\/devices\/[^/]+\/readings$/)) return () => {
    const to = Date.parse(q.get('to')), from = Date.parse(q.get('from'));
    const out = [];
    for (let t = from; t < to; t += 5 * 60_000) out.push({ timestamp: iso(t), values: { power_w: t > to - 40 * 60_000 ? 0 : 40 + Math.random() * 3, dim_pct: 80, on: true, mode: 'auto' } });
    return out;
  };
  if (method === 'GET' && path === '/api/devices') return () => grids.flatMap(([g]) => Array.from({ length: 100 }, (_, i) => ({ id: `light-${g[0]}-${i}`, kind: 'light', site: 'tianfu-park', grid: g, zone: `${g}-street`, location: null, status: 'online', lastSeen: iso(now()), latest: {} })));
  if (method === 'GET' && path === '/api/telemetry/aggregate') return () => {
    const from = Date.parse(q.get('from')), to = Date.parse(q.get('to'));
    if (!(from < to)) return [400, 'Invalid range', "'from' must be before 'to'.", { from: ["'from' must be before 'to'."] }];
    if (to - from > 400 * 24 * hour) return [400, 'Range too large', 'The range from 2025-01-01 to 2026-11-29 is longer than 400 days.', { from: ['range longer than 400 days'] }];
    const step = q.get('window') === '1h' ? hour : 24 * hour;
    const kind = q.get('kind');
    const groups = q.get('groupBy') === 'grid' ? grids.map(([g]) => g) : grids.map(([g]) => `${g}-${kind === 'park' ? 'park' : 'carpark'}`);
    const value = kind === 'parking' ? (t) => 0.55 + 0.35 * wave(t + hour * 12) : kind === 'park' ? (t) => 80 + Math.round(Math.random() * 60) : () => 18 + Math.random() * 4;
    return { kind, field: q.get('field'), fn: q.get('fn'), window: q.get('window'), groupBy: q.get('groupBy'), rows: series(from, to, step, groups, value) };
  };
  if (method === 'GET' && path === '/api/analytics/work-orders') return () => ({
    byCategory: [{ category: 'electrical', count: 42 }, { category: 'parking', count: 17 }, { category: 'gardening', count: 9 }, { category: 'security', count: 4 }],
    byGrid: grids.map(([grid], i) => ({ grid, count: 20 + i * 7 })), byMonth: [{ month: '2026-09', count: 21 }, { month: '2026-10', count: 30 }, { month: '2026-11', count: 21 }],
    medianHoursToResolve: 5.25, slaCompliancePct: 91.7 });
  if (method === 'GET' && path === '/api/audit') return () => Array.from({ length: 25 }, (_, i) => ({ at: iso(now() - i * 600_000), actor: i % 3 ? 'crew-electric' : 'manager',
    action: ['sign-in', 'work-order.transition', 'work-order.comment'][i % 3], target: i % 3 ? `WO-10${i}` : null, detail: i % 3 ? 'assigned → in_progress' : null, ip: '127.0.0.1' }));
  return null;
}

function openData(path) {
  const days = Array.from({ length: 30 }, (_, i) => iso(now() - (29 - i) * 24 * hour).slice(0, 10));
  if (path === '/api/open/parking') return grids.map(([g, name]) => ({ zone: `${g}-carpark`, zoneName: `${name} · Residents' car park`, spaces: 50, occupied: 31, free: 19, updatedAt: iso(now()) }));
  if (path === '/api/open/park-visitors') return days.flatMap((date) => grids.map(([g]) => ({ date, zone: `${g}-park`, visitors: 300 + Math.round(Math.random() * 200) })));
  if (path === '/api/open/lighting-energy') return days.flatMap((date) => grids.map(([grid]) => ({ date, grid, kwh: 40 + Math.random() * 8 })));
  return null;
}

export function devMock() {
  return {
    name: 'parkcommunity-dev-mock',
    configureServer(server) {
      server.middlewares.use(handle);
    },
    // `vite preview` serves the real build output (../wwwroot) with the same stand-in API.
    configurePreviewServer(server) {
      server.middlewares.use(handle);
    },
  };
}

async function handle(req, res, next) {
  const u = new URL(req.url, 'http://dev');
  if (!u.pathname.startsWith('/api/')) return next();
  try {
    if (u.pathname.startsWith('/api/open/')) return json(res, openData(u.pathname) ?? []);
    if (u.pathname === '/api/auth/sign-in') {
      const b = await body(req);
      const user = users[b.username];
      if (!user || !b.password) return problem(res, 401, 'Sign-in failed', 'Unknown user name or wrong password.');
      me = { username: b.username, displayName: b.username, site: 'tianfu-park', ...user };
      return json(res, me);
    }
    if (u.pathname === '/api/auth/sign-out') { me = null; res.statusCode = 204; return res.end(); }
    if (!me) return problem(res, 401, 'Unauthorized', 'Sign in first.');
    if (u.pathname === '/api/me') return json(res, me);
    if (u.pathname === '/api/telemetry/export.csv') { res.setHeader('Content-Type', 'text/csv; charset=utf-8'); return res.end('group,windowStart,value\nnorth-carpark,2026-11-28T00:00:00Z,0.61\n'); }
    if (u.pathname === '/api/live') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      live.add(res);
      // A lamp fails a few seconds after the manager opens the page, as in the browser test.
      const timer = setTimeout(() => {
        const a = alarm(`a-${now()}`, 'light-s-042', 'south', 'south-street', 'critical', 'Lamp reports fault=true');
        alarms.unshift(a);
        res.write(`event: alarm\ndata: ${JSON.stringify(a)}\n\n`);
      }, 4000);
      req.on('close', () => { clearTimeout(timer); live.delete(res); });
      return;
    }
    const handler = routes(req.method, u.pathname, u.searchParams);
    if (!handler) return problem(res, 404, 'Not Found', `No mock for ${req.method} ${u.pathname}`);
    const result = handler(req.method === 'POST' ? await body(req) : undefined);
    if (Array.isArray(result) && typeof result[0] === 'number') return problem(res, ...result);
    return json(res, result);
  } catch (error) {
    problem(res, 500, 'Mock failed', String(error));
  }
}
