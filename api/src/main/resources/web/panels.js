'use strict';
// The dashboard's panels, in the order shown. A new capability adds one Ballast.panel({...}) here
// (see app.js for the fields); nothing else of the page needs to change.

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c)));
  return e;
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
