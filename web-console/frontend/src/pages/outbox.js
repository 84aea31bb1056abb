// The outbox: how many deliveries of the decisions' actions are pending, delivered and dead, the
// deliveries of each state a page at a time (dead first), and retrying dead ones.
import { h, clear, formatTime } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, query } from '../api.js';
import { badge, busy, errorBox, pageControls, tabList } from '../ui.js';
import { actionName, deliveryError, handlerName } from '../words.js';

const STATES = ['pending', 'delivered', 'dead'];
const TABS = ['dead', 'pending', 'delivered', 'all'];
const STATE_BADGE = { pending: 'draft', delivered: 'ok', dead: 'bad' };
const PAGE = 50;

// The last tab, kept while the user opens a decision and comes back.
let lastTab = 'dead';

const time = (iso) => formatTime(iso, lang(), { second: '2-digit' });

export function outboxPage(state) {
  const may = (p) => state.user.permissions.includes(p);
  const mayRetry = may('outbox:manage');
  const mayReadDecisions = may('decisions:read');
  const tiles = h('div', { class: 'tiles three', id: 'outbox-counts' });
  const message = h('div', { id: 'outbox-message', 'aria-live': 'polite' });
  const results = h('div', { class: 'results', id: 'deliveries', 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'refresh-outbox' }, t('outbox.refresh'));
  const retryAll = h('button', { type: 'button', id: 'retry-all' }, t('outbox.retryAll'));
  let next = null;
  let shown = 0;
  let counts = null;

  function showCounts(current) {
    counts = current;
    clear(tiles, STATES.map((s) => h('div', { class: `tile ${s === 'dead' && current[s] > 0 ? 'alarm' : ''}`, id: `outbox-${s}` },
      h('h2', {}, t(`outbox.count.${s}`)),
      h('p', { class: 'figure' }, t('outbox.number', { n: current[s] ?? 0 })),
      h('p', { class: 'muted' }, t(`outbox.countHelp.${s}`)))));
    retryAll.disabled = !current.dead;
  }

  // Only dead deliveries can be retried: the column shows where they are listed.
  const retryColumn = () => mayRetry && (lastTab === 'dead' || lastTab === 'all');
  const table = () => h('table', { class: 'list deliveries' },
    h('caption', { class: 'visually-hidden' }, t(`outbox.tab.${lastTab}`)),
    h('thead', {}, h('tr', {}, ['outbox.created', 'outbox.action', 'outbox.handler', 'outbox.attempts', 'outbox.state', 'outbox.lastError',
      retryColumn() ? 'outbox.do' : null].filter(Boolean).map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody'));

  function row(delivery) {
    const error = deliveryError(delivery.lastError);
    const action = actionName(delivery.actionType);
    const tr = h('tr', { dataset: { delivery: delivery.id, state: delivery.state } },
      h('td', {}, time(delivery.createdAt)),
      h('td', {}, mayReadDecisions ? h('a', { href: `#/decisions/${delivery.decisionId}` }, action) : action),
      h('td', {}, handlerName(delivery.handler)),
      h('td', { class: 'attempts' }, String(delivery.attempts)),
      h('td', { class: 'state', tabindex: '-1' }, badge(t(`deliveryState.${delivery.state}`), STATE_BADGE[delivery.state]), h('br'),
        h('small', {}, stateWhen(delivery))),
      h('td', { class: 'last-error' }, error ? [h('span', {}, error.text),
        error.detail ? h('small', { class: 'hint detail' }, h('br'), error.detail) : null] : h('span', { class: 'muted' }, '—')));
    if (retryColumn()) {
      tr.append(h('td', { class: 'buttons-cell' }, delivery.state === 'dead' ? retryButton(delivery, tr) : null));
    }
    return tr;
  }

  function retryButton(delivery, tr) {
    const button = h('button', {
      type: 'button', class: 'small secondary retry',
      'aria-label': t('outbox.retryOne', { action: actionName(delivery.actionType), handler: handlerName(delivery.handler) }),
    }, t('outbox.retry'));
    button.addEventListener('click', async () => {
      try {
        const retried = await busy(button, t('outbox.retrying'), () => api.post(`/api/outbox/${delivery.id}/retry`));
        const fresh = row(retried);
        tr.replaceWith(fresh);
        clear(message, h('p', { class: 'result ok', role: 'status' }, t('outbox.retried')));
        fresh.querySelector('.state').focus();
        loadCounts();
      } catch (error) {
        clear(message, error.status === 409 ? h('div', { class: 'error-box', role: 'alert' },
          h('p', {}, h('strong', {}, t('outbox.notDead')))) : errorBox(error));
        if (error.status === 409) show();
      }
    });
    return button;
  }

  async function loadCounts() {
    try {
      const page = await api.get(`/api/outbox${query({ state: 'dead', limit: 1 })}`, { quiet: true });
      showCounts(page.counts);
    } catch (error) {
      // the list shows what is wrong on the next load
    }
  }

  async function load(more) {
    const page = await api.get(`/api/outbox${query({ state: lastTab === 'all' ? null : lastTab, limit: PAGE, after: more ? next : null })}`);
    next = page.next ?? null;
    showCounts(page.counts);
    if (!more) {
      shown = 0;
      clear(results, table());
    }
    results.querySelector('tbody').append(...page.items.map(row));
    shown += page.items.length;
    if (shown === 0) {
      clear(results, h('p', { class: 'count empty' }, t(`outbox.none.${lastTab}`)));
    } else {
      pageControls(results, t('outbox.shown', { n: shown, total: lastTab === 'all' ? STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : counts[lastTab] ?? shown }),
        t('outbox.more'), next ? () => load(true) : null);
    }
  }

  async function show() {
    try {
      await busy(refresh, t('common.loading'), () => load(false));
    } catch (error) {
      clear(results, errorBox(error));
    }
  }

  refresh.addEventListener('click', () => {
    clear(message);
    show();
  });
  retryAll.addEventListener('click', async () => {
    try {
      const answer = await busy(retryAll, t('outbox.retrying'), () => api.post('/api/outbox/retry'));
      const text = answer.retried === 0 ? t('outbox.retriedNone') : t('outbox.retriedAll', { n: answer.retried });
      clear(message, h('p', { class: 'result ok', role: 'status' }, text));
      await show();
    } catch (error) {
      clear(message, errorBox(error));
    }
  });

  const tabs = tabList(t('outbox.tabs'), TABS.map((k) => [k, t(`outbox.tab.${k}`)]), lastTab, (tab) => {
    lastTab = tab;
    clear(message);
    show();
  });
  const toolbar = h('div', { class: 'buttons toolbar' }, refresh,
    mayRetry ? [retryAll, h('span', { class: 'hint' }, t('outbox.retryAllHint'))] : h('span', { class: 'hint', id: 'outbox-read-only' }, t('outbox.readOnly')));

  setTimeout(show, 0);
  return h('section', { class: 'outbox' }, h('h1', {}, t('outbox.title')), h('p', { class: 'lead' }, t('outbox.lead')),
    tiles, toolbar, message, tabs, results);
}

/** When a pending delivery is tried next, when a delivered one was delivered; a dead one waits for a person. */
function stateWhen(delivery) {
  if (delivery.state === 'pending') {
    return new Date(delivery.nextAttemptAt).getTime() <= Date.now() ? t('outbox.nextNow') : t('outbox.next', { time: time(delivery.nextAttemptAt) });
  }
  if (delivery.state === 'delivered') return t('outbox.deliveredAt', { time: time(delivery.deliveredAt) });
  return t('outbox.gaveUp', { n: delivery.attempts });
}
