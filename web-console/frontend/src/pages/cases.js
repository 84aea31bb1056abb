// The cases that keep the promises: lists by tab (open, due soon, overdue…), and one case with its
// history and the steps people take (acknowledge, resolve, reassign, cancel).
import { h, clear, field, select, formatTime } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, query } from '../api.js';
import { badge, busy, confirmStep, errorBox, notify, pageControls, tabList } from '../ui.js';
import { CASE_TABS, OUTCOMES, caseStateBadge, dueText, personName, promiseCatalogue, promiseLabel } from '../words.js';

const DUE_SOON_HOURS = 24;
const ACTIVE = ['open', 'acknowledged'];

// Where the list was, for the case page's way back.
let listAddress = '#/cases';

/**
 * The list's view from the address (#/cases?tab=overdue&owner=…&promise=…), so that it can be kept and
 * shared; a scoreboard number's link adds what it counts (received when, kept or broken, recovered).
 */
function viewFromAddress() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const tab = params.get('tab');
  const counted = { receivedFrom: params.get('receivedFrom') ?? '', receivedTo: params.get('receivedTo') ?? '',
    promised: params.getAll('promised'), recovered: params.get('recovered') === 'true' ? 'true' : '' };
  return { tab: CASE_TABS.includes(tab) ? tab : 'open', owner: params.get('owner') ?? '', promise: params.get('promise') ?? '', counted };
}

const NO_COUNT = { receivedFrom: '', receivedTo: '', promised: [], recovered: '' };
const isCounted = (counted) => Boolean(counted.receivedFrom || counted.receivedTo || counted.promised.length || counted.recovered);

function keepInAddress(view) {
  const params = query({ tab: view.tab === 'open' ? '' : view.tab, owner: view.owner, promise: view.promise, ...view.counted });
  history.replaceState(null, '', `#/cases${params}`);
}

/** What a scoreboard number counted, said in words, with a way back to every case. */
function countedNote(counted, clearIt) {
  const day = (iso) => formatTime(iso, lang(), { hour: undefined, minute: undefined });
  const parts = [];
  if (counted.receivedFrom || counted.receivedTo) {
    // The range ends before its last instant: the day shown is the last one it holds.
    const last = counted.receivedTo ? new Date(new Date(counted.receivedTo).getTime() - 1).toISOString() : '';
    parts.push(t('cases.countedReceived', { from: day(counted.receivedFrom) || '…', to: day(last) || '…' }));
  }
  if (counted.promised.length) parts.push(counted.promised.map((p) => t(`cases.promised.${p}`)).join(` ${t('common.or')} `));
  if (counted.recovered) parts.push(t('cases.countedRecovered'));
  const button = h('button', { type: 'button', class: 'small secondary', id: 'cases-uncount' }, t('cases.countedClear'));
  button.addEventListener('click', clearIt);
  return h('p', { class: 'counted', id: 'cases-counted' }, h('strong', {}, t('cases.counted')), ' ', parts.join(' · '), ' ', button);
}

export async function casesPage(state) {
  const catalogue = await promiseCatalogue();
  // My cases: those to be worked that are given to me by name, or to my group (the owner named as my role, e.g. cx-manager).
  const mine = [...new Set([state?.user?.name, state?.user?.role].filter(Boolean))];
  let lastView = viewFromAddress();
  const known = ownersOf(catalogue);
  if (lastView.owner && !known.includes(lastView.owner)) known.push(lastView.owner);
  const owner = select([['', t('cases.anyOwner')], ...known.map((o) => [o, o])], lastView.owner, { name: 'owner' });
  const promise = select([['', t('cases.anyPromise')], ...[...catalogue.values()].map((p) => [p.id, p.text ?? p.id])],
    lastView.promise, { name: 'promise' });
  const results = h('div', { class: 'results', id: 'cases', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'show-cases' }, t('cases.show'));
  let next = null;
  let shown = 0;

  const table = () => h('table', { class: 'list cases' },
    h('caption', { class: 'visually-hidden' }, t(`cases.tab.${lastView.tab}`)),
    h('thead', {}, h('tr', {}, ['cases.customer', 'cases.promise', 'cases.owner', 'cases.priority', 'cases.due', 'cases.state']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody'));

  listAddress = location.hash.startsWith('#/cases') ? location.hash : '#/cases';
  const row = (file) => h('tr', { dataset: { caseId: file.caseId }, class: file.overdue ? 'overdue' : null },
    h('td', {}, h('a', { href: `#/cases/${file.caseId}` }, file.customerId)),
    h('td', {}, promiseLabel(file.promise, catalogue)),
    h('td', {}, file.owner),
    h('td', {}, file.priority === 'high' ? badge(t('priority.high'), 'bad') : t('priority.normal')),
    h('td', { title: formatTime(file.dueAt, lang()), class: file.overdue ? 'bad-text' : null }, dueText(file)),
    h('td', {}, caseStateBadge(file.state)));

  // Each tab is one query the server sorts by deadline and pages: the soonest first while a case is
  // still to be worked, the latest first once it is closed.
  function tabQuery(tab) {
    const params = { owner: lastView.owner, promise: lastView.promise, sort: 'due', ...lastView.counted };
    if (tab === 'mine') {
      params.owner = lastView.owner ? mine.filter((o) => o === lastView.owner) : mine;
      params.state = ACTIVE;
    } else if (tab === 'due-soon') {
      params.dueWithin = DUE_SOON_HOURS;
    } else if (tab === 'overdue') {
      params.overdue = 'true';
    } else if (tab === 'resolved' || tab === 'cancelled') {
      params.state = tab;
      params.sort = '-due';
    } else if (tab !== 'all') {
      params.state = tab;
    }
    return params;
  }

  async function load(more) {
    const tab = lastView.tab;
    const params = tabQuery(tab);
    let page = { items: [], total: 0 };
    // "Mine" when the chosen owner is someone else's: nothing to ask.
    if (!(tab === 'mine' && params.owner.length === 0)) {
      page = await api.get(`/api/cases${query({ ...params, after: more ? next : null, limit: 100 })}`);
    }
    next = page.next ?? null;
    if (!more) {
      shown = 0;
      clear(results, table());
    }
    results.querySelector('tbody').append(...page.items.map(row));
    shown += page.items.length;
    if (shown === 0) {
      clear(results, h('p', { class: 'count empty' }, t(tab === 'overdue' ? 'cases.noneOverdue' : tab === 'mine' ? 'cases.noneMine' : 'cases.none',
        { owners: mine.join(', ') })));
    } else {
      pageControls(results, shown < page.total ? t('cases.countOf', { n: shown, total: page.total }) : t('cases.count', { n: page.total }),
        t('cases.more'), next ? () => load(true) : null);
    }
  }

  const show = async () => {
    try {
      await busy(submit, t('common.loading'), () => load(false));
    } catch (error) {
      clear(results, errorBox(error));
    }
  };
  const tabs = tabList(t('cases.tabs'), CASE_TABS.map((k) => [k, t(`cases.tab.${k}`)]), lastView.tab, (tab) => {
    lastView.tab = tab;
    keepInAddress(lastView);
    show();
  });
  const form = h('form', {
    class: 'card search', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      lastView = { ...lastView, owner: owner.value, promise: promise.value };
      keepInAddress(lastView);
      show();
    },
  },
  h('div', { class: 'row' }, field(t('cases.owner'), owner), field(t('cases.promise'), promise)),
  h('div', { class: 'buttons' }, submit));

  const note = h('div');
  const noteCounted = () => clear(note, isCounted(lastView.counted) ? countedNote(lastView.counted, () => {
    lastView = { ...lastView, counted: NO_COUNT };
    keepInAddress(lastView);
    noteCounted();
    show();
  }) : null);
  noteCounted();
  setTimeout(show, 0);
  return h('section', {}, h('h1', {}, t('cases.title')), h('p', { class: 'lead' }, t('cases.lead')), form, note, tabs, results);
}

export async function casePage(caseId, state) {
  const section = h('section', {}, h('p', {}, h('a', { href: listAddress }, '← ', t('case.back'))));
  const path = `/api/cases/${encodeURIComponent(caseId)}`;
  let file;
  let catalogue;
  try {
    [file, catalogue] = await Promise.all([api.get(path), promiseCatalogue()]);
  } catch (error) {
    section.append(h('h1', {}, t('cases.title')), errorBox(error));
    return section;
  }
  const may = (p) => state.user.permissions.includes(p);
  const heading = h('h1');
  const message = h('div', { id: 'case-message', 'aria-live': 'polite' });
  const saidCard = await customerSaid(file, may('decisions:read'));
  const body = h('div');

  function render(current) {
    file = current;
    heading.textContent = t('case.title', { customer: file.customerId });
    clear(body, saidCard, h('div', { class: 'columns' },
      factsCard(file, catalogue),
      may('cases:work') ? workCard(file, step, ownersOf(catalogue)) : h('div', { class: 'card' }, h('p', { class: 'muted' }, t('case.readOnly')))),
    historyCard(file, may('decisions:read')));
  }

  // One step on the case; a 409 means someone changed it meanwhile: say so and show it as it is now.
  async function step(button, kind, payload) {
    try {
      const changed = await busy(button, t('common.saving'), () => api.post(`${path}/${kind}`, payload));
      clear(message);
      render(changed);
      notify(t(`case.done.${kind}`, { owner: changed.owner }));
      document.getElementById('case-state')?.focus();
    } catch (error) {
      if (error.status !== 409) {
        clear(message, errorBox(error));
        return;
      }
      try {
        render(await api.get(path));
      } catch (e) {
        // the conflict itself is what the user needs to read
      }
      clear(message, conflictBox(file));
    }
  }

  render(file);
  section.append(heading, message, body);
  return section;
}

/** The owners the promises name: their teams and whom they escalate to. */
function ownersOf(catalogue) {
  return [...new Set([...catalogue.values()].flatMap((p) => [...(p.owners ?? []), ...(p.escalation ?? []).map((s) => s.to)]))]
    .filter(Boolean).sort();
}

/** What the customer said, from the decision that opened the case: score, comment, touchpoint and when. */
async function customerSaid(file, mayReadDecisions) {
  const opening = (file.history ?? []).find((s) => s.decisionId);
  if (!opening || !mayReadDecisions) return null;
  let feedback;
  try {
    feedback = (await api.get(`/api/decisions/${encodeURIComponent(opening.decisionId)}`, { quiet: true })).feedback;
  } catch (e) {
    return null; // the case itself still shows; the decision link in the history says the rest
  }
  if (!feedback) return h('div', { class: 'card said', id: 'customer-said' }, h('h2', {}, t('case.said')), h('p', { class: 'muted' }, t('decision.erased')));
  const score = feedback.survey === 'NPS' ? t('case.saidNps', { score: feedback.score }) : t('case.saidCsat', { score: feedback.score });
  return h('div', { class: 'card said', id: 'customer-said' }, h('h2', {}, t('case.said')),
    feedback.comment ? h('blockquote', {}, `“${feedback.comment}”`) : h('p', { class: 'muted' }, t('case.noComment')),
    h('p', {}, h('strong', {}, score), feedback.complaint ? [' · ', badge(t('fb.complaintFact'), 'bad')] : null, ' · ',
      feedback.touchpoint ? t(`touchpoint.${feedback.touchpoint}`) : '', ' · ', formatTime(feedback.receivedAt, lang()),
      feedback.orderId ? [' · ', t('fb.orderId'), ' ', feedback.orderId] : null));
}

function conflictBox(file) {
  const allowed = file.allowed ?? [];
  const steps = allowed.map((a) => t(`case.can.${a}`));
  const list = steps.length > 1 ? `${steps.slice(0, -1).join(', ')} ${t('common.or')} ${steps[steps.length - 1]}` : steps[0];
  return h('div', { class: 'error-box conflict', role: 'alert' },
    h('p', {}, h('strong', {}, t('case.conflict', {
      state: t(`caseState.${file.state}`),
      next: allowed.length ? t('case.conflictAllowed', { steps: list }) : t('case.conflictNothing'),
    }))),
    h('p', {}, t('case.conflictHelp')));
}

function factsCard(file, catalogue) {
  const now = Date.now();
  const promiseState = file.kept ? h('span', { class: 'ok-text' }, t('case.kept'))
    : file.broken ? h('span', { class: 'bad-text' }, t('case.broken'))
      : file.state === 'cancelled' ? t('case.neither') : t('case.onTime');
  const rows = [
    ['case.promise', promiseLabel(file.promise, catalogue)],
    ['case.state', h('span', { id: 'case-state', tabindex: '-1' }, caseStateBadge(file.state))],
    ['case.owner', h('span', { id: 'case-owner' }, file.owner)],
    ['case.priority', t(`priority.${file.priority}`)],
    ['case.receivedAt', formatTime(file.receivedAt, lang())],
    ['case.openedAt', formatTime(file.openedAt, lang())],
    ['case.dueAt', h('span', {}, formatTime(file.dueAt, lang()),
      ACTIVE.includes(file.state) ? h('span', { class: file.overdue ? 'bad-text' : 'muted' }, ` (${dueText(file, now)})`) : null)],
    ['case.promiseKept', promiseState],
    file.resolvedAt ? ['case.resolvedAt', formatTime(file.resolvedAt, lang())] : null,
    file.cancelledAt ? ['case.cancelledAt', formatTime(file.cancelledAt, lang())] : null,
    file.outcome ? ['case.outcome', h('span', { id: 'case-outcome' }, t(`outcome.${file.outcome}`))] : null,
    file.note ? ['case.note', file.note] : null,
    file.recoveredAt ? ['case.recovered', formatTime(file.recoveredAt, lang())] : null,
  ].filter(Boolean);
  return h('div', { class: 'card' }, h('h2', {}, t('case.facts')),
    h('dl', { class: 'facts' }, rows.flatMap(([key, value]) => [h('dt', {}, t(key)), h('dd', {}, value)])));
}

function workCard(file, step, owners) {
  const allowed = file.allowed ?? [];
  const card = h('div', { class: 'card work' }, h('h2', {}, t('case.work')));
  if (allowed.length === 0) {
    card.append(h('p', { class: 'muted' }, t('case.closed')));
    return card;
  }
  if (allowed.includes('acknowledge')) {
    const button = h('button', { type: 'button', id: 'acknowledge' }, t('case.acknowledge'));
    button.addEventListener('click', () => step(button, 'acknowledge', {}));
    card.append(h('div', { class: 'buttons' }, button, h('span', { class: 'hint' }, t('case.acknowledgeHint'))));
  }
  if (allowed.includes('resolve')) {
    const note = h('textarea', { name: 'note', rows: 2, maxlength: 4000 });
    card.append(stepForm(step, 'resolve', { id: 'resolve' }, t('case.resolve'), 'step', [
      h('fieldset', { class: 'outcomes' }, h('legend', {}, t('case.outcome')),
        OUTCOMES.map((o, i) => h('label', { class: 'choice' },
          h('input', { type: 'radio', name: 'outcome', value: o, required: i === 0 }), ' ', t(`outcome.${o}`)))),
      field(t('case.noteLabel'), note),
    ], (form) => ({ outcome: form.querySelector('input[name=outcome]:checked')?.value, note: note.value.trim() || undefined })));
  }
  if (allowed.includes('reassign')) {
    // The teams the promises name are offered; a person's name may be typed too.
    const owner = h('input', { type: 'text', name: 'new-owner', required: true, maxlength: 200, autocomplete: 'off', list: 'known-owners' });
    card.append(stepForm(step, 'reassign', { id: 'reassign', class: 'secondary' }, t('case.reassign'), 'step row',
      [field(t('case.newOwner'), owner), h('datalist', { id: 'known-owners' }, owners.filter((o) => o !== file.owner).map((o) => h('option', { value: o })))],
      () => ({ owner: owner.value.trim() })));
  }
  if (allowed.includes('cancel')) {
    // Cancelling cannot be undone: it needs a reason, and a second yes.
    const reason = h('input', { type: 'text', name: 'cancel-note', maxlength: 4000, required: true });
    const problem = h('div', { 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', id: 'cancel-case', class: 'secondary danger' }, t('case.cancel'));
    card.append(h('form', {
      class: 'step row',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const note = reason.value.trim();
        if (!note) {
          clear(problem, h('p', { class: 'field-error', role: 'alert' }, t('case.reasonNeeded')));
          reason.focus();
          return;
        }
        clear(problem);
        const yes = await confirmStep({
          title: t('confirm.cancelCaseTitle'), text: t('confirm.cancelCaseText', { reason: note }),
          confirmText: t('confirm.cancelCase'), danger: true,
        });
        if (yes) step(submit, 'cancel', { note });
      },
    }, field(t('case.cancelReason'), reason, t('case.cancelHint')), h('div', { class: 'buttons' }, submit), problem));
  }
  return card;
}

/** A form for one step on the case: its fields, and a button that sends what payload(form) gives. */
function stepForm(step, kind, buttonAttrs, buttonText, className, fields, payload) {
  const submit = h('button', { type: 'submit', ...buttonAttrs }, buttonText);
  return h('form', {
    class: className,
    onsubmit: (event) => {
      event.preventDefault();
      step(submit, kind, payload(event.target));
    },
  }, fields, h('div', { class: 'buttons' }, submit));
}

function historyCard(file, mayReadDecisions) {
  const steps = file.history ?? [];
  return h('div', { class: 'card' }, h('h2', {}, t('case.history')),
    h('table', { class: 'list history', id: 'case-history' },
      h('thead', {}, h('tr', {}, ['case.when', 'case.what', 'case.who', 'case.detail'].map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, steps.map((s) => h('tr', { dataset: { step: s.step } },
        h('td', {}, formatTime(s.at, lang())),
        h('td', {}, t(`step.${s.step}`)),
        h('td', {}, s.by === 'rules' ? t('case.byRules') : personName(s.by)),
        h('td', {}, readableTimes(s.detail ?? ''), s.decisionId && mayReadDecisions
          ? [' ', h('a', { href: `#/decisions/${s.decisionId}` }, t('case.decision'))] : null))))));
}

// The history's details are recorded in the server's words; its times read better in the user's.
function readableTimes(text) {
  return text.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, (iso) => formatTime(iso, lang()));
}
