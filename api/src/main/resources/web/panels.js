'use strict';
// The dashboard's panels, in the order shown. A new capability adds one Ballast.panel({...}) here
// (see app.js for the fields); nothing else of the page needs to change.

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c)));
  return e;
}

/** A table with a caption and column headers: [the table, its tbody]; rows go in with upsertRow. */
function table(id, caption, headers) {
  const tbody = el('tbody', {});
  return [el('table', { id }, caption ? el('caption', {}, caption) : '',
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))), tbody), tbody];
}

/** The problem+json detail of a failed answer (with its field errors), else the status. */
function problemText(r) {
  if (!r.body) return String(r.status);
  const fields = (r.body.errors || []).map((e) => (e.field ? e.field + ': ' : '') + e.message).join('; ');
  return (r.body.detail || r.body.title || String(r.status)) + (fields ? ' (' + fields + ')' : '');
}

function snapshotPath(ctx) {
  return '/api/valuation/portfolios/' + encodeURIComponent(ctx.portfolio) + '/snapshot' + (ctx.currency ? '?currency=' + ctx.currency : '');
}

Ballast.panel({
  id: 'value',
  title: 'Value',
  async render(body, ctx) {
    body.replaceChildren(
      el('div', {}, 'Live: ', el('span', { id: 'live-total', class: 'big' }, '–')),
      el('div', {}, 'Priced: ', el('span', { id: 'snapshot-total' }, '…'), ' ', el('span', { id: 'snapshot-note' })));
    if (!ctx.portfolio) {
      body.replaceChildren('No portfolio yet.');
      return;
    }
    const r = await ctx.api.get(snapshotPath(ctx));
    if (!r.ok) {
      document.getElementById('snapshot-total').textContent = (r.body && r.body.detail) || r.status;
      return;
    }
    const lines = r.body.lines.filter((l) => ctx.inScope(l.class));
    const total = ctx.scope === 'all' ? r.body.total : lines.reduce((s, l) => s + Number(l.value || 0), 0);
    document.getElementById('snapshot-total').textContent = ctx.format(total, r.body.currency);
    document.getElementById('snapshot-total').dataset.currency = r.body.currency;
    document.getElementById('snapshot-note').textContent =
      (r.body.stale ? r.body.stale + ' stale ' : '') + (r.body.missing ? r.body.missing + ' missing' : '');
  },
  live(data, body, ctx) {
    const out = document.getElementById('live-total');
    if (out && data.total) {
      out.textContent = ctx.format(data.total.amount, data.total.currency);
      out.dataset.amount = data.total.amount;
    }
  },
});

Ballast.panel({
  id: 'positions',
  title: 'Positions',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const r = await ctx.api.get(snapshotPath(ctx));
    if (!r.ok) {
      body.replaceChildren((r.body && r.body.detail) || String(r.status));
      return;
    }
    const head = el('tr', {}, ...['Asset', 'Account', 'Class', 'Quantity', 'Price', 'Value', 'Weight'].map((h) => el('th', { scope: 'col' }, h)));
    const rows = r.body.lines.filter((l) => ctx.inScope(l.class)).map((l) => el('tr', { class: l.status === 'ok' ? '' : l.status },
      el('td', {}, l.asset, l.status === 'ok' ? '' : ' (' + l.status + ')'), el('td', {}, l.account), el('td', {}, l.class),
      el('td', {}, l.quantity), el('td', {}, l.price === null ? '–' : ctx.format(l.price, l.price_currency)),
      el('td', {}, ctx.format(l.value, r.body.currency)), el('td', {}, l.weight === null ? '–' : (Number(l.weight) * 100).toFixed(2) + ' %')));
    body.replaceChildren(el('table', { id: 'positions-table' }, el('thead', {}, head), el('tbody', {}, ...rows)));
  },
});

Ballast.panel({
  id: 'allocation',
  title: 'Allocation against target',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const query = [ctx.currency ? 'currency=' + ctx.currency : '', ctx.scope === 'all' ? '' : 'scope=' + ctx.scope].filter((q) => q).join('&');
    const r = await ctx.api.get('/api/valuation/portfolios/' + encodeURIComponent(ctx.portfolio) + '/allocation' + (query ? '?' + query : ''));
    if (!r.ok || !r.body.rows || r.body.rows.length === 0) {
      body.replaceChildren(r.ok ? 'No target set.' : ((r.body && r.body.detail) || String(r.status)));
      return;
    }
    const canvas = el('canvas', { id: 'allocation-chart', role: 'img', 'aria-label': 'current weights against target weights' });
    const table = el('table', {}, el('tr', {}, el('th', {}, 'Key'), el('th', {}, ''), el('th', {}, 'Weight'), el('th', {}, 'Target')),
      ...r.body.rows.map((row) => el('tr', {}, el('td', {}, row.key), el('td', {}, ''),
        el('td', {}, row.weight === null ? '–' : (Number(row.weight) * 100).toFixed(1) + ' %'),
        el('td', {}, row.target === null ? '–' : (Number(row.target) * 100).toFixed(1) + ' %'))));
    body.replaceChildren(canvas, table);
    if (window.Chart) {
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: r.body.rows.map((row) => row.key),
          datasets: [
            { label: 'now %', data: r.body.rows.map((row) => Number(row.weight || 0) * 100) },
            { label: 'target %', data: r.body.rows.map((row) => Number(row.target || 0) * 100) },
          ],
        },
        options: { animation: false, responsive: true },
      });
    }
  },
});

// The range the value history and the metrics show: 1M, 3M, 1Y or all (from the first recorded day).
const RANGES = { '1M': 1, '3M': 3, '1Y': 12, 'all': null };
let range = 'all';

function rangeQuery(ctx) {
  const q = [];
  const months = RANGES[range];
  if (months) {
    const d = new Date();
    d.setUTCMonth(d.getUTCMonth() - months);
    q.push('from=' + d.toISOString().slice(0, 10));
  }
  if (ctx.currency) q.push('currency=' + ctx.currency);
  return q.length ? '?' + q.join('&') : '';
}

Ballast.panel({
  id: 'history',
  title: 'Value history',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const buttons = el('div', { role: 'group', 'aria-label': 'range', class: 'ranges' }, ...Object.keys(RANGES).map((name) => {
      const b = el('button', { type: 'button', id: 'range-' + name, 'aria-pressed': String(name === range) }, name);
      b.addEventListener('click', () => {
        range = name;
        Ballast.rerender('history');
        Ballast.rerender('metrics');
      });
      return b;
    }));
    const r = await ctx.api.get('/api/valuation/portfolios/' + encodeURIComponent(ctx.portfolio) + '/history' + rangeQuery(ctx));
    if (!r.ok) {
      body.replaceChildren(buttons, el('p', { id: 'history-error', role: 'alert' }, problemText(r)));
      return;
    }
    const days = r.body.days;
    const last = days.length ? days[days.length - 1] : null;
    const previous = days.length > 1 ? days[days.length - 2] : null;
    // the change of the last day without its deposits and withdrawals
    const change = last && previous ? Number(last.value) - Number(previous.value) - Number(last.flow || 0) : null;
    const summary = el('p', { id: 'history-summary' }, r.body.from + ' to ' + r.body.to + ': ',
      el('span', { id: 'history-last' }, last ? ctx.format(last.value, r.body.currency) : '–'), ', change today ',
      el('span', { id: 'history-change' }, change === null ? '–' : (change >= 0 ? '+' : '') + ctx.format(change, r.body.currency)),
      r.body.complete ? '' : ' (' + r.body.incomplete_days + ' day(s) incomplete)');
    const canvas = el('canvas', { id: 'history-chart', role: 'img', 'aria-label': 'daily value from ' + r.body.from + ' to ' + r.body.to,
      'data-points': String(days.length), 'data-currency': r.body.currency, 'data-last': last ? String(last.value) : '' });
    body.replaceChildren(buttons, summary, canvas);
    this.chart = null;
    this.shown = { currency: r.body.currency, to: r.body.to, canvas };
    if (window.Chart) {
      this.chart = new Chart(canvas, {
        type: 'line',
        data: { labels: days.map((d) => d.date), datasets: [{ label: r.body.currency, data: days.map((d) => Number(d.value)), pointRadius: 0 }] },
        options: { animation: false, responsive: true },
      });
    }
  },
  live(data, body, ctx) {
    // today's point follows the live value when it is in the chart's currency
    const shown = this.shown;
    if (!shown || !shown.canvas.isConnected || !data.total || data.total.currency !== shown.currency) return;
    if (shown.to !== new Date().toISOString().slice(0, 10)) return;
    shown.canvas.dataset.live = data.total.amount;
    if (this.chart) {
      const values = this.chart.data.datasets[0].data;
      values[values.length - 1] = Number(data.total.amount);
      this.chart.update('none');
    }
  },
});

const METRICS = [['time_weighted_return', 'Time-weighted return', 'pct'], ['cagr', 'CAGR', 'pct'],
  ['money_weighted_return', 'Money-weighted return', 'pct'], ['absolute_gain', 'Gain', 'money'],
  ['annualized_volatility', 'Volatility (annual)', 'pct'], ['sharpe_ratio', 'Sharpe', 'ratio'], ['sortino_ratio', 'Sortino', 'ratio'],
  ['max_drawdown', 'Maximum drawdown', 'pct'], ['max_drawdown_duration_days', 'Drawdown days', 'count']];

Ballast.panel({
  id: 'metrics',
  title: 'Metrics',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const r = await ctx.api.get('/api/valuation/portfolios/' + encodeURIComponent(ctx.portfolio) + '/metrics' + rangeQuery(ctx));
    if (!r.ok) {
      body.replaceChildren(el('p', { id: 'metrics-error', role: 'alert' }, problemText(r)));
      return;
    }
    const [t, tbody] = table('metrics-table', range + ', ' + r.body.from + ' to ' + r.body.to + ' (' + r.body.currency + ')', ['Metric', 'Value']);
    for (const [key, label, kind] of METRICS) {
      const v = r.body[key];
      const shown = v === null || v === undefined ? '–'
        : kind === 'pct' ? (Number(v) * 100).toFixed(2) + ' %'
          : kind === 'money' ? ctx.format(v, r.body.currency) : kind === 'ratio' ? Number(v).toFixed(2) : String(v);
      tbody.append(el('tr', { 'data-key': key }, el('td', {}, label), el('td', {}, shown)));
    }
    body.replaceChildren(t);
  },
});

Ballast.panel({
  id: 'kill-switch',
  title: 'Kill switch',
  roles: ['admin'],
  async render(body, ctx) {
    const r = await ctx.api.get('/api/kill-switch');
    const status = el('p', { id: 'kill-switch-status' }, r.ok ? (r.body.engaged ? 'ENGAGED: ' + r.body.reason : 'off') : String(r.status));
    const button = el('button', { type: 'button', class: 'danger', id: 'kill-switch-button' }, r.ok && r.body.engaged ? 'Reset' : 'Engage');
    button.addEventListener('click', async () => {
      if (r.body.engaged) {
        await ctx.api.post('/api/kill-switch/reset', { by: ctx.me.name });
      } else {
        await ctx.api.post('/api/kill-switch/engage', { by: ctx.me.name, reason: 'from the dashboard' });
      }
      this.render(body, ctx);
    });
    body.replaceChildren(status, button);
  },
});

Ballast.panel({
  id: 'users',
  title: 'Users',
  roles: ['admin'],
  async render(body, ctx) {
    const r = await ctx.api.get('/api/users');
    if (!r.ok) {
      body.replaceChildren(String(r.status));
      return;
    }
    body.replaceChildren(el('table', { id: 'users-table' }, el('tr', {}, el('th', {}, 'Name'), el('th', {}, 'Role')),
      ...r.body.map((u) => el('tr', {}, el('td', {}, u.name), el('td', {}, u.role)))));
  },
});

// ids of the engine's value types come as {value: "..."}; plain strings stay as they are
function idOf(x) {
  return x && typeof x === 'object' && 'value' in x ? x.value : x;
}

function when(instant) {
  return instant ? String(instant).replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';
}

function decisionCells(d) {
  return [d.decisionId, when(d.decidedAt), d.mode, String(d.intents), d.outsideBand ? 'yes' : 'no',
    d.passed === null || d.passed === undefined ? (d.mode === 'DRY_RUN' ? 'dry run' : 'not yet') : d.passed + ' passed, ' + d.rejected + ' rejected'];
}

function upsertRow(tbody, key, cells) {
  let row = [...tbody.rows].find((r) => r.dataset.key === key);
  if (!row) {
    row = el('tr', { 'data-key': key });
    tbody.prepend(row);
  }
  row.replaceChildren(...cells.map((c) => el('td', {}, c)));
}

Ballast.panel({
  id: 'strategy',
  title: 'Strategy and decisions',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const p = encodeURIComponent(ctx.portfolio);
    const [s, d] = await Promise.all([ctx.api.get('/api/strategies/' + p), ctx.api.get('/api/strategies/' + p + '/decisions?limit=10')]);
    const summary = el('p', { id: 'strategy-summary' }, s.ok
      ? 'Policy ' + (s.body.config.policy || 'threshold') + ', mode ' + s.body.config.mode + ', '
        + s.body.decisions + ' decision(s)' + (s.body.lastDecidedAt ? ', last ' + when(s.body.lastDecidedAt) : '')
      : (s.status === 404 ? 'No strategy configured for this portfolio.' : 'Strategy: ' + ((s.body && s.body.detail) || s.status)));
    const head = el('tr', {}, ...['Decision', 'At', 'Mode', 'Intents', 'Outside band', 'Risk gate'].map((h) => el('th', { scope: 'col' }, h)));
    const tbody = el('tbody', {});
    for (const row of (d.ok ? d.body.decisions : []).slice().reverse()) upsertRow(tbody, row.decisionId, decisionCells(row));
    const parts = [summary];
    if (s.ok && ctx.me.role !== 'viewer') {
      const button = el('button', { type: 'button', id: 'strategy-check' }, 'Check now');
      const note = el('span', { id: 'strategy-check-note', role: 'status' });
      button.addEventListener('click', async () => {
        button.disabled = true;
        const r = await ctx.api.post('/api/strategies/' + p + '/check', {});
        button.disabled = false;
        if (!r.ok) {
          note.textContent = (r.body && r.body.detail) || String(r.status);
          return;
        }
        note.textContent = 'decided ' + r.body.decisionId;
        upsertRow(tbody, r.body.decisionId, decisionCells({ decisionId: r.body.decisionId, decidedAt: r.body.decidedAt, mode: r.body.mode,
          intents: r.body.plan.intents.length, outsideBand: r.body.plan.drift.some((x) => x.outsideBand) }));
      });
      parts.push(el('p', {}, button, ' ', note));
    }
    parts.push(el('table', { id: 'decisions-table' }, el('thead', {}, head), tbody));
    body.replaceChildren(...parts);
    this.rows = tbody;
    ctx.subscribe('decisions', ctx.portfolio);
  },
  update(msg, body, ctx) {
    if (msg.topic !== 'decisions' || msg.key !== ctx.portfolio || !this.rows || !this.rows.isConnected) return;
    const e = msg.data.data;
    const key = e.decisionId;
    const row = [...this.rows.rows].find((r) => r.dataset.key === key);
    const cells = row ? [...row.cells].map((c) => c.textContent) : null;
    if (msg.data.event === 'RebalanceDecided') {
      upsertRow(this.rows, key, decisionCells({ decisionId: key, decidedAt: e.decidedAt, mode: e.mode, intents: e.plan.intents.length,
        outsideBand: e.plan.drift.some((x) => x.outsideBand) }));
    } else if (msg.data.event === 'IntentsScreened' && cells) {
      cells[5] = e.passed.length + ' passed, ' + e.rejected.length + ' rejected';
      upsertRow(this.rows, key, cells);
    }
  },
});

function instrumentOf(i) {
  return i && typeof i === 'object' && 'base' in i ? idOf(i.base) + '/' + idOf(i.quote) : String(idOf(i));
}

function verdictText(r) {
  if (r.verdict === 'PASSED') return 'passed';
  if (r.verdict === 'REJECTED') return 'rejected by ' + r.rejectedBy + (r.rejectionReason ? ': ' + r.rejectionReason : '');
  return r.mode === 'DRY_RUN' ? 'dry run' : 'not screened';
}

function intentCells(r) {
  const i = r.intent || {};
  return [when(r.decidedAt), r.decisionId, String(idOf(i.account)), instrumentOf(i.instrument), i.side, String(idOf(i.quantity)), verdictText(r),
    r.orderStatus ? r.orderStatus + (r.filledQuantity !== null && r.filledQuantity !== undefined ? ' (' + r.filledQuantity + ' filled)' : '') : '–'];
}

// The client order id the execution gives an intent's order (OrderIntent.clientOrderId): "bl-" and the
// first 16 bytes of the intent id's SHA-256 in hex. Null where the page has no WebCrypto (plain http
// from another host); the panel then reloads from the read side instead.
async function clientOrderIdOf(intentId) {
  if (!(window.crypto && crypto.subtle)) return null;
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(intentId)));
  return 'bl-' + [...hash.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// each intent of the strategy's decisions with the risk gate's verdict and the order it became:
// the read side's page first, then the decision, screening and order events over /ws, applied in
// the order they arrive (the read tables may not hold them yet when they arrive)
Ballast.panel({
  id: 'intents',
  title: 'Intents and the risk gate',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const p = encodeURIComponent(ctx.portfolio);
    const [portfolio, intents] = await Promise.all([ctx.api.get('/api/portfolios/' + p), this.load(ctx)]);
    const [intentsTable, rows] = table('intents-table', '', ['Decided', 'Decision', 'Account', 'Instrument', 'Side', 'Quantity', 'Risk gate', 'Order']);
    const caption = el('caption', { id: 'intents-caption' });
    intentsTable.prepend(caption);
    body.replaceChildren(intents.ok ? intentsTable : el('p', { role: 'alert' }, 'Intents: ' + problemText(intents)));
    this.rows = rows;
    this.caption = caption;
    this.byIntent = new Map();
    this.orderOf = new Map();
    this.added = 0;
    this.queue = Promise.resolve();
    this.take(intents);
    ctx.subscribe('decisions', ctx.portfolio);
    for (const account of portfolio.ok ? portfolio.body.accounts : []) ctx.subscribe('orders', account);
  },
  load(ctx) {
    return ctx.api.get('/api/strategies/' + encodeURIComponent(ctx.portfolio) + '/intents?limit=20');
  },
  take(intents) {
    if (!intents.ok) return;
    this.byIntent = new Map(intents.body.intents.map((r) => [r.intentId, r]));
    this.total = intents.body.total;
    this.added = 0;
    this.draw();
  },
  draw() {
    this.caption.textContent = 'Intents (' + (this.total + this.added) + ')';
    const all = [...this.byIntent.values()];
    // rows are updated in place (a reader holding one keeps it); the newest decision's on top
    for (const row of [...this.rows.rows]) if (!this.byIntent.has(row.dataset.key)) row.remove();
    for (const r of all.slice().reverse()) {
      const o = r.clientOrderId && this.orderOf.get(r.clientOrderId);
      upsertRow(this.rows, r.intentId, intentCells(o ? { ...r, orderStatus: o.status, filledQuantity: o.filled } : r));
    }
  },
  update(msg, body, ctx) {
    if (!this.rows || !this.rows.isConnected) return;
    if (!(msg.topic === 'decisions' && msg.key === ctx.portfolio) && msg.topic !== 'orders') return;
    this.queue = this.queue.then(() => this.apply(msg, ctx)).catch(() => this.reload(ctx));
  },
  async reload(ctx) {
    this.take(await this.load(ctx));
  },
  async add(intent, decisionId, decidedAt, mode) {
    if (this.byIntent.has(intent.intentId)) return true;
    const clientOrderId = await clientOrderIdOf(intent.intentId);
    if (clientOrderId === null) return false;
    // newest first: the new decision's intents go before those already shown
    this.byIntent = new Map([[intent.intentId, { intentId: intent.intentId, decisionId, decidedAt, mode, intent, verdict: 'NOT_SCREENED',
      rejectedBy: null, rejectionReason: null, clientOrderId, orderStatus: null, filledQuantity: null }], ...this.byIntent]);
    this.added++;
    return true;
  },
  async apply(msg, ctx) {
    const e = msg.data.data;
    if (msg.topic === 'orders') {
      const o = msg.data.order;
      if (!o) return;
      this.orderOf.set(idOf(o.request.id), { status: o.status, filled: o.filled });
    } else if (msg.data.event === 'RebalanceDecided') {
      for (const intent of e.plan.intents) {
        if (!(await this.add(intent, e.decisionId, e.decidedAt, e.mode))) return this.reload(ctx);
      }
    } else if (msg.data.event === 'IntentsScreened') {
      for (const intent of e.passed) {
        if (!(await this.add(intent, e.decisionId, e.screenedAt, null))) return this.reload(ctx);
        this.byIntent.get(intent.intentId).verdict = 'PASSED';
      }
      for (const r of e.rejected) {
        const row = this.byIntent.get(r.intentId);
        // a rejection names only its intent: one not shown yet comes from the read side
        if (!row) return this.reload(ctx);
        Object.assign(row, { verdict: 'REJECTED', rejectedBy: r.check, rejectionReason: r.reason });
      }
    } else {
      return;
    }
    this.draw();
  },
});

function orderCells(o) {
  return [when(o.acceptedAt), o.accountId, o.instrument, o.side, o.quantity, o.status, o.filledQuantity,
    o.intendedPrice === null || o.intendedPrice === undefined ? '–' : o.intendedPrice + ' ' + o.priceCurrency, o.reason || ''];
}

function fillCells(f) {
  return [when(f.filledAt), f.accountId, f.instrument, f.side, f.quantity, f.fillPrice + ' ' + f.priceCurrency,
    f.intendedPrice === null || f.intendedPrice === undefined ? '–' : f.intendedPrice + ' ' + f.priceCurrency,
    f.slippageBps === null || f.slippageBps === undefined ? '–' : Number(f.slippageBps).toFixed(2) + ' bps', f.fee + ' ' + f.feeCurrency, f.venue];
}

Ballast.panel({
  id: 'orders',
  title: 'Orders and fills',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    const p = encodeURIComponent(ctx.portfolio);
    const [portfolio, orders, fills] = await Promise.all([ctx.api.get('/api/portfolios/' + p),
      ctx.api.get('/api/strategies/' + p + '/orders?limit=20'), ctx.api.get('/api/strategies/' + p + '/fills?limit=20')]);
    const [ordersTable, orderRows] = table('orders-table', 'Orders (' + (orders.ok ? orders.body.total : '?') + ')',
      ['Accepted', 'Account', 'Instrument', 'Side', 'Quantity', 'Status', 'Filled', 'Intended price', 'Reason']);
    const [fillsTable, fillRows] = table('fills-table', 'Fills (' + (fills.ok ? fills.body.total : '?') + ')',
      ['Filled', 'Account', 'Instrument', 'Side', 'Quantity', 'Price', 'Intended', 'Slippage', 'Fee', 'Venue']);
    for (const o of (orders.ok ? orders.body.orders : []).slice().reverse()) upsertRow(orderRows, o.clientOrderId, orderCells(o));
    for (const f of (fills.ok ? fills.body.fills : []).slice().reverse()) upsertRow(fillRows, f.fillId, fillCells(f));
    body.replaceChildren(ordersTable, fillsTable);
    this.orderRows = orderRows;
    this.fillRows = fillRows;
    for (const account of portfolio.ok ? portfolio.body.accounts : []) ctx.subscribe('orders', account);
  },
  update(msg, body, ctx) {
    if (msg.topic !== 'orders' || !this.orderRows || !this.orderRows.isConnected) return;
    const o = msg.data.order;
    const e = msg.data.data;
    if (o) {
      const r = o.request;
      upsertRow(this.orderRows, idOf(r.id), orderCells({ acceptedAt: o.acceptedAt, accountId: msg.key,
        instrument: r.instrument.base + '/' + r.instrument.quote, side: r.side, quantity: r.quantity, status: o.status, filledQuantity: o.filled,
        intendedPrice: o.intendedPrice ? o.intendedPrice.value : null, priceCurrency: o.intendedPrice ? o.intendedPrice.currency : '',
        reason: o.reason }));
    }
    if (e && e.fill) {
      const f = e.fill;
      upsertRow(this.fillRows, idOf(f.id), fillCells({ filledAt: f.time, accountId: msg.key, instrument: f.instrument.base + '/' + f.instrument.quote,
        side: f.side, quantity: f.quantity, fillPrice: f.price.value, priceCurrency: f.price.currency,
        intendedPrice: e.intendedPrice ? e.intendedPrice.value : null, slippageBps: e.slippageBps, fee: f.fee.amount, feeCurrency: f.fee.currency,
        venue: '' }));
    }
  },
});

Ballast.panel({
  id: 'imports',
  title: 'Imports',
  roles: ['admin', 'trader'],
  async render(body, ctx) {
    const [portfolio, formats] = await Promise.all([
      ctx.portfolio ? ctx.api.get('/api/portfolios/' + encodeURIComponent(ctx.portfolio)) : Promise.resolve({ ok: false }),
      ctx.api.get('/api/imports/formats')]);
    const accounts = portfolio.ok ? portfolio.body.accounts : [];
    if (accounts.length === 0) {
      body.replaceChildren('No account in this portfolio to import into.');
      return;
    }
    const account = el('select', { id: 'import-account' }, ...accounts.map((a) => new Option(a, a)));
    const format = el('select', { id: 'import-format' }, new Option('detect from the file', 'auto'),
      ...(formats.ok ? formats.body : []).map((f) => new Option(f.name, f.name)));
    const file = el('input', { type: 'file', id: 'import-file', accept: '.csv,.txt,.xml,.json,text/csv' });
    const dryRun = el('input', { type: 'checkbox', id: 'import-dry-run' });
    const submit = el('button', { type: 'submit', id: 'import-submit' }, 'Import');
    const result = el('div', { id: 'import-result', 'aria-live': 'polite' });
    const form = el('form', { id: 'import-form', class: 'inline-form' },
      el('label', { for: 'import-account' }, 'Account'), account, el('label', { for: 'import-format' }, 'Format'), format,
      el('label', { for: 'import-file' }, 'Statement file'), file,
      el('label', {}, dryRun, ' dry run (show, record nothing)'), submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = file.files[0];
      if (!chosen) {
        result.replaceChildren(el('p', { id: 'import-error', role: 'alert' }, 'Choose a statement file first.'));
        return;
      }
      submit.disabled = true;
      result.replaceChildren('importing ' + chosen.name + ' …');
      const query = '?format=' + encodeURIComponent(format.value) + '&file=' + encodeURIComponent(chosen.name) + (dryRun.checked ? '&dryRun=true' : '');
      const r = await ctx.api.upload('/api/accounts/' + encodeURIComponent(account.value) + '/imports' + query, chosen);
      submit.disabled = false;
      result.replaceChildren(...importReport(r, ctx));
    });
    body.replaceChildren(form, result);
  },
});

/** What the page shows of an import's answer: the outcome, each account's part, every rejected row. */
function importReport(r, ctx) {
  if (!r.body || !r.body.outcome) {
    return [el('p', { id: 'import-error', role: 'alert' }, problemText(r))];
  }
  const b = r.body;
  const out = [el('p', { id: 'import-outcome', 'data-outcome': b.outcome }, b.file + ' (' + b.format + '): ' + b.outcome + ', ' + b.rows + ' row(s), '
    + b.rejectedCount + ' rejected')];
  const [accounts, accountRows] = table('import-accounts', 'Accounts', ['Account', 'Status', 'Rows', 'Recorded', 'Duplicates', 'From', 'To']);
  for (const a of b.accounts || []) {
    accountRows.append(el('tr', { 'data-key': a.account }, ...[a.account, a.status, a.rows, a.recorded, a.duplicates, when(a.from), when(a.to)]
      .map((c) => el('td', {}, c))));
  }
  out.push(accounts);
  if ((b.rejected || []).length > 0) {
    const [rejected, rejectedRows] = table('import-rejected', 'Rejected rows', ['File', 'Line', 'Column', 'Reason']);
    for (const x of b.rejected) {
      rejectedRows.append(el('tr', { 'data-key': String(x.line) }, ...[x.file, x.line, x.column || '', x.reason].map((c) => el('td', {}, c))));
    }
    out.push(rejected);
  }
  return out;
}

function alertCells(a) {
  return [a.level, a.type, a.subject, a.message, when(a.lastAt), String(a.count),
    a.acknowledgedAt ? 'acknowledged by ' + a.acknowledgedBy : 'open'];
}

Ballast.panel({
  id: 'alerts',
  title: 'Alerts',
  async render(body, ctx) {
    const r = await ctx.api.get('/api/alerts?limit=20');
    const [t, tbody] = table('alerts-table', r.ok ? 'Newest ' + r.body.alerts.length + (r.body.total !== undefined ? ' of ' + r.body.total : '') : problemText(r),
      ['Level', 'Type', 'Subject', 'Message', 'Last', 'Count', 'State', '']);
    this.rows = tbody;
    this.ctx = ctx;
    for (const a of (r.ok ? r.body.alerts : []).slice().reverse()) this.show(a);
    body.replaceChildren(t);
    ctx.subscribe('alerts', '*');
  },
  /** Puts an alert's row in (or replaces it), with Acknowledge for traders and admins while it is open. */
  show(a) {
    const key = String(a.id);
    upsertRow(this.rows, key, alertCells(a));
    const row = [...this.rows.rows].find((x) => x.dataset.key === key);
    row.className = a.acknowledgedAt ? 'acknowledged' : String(a.level).toLowerCase();
    const cell = el('td', {});
    if (!a.acknowledgedAt && this.ctx.me.role !== 'viewer') {
      const button = el('button', { type: 'button', id: 'alert-ack-' + key, 'aria-label': 'acknowledge alert ' + key + ': ' + a.subject }, 'Acknowledge');
      button.addEventListener('click', async () => {
        button.disabled = true;
        const r = await this.ctx.api.post('/api/alerts/' + key + '/ack?by=' + encodeURIComponent(this.ctx.me.name), {});
        if (r.ok) {
          this.show(r.body);
        } else {
          button.disabled = false;
          cell.append(' ' + problemText(r));
        }
      });
      cell.append(button);
    }
    row.append(cell);
  },
  update(msg, body, ctx) {
    if (msg.topic !== 'alerts' || !this.rows || !this.rows.isConnected) return;
    this.show(msg.data);
  },
});

// ---- backtests ---------------------------------------------------------------------------------

const BACKTEST_STATS = [['twr', 'Return (TWR)', 'pct'], ['cagr', 'CAGR', 'pct'], ['volatility', 'Volatility (annual)', 'pct'],
  ['sharpe', 'Sharpe', 'ratio'], ['sortino', 'Sortino', 'ratio'], ['calmar', 'Calmar', 'ratio'], ['maxDrawdown', 'Maximum drawdown', 'pct'],
  ['maxDrawdownDays', 'Drawdown days', 'count'], ['startValue', 'Start value', 'money'], ['endValue', 'End value', 'money'],
  ['turnover', 'Turnover', 'ratio'], ['feesPaid', 'Fees paid', 'money'], ['trades', 'Trades', 'count'], ['closedTrades', 'Closed trades', 'count'],
  ['winRate', 'Win rate', 'pct'], ['profitFactor', 'Profit factor', 'ratio']];

// a ratio the analytics could not define (a flat series' Sharpe) is stored as "NaN" or null: shown as a dash
function statText(v, kind, currency) {
  if (v === null || v === undefined || v === 'NaN' || v === 'Infinity' || v === '-Infinity') return '–';
  if (kind === 'pct') return (Number(v) * 100).toFixed(2) + ' %';
  if (kind === 'ratio') return Number(v).toFixed(2);
  if (kind === 'money') return String(v) + ' ' + currency;
  return String(v);
}

function backtestCells(r) {
  const q = r.request || {};
  return [r.run, r.status, q.strategy, (q.from || '?') + ' to ' + (q.to || '?'), r.endValue === null ? '–' : r.endValue + ' ' + q.currency,
    r.trades === null ? '–' : String(r.trades), r.metrics ? statText(r.metrics.twr, 'pct') : '–', r.error || ''];
}

// the stored backtest runs (newest first), a run's equity curve and its statistics; traders and admins start runs over the price store
Ballast.panel({
  id: 'backtests',
  title: 'Backtests',
  async render(body, ctx) {
    clearTimeout(this.poll);
    const r = await ctx.api.get('/api/backtests?limit=20');
    const [t, tbody] = table('backtests-table', r.ok ? 'Runs (' + r.body.runs.length + ')' : 'Runs: ' + problemText(r),
      ['Run', 'Status', 'Strategy', 'Period', 'End value', 'Trades', 'Return', 'Error', '']);
    this.rows = tbody;
    this.ctx = ctx;
    const detail = el('div', { id: 'backtest-detail', 'aria-live': 'polite' });
    this.detail = detail;
    for (const run of (r.ok ? r.body.runs : []).slice().reverse()) this.row(run);
    const parts = [];
    if (ctx.me.role !== 'viewer') parts.push(this.form(ctx));
    parts.push(t, detail);
    body.replaceChildren(...parts);
    this.watch();
  },
  /** A run's row, with Show once it is done. */
  row(run) {
    upsertRow(this.rows, run.run, backtestCells(run));
    const row = [...this.rows.rows].find((x) => x.dataset.key === run.run);
    row.dataset.status = run.status;
    const cell = el('td', {});
    if (run.status === 'DONE') {
      const button = el('button', { type: 'button', id: 'backtest-show-' + run.run, 'aria-label': 'show backtest ' + run.run }, 'Show');
      button.addEventListener('click', () => this.show(run.run));
      cell.append(button);
    }
    row.append(cell);
  },
  // a running run is asked for again until it is done or failed (runs have no /ws topic)
  watch() {
    clearTimeout(this.poll);
    const running = [...this.rows.rows].filter((x) => x.dataset.status === 'RUNNING').map((x) => x.dataset.key);
    if (running.length === 0) return;
    this.poll = setTimeout(async () => {
      if (!this.rows.isConnected) return;
      for (const id of running) {
        const r = await this.ctx.api.get('/api/backtests/' + encodeURIComponent(id));
        if (r.ok) this.row(r.body);
      }
      this.watch();
    }, 500);
  },
  form(ctx) {
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10);
    const field = (id, label, input) => [el('label', { for: id }, label), input];
    const strategy = el('select', { id: 'backtest-strategy' }, ...['threshold', 'dca', 'bucket', 'momentum', 'regime'].map((s) => new Option(s, s)));
    const from = el('input', { id: 'backtest-from', type: 'date', value: yearAgo, required: '' });
    const to = el('input', { id: 'backtest-to', type: 'date', value: today, required: '' });
    const initial = el('input', { id: 'backtest-initial', inputmode: 'decimal', value: '10000', required: '' });
    const currency = el('input', { id: 'backtest-currency', value: 'USD', size: '5', required: '' });
    const params = el('textarea', { id: 'backtest-params', rows: '3', placeholder: 'weight.BTC=60\nweight.ETH=40\nschedule=daily' });
    const submit = el('button', { type: 'submit', id: 'backtest-submit' }, 'Run backtest');
    const note = el('p', { id: 'backtest-note', role: 'status' });
    const form = el('form', { id: 'backtest-form', class: 'inline-form' }, ...field('backtest-strategy', 'Strategy', strategy),
      ...field('backtest-from', 'From', from), ...field('backtest-to', 'To', to), ...field('backtest-initial', 'Initial cash', initial),
      ...field('backtest-currency', 'Currency', currency), ...field('backtest-params', 'Parameters (KEY=VALUE a line)', params), submit, note);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const given = {};
      for (const line of params.value.split('\n').map((l) => l.trim()).filter((l) => l)) {
        const eq = line.indexOf('=');
        if (eq <= 0) {
          note.textContent = 'params: "' + line + '" is not KEY=VALUE';
          return;
        }
        given[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      }
      submit.disabled = true;
      const r = await ctx.api.post('/api/backtests', { strategy: strategy.value, from: from.value, to: to.value, initial: initial.value.trim(),
        currency: currency.value.trim(), params: given });
      submit.disabled = false;
      if (!r.ok) {
        note.textContent = problemText(r);
        return;
      }
      note.textContent = 'started ' + r.body.run;
      this.row({ run: r.body.run, status: r.body.status, request: { strategy: strategy.value, from: from.value, to: to.value, currency: currency.value.trim() },
        endValue: null, trades: null, metrics: null, error: null });
      this.watch();
    });
    return form;
  },
  async show(id) {
    const r = await this.ctx.api.get('/api/backtests/' + encodeURIComponent(id));
    if (!r.ok) {
      this.detail.replaceChildren(el('p', { role: 'alert' }, problemText(r)));
      return;
    }
    const run = r.body;
    const currency = run.request.currency;
    const values = run.values || [];
    const last = values.length ? values[values.length - 1] : null;
    const canvas = el('canvas', { id: 'backtest-chart', role: 'img', 'aria-label': 'equity curve of ' + id + ' from ' + run.firstBar + ' to ' + run.lastBar,
      'data-run': id, 'data-points': String(values.length), 'data-last': last ? String(last.value) : '' });
    const [stats, statRows] = table('backtest-stats', run.request.strategy + ' ' + run.request.from + ' to ' + run.request.to
      + (run.optimistic ? ' (filled at the bar\'s close: optimistic)' : ''), ['Statistic', 'Value']);
    for (const [key, label, kind] of BACKTEST_STATS) {
      statRows.append(el('tr', { 'data-key': key }, el('td', {}, label), el('td', {}, statText((run.metrics || {})[key], kind, currency))));
    }
    const exports = el('p', {}, 'Export: ', ...['values', 'trades'].map((what) => {
      const b = el('button', { type: 'button', id: 'backtest-export-' + what }, what + ' (CSV)');
      b.addEventListener('click', () => download('/api/backtests/' + encodeURIComponent(id) + '/export?what=' + what, id + '-' + what + '.csv', this.ctx));
      return b;
    }));
    this.detail.replaceChildren(el('h3', { id: 'backtest-shown' }, id), canvas, stats, exports);
    if (window.Chart) {
      new Chart(canvas, {
        type: 'line',
        data: { labels: values.map((v) => v.date), datasets: [{ label: currency, data: values.map((v) => Number(v.value)), pointRadius: 0 }] },
        options: { animation: false, responsive: true },
      });
    }
  },
});

/**
 * Fetches a file with the session's token and offers it as a download: into {@code link} (kept in
 * the page, named and sized) where given, else clicked at once.
 */
async function download(path, name, ctx, link) {
  const r = await ctx.api.file(path);
  if (!r.ok) return r;
  const a = link || el('a', {});
  if (a.href && a.href.startsWith('blob:')) URL.revokeObjectURL(a.href);
  a.href = URL.createObjectURL(r.blob);
  // the page's policy keeps fetch off blob: URLs; whoever reads the file again (a test) reads this
  a.file = r.blob;
  a.download = name;
  a.dataset.bytes = String(r.blob.size);
  a.dataset.type = r.blob.type;
  if (!link) a.click();
  return r;
}

// ---- the monthly report ---------------------------------------------------------------------------

/** yyyy-mm of the month before today's (UTC): the month the scheduled report covers. */
function lastMonth() {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** The first and last day of a yyyy-mm month; the last is today while the month is not over. */
function monthDays(month) {
  const [y, m] = month.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 0));
  const today = new Date();
  const last = end > today ? today : end;
  // the day before the month: its value is where the month's return starts
  const before = new Date(Date.UTC(y, m - 1, 0));
  const iso = (d) => d.toISOString().slice(0, 10);
  return { first: iso(first), last: iso(last), before: iso(before) };
}

const MONTH_FIGURES = [['time_weighted_return', 'Return (TWR)', 'pct'], ['absolute_gain', 'Gain', 'money'],
  ['annualized_volatility', 'Volatility (annual)', 'pct'], ['sharpe_ratio', 'Sharpe', 'ratio'], ['max_drawdown', 'Maximum drawdown', 'pct']];

// the month's report of the chosen portfolio: its PDF (as the CLI and the scheduled job make it) to
// download, and beside it the month's figures and fills as the API gives them
Ballast.panel({
  id: 'monthly',
  title: 'Monthly report',
  async render(body, ctx) {
    if (!ctx.portfolio) {
      body.replaceChildren();
      return;
    }
    this.month = this.month || lastMonth();
    const month = el('input', { id: 'monthly-month', type: 'month', value: this.month, required: '' });
    const benchmark = el('input', { id: 'monthly-benchmark', size: '8', placeholder: 'e.g. BTC', value: this.benchmark || '' });
    const submit = el('button', { type: 'submit', id: 'monthly-submit' }, 'Make the PDF');
    const link = el('a', { id: 'monthly-download', hidden: '' }, '');
    const state = el('p', { id: 'monthly-state', role: 'status' });
    const figures = el('div', { id: 'monthly-figures' });
    const form = el('form', { id: 'monthly-form', class: 'inline-form' }, el('label', { for: 'monthly-month' }, 'Month'), month,
      el('label', { for: 'monthly-benchmark' }, 'Benchmark asset (optional)'), benchmark, submit);
    month.addEventListener('change', () => {
      if (!/^\d{4}-\d{2}$/.test(month.value)) return;
      this.month = month.value;
      link.hidden = true;
      state.textContent = '';
      this.figures(figures, ctx);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      this.month = month.value;
      this.benchmark = benchmark.value.trim();
      const name = 'monthly-' + ctx.portfolio + '-' + this.month + '.pdf';
      submit.disabled = true;
      link.hidden = true;
      state.textContent = 'making ' + name + ' …';
      const query = '?portfolio=' + encodeURIComponent(ctx.portfolio) + '&month=' + encodeURIComponent(this.month)
        + (this.benchmark ? '&benchmark=' + encodeURIComponent(this.benchmark) : '');
      const r = await download('/api/reports/monthly' + query, name, ctx, link);
      submit.disabled = false;
      if (!r.ok) {
        state.textContent = problemText(r);
        state.setAttribute('role', 'alert');
        return;
      }
      state.setAttribute('role', 'status');
      state.textContent = name + ' is ready (' + Math.max(1, Math.round(r.blob.size / 1024)) + ' kB)';
      link.textContent = 'Download ' + name;
      link.dataset.month = this.month;
      link.hidden = false;
      link.focus();
    });
    body.replaceChildren(form, state, link, figures);
    await this.figures(figures, ctx);
  },
  async figures(out, ctx) {
    const days = monthDays(this.month);
    const p = encodeURIComponent(ctx.portfolio);
    const [history, metrics, slippage] = await Promise.all([
      ctx.api.get('/api/valuation/portfolios/' + p + '/history?from=' + days.first + '&to=' + days.last),
      ctx.api.get('/api/valuation/portfolios/' + p + '/metrics?from=' + days.before + '&to=' + days.last),
      ctx.api.get('/api/reports/slippage?portfolio=' + p + '&from=' + days.first + '&to=' + days.last)]);
    const parts = [];
    // a month before the first deposit has a flat zero history: its "0 %" would say nothing true
    const empty = history.ok && history.body.days.every((d) => d.value !== null && Number(d.value) === 0);
    if (empty) {
      parts.push(el('p', { id: 'monthly-error', role: 'alert' }, 'The portfolio held nothing in ' + this.month + ': no figures to show.'));
    } else if (metrics.ok) {
      const [t, rows] = table('monthly-table', this.month + ' (' + metrics.body.from + ' to ' + metrics.body.to + ', ' + metrics.body.currency + ')',
        ['Figure', 'Value']);
      for (const [key, label, kind] of MONTH_FIGURES) {
        rows.append(el('tr', { 'data-key': key }, el('td', {}, label), el('td', {}, statText(metrics.body[key], kind, metrics.body.currency))));
      }
      parts.push(t);
    } else {
      parts.push(el('p', { id: 'monthly-error', role: 'alert' }, 'Figures of ' + this.month + ': ' + problemText(metrics)));
    }
    if (slippage.ok) {
      const o = slippage.body.overall;
      parts.push(el('p', { id: 'monthly-fills', 'data-count': String(o.count) }, o.count === 0
        ? 'No fills with an intended price this month.'
        : o.count + ' fill(s) with an intended price, mean slippage ' + Number(o.mean_bps).toFixed(2) + ' bps, ' + o.outliers + ' beyond '
          + slippage.body.threshold_bps + ' bps'));
    } else {
      parts.push(el('p', { id: 'monthly-fills' }, 'Fills: ' + problemText(slippage)));
    }
    out.replaceChildren(...parts);
  },
});
