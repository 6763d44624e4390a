// Cellbet player web app: one ES module, no framework, no build step. The server's shell carries the brand, the
// texts of the player's language and the route's data (#boot); this script routes with the History API, talks to
// the cell's player API and keeps two websockets: /live (odds) and /bets (the player's bets). See docs/web-app.md.

const boot = JSON.parse(document.getElementById('boot').textContent);
const brand = boot.brand;
const base = `/app/${brand.code}/`;
const api = `/api/brands/${brand.code}`;
const root = document.documentElement;
const storage = sessionStorage.getItem('cellbet.embedded') === brand.code || location.pathname === base + 'embed'
  ? sessionStorage : localStorage;

// ---------------------------------------------------------------- texts, numbers, odds

function t(key, vars) {
  let text = boot.texts[key] ?? key;
  if (vars) {
    for (const [name, value] of Object.entries(vars)) text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

/** The player's words for a refusal code; the API's own detail (or the fallback) for a code without text. */
function reason(code, fallback) {
  return code && boot.texts[`reason.${code}`] !== undefined ? t(`reason.${code}`) : fallback || code || t('error.page');
}

const locale = boot.language;
let currency = (brand.currencies && brand.currencies[0]) || 'EUR';
const moneyFormats = new Map();

function moneyFormat(code) {
  if (!moneyFormats.has(code)) moneyFormats.set(code, new Intl.NumberFormat(locale, { style: 'currency', currency: code }));
  return moneyFormats.get(code);
}

function digits(code) {
  return moneyFormat(code).resolvedOptions().maximumFractionDigits;
}

function money(minor, code = currency) {
  return moneyFormat(code).format(Number(minor) / 10 ** digits(code));
}

/** Major units as typed ("5", "2.50", "2,5") to minor units; null when not an amount. */
function toMinor(text, code = currency) {
  const value = String(text ?? '').trim().replace(',', '.');
  const places = digits(code);
  if (!new RegExp(`^\\d{1,9}(\\.\\d{0,${places}})?$`).test(value)) return null;
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 10 ** places + Number((fraction + '0'.repeat(places)).slice(0, places) || 0);
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

let oddsFormat = localStorage.getItem('cellbet.oddsFormat') || 'decimal';

function gcd(a, b) { return b ? gcd(b, a % b) : a; }

/** Decimal odds in the player's format: decimal 2.50, fractional 6/4, American +150 / -200. */
function odds(decimal) {
  const value = Number(decimal);
  if (!(value > 1)) return '–';
  if (oddsFormat === 'american') {
    return value >= 2 ? `+${Math.round((value - 1) * 100)}` : `-${Math.round(100 / (value - 1))}`;
  }
  if (oddsFormat === 'fractional') {
    const profit = value - 1;
    for (let denominator = 1; denominator <= 100; denominator++) {
      const numerator = Math.round(profit * denominator);
      if (numerator > 0 && Math.abs(numerator / denominator - profit) < 0.005) {
        const divisor = gcd(numerator, denominator);
        return `${numerator / divisor}/${denominator / divisor}`;
      }
    }
    return `${Math.round(profit * 100)}/100`;
  }
  return value.toFixed(2);
}

// ---------------------------------------------------------------- DOM

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const main = document.getElementById('main');
const slipPanel = document.getElementById('betslip');
const header = document.getElementById('top');

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.classList.add('shown');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('shown'), 4000);
}

function link(path, attributes, ...children) {
  return h('a', { href: base + path, ...attributes }, ...children);
}

// ---------------------------------------------------------------- session and API

let session = JSON.parse(storage.getItem(`cellbet.session.${brand.code}`) || 'null');
let player = null;
let accounts = [];

function saveSession(next) {
  session = next;
  if (next) storage.setItem(`cellbet.session.${brand.code}`, JSON.stringify(next));
  else storage.removeItem(`cellbet.session.${brand.code}`);
}

function startSession(login) {
  saveSession({
    accessToken: login.accessToken, refreshToken: login.refreshToken,
    startedAt: session?.startedAt && login.keepStart ? session.startedAt : Date.now(),
  });
  player = login.player || null;
}

let refreshing = null;

async function refreshTokens() {
  if (!session?.refreshToken) return false;
  refreshing ??= (async () => {
    const answer = await call('POST', `${api}/token`, { refreshToken: session.refreshToken }, false);
    if (answer.ok) {
      saveSession({ ...session, accessToken: answer.body.accessToken, refreshToken: answer.body.refreshToken });
      return true;
    }
    endSession(answer.body?.code);
    return false;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** One JSON call: {ok, status, body}; a 401 with a session refreshes the tokens once and repeats the call. */
async function call(method, path, body, authenticated = true) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (authenticated && session) headers.authorization = `Bearer ${session.accessToken}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    return { ok: false, status: 0, body: { code: 'NETWORK', detail: t('error.network') } };
  }
  if (response.status === 401 && authenticated && session && path !== `${api}/token`) {
    if (await refreshTokens()) return call(method, path, body, authenticated);
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { code: 'BAD_ANSWER', detail: text }; }
  return { ok: response.ok, status: response.status, body: parsed };
}

function endSession(code) {
  saveSession(null);
  player = null;
  accounts = [];
  betsSocket.close();
  renderHeader();
  if (code === 'SESSION_LIMIT_REACHED') toast(t('session.limitReached'));
}

async function logout() {
  if (session) await call('POST', `${api}/logout`, { refreshToken: session.refreshToken }, false);
  endSession();
  navigate('');
}

async function loadPlayer() {
  if (!session) return;
  const [me, wallet] = await Promise.all([call('GET', `${api}/players/me`), call('GET', `${api}/players/me/wallet`)]);
  if (me.ok) {
    player = me.body;
    currency = player.currency || currency;
  }
  accounts = wallet.ok ? wallet.body : [];
  renderHeader();
  renderStatus();
  realityCheck.schedule();
  betsSocket.open();
}

function cashAccount() {
  return accounts.find((account) => account.kind === 'cash');
}

async function refreshBalance() {
  if (!session) return;
  const wallet = await call('GET', `${api}/players/me/wallet`);
  if (wallet.ok) {
    accounts = wallet.body;
    renderHeader();
  }
}

/** What keeps the player from betting now, as a problem code; null when nothing does. */
function restriction() {
  if (!player) return null;
  const now = Date.now();
  if (player.status === 'suspended') return 'ACCOUNT_SUSPENDED';
  if (player.status === 'closed') return 'ACCOUNT_CLOSED';
  if (player.excludedPermanently || (player.excludedUntil && Date.parse(player.excludedUntil) > now)) return 'SELF_EXCLUDED';
  if (player.timedOutUntil && Date.parse(player.timedOutUntil) > now) return 'TIMED_OUT';
  if (brand.kycGate !== 'none' && player.kycStatus !== 'verified') return 'KYC_REQUIRED';
  return null;
}

// ---------------------------------------------------------------- websockets

/** A websocket that comes back by itself: backoff from 0.5 s to 10 s, state shown to whoever listens. */
class Socket {
  constructor(path, handlers) {
    this.path = path;
    this.handlers = handlers;
    this.ws = null;
    this.attempt = 0;
    this.wanted = false;
    this.state = 'offline';
  }

  open() {
    this.wanted = true;
    if (this.ws || this.timer) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.setState('connecting');
    const ws = new WebSocket(`${scheme}://${location.host}${this.path}`);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.setState('connected');
      this.handlers.open?.(this);
    };
    ws.onmessage = (message) => {
      let frame;
      try { frame = JSON.parse(message.data); } catch (e) { return; }
      this.handlers.frame(frame, this);
    };
    ws.onclose = (event) => {
      this.ws = null;
      this.handlers.close?.(event, this);
      if (!this.wanted) { this.setState('offline'); return; }
      this.setState('connecting');
      const delay = Math.min(10000, 500 * 2 ** this.attempt++) * (0.75 + Math.random() / 2);
      this.timer = setTimeout(() => { this.timer = null; this.open(); }, delay);
    };
  }

  send(frame) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  close() {
    this.wanted = false;
    clearTimeout(this.timer);
    this.timer = null;
    if (this.ws) this.ws.close(1000);
    this.ws = null;
    this.setState('offline');
  }

  setState(state) {
    this.state = state;
    this.handlers.state?.(state);
  }
}

/** Events as the cell shows them, kept current by /live: snapshots replace, deltas patch. */
const events = new Map();
const eventListeners = new Set();
const subscribed = new Set();

if (boot.event) events.set(boot.event.id, boot.event);

const liveSocket = new Socket(`/live?brand=${brand.code}`, {
  open(socket) {
    if (subscribed.size === 0) return;
    const resume = {};
    for (const id of subscribed) if (events.has(id)) resume[id] = events.get(id).seq;
    socket.send({ op: 'subscribe', events: [...subscribed], resume });
  },
  frame(frame) {
    if (frame.type === 'snapshot' && frame.view) {
      events.set(frame.event, { ...frame.view, seq: frame.seq });
      notifyEvent(frame.event, null);
    } else if (frame.type === 'delta') {
      applyDelta(frame);
    }
  },
  state(state) {
    const dot = document.querySelector('[data-test=live-status]');
    if (dot) {
      dot.dataset.state = state;
      dot.title = t(`live.${state}`);
      dot.querySelector('span').textContent = t(`live.${state}`);
    }
  },
});

function follow(eventIds) {
  const fresh = eventIds.filter((id) => !subscribed.has(id));
  if (fresh.length === 0) return;
  fresh.forEach((id) => subscribed.add(id));
  const resume = {};
  for (const id of fresh) if (events.has(id)) resume[id] = events.get(id).seq;
  liveSocket.open();
  liveSocket.send({ op: 'subscribe', events: fresh, resume });
}

/** Stops following an event the player left, unless a slip selection still needs its odds. */
function unfollow(eventId) {
  if (!subscribed.has(eventId) || slip.selections.some((s) => s.eventId === eventId)) return;
  subscribed.delete(eventId);
  liveSocket.send({ op: 'unsubscribe', events: [eventId] });
}

function marketKey(market) {
  return `${market.typeId}/${market.specifiers || ''}`;
}

function applyDelta(delta) {
  const event = events.get(delta.event);
  if (!event) return;
  event.seq = delta.seq;
  if (delta.score) event.score = { ...event.score, ...delta.score };
  const moves = [];
  for (const changed of delta.markets || []) {
    const key = marketKey(changed);
    const index = event.markets.findIndex((market) => marketKey(market) === key);
    const old = index >= 0 ? event.markets[index] : null;
    const outcomes = changed.outcomes.map((outcome) => {
      const before = old?.outcomes.find((o) => o.id === outcome.id);
      if (before && outcome.odds != null && before.odds != null && Number(outcome.odds) !== Number(before.odds)) {
        moves.push({ key, outcome: outcome.id, direction: Number(outcome.odds) > Number(before.odds) ? 'up' : 'down' });
      }
      return { ...(before || {}), ...outcome };
    });
    const merged = { ...(old || {}), ...changed, outcomes, name: changed.name || old?.name || key };
    if (merged.status === 'active' || merged.status === 'suspended') {
      if (index >= 0) event.markets[index] = merged; else event.markets.push(merged);
    } else if (index >= 0) {
      event.markets.splice(index, 1);
    }
  }
  notifyEvent(delta.event, moves);
}

function notifyEvent(eventId, moves) {
  for (const listener of eventListeners) listener(eventId, moves);
}

const betsSocket = new Socket(`/bets?brand=${brand.code}`, {
  open(socket) {
    socket.send({ type: 'auth', token: session?.accessToken });
  },
  frame(frame) {
    if (frame.type === 'bet') betChanged(frame);
  },
  async close(event, socket) {
    if (event.code === 4401) {
      socket.wanted = await refreshTokens();
    }
  },
});

// ---------------------------------------------------------------- routing

let cleanup = [];
let currentRoute = '';

function navigate(path, replace) {
  const url = base + path;
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  render();
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[href]');
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || anchor.target) return;
  const url = new URL(anchor.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(base)) return;
  event.preventDefault();
  navigate(url.pathname.slice(base.length) + url.search);
});

window.addEventListener('popstate', () => render());

function setReady(route) {
  root.dataset.route = route;
  root.dataset.ready = 'true';
  if (route === 'event' && !setReady.marked) {
    setReady.marked = true;
    performance.mark('cellbet-interactive');
  }
}

async function render() {
  cleanup.forEach((undo) => undo());
  cleanup = [];
  root.dataset.ready = 'false';
  const path = location.pathname.startsWith(base) ? decodeURIComponent(location.pathname.slice(base.length)) : '';
  const [section, argument] = path.split('/');
  currentRoute = section || 'home';
  document.querySelectorAll('[aria-current=page]').forEach((a) => a.removeAttribute('aria-current'));
  document.querySelectorAll(`header a[href="${base}${section}"]`).forEach((a) => a.setAttribute('aria-current', 'page'));
  const pages = { '': homePage, live: livePage, sport: sportPage, event: eventPage, signup: signupPage,
    login: loginPage, bets: betsPage, wallet: walletPage, settings: settingsPage, embed: embedPage };
  const page = pages[section] || homePage;
  try {
    await page(argument);
  } catch (e) {
    console.warn('page failed', e);
    main.replaceChildren(h('p', { class: 'problem' }, t('error.page')));
    setReady(currentRoute);
  }
}

function show(route, ...content) {
  main.replaceChildren(...content.flat(Infinity).filter(Boolean));
  setReady(route);
}

function needsLogin(route) {
  if (session) return false;
  show(route, h('section', { class: 'panel' }, h('p', {}, t('login.needed')),
    link('login', { class: 'button primary' }, t('nav.login'))));
  return true;
}

// ---------------------------------------------------------------- header, status, reality check

function renderHeader() {
  const account = cashAccount();
  const embedded = root.dataset.embedded === 'true';
  const nav = h('nav', { class: 'account', 'aria-label': t('nav.account') },
    link('live', { 'data-test': 'nav-live' }, t('nav.live')),
    session ? [
      link('bets', { 'data-test': 'nav-bets' }, t('nav.bets')),
      link('wallet', { 'data-test': 'nav-wallet', class: 'balance-link' },
        h('span', { 'data-test': 'balance', 'data-balance-minor': account ? account.balanceMinor - account.pendingDebitsMinor : '' },
          account ? money(account.balanceMinor - account.pendingDebitsMinor, account.currency) : t('wallet.none'))),
      link('settings', { 'data-test': 'nav-settings' }, t('nav.settings')),
      embedded ? null : h('button', { type: 'button', class: 'link', 'data-test': 'logout', onclick: logout }, t('nav.logout')),
    ] : embedded ? [] : [
      link('login', { 'data-test': 'nav-login' }, t('nav.login')),
      link('signup', { 'data-test': 'nav-signup', class: 'primary' }, t('nav.signup')),
    ]);
  const preferences = h('div', { class: 'preferences' },
    h('label', {}, h('span', { class: 'visually-hidden' }, t('odds.format')),
      h('select', { 'data-test': 'odds-format', 'aria-label': t('odds.format'), onchange: (e) => setOddsFormat(e.target.value) },
        ['decimal', 'fractional', 'american'].map((format) =>
          h('option', { value: format, selected: format === oddsFormat }, t(`odds.${format}`))))),
    h('label', {}, h('span', { class: 'visually-hidden' }, t('language')),
      h('select', { 'data-test': 'locale', 'aria-label': t('language'), onchange: (e) => setLanguage(e.target.value) },
        boot.languages.map((language) => h('option', { value: language, selected: language === locale }, t(`language.${language}`))))),
    h('span', { class: 'live-status', 'data-test': 'live-status', 'data-state': liveSocket.state, title: t(`live.${liveSocket.state}`), role: 'status' },
      h('span', { class: 'visually-hidden' }, t(`live.${liveSocket.state}`))));
  const logo = brand.theme?.logoUrl ? h('img', { class: 'logo', alt: '', src: brand.theme.logoUrl }) : null;
  header.replaceChildren(link('', { class: 'brand' }, logo, h('span', {}, brand.name)), nav, preferences);
}

function setOddsFormat(format) {
  oddsFormat = format;
  localStorage.setItem('cellbet.oddsFormat', format);
  document.querySelectorAll('[data-test=outcome]').forEach((button) => {
    button.querySelector('.odds').textContent = odds(button.dataset.odds);
  });
  renderSlip();
}

function setLanguage(language) {
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  location.assign(url.pathname + url.search);
}

function renderStatus() {
  document.getElementById('account-status')?.remove();
  const code = restriction();
  if (!code) return;
  const until = code === 'SELF_EXCLUDED' ? (player.excludedPermanently ? t('status.permanently') : when(player.excludedUntil))
    : code === 'TIMED_OUT' ? when(player.timedOutUntil) : '';
  const banner = h('div', { id: 'account-status', class: 'account-status', role: 'alert', 'data-test': 'account-status', 'data-code': code },
    t(`status.${code}`, { until }),
    code === 'KYC_REQUIRED' ? [' ', link('settings#kyc', {}, t('kyc.verifyNow'))] : null);
  header.after(banner);
}

const realityCheck = {
  timer: null,
  async schedule() {
    clearInterval(this.timer);
    if (!session) return;
    const settings = await call('GET', `${api}/players/me/session-settings`);
    const minutes = settings.ok ? settings.body.realityCheckMinutes : null;
    if (!minutes) return;
    this.timer = setInterval(() => this.show(), minutes * 60000);
  },
  show() {
    if (!session || document.querySelector('[data-test=reality-check]')) return;
    const played = Math.round((Date.now() - (session.startedAt || Date.now())) / 60000);
    const dialog = h('dialog', { 'data-test': 'reality-check', 'aria-labelledby': 'reality-title' },
      h('h2', { id: 'reality-title' }, t('reality.title')),
      h('p', {}, t('reality.text', { minutes: played })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', 'data-test': 'reality-continue', onclick: () => { dialog.close(); dialog.remove(); } }, t('reality.continue')),
        link('bets', { 'data-test': 'reality-history', onclick: () => { dialog.close(); dialog.remove(); } }, t('reality.history')),
        h('button', { type: 'button', class: 'primary', 'data-test': 'reality-logout', onclick: () => { dialog.close(); dialog.remove(); logout(); } }, t('nav.logout'))));
    document.body.append(dialog);
    dialog.showModal();
  },
};

// ---------------------------------------------------------------- lists of events

function eventName(event) {
  if (event.home?.name && event.away?.name) return `${event.home.name} – ${event.away.name}`;
  return event.tournament?.name || event.id;
}

function scoreText(event) {
  const score = event.score;
  if (!score || score.home == null) return '';
  return `${score.home}:${score.away}${score.matchTime ? ` · ${score.matchTime}` : ''}`;
}

function eventRow(event) {
  return h('li', { class: 'event-row' },
    link(`event/${event.id}`, { 'data-test': 'event-link', 'data-event-id': event.id },
      h('span', { class: 'name' }, eventName(event)),
      h('span', { class: 'meta' },
        event.live ? h('span', { class: 'live-badge' }, t('event.live')) : null,
        event.live ? scoreText(event) : (event.startTime ? when(new Date(event.startTime).toISOString()) : ''),
        h('span', { class: 'markets' }, t('event.markets', { count: event.activeMarkets })))));
}

async function eventList(query) {
  const answer = await call('GET', `/api/sportsbook/events?brand=${brand.code}&${query}`, undefined, false);
  if (!answer.ok) return h('p', { class: 'problem' }, answer.body?.detail || t('error.page'));
  if (answer.body.events.length === 0) return h('p', { class: 'empty' }, t('events.none'));
  return h('ul', { class: 'events' }, answer.body.events.map(eventRow));
}

async function homePage() {
  const [live, upcoming] = await Promise.all([eventList('live=true&limit=20'), eventList('live=false&limit=20')]);
  show('home',
    h('section', {}, h('h1', {}, t('home.live')), live),
    h('section', {}, h('h2', {}, t('home.upcoming')), upcoming));
}

async function livePage() {
  show('live', h('h1', {}, t('nav.live')), await eventList('live=true&limit=100'));
}

async function sportPage(sportId) {
  const sport = boot.sports.find((s) => String(s.id) === sportId);
  show('sport', h('h1', {}, sport ? sport.name : t('sports.title')), await eventList(`sport=${encodeURIComponent(sportId)}&limit=100`));
}

// ---------------------------------------------------------------- event page

function outcomeButton(event, market, outcome) {
  const key = marketKey(market);
  const selectionKey = `${event.id}/${key}/${outcome.id}`;
  const suspended = market.status !== 'active' || outcome.active === false || outcome.odds == null;
  return h('button', {
    type: 'button', class: 'outcome', 'data-test': 'outcome', 'data-event-id': event.id, 'data-market-key': key,
    'data-outcome-id': outcome.id, 'data-odds': outcome.odds, disabled: suspended,
    'aria-pressed': slip.selections.some((s) => s.key === selectionKey) ? 'true' : 'false',
    onclick: () => toggleSelection(event, market, outcome),
  }, h('span', { class: 'outcome-name' }, outcome.name || outcome.id), h('span', { class: 'odds' }, suspended && outcome.odds == null ? '–' : odds(outcome.odds)));
}

function marketSection(event, market) {
  return h('section', { class: 'market', 'data-test': 'market', 'data-market-key': marketKey(market), 'data-status': market.status },
    h('h3', {}, market.name, market.status !== 'active' ? h('span', { class: 'lock', title: t('market.suspended') }, ` 🔒 ${t('market.suspended')}`) : null),
    h('div', { class: 'outcomes' }, market.outcomes.map((outcome) => outcomeButton(event, market, outcome))));
}

async function eventPage(eventId) {
  let event = events.get(eventId);
  if (!event) {
    const answer = await call('GET', `/api/sportsbook/events/${encodeURIComponent(eventId)}?brand=${brand.code}`, undefined, false);
    if (!answer.ok) {
      show('event', h('section', { class: 'panel' }, h('h1', {}, t('event.unknown')), link('', {}, t('nav.home'))));
      return;
    }
    event = answer.body;
    events.set(eventId, event);
  }
  const page = h('article', { class: 'event-page', 'data-test': 'event-page', 'data-event-id': eventId });
  const draw = () => {
    const current = events.get(eventId);
    page.replaceChildren(
      h('header', { class: 'event-head' },
        h('p', { class: 'crumbs' }, [current.sportName, current.category?.name, current.tournament?.name].filter(Boolean).join(' · ')),
        h('h1', {}, eventName(current)),
        h('p', { class: 'state' }, current.live ? h('span', { class: 'live-badge' }, t('event.live')) : when(current.startTime ? new Date(current.startTime).toISOString() : null),
          ' ', h('span', { 'data-test': 'score', class: 'score' }, current.live ? scoreText(current) : ''))),
      ...(current.markets.length === 0 ? [h('p', { class: 'empty' }, t('event.noMarkets'))] : current.markets.map((market) => marketSection(current, market))));
  };
  draw();
  const listener = (changedId, moves) => {
    if (changedId !== eventId) return;
    const current = events.get(eventId);
    const structure = current.markets.map(marketKey).join('|');
    const shown = [...page.querySelectorAll('[data-test=market]')].map((m) => m.dataset.marketKey).join('|');
    if (structure !== shown || moves === null) {
      draw();
    } else {
      page.querySelector('[data-test=score]').textContent = scoreText(current);
      for (const market of current.markets) {
        const section = page.querySelector(`[data-test=market][data-market-key="${CSS.escape(marketKey(market))}"]`);
        section.replaceWith(marketSection(current, market));
      }
    }
    for (const move of moves || []) {
      const button = page.querySelector(`[data-test=outcome][data-market-key="${CSS.escape(move.key)}"][data-outcome-id="${CSS.escape(move.outcome)}"]`);
      if (!button) continue;
      button.classList.add(`odds-${move.direction}`);
      button.dataset.moved = move.direction;
      setTimeout(() => { button.classList.remove(`odds-${move.direction}`); delete button.dataset.moved; }, 2000);
    }
  };
  eventListeners.add(listener);
  cleanup.push(() => { eventListeners.delete(listener); unfollow(eventId); });
  show('event', page);
  follow([eventId]);
}

// ---------------------------------------------------------------- bet slip

const SYSTEMS = {
  3: [['trixie', [2, 3]], ['patent', [1, 2, 3]]],
  4: [['yankee', [2, 3, 4]], ['lucky 15', [1, 2, 3, 4]]],
  5: [['canadian', [2, 3, 4, 5]], ['lucky 31', [1, 2, 3, 4, 5]]],
  6: [['heinz', [2, 3, 4, 5, 6]], ['lucky 63', [1, 2, 3, 4, 5, 6]]],
  7: [['super heinz', [2, 3, 4, 5, 6, 7]]],
  8: [['goliath', [2, 3, 4, 5, 6, 7, 8]]],
};

const slipKey = `cellbet.slip.${brand.code}`;
const slip = Object.assign({ selections: [], type: 'single', system: '', stake: '', policy: 'higher', message: null, placing: false },
  JSON.parse(localStorage.getItem(slipKey) || '{}'), { message: null, placing: false });

function saveSlip() {
  const { selections, type, system, stake, policy } = slip;
  localStorage.setItem(slipKey, JSON.stringify({ selections, type, system, stake, policy }));
}

function toggleSelection(event, market, outcome) {
  const key = `${event.id}/${marketKey(market)}/${outcome.id}`;
  const index = slip.selections.findIndex((s) => s.key === key);
  if (index >= 0) {
    slip.selections.splice(index, 1);
  } else {
    slip.selections = slip.selections.filter((s) => s.eventId !== event.id || slip.type === 'single');
    slip.selections.push({
      key, eventId: event.id, eventName: eventName(event), typeId: market.typeId, specifiers: market.specifiers || '',
      marketName: market.name, outcomeId: outcome.id, outcomeName: outcome.name || outcome.id,
      accepted: Number(outcome.odds), current: Number(outcome.odds), live: event.live, suspended: false,
    });
  }
  rememberNames();
  document.querySelectorAll(`[data-test=outcome][data-event-id="${CSS.escape(event.id)}"]`).forEach((button) => {
    const selected = slip.selections.some((s) => s.key === `${button.dataset.eventId}/${button.dataset.marketKey}/${button.dataset.outcomeId}`);
    button.setAttribute('aria-pressed', selected ? 'true' : 'false');
  });
  slip.message = null;
  saveSlip();
  renderSlip();
  follow(slip.selections.map((s) => s.eventId));
}

/** The names of what the player selected, so my bets can name the legs of bets whose events have ended. */
function rememberNames() {
  const names = JSON.parse(localStorage.getItem(`cellbet.names.${brand.code}`) || '{}');
  for (const s of slip.selections) names[s.key] = { event: s.eventName, market: s.marketName, outcome: s.outcomeName };
  const keys = Object.keys(names);
  for (const key of keys.slice(0, Math.max(0, keys.length - 500))) delete names[key];
  localStorage.setItem(`cellbet.names.${brand.code}`, JSON.stringify(names));
}

/** Slip selections follow the live odds: current odds, suspended markets. */
eventListeners.add((eventId) => {
  const event = events.get(eventId);
  let changed = false;
  for (const selection of slip.selections.filter((s) => s.eventId === eventId)) {
    const market = event?.markets.find((m) => marketKey(m) === `${selection.typeId}/${selection.specifiers}`);
    const outcome = market?.outcomes.find((o) => o.id === selection.outcomeId);
    const suspended = !market || market.status !== 'active' || !outcome || outcome.active === false || outcome.odds == null;
    const current = outcome?.odds != null ? Number(outcome.odds) : selection.current;
    if (suspended !== selection.suspended || current !== selection.current) {
      selection.suspended = suspended;
      selection.current = current;
      selection.live = event.live;
      changed = true;
    }
  }
  if (changed) {
    saveSlip();
    renderSlip();
  }
});

function combinations(size, n) {
  let result = 1;
  for (let i = 1; i <= size; i++) result = (result * (n - size + i)) / i;
  return Math.round(result);
}

/** The sizes of the lines a system bet makes of n selections. */
function systemSizes(system, n) {
  for (const named of Object.values(SYSTEMS).flat()) if (named[0] === system) return named[1];
  const match = /^(\d+)\/(\d+)$/.exec(system || '');
  return match && Number(match[2]) === n ? [Number(match[1])] : [];
}

function linesOf(n) {
  if (slip.type === 'single') return n;
  if (slip.type === 'accumulator') return 1;
  return systemSizes(slip.system, n).reduce((sum, size) => sum + combinations(size, n), 0);
}

/** What the slip pays at most, in minor units, at the current odds: every line winning. */
function potentialPayout(stakeMinor) {
  const prices = slip.selections.map((s) => s.current);
  if (slip.type === 'single') return prices.reduce((sum, price) => sum + Math.floor(stakeMinor * price), 0);
  if (slip.type === 'accumulator') return Math.floor(stakeMinor * prices.reduce((product, price) => product * price, 1));
  let total = 0;
  for (const size of systemSizes(slip.system, prices.length)) {
    const walk = (start, chosen, product) => {
      if (chosen === size) { total += Math.floor(stakeMinor * product); return; }
      for (let i = start; i < prices.length; i++) walk(i + 1, chosen + 1, product * prices[i]);
    };
    if (combinations(size, prices.length) <= 2000) walk(0, 0, 1);
  }
  return total;
}

/** Whether the player must accept changed odds before placing, under the chosen policy. */
function needsAcceptance(selection) {
  if (selection.current === selection.accepted) return false;
  if (slip.policy === 'any') return false;
  if (slip.policy === 'higher') return selection.current < selection.accepted;
  return true;
}

function systemChoices(n) {
  const choices = [];
  for (let k = 2; k < n; k++) choices.push([`${k}/${n}`, t('slip.systemKofN', { k, n, lines: combinations(k, n) })]);
  for (const [name, sizes] of SYSTEMS[n] || []) {
    choices.push([name, t('slip.systemNamed', { name: t(`system.${name}`), lines: sizes.reduce((sum, k) => sum + combinations(k, n), 0) })]);
  }
  return choices;
}

/** Why the slip cannot be placed as it stands, or null: what both the slip and the stake field's updates show. */
function placeBlocked() {
  const n = slip.selections.length;
  if (slip.placing || !toMinor(slip.stake)) return 'incomplete';
  if (slip.selections.some((s) => s.suspended)) return 'suspended';
  if (slip.type !== 'single' && new Set(slip.selections.map((s) => s.eventId)).size !== n) return 'one-leg-per-event';
  if (slip.selections.some(needsAcceptance)) return 'odds-changed';
  return null;
}

function renderSlip() {
  const n = slip.selections.length;
  const multiEvent = new Set(slip.selections.map((s) => s.eventId)).size === n;
  if (n < 2 && slip.type !== 'single') slip.type = 'single';
  if (slip.type === 'system') {
    const choices = systemChoices(n).map(([value]) => value);
    if (!choices.includes(slip.system)) slip.system = choices[0] || '';
  }
  const stakeMinor = toMinor(slip.stake);
  const lines = linesOf(n);
  const asking = slip.selections.some(needsAcceptance);
  const types = ['single', 'accumulator', 'system'].filter((type) => type === 'single' || (type === 'accumulator' && n >= 2) || (type === 'system' && n >= 3));
  const count = h('span', { class: 'slip-count', 'data-test': 'slip-count' }, n);
  const content = n === 0 ? [h('p', { class: 'empty' }, t('slip.empty'))] : [
    h('ul', { class: 'slip-selections' }, slip.selections.map((s) => h('li', {
      class: `slip-selection${s.suspended ? ' suspended' : ''}`, 'data-test': 'slip-selection', 'data-selection-key': s.key,
    },
    h('div', { class: 'what' }, h('strong', {}, s.outcomeName), h('span', {}, s.marketName), h('span', { class: 'event' }, s.eventName)),
    h('div', { class: 'price' },
      s.current !== s.accepted ? h('span', { class: `was ${s.current > s.accepted ? 'up' : 'down'}`, 'data-test': 'slip-odds-changed' },
        t('slip.oddsChanged', { from: odds(s.accepted) })) : null,
      h('strong', { class: 'odds' }, odds(s.current)),
      s.suspended ? h('span', { class: 'suspended-note', 'data-test': 'slip-suspended' }, t('market.suspended')) : null),
    h('button', { type: 'button', class: 'remove', 'data-test': 'slip-remove', 'aria-label': t('slip.remove'),
      onclick: () => { slip.selections = slip.selections.filter((x) => x.key !== s.key); slip.message = null; saveSlip(); renderSlip(); syncPressed(); } }, '×')))),
    h('div', { class: 'slip-types', role: 'group', 'aria-label': t('slip.type') }, types.map((type) =>
      h('button', { type: 'button', 'data-test': 'slip-type', 'data-type': type, 'aria-pressed': slip.type === type ? 'true' : 'false',
        onclick: () => { slip.type = type; slip.message = null; saveSlip(); renderSlip(); } }, t(`slip.${type}`)))),
    slip.type !== 'single' && !multiEvent ? h('p', { class: 'problem' }, t('slip.oneLegPerEvent')) : null,
    slip.type === 'system' ? h('label', {}, t('slip.system'), h('select', { 'data-test': 'slip-system',
      onchange: (e) => { slip.system = e.target.value; saveSlip(); renderSlip(); } },
    systemChoices(n).map(([value, label]) => h('option', { value, selected: value === slip.system }, label)))) : null,
    h('label', {}, slip.type === 'accumulator' ? t('slip.stake') : t('slip.stakePerLine'),
      h('input', { 'data-test': 'stake', name: 'stake', inputmode: 'decimal', autocomplete: 'off', value: slip.stake,
        'aria-invalid': slip.stake !== '' && stakeMinor === null ? 'true' : 'false',
        oninput: (e) => { slip.stake = e.target.value; saveSlip(); updateTotals(); } })),
    h('label', {}, t('slip.policy'), h('select', { 'data-test': 'odds-policy',
      onchange: (e) => { slip.policy = e.target.value; saveSlip(); renderSlip(); } },
    ['none', 'higher', 'any'].map((policy) => h('option', { value: policy, selected: policy === slip.policy }, t(`policy.${policy}`))))),
    h('dl', { class: 'totals' },
      h('dt', {}, t('slip.lines')), h('dd', { 'data-test': 'slip-lines' }, lines),
      h('dt', {}, t('slip.totalStake')), h('dd', { 'data-test': 'total-stake' }, stakeMinor ? money(stakeMinor * lines) : '–'),
      h('dt', {}, t('slip.potentialPayout')), h('dd', { 'data-test': 'potential-payout' }, stakeMinor ? money(potentialPayout(stakeMinor)) : '–')),
    asking ? h('button', { type: 'button', class: 'accept', 'data-test': 'accept-odds', onclick: acceptOdds }, t('slip.acceptOdds')) : null,
    h('button', { type: 'button', class: 'primary place', 'data-test': 'place-bet', disabled: placeBlocked() !== null,
      onclick: placeSlip }, slip.placing ? t('slip.placing') : t('slip.place')),
  ];
  const message = slip.message ? h('p', { class: `slip-message ${slip.message.state}`, 'data-test': 'slip-message', role: 'status',
    'data-state': slip.message.state, 'data-code': slip.message.code || '' }, slip.message.text) : null;
  slipPanel.replaceChildren(
    h('h2', {}, h('button', { type: 'button', class: 'slip-toggle', 'aria-expanded': slipPanel.classList.contains('open') ? 'true' : 'false',
      onclick: () => { slipPanel.classList.toggle('open'); renderSlip(); } }, t('slip.title'), ' ', count)),
    h('div', { class: 'slip-body' }, content, message));
}

function updateTotals() {
  const stakeMinor = toMinor(slip.stake);
  const lines = linesOf(slip.selections.length);
  slipPanel.querySelector('[data-test=total-stake]').textContent = stakeMinor ? money(stakeMinor * lines) : '–';
  slipPanel.querySelector('[data-test=potential-payout]').textContent = stakeMinor ? money(potentialPayout(stakeMinor)) : '–';
  slipPanel.querySelector('[data-test=stake]').setAttribute('aria-invalid', slip.stake !== '' && stakeMinor === null ? 'true' : 'false');
  slipPanel.querySelector('[data-test=place-bet]').disabled = placeBlocked() !== null;
}

function syncPressed() {
  document.querySelectorAll('[data-test=outcome]').forEach((button) => {
    const key = `${button.dataset.eventId}/${button.dataset.marketKey}/${button.dataset.outcomeId}`;
    button.setAttribute('aria-pressed', slip.selections.some((s) => s.key === key) ? 'true' : 'false');
  });
}

function acceptOdds() {
  slip.selections.forEach((s) => { s.accepted = s.current; });
  slip.message = null;
  saveSlip();
  renderSlip();
}

/** Bets placed by this slip and still pending, by id: their outcome decides the slip's message. */
const awaiting = new Map();

function slipRequests(stakeMinor) {
  const selection = (s) => ({ eventId: s.eventId, marketTypeId: s.typeId, specifiers: s.specifiers || undefined, outcomeId: s.outcomeId, odds: s.accepted });
  slip.attempt ||= crypto.randomUUID();
  if (slip.type === 'single') {
    return slip.selections.map((s, i) => ({ idempotencyKey: `${slip.attempt}-${i}`, type: 'single', stakeMinor, oddsPolicy: slip.policy, selections: [selection(s)] }));
  }
  return [{ idempotencyKey: slip.attempt, type: slip.type, system: slip.type === 'system' ? slip.system : undefined,
    stakeMinor, oddsPolicy: slip.policy, selections: slip.selections.map(selection) }];
}

async function placeSlip() {
  if (!session) { navigate('login'); return; }
  const stakeMinor = toMinor(slip.stake);
  if (!stakeMinor) return;
  slip.placing = true;
  slip.message = null;
  renderSlip();
  const requests = slipRequests(stakeMinor);
  const answers = await Promise.all(requests.map((body) => call('POST', `${api}/players/me/bets`, body)));
  slip.placing = false;
  const refused = answers.find((a) => !a.ok);
  const pending = answers.filter((a) => a.ok && a.body.status === 'pending');
  if (refused && answers.every((a) => !a.ok)) {
    slip.attempt = null;
    const code = refused.body?.code || 'ERROR';
    if (code === 'ODDS_CHANGED') await refreshSlipOdds();
    const text = refused.status === 400 ? (refused.body.errors || []).map((e) => e.message).join('; ') || refused.body.detail
      : reason(code, refused.body?.detail);
    slip.message = { state: refused.status === 422 || refused.status === 409 ? 'rejected' : 'error', code, text };
  } else if (pending.length > 0) {
    pending.forEach((a) => awaiting.set(a.body.id, a.body));
    slip.message = { state: 'pending', code: '', text: t('slip.pending') };
    watchPending();
  } else {
    finishSlip(refused ? { state: 'rejected', code: refused.body?.code, text: t('slip.partlyPlaced') } : null);
  }
  renderSlip();
  refreshBalance();
}

function finishSlip(message) {
  slip.selections = [];
  slip.attempt = null;
  slip.message = message || { state: 'placed', code: '', text: t('slip.placed') };
  saveSlip();
  syncPressed();
  renderSlip();
  refreshBalance();
}

/** A pending bet's outcome arrives on /bets; while that socket is down, the bet is asked for every 2 s. */
function watchPending() {
  clearInterval(watchPending.timer);
  watchPending.timer = setInterval(async () => {
    if (awaiting.size === 0) { clearInterval(watchPending.timer); return; }
    if (betsSocket.state === 'connected') return;
    for (const id of [...awaiting.keys()]) {
      const answer = await call('GET', `${api}/players/me/bets/${id}`);
      if (answer.ok) betChanged({ betId: id, status: answer.body.status, reason: answer.body.reason });
    }
  }, 2000);
}

function betChanged(frame) {
  if (awaiting.has(frame.betId) && frame.status !== 'pending' && frame.status !== 'placing') {
    awaiting.delete(frame.betId);
    if (frame.status === 'rejected') {
      slip.attempt = null;
      slip.message = { state: 'rejected', code: frame.reason || '', text: reason(frame.reason) };
      renderSlip();
    } else if (awaiting.size === 0) {
      finishSlip();
    }
  }
  if (['settled', 'voided', 'cashed_out', 'open', 'rejected'].includes(frame.status)) refreshBalance();
  for (const listener of betListeners) listener(frame);
}

const betListeners = new Set();

async function refreshSlipOdds() {
  for (const eventId of new Set(slip.selections.map((s) => s.eventId))) {
    const answer = await call('GET', `/api/sportsbook/events/${encodeURIComponent(eventId)}?brand=${brand.code}`, undefined, false);
    if (answer.ok) {
      events.set(eventId, answer.body);
      notifyEvent(eventId, null);
    }
  }
}

// ---------------------------------------------------------------- account pages

function field(name, label, attributes = {}) {
  return h('label', { class: 'field' }, h('span', {}, label), h('input', { name, id: `f-${name}`, ...attributes }),
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }));
}

function selectField(name, label, options, attributes = {}) {
  return h('label', { class: 'field' }, h('span', {}, label),
    h('select', { name, ...attributes }, options.map(([value, text]) => h('option', { value }, text))),
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }));
}

/** A form that posts to the API and shows its refusal: the problem's code and one message per field. */
function apiForm(test, fields, submitLabel, submit) {
  const error = h('p', { class: 'form-error', 'data-test': 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { 'data-test': test, novalidate: true }, fields, error, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('[data-error-for]').forEach((e) => { e.textContent = ''; });
    error.hidden = true;
    button.disabled = true;
    const values = Object.fromEntries(new FormData(form).entries());
    try {
      const answer = await submit(values, form);
      if (answer && !answer.ok) {
        const code = answer.body?.code || 'ERROR';
        error.dataset.code = code;
        error.textContent = reason(code, answer.body?.detail);
        error.hidden = false;
        for (const fieldError of answer.body?.errors || []) {
          const slot = form.querySelector(`[data-error-for="${CSS.escape(fieldError.field.replace(/^body\./, ''))}"]`);
          if (slot) slot.textContent = fieldError.message;
        }
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

const COUNTRIES = ['GB', 'IE', 'DE', 'AT', 'CH', 'NL', 'BE', 'DK', 'SE', 'NO', 'FI', 'ES', 'IT', 'PT', 'MT', 'FR', 'PL', 'CZ', 'CA', 'NZ'];

function signupPage() {
  if (session) { navigate('', true); return; }
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const form = apiForm('signup', [
    field('email', t('signup.email'), { type: 'email', autocomplete: 'email', required: true }),
    field('username', t('signup.username'), { autocomplete: 'username' }),
    field('password', t('signup.password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 }),
    h('p', { class: 'hint' }, t('signup.passwordRule')),
    field('dateOfBirth', t('signup.dateOfBirth'), { type: 'date', required: true }),
    selectField('country', t('signup.country'), COUNTRIES.map((code) => [code, countries.of(code)])),
    selectField('currency', t('signup.currency'), (brand.currencies || []).map((code) => [code, code])),
  ], t('signup.submit'), async (values) => {
    const body = { email: values.email || undefined, username: values.username || undefined, password: values.password,
      dateOfBirth: values.dateOfBirth, country: values.country, currency: values.currency };
    const registered = await call('POST', `${api}/players`, body, false);
    if (!registered.ok) return registered;
    const login = await call('POST', `${api}/login`, { login: values.email || values.username, password: values.password }, false);
    if (!login.ok) return login;
    startSession(login.body);
    await loadPlayer();
    toast(t('signup.welcome'));
    navigate('');
    return null;
  });
  show('signup', h('section', { class: 'panel narrow' }, h('h1', {}, t('signup.title')), form,
    h('p', {}, t('signup.haveAccount'), ' ', link('login', {}, t('nav.login')))));
}

function loginPage() {
  if (session) { navigate('', true); return; }
  const form = apiForm('login', [
    field('login', t('login.name'), { autocomplete: 'username', required: true }),
    field('password', t('login.password'), { type: 'password', autocomplete: 'current-password', required: true }),
  ], t('login.submit'), async (values) => {
    const login = await call('POST', `${api}/login`, { login: values.login, password: values.password }, false);
    if (!login.ok) {
      if (login.body?.code === 'ACCOUNT_LOCKED') {
        login.body.detail = t('reason.ACCOUNT_LOCKED');
      }
      return login;
    }
    startSession(login.body);
    await loadPlayer();
    if (login.body.previousLoginAt) toast(t('login.previous', { at: when(login.body.previousLoginAt) }));
    navigate('');
    return null;
  });
  show('login', h('section', { class: 'panel narrow' }, h('h1', {}, t('login.title')), form,
    h('p', {}, t('login.noAccount'), ' ', link('signup', {}, t('nav.signup')))));
}

async function embedPage() {
  const token = new URLSearchParams(location.search).get('token');
  root.dataset.embedded = 'true';
  sessionStorage.setItem('cellbet.embedded', brand.code);
  const answer = token ? await call('POST', `${api}/launch`, { token }, false) : { ok: false, body: { code: 'INVALID_LAUNCH_TOKEN' } };
  if (!answer.ok) {
    show('embed', h('section', { class: 'panel', 'data-test': 'launch-error', 'data-code': answer.body?.code || '' },
      h('p', {}, reason(answer.body?.code, t('embed.failed')))));
    return;
  }
  startSession(answer.body);
  history.replaceState(null, '', base);
  await loadPlayer();
  await render();
}

function legLabel(leg) {
  const names = JSON.parse(localStorage.getItem(`cellbet.names.${brand.code}`) || '{}');
  const known = names[`${leg.eventId}/${leg.marketTypeId}/${leg.specifiers || ''}/${leg.outcomeId}`];
  return known ? `${known.outcome} · ${known.market} · ${known.event}` : `${leg.eventId} · ${leg.marketTypeId}${leg.specifiers ? ` ${leg.specifiers}` : ''} · ${leg.outcomeId}`;
}

async function betsPage(tab) {
  if (needsLogin('bets')) return;
  const status = new URLSearchParams(location.search).get('status') === 'settled' ? 'settled' : 'open';
  const list = h('div', { class: 'bets' });
  const load = async () => {
    const answer = await call('GET', `${api}/players/me/bets?status=${status}&limit=50`);
    if (!answer.ok) { list.replaceChildren(h('p', { class: 'problem' }, answer.body?.detail || t('error.page'))); return; }
    const bets = answer.body.bets || answer.body;
    list.replaceChildren(...(bets.length === 0 ? [h('p', { class: 'empty' }, t('bets.none'))] : bets.map(betCard)));
  };
  await load();
  const listener = () => load();
  betListeners.add(listener);
  cleanup.push(() => betListeners.delete(listener));
  show('bets', h('h1', {}, t('nav.bets')),
    h('div', { class: 'tabs', role: 'tablist' }, ['open', 'settled'].map((name) =>
      link(`bets?status=${name}`, { role: 'tab', class: 'tab', 'data-test': 'bets-tab', 'data-status': name, 'aria-selected': name === status ? 'true' : 'false' }, t(`bets.${name}`)))),
    list);
}

function betCard(bet) {
  const cashout = h('div', { class: 'cashout' });
  const card = h('article', { class: `bet ${bet.status}`, 'data-test': 'bet', 'data-bet-id': bet.id, 'data-status': bet.status, 'data-paid-minor': bet.paidMinor },
    h('header', {}, h('strong', {}, t(`slip.${bet.type}`) + (bet.type === 'system' ? ` ${bet.lines}` : '')),
      h('span', { class: 'status' }, t(`bet.${bet.status}`), bet.reason ? ` · ${reason(bet.reason)}` : '')),
    h('ul', { class: 'legs' }, bet.legs.map((leg) => h('li', { class: `leg ${leg.result}` },
      h('span', {}, legLabel(leg)), h('span', { class: 'odds' }, odds(leg.odds)), h('span', { class: 'result' }, t(`leg.${leg.result}`))))),
    h('dl', { class: 'totals' },
      h('dt', {}, t('slip.totalStake')), h('dd', {}, money(bet.stakeMinor, bet.currency)),
      bet.status === 'settled' || bet.status === 'voided' || bet.status === 'cashed_out'
        ? [h('dt', {}, t('bet.paid')), h('dd', { 'data-test': 'bet-paid' }, money(bet.paidMinor + bet.cashedOutMinor, bet.currency))]
        : [h('dt', {}, t('slip.potentialPayout')), h('dd', {}, money(bet.maxPayoutMinor, bet.currency))],
      h('dt', {}, t('bet.placedAt')), h('dd', {}, when(bet.placedAt))),
    cashout);
  if (bet.status === 'open') offerCashOut(bet, cashout);
  return card;
}

async function offerCashOut(bet, slot) {
  const offer = await call('GET', `${api}/players/me/bets/${bet.id}/cashout`);
  if (!offer.ok || !offer.body.available || !(offer.body.valueMinor > 0)) { slot.replaceChildren(); return; }
  const button = h('button', { type: 'button', 'data-test': 'cashout', 'data-value-minor': offer.body.valueMinor,
    onclick: async () => {
      button.disabled = true;
      const taken = await call('POST', `${api}/players/me/bets/${bet.id}/cashout`, { valueMinor: offer.body.valueMinor });
      if (taken.ok) {
        toast(t('cashout.done', { amount: money(offer.body.valueMinor, bet.currency) }));
        refreshBalance();
        render();
      } else {
        toast(reason(taken.body?.code, taken.body?.detail));
        offerCashOut(bet, slot);
      }
    } }, t('cashout.offer', { amount: money(offer.body.valueMinor, bet.currency) }));
  slot.replaceChildren(button);
}

async function walletPage() {
  if (needsLogin('wallet')) return;
  await refreshBalance();
  const cash = cashAccount();
  const statement = h('table', { class: 'statement' },
    h('thead', {}, h('tr', {}, [t('wallet.when'), t('wallet.what'), t('wallet.amount'), t('wallet.balance')].map((c) => h('th', { scope: 'col' }, c)))));
  const body = h('tbody');
  statement.append(body);
  if (cash && cash.id != null) {
    const answer = await call('GET', `${api}/players/me/wallet/${cash.id}/statement?limit=50`);
    for (const line of answer.ok ? answer.body.lines : []) {
      body.append(h('tr', { 'data-test': 'statement-line' }, h('td', {}, when(line.createdAt)),
        h('td', {}, t(`transfer.${line.type}`) !== `transfer.${line.type}` ? t(`transfer.${line.type}`) : line.type),
        h('td', { class: line.amountMinor < 0 ? 'debit' : 'credit' }, money(line.amountMinor, cash.currency)),
        h('td', {}, money(line.balanceAfterMinor, cash.currency))));
    }
  }
  show('wallet', h('h1', {}, t('nav.wallet')),
    h('div', { class: 'accounts' }, accounts.map((account) => h('div', { class: 'account-card', 'data-test': 'account', 'data-kind': account.kind, 'data-balance-minor': account.balanceMinor },
      h('span', {}, t(`wallet.${account.kind}`)), h('strong', {}, money(account.balanceMinor, account.currency)),
      account.pendingDebitsMinor ? h('small', {}, t('wallet.reserved', { amount: money(account.pendingDebitsMinor, account.currency) })) : null))),
    brand.walletMode === 'seamless' ? h('p', { class: 'hint' }, t('wallet.seamless')) : h('section', {}, h('h2', {}, t('wallet.statement')),
      body.children.length ? statement : h('p', { class: 'empty' }, t('wallet.noLines'))));
}

async function settingsPage() {
  const preferences = h('section', { class: 'panel' }, h('h2', {}, t('settings.preferences')),
    h('p', {}, t('settings.preferencesHint')));
  if (!session) {
    show('settings', h('h1', {}, t('nav.settings')), preferences, h('p', {}, link('login', {}, t('login.needed'))));
    return;
  }
  const [limits, sessionSettings, kyc] = await Promise.all([call('GET', `${api}/players/me/limits`),
    call('GET', `${api}/players/me/session-settings`), call('GET', `${api}/players/me/kyc`)]);
  const limitList = h('ul', { class: 'limits' }, (limits.ok ? limits.body : []).filter((l) => l.amountMinor != null || l.pendingAmountMinor != null || l.pendingRemoval)
    .map((l) => h('li', { 'data-test': 'limit', 'data-kind': l.kind, 'data-period': l.period, 'data-amount-minor': l.amountMinor ?? '' },
      t('limits.line', { kind: t(`limits.${l.kind}`), period: t(`limits.${l.period}`), amount: l.amountMinor != null ? money(l.amountMinor) : '–' }),
      l.pendingAmountMinor != null ? ` · ${t('limits.pendingRaise', { amount: money(l.pendingAmountMinor), at: when(l.pendingEffectiveAt) })}` : '',
      l.pendingRemoval ? ` · ${t('limits.pendingRemoval', { at: when(l.pendingEffectiveAt) })}` : '')));
  const limitMessage = h('p', { 'data-test': 'limit-message', role: 'status', hidden: true });
  const limitForm = apiForm('limit-form', [
    selectField('kind', t('limits.kind'), ['deposit', 'loss', 'wager'].map((k) => [k, t(`limits.${k}`)])),
    selectField('period', t('limits.period'), ['day', 'week', 'month'].map((p) => [p, t(`limits.${p}`)])),
    field('amount', t('limits.amount', { currency }), { inputmode: 'decimal', required: true }),
  ], t('limits.set'), async (values) => {
    const amountMinor = toMinor(values.amount);
    if (amountMinor === null) return { ok: false, body: { code: 'INVALID_REQUEST', detail: t('limits.badAmount'), errors: [{ field: 'amount', message: t('limits.badAmount') }] } };
    const answer = await call('PUT', `${api}/players/me/limits/${values.kind}/${values.period}`, { amountMinor });
    if (answer.ok) {
      await settingsPage();
      const message = main.querySelector('[data-test=limit-message]');
      message.hidden = false;
      message.dataset.outcome = answer.body.outcome;
      message.textContent = t(`limits.${answer.body.outcome}`);
    }
    return answer;
  });
  const timeOut = apiForm('time-out', [
    selectField('hours', t('timeout.length'), [[24, t('timeout.day')], [168, t('timeout.week')], [720, t('timeout.month')], [1008, t('timeout.sixWeeks')]]),
  ], t('timeout.take'), async (values) => {
    const answer = await call('POST', `${api}/players/me/time-out`, { hours: Number(values.hours) });
    if (answer.ok) { player = answer.body; renderStatus(); toast(t('timeout.taken')); }
    return answer;
  });
  const exclusion = apiForm('self-exclusion', [
    selectField('period', t('exclusion.period'), ['6m', '1y', '5y', 'permanent'].map((p) => [p, t(`exclusion.${p}`)])),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'confirm', value: 'yes' }), t('exclusion.confirm'),
      h('span', { class: 'field-error', 'data-error-for': 'confirm', role: 'alert' })),
  ], t('exclusion.submit'), async (values) => {
    if (values.confirm !== 'yes') return { ok: false, body: { code: 'CONFIRMATION_REQUIRED', detail: t('exclusion.confirmNeeded'), errors: [{ field: 'confirm', message: t('exclusion.confirmNeeded') }] } };
    const answer = await call('POST', `${api}/players/me/self-exclusion`, { period: values.period });
    if (answer.ok) { player = answer.body; renderStatus(); toast(t('exclusion.done')); }
    return answer;
  });
  const current = sessionSettings.ok ? sessionSettings.body : {};
  const sessionForm = apiForm('session-settings', [
    field('sessionLimitMinutes', t('session.limit'), { type: 'number', min: 5, max: 1440, value: current.sessionLimitMinutes ?? '' }),
    field('realityCheckMinutes', t('session.realityCheck'), { type: 'number', min: 5, max: 240, value: current.realityCheckMinutes ?? '' }),
  ], t('session.save'), async (values) => {
    const number = (v) => (v === '' || v == null ? null : Number(v));
    const answer = await call('PUT', `${api}/players/me/session-settings`, { sessionLimitMinutes: number(values.sessionLimitMinutes), realityCheckMinutes: number(values.realityCheckMinutes) });
    if (answer.ok) { toast(t('session.saved')); realityCheck.schedule(); }
    return answer;
  });
  const kycStatus = kyc.ok ? kyc.body.kycStatus : player?.kycStatus;
  const kycSection = h('section', { class: 'panel', id: 'kyc' }, h('h2', {}, t('kyc.title')),
    h('p', { 'data-test': 'kyc-status', 'data-status': kycStatus || '' }, t(`kyc.${kycStatus}`)),
    kycStatus === 'unverified' || kycStatus === 'rejected' ? apiForm('kyc', [
      field('fullName', t('kyc.fullName'), { autocomplete: 'name', required: true }),
      selectField('documentType', t('kyc.documentType'), [['passport', t('kyc.passport')], ['id_card', t('kyc.idCard')], ['driving_licence', t('kyc.drivingLicence')]]),
      field('documentNumber', t('kyc.documentNumber'), { required: true }),
    ], t('kyc.submit'), async (values) => {
      const answer = await call('POST', `${api}/players/me/kyc`, values);
      if (answer.ok) { toast(t('kyc.submitted')); await loadPlayer(); settingsPage(); }
      return answer;
    }) : null);
  show('settings', h('h1', {}, t('nav.settings')),
    h('section', { class: 'panel' }, h('h2', {}, t('limits.title')), h('p', { class: 'hint' }, t('limits.hint')), limitList, limitForm, limitMessage),
    h('section', { class: 'panel' }, h('h2', {}, t('session.title')), sessionForm),
    h('section', { class: 'panel' }, h('h2', {}, t('timeout.title')), h('p', { class: 'hint' }, t('timeout.hint')), timeOut),
    h('section', { class: 'panel' }, h('h2', {}, t('exclusion.title')), h('p', { class: 'hint' }, t('exclusion.hint')), exclusion),
    kycSection, preferences);
}

// ---------------------------------------------------------------- start

if (location.pathname === base + 'embed' || sessionStorage.getItem('cellbet.embedded') === brand.code) root.dataset.embedded = 'true';
renderHeader();
renderSlip();
liveSocket.open();
if (slip.selections.length) follow(slip.selections.map((s) => s.eventId));
render();
if (session && location.pathname !== base + 'embed') loadPlayer();
