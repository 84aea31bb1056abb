// For admins: who may use Lupaus (people and the systems' tokens), and the log of who changed what.
import { h, clear, field, select, formatTime, toInstant } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, query } from '../api.js';
import { badge, busy, confirmStep, errorBox, notify, pageControls } from '../ui.js';
import { personName } from '../words.js';

const ROLES = ['cx-manager', 'auditor', 'admin', 'ingest'];

export async function accessPage(state) {
  const section = h('section', {}, h('h1', {}, t('access.title')), h('p', { class: 'lead' }, t('access.lead')));
  section.append(await usersCard(), await tokensCard());
  if (state?.user?.permissions.includes('customers:erase')) section.append(erasureCard());
  return section;
}

/**
 * Erasing a customer cannot be undone: what will be erased is shown first, the id is typed twice,
 * and the erasure asked once more.
 */
function erasureCard() {
  const first = h('input', { type: 'text', name: 'erase-id', id: 'erase-id', autocomplete: 'off', required: true });
  const again = h('input', { type: 'text', name: 'erase-again', id: 'erase-again', autocomplete: 'off', required: true });
  const preview = h('div', { id: 'erase-preview', 'aria-live': 'polite' });
  const out = h('div', { id: 'erase-out', 'aria-live': 'polite' });
  const look = h('button', { type: 'button', id: 'erase-look', class: 'secondary' }, t('erase.look'));
  const erase = h('button', { type: 'submit', id: 'erase', class: 'danger', disabled: true }, t('erase.erase'));
  let looked = null;
  const ready = () => {
    erase.disabled = !(looked && first.value.trim() === looked && again.value.trim() === looked);
  };
  first.addEventListener('input', () => { looked = null; clear(preview); ready(); });
  again.addEventListener('input', ready);
  look.addEventListener('click', async () => {
    const id = first.value.trim();
    if (!id) return;
    try {
      const page = await busy(look, t('common.loading'), () => api.get(`/api/decisions${query({ customerId: id, limit: 100 })}`));
      const items = page.items ?? [];
      looked = id;
      clear(preview, h('div', { class: 'card result warn' },
        h('p', {}, h('strong', {}, items.length === 0 ? t('erase.nothing', { id }) : page.next ? t('erase.manyDecisions', { id, n: items.length })
          : t('erase.decisions', { id, n: items.length }))),
        items.length ? h('ul', {}, items.slice(0, 10).map((d) => h('li', {}, formatTime(d.decidedAt, lang()), ' · ',
          d.feedback ? `${d.feedback.survey} ${d.feedback.score}${d.feedback.comment ? ` “${d.feedback.comment}”` : ''}` : ''))) : null,
        h('p', {}, t('erase.alsoCases'))));
      ready();
    } catch (error) {
      clear(preview, errorBox(error));
    }
  });
  const form = h('form', {
    novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      if (erase.disabled) return;
      const yes = await confirmStep({ title: t('erase.confirmTitle', { id: looked }), text: t('erase.confirmText'), confirmText: t('erase.erase'), danger: true });
      if (!yes) return;
      try {
        const done = await busy(erase, t('common.saving'), () => api.delete(`/api/customers/${encodeURIComponent(looked)}`));
        clear(out, h('p', { class: 'ok-text', role: 'status' }, t('erase.done', { id: looked, n: done.erasedRecords })));
        form.reset();
        looked = null;
        clear(preview);
        ready();
      } catch (error) {
        clear(out, errorBox(error));
      }
    },
  }, h('div', { class: 'row' }, field(t('erase.id'), first), h('div', { class: 'buttons' }, look)), preview,
  field(t('erase.again'), again, t('erase.againHint')), h('div', { class: 'buttons' }, erase), out);
  return h('div', { class: 'card', id: 'erasure' }, h('h2', {}, t('erase.title')), h('p', {}, t('erase.lead')), form);
}

async function usersCard() {
  const card = h('div', { class: 'card', id: 'users' });
  const list = h('div');
  const out = h('div', { 'aria-live': 'polite' });
  async function refresh() {
    try {
      const users = (await api.get('/api/users')).items ?? [];
      clear(list, h('table', { class: 'list' }, h('caption', { class: 'visually-hidden' }, t('access.users')),
        h('thead', {}, h('tr', {}, ['access.username', 'access.role', 'access.created', 'rules.do'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, users.map((u) => {
          const remove = h('button', { type: 'button', class: 'small secondary danger', dataset: { user: u.username } }, t('access.delete'));
          remove.addEventListener('click', async () => {
            const yes = await confirmStep({ title: t('access.deleteTitle', { name: u.username }), text: t('access.deleteText'), confirmText: t('access.delete'), danger: true });
            if (!yes) return;
            try {
              await busy(remove, '…', () => api.delete(`/api/users/${encodeURIComponent(u.username)}`));
              notify(t('access.deleted', { name: u.username }));
              refresh();
            } catch (error) {
              clear(out, errorBox(error));
            }
          });
          return h('tr', { dataset: { user: u.username } }, h('td', {}, u.username), h('td', {}, t(`role.${u.role}`)),
            h('td', {}, formatTime(u.createdAt, lang())), h('td', {}, remove));
        }))));
    } catch (error) {
      clear(list, errorBox(error));
    }
  }
  const username = h('input', { type: 'text', name: 'new-username', id: 'new-username', required: true, maxlength: 100, autocomplete: 'off' });
  const password = h('input', { type: 'password', name: 'new-password', id: 'new-password', required: true, autocomplete: 'new-password' });
  const role = select(ROLES.filter((r) => r !== 'ingest').map((r) => [r, t(`role.${r}`)]), 'cx-manager', { name: 'new-role', id: 'new-role' });
  const add = h('button', { type: 'submit', id: 'add-user' }, t('access.addUser'));
  const form = h('form', {
    class: 'row',
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await busy(add, t('common.saving'), () => api.post('/api/users', { username: username.value.trim(), password: password.value, role: role.value }));
        notify(t('access.added', { name: username.value.trim() }));
        // Emptied by a reset, so that the fields are not marked as left wrongly empty (:user-invalid).
        form.reset();
        clear(out);
        refresh();
      } catch (error) {
        clear(out, errorBox(error));
      }
    },
  }, field(t('access.username'), username), field(t('access.password'), password, t('access.passwordHint')), field(t('access.role'), role),
  h('div', { class: 'buttons' }, add));
  await refresh();
  return clear(card, h('h2', {}, t('access.users')), list, h('h3', {}, t('access.addUser')), form, out);
}

async function tokensCard() {
  const card = h('div', { class: 'card', id: 'tokens' });
  const list = h('div');
  const out = h('div', { 'aria-live': 'polite', id: 'token-out' });
  async function refresh() {
    try {
      const tokens = (await api.get('/api/tokens')).items ?? [];
      clear(list, tokens.length === 0 ? h('p', { class: 'muted' }, t('access.noTokens')) : h('table', { class: 'list' },
        h('caption', { class: 'visually-hidden' }, t('access.tokens')),
        h('thead', {}, h('tr', {}, ['access.tokenName', 'access.role', 'access.created', 'access.createdBy', 'rules.do'].map((k) => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, tokens.map((token) => {
          let action = badge(t('access.revoked'), 'muted');
          if (!token.revokedAt) {
            action = h('button', { type: 'button', class: 'small secondary danger', dataset: { token: token.tokenId } }, t('access.revoke'));
            action.addEventListener('click', async () => {
              const yes = await confirmStep({ title: t('access.revokeTitle', { name: token.name }), text: t('access.revokeText'), confirmText: t('access.revoke'), danger: true });
              if (!yes) return;
              try {
                await api.delete(`/api/tokens/${encodeURIComponent(token.tokenId)}`);
                notify(t('access.revokedNamed', { name: token.name }));
                refresh();
              } catch (error) {
                clear(out, errorBox(error));
              }
            });
          }
          return h('tr', { dataset: { token: token.tokenId } }, h('td', {}, token.name), h('td', {}, t(`role.${token.role}`)),
            h('td', {}, formatTime(token.createdAt, lang())), h('td', {}, personName(token.createdBy)), h('td', {}, action));
        }))));
    } catch (error) {
      clear(list, errorBox(error));
    }
  }
  const name = h('input', { type: 'text', name: 'token-name', id: 'token-name', required: true, maxlength: 100, autocomplete: 'off' });
  const role = select(ROLES.map((r) => [r, t(`role.${r}`)]), 'ingest', { name: 'token-role', id: 'token-role' });
  const add = h('button', { type: 'submit', id: 'add-token' }, t('access.addToken'));
  const form = h('form', {
    class: 'row',
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        const created = await busy(add, t('common.saving'), () => api.post('/api/tokens', { name: name.value.trim(), role: role.value }));
        form.reset();
        clear(out, secretOnce(created));
        refresh();
      } catch (error) {
        clear(out, errorBox(error));
      }
    },
  }, field(t('access.tokenName'), name, t('access.tokenNameHint')), field(t('access.role'), role), h('div', { class: 'buttons' }, add));
  await refresh();
  return clear(card, h('h2', {}, t('access.tokens')), list, h('h3', {}, t('access.addToken')), form, out);
}

/** A new token's secret: shown this once, with a button that copies it. */
function secretOnce(created) {
  const secret = h('code', { id: 'token-secret' }, created.token);
  const copy = h('button', { type: 'button', class: 'small secondary', id: 'copy-token' }, t('access.copy'));
  const copied = h('span', { 'aria-live': 'polite', class: 'ok-text' });
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(created.token);
      copied.textContent = t('access.copied');
    } catch (e) {
      // No clipboard (an insecure page): select the text, so that the user can copy it.
      getSelection().selectAllChildren(secret);
      copied.textContent = t('access.selectToCopy');
    }
  });
  return h('div', { class: 'card result ok', role: 'status' },
    h('p', {}, h('strong', {}, t('access.secretOnce', { name: created.name }))), h('p', {}, secret, ' ', copy, ' ', copied));
}

/** The audit log: who changed what, newest first, a page at a time, narrowed by the server by who, what and when. */
export function auditEventsCard() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const who = h('input', { type: 'text', name: 'event-actor', id: 'event-actor', autocomplete: 'off', value: params.get('actor') ?? '' });
  const what = h('input', { type: 'text', name: 'event-action', id: 'event-action', autocomplete: 'off', list: 'event-kinds', value: params.get('action') ?? '' });
  const about = h('input', { type: 'text', name: 'event-subject', id: 'event-subject', autocomplete: 'off', value: params.get('subject') ?? '' });
  const from = h('input', { type: 'datetime-local', name: 'event-from', id: 'event-from' });
  const to = h('input', { type: 'datetime-local', name: 'event-to', id: 'event-to' });
  const kinds = h('datalist', { id: 'event-kinds' }, EVENT_KINDS.map((k) => h('option', { value: k })));
  const results = h('div', { class: 'results', id: 'audit-events', 'aria-live': 'polite' });
  const show = h('button', { type: 'submit', id: 'show-events' }, t('events.show'));
  let loaded = [];
  let next = null;
  let filters = {};
  function render(total) {
    clear(results, h('table', { class: 'list' }, h('caption', { class: 'visually-hidden' }, t('events.title')),
      h('thead', {}, h('tr', {}, ['events.at', 'events.actor', 'events.action', 'events.subject', 'events.detail'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, loaded.map((e) => h('tr', {}, h('td', {}, formatTime(e.at, lang())), h('td', {}, personName(e.actor)),
        h('td', {}, e.action), h('td', {}, e.subject ?? ''), h('td', {}, e.detail ?? ''))))));
    pageControls(results, loaded.length < total ? t('events.countOf', { n: loaded.length, total }) : t('events.count', { n: total }),
      t('events.more'), next ? () => load(true) : null);
  }
  async function load(more) {
    const page = await api.get(`/api/audit/events${query({ ...filters, before: more ? next : null })}`);
    loaded = more ? loaded.concat(page.items ?? []) : (page.items ?? []);
    next = page.next ?? null;
    render(page.total);
  }
  const form = h('form', {
    class: 'row',
    onsubmit: async (event) => {
      event.preventDefault();
      filters = { actor: who.value.trim(), action: what.value.trim(), subject: about.value.trim(), from: toInstant(from.value), to: toInstant(to.value) };
      try {
        await busy(show, t('common.loading'), () => load(false));
      } catch (error) {
        clear(results, errorBox(error));
      }
    },
  }, field(t('events.actor'), who), field(t('events.action'), what, t('events.actionHint')), kinds, field(t('events.subject'), about, t('events.subjectHint')),
  field(t('events.from'), from), field(t('events.to'), to), h('div', { class: 'buttons' }, show));
  setTimeout(() => show.click(), 0);
  return h('div', { class: 'card', id: 'events' }, h('h2', {}, t('events.title')), h('p', {}, t('events.lead')), form, results);
}

// The kinds of change the server records, offered as choices; any part of one may be typed.
const EVENT_KINDS = ['case.', 'customer.erased', 'ruleset.', 'ruleset.saved', 'ruleset.deploy', 'ruleset.rollback',
  'ruleset.shadow-started', 'ruleset.shadow-stopped', 'scenario.', 'token.', 'user.'];
