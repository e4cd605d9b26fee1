'use strict';
// The dashboard's core: session (login, refresh, logout), the API client, the portfolio picker,
// the live connection to /ws, and the panel registry. Panels live in panels.js: one
// Ballast.panel({...}) call each, so a new capability adds its panel there and nowhere else.
const Ballast = (() => {
  const CRYPTO_CLASSES = new Set(['CRYPTO', 'STABLECOIN']);
  const state = { access: null, refresh: null, me: null, portfolio: null, currency: '', scope: 'all', ws: null, refreshTimer: null };
  const panels = [];
  const $ = (id) => document.getElementById(id);

  /**
   * Registers a panel: {id, title, roles (optional list: only these see it), render(body, ctx)
   * (async; called on login and whenever the portfolio, currency or view changes), live(update, body, ctx)
   * (optional; each /ws update of the shown portfolio), update(msg, body, ctx) (optional; each /ws update
   * of a topic a panel asked for with ctx.subscribe(topic, key))}.
   */
  function panel(definition) {
    panels.push(definition);
  }

  // body: a value sent as JSON, or a File/Blob sent as it is (a statement upload); asFile: a
  // successful answer comes back as a Blob (a PDF or CSV download), a failed one as its JSON
  async function request(method, path, body, retried, asFile) {
    const headers = { 'Accept': asFile ? '*/*' : 'application/json' };
    if (state.access) headers['Authorization'] = 'Bearer ' + state.access;
    const raw = body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = raw ? 'application/octet-stream' : 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
    if (response.status === 401 && state.refresh && !retried && !path.startsWith('/api/auth/')) {
      if (await refreshTokens()) return request(method, path, body, true, asFile);
    }
    if (asFile && response.ok) return { status: response.status, ok: true, body: null, blob: await response.blob() };
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
    return { status: response.status, ok: response.ok, body: json };
  }

  const api = {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body === undefined ? {} : body),
    put: (path, body) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
    upload: (path, file) => request('POST', path, file),
    file: (path) => request('GET', path, undefined, false, true),
  };

  function remember(tokens) {
    state.access = tokens.accessToken;
    state.refresh = tokens.refreshToken;
    sessionStorage.setItem('ballast.refresh', tokens.refreshToken);
    clearTimeout(state.refreshTimer);
    // a little before the access token ends
    state.refreshTimer = setTimeout(refreshTokens, Math.max(5, tokens.expiresIn * 0.8) * 1000);
  }

  async function refreshTokens() {
    const r = await request('POST', '/api/auth/refresh', { refreshToken: state.refresh }, true);
    if (!r.ok) {
      forget();
      return false;
    }
    remember(r.body);
    return true;
  }

  function forget() {
    clearTimeout(state.refreshTimer);
    state.access = state.refresh = state.me = null;
    topics.clear();
    sessionStorage.removeItem('ballast.refresh');
    if (state.ws) state.ws.close();
    state.ws = null;
    $('app-view').hidden = true;
    $('session').hidden = true;
    $('login-view').hidden = false;
    $('panels').replaceChildren();
  }

  async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    const r = await request('POST', '/api/auth/login', { name: $('login-name').value, password: $('login-password').value }, true);
    if (!r.ok) {
      $('login-error').textContent = (r.body && r.body.detail) || ('login failed (' + r.status + ')');
      return;
    }
    $('login-password').value = '';
    remember(r.body);
    await enter();
  }

  async function logout() {
    if (state.refresh) await request('POST', '/api/auth/logout', { refreshToken: state.refresh }, true);
    forget();
    $('login-name').focus();
  }

  async function enter() {
    const me = await api.get('/api/auth/me');
    if (!me.ok) {
      forget();
      return;
    }
    state.me = me.body;
    $('who').textContent = state.me.name + ' (' + state.me.role + ')';
    $('login-view').hidden = true;
    $('session').hidden = false;
    $('app-view').hidden = false;
    const list = await api.get('/api/portfolios');
    const picker = $('portfolio-picker');
    picker.replaceChildren(...(list.ok ? list.body : []).map((p) => new Option(p.name + ' (' + p.portfolioId + ')', p.portfolioId)));
    state.portfolio = picker.value || null;
    buildPanels();
    await renderAll();
    connect();
  }

  function buildPanels() {
    const host = $('panels');
    host.replaceChildren();
    for (const p of panels) {
      if (p.roles && !p.roles.includes(state.me.role)) continue;
      const section = document.createElement('section');
      section.className = 'panel';
      section.id = 'panel-' + p.id;
      section.setAttribute('aria-labelledby', 'panel-title-' + p.id);
      const h = document.createElement('h2');
      h.id = 'panel-title-' + p.id;
      h.textContent = p.title;
      const body = document.createElement('div');
      body.className = 'panel-body';
      section.append(h, body);
      host.append(section);
      p.body = body;
    }
  }

  // one panel again (another panel's control changed what it shows, e.g. the history range)
  async function rerender(id) {
    const p = visible().find((x) => x.id === id);
    if (!p) return;
    try {
      await p.render(p.body, context());
    } catch (e) {
      p.body.textContent = 'could not load: ' + e.message;
    }
  }

  function visible() {
    return panels.filter((p) => p.body && p.body.isConnected);
  }

  async function renderAll() {
    await Promise.all(visible().map(async (p) => {
      try {
        await p.render(p.body, context());
      } catch (e) {
        p.body.textContent = 'could not load: ' + e.message;
      }
    }));
  }

  function context() {
    return { api, me: state.me, portfolio: state.portfolio, currency: state.currency, scope: state.scope, inScope, format, subscribe };
  }

  // Topics the panels asked for besides the portfolio's value (orders by account, decisions by
  // portfolio); sent again on every new connection. A panel's update(msg, body, ctx) gets each.
  const topics = new Set();

  function subscribe(topic, key) {
    const id = topic + '\u0000' + key;
    if (topics.has(id)) return;
    topics.add(id);
    if (state.ws && state.ws.readyState === WebSocket.OPEN && state.welcomed) {
      state.ws.send(JSON.stringify({ type: 'subscribe', topic, key }));
    }
  }

  function inScope(assetClass) {
    if (state.scope === 'all') return true;
    const crypto = CRYPTO_CLASSES.has(assetClass);
    return state.scope === 'crypto' ? crypto : !crypto;
  }

  function format(amount, currency) {
    if (amount === null || amount === undefined) return '–';
    const n = Number(amount);
    const digits = currency === 'BTC' ? 8 : currency === 'JPY' ? 0 : 2;
    return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) + (currency ? ' ' + currency : '');
  }

  function connect() {
    if (state.ws) state.ws.close();
    state.welcomed = false;
    $('live-state').dataset.topics = '';
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    state.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: state.access }));
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'welcome') {
        $('live-state').textContent = 'live';
        state.welcomed = true;
        if (state.portfolio) ws.send(JSON.stringify({ type: 'subscribe', topic: 'portfolio', key: state.portfolio }));
        for (const id of topics) {
          const [topic, key] = id.split('\u0000');
          ws.send(JSON.stringify({ type: 'subscribe', topic, key }));
        }
      } else if (msg.type === 'subscribed') {
        // which subscriptions the server holds, for whoever waits on them (the browser tests)
        const held = new Set(($('live-state').dataset.topics || '').split(' ').filter((t) => t));
        held.add(msg.topic + ':' + msg.key);
        $('live-state').dataset.topics = [...held].join(' ');
      } else if (msg.type === 'update' && msg.topic === 'portfolio' && msg.key === state.portfolio) {
        for (const p of visible()) if (p.live) p.live(msg.data, p.body, context());
      } else if (msg.type === 'update' && (topics.has(msg.topic + '\u0000' + msg.key) || topics.has(msg.topic + '\u0000*'))) {
        for (const p of visible()) if (p.update) p.update(msg, p.body, context());
      }
    };
    ws.onclose = () => {
      if (state.ws === ws) {
        $('live-state').textContent = 'offline';
        state.ws = null;
        // again after a pause while still logged in (the server restarted, the network dropped)
        setTimeout(() => { if (state.me && !state.ws) connect(); }, 3000);
      }
    };
  }

  function changed() {
    if (state.portfolio !== ($('portfolio-picker').value || null)) topics.clear();
    state.portfolio = $('portfolio-picker').value || null;
    state.currency = $('currency-picker').value;
    state.scope = $('scope-picker').value;
    renderAll();
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    $('portfolio-picker').addEventListener('change', () => { changed(); connect(); });
    $('currency-picker').addEventListener('change', changed);
    $('scope-picker').addEventListener('change', changed);
    const saved = sessionStorage.getItem('ballast.refresh');
    if (saved) {
      state.refresh = saved;
      if (await refreshTokens()) await enter();
    }
  });

  return { panel, api, format, rerender };
})();
