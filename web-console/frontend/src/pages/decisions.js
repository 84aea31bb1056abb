// The auditor's view of decisions: search, open one, explain it, replay it.
import { h, clear, field, select, formatTime, toInstant } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, query } from '../api.js';
import { busy, errorBox, badge, pageControls } from '../ui.js';
import { reasonText } from '../reasons.js';
import { ACTION_TYPES, actionList, actionText, feedbackFacts, heldText, ruleList, versionLabel, whyNot } from '../words.js';

// The last search, kept while the user opens decisions and comes back.
let lastSearch = { customerId: '', from: '', to: '', rule: '', action: '', answers: {} };

// What a scoreboard number counts: the answers' time, survey, scores, touchpoint and phase.
const ANSWER_FILTERS = ['receivedFrom', 'receivedTo', 'survey', 'scoreMin', 'scoreMax', 'touchpoint', 'phase'];

/** A search given in the address (#/decisions?from=…&action=…&survey=nps&scoreMin=9), as the scoreboard's numbers link here. */
function searchFromAddress() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  if ([...params.keys()].length === 0) return;
  lastSearch = {
    customerId: params.get('customerId') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '',
    rule: params.get('rule') ?? '', action: params.get('action') ?? '',
    answers: Object.fromEntries(ANSWER_FILTERS.filter((k) => params.get(k)).map((k) => [k, params.get(k)])),
  };
}

/** The scoreboard number's answers, said in words, with a way back to every decision. */
function answersNote(answers, clearIt) {
  const day = (iso) => formatTime(iso, lang(), { hour: undefined, minute: undefined });
  const parts = [];
  if (answers.receivedFrom || answers.receivedTo) {
    const last = answers.receivedTo ? new Date(new Date(answers.receivedTo).getTime() - 1).toISOString() : '';
    parts.push(t('decisions.answersReceived', { from: day(answers.receivedFrom) || '…', to: day(last) || '…' }));
  }
  if (answers.survey) parts.push(t(`decisions.survey.${answers.survey}`));
  if (answers.scoreMin || answers.scoreMax) parts.push(t('decisions.scores', { min: answers.scoreMin ?? '…', max: answers.scoreMax ?? '…' }));
  if (answers.touchpoint) parts.push(t(`touchpoint.${answers.touchpoint}`));
  if (answers.phase) parts.push(t(`phase.${answers.phase}`));
  const button = h('button', { type: 'button', class: 'small secondary', id: 'decisions-unanswer' }, t('cases.countedClear'));
  button.addEventListener('click', clearIt);
  return h('p', { class: 'counted', id: 'decisions-answers' }, h('strong', {}, t('decisions.answers')), ' ', parts.join(' · '), ' ', button);
}

export function decisionsPage() {
  searchFromAddress();
  const customer = h('input', { type: 'text', name: 'customerId', value: lastSearch.customerId, autocomplete: 'off' });
  const from = h('input', { type: 'datetime-local', name: 'from', value: lastSearch.from });
  const to = h('input', { type: 'datetime-local', name: 'to', value: lastSearch.to });
  const rule = h('input', { type: 'text', name: 'rule', value: lastSearch.rule, autocomplete: 'off' });
  const action = select([['', t('common.any')], ...ACTION_TYPES.map((a) => [a, t(`action.${a}`)])], lastSearch.action, { name: 'action' });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'search' }, t('decisions.search'));

  let next = null;
  let shown = 0;
  const table = () => h('table', { class: 'list' },
    h('caption', { class: 'visually-hidden' }, t('decisions.title')),
    h('thead', {}, h('tr', {},
      ['decisions.when', 'fb.customerId', 'decisions.fired', 'decisions.actions', 'decisions.version'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody'));

  async function load(more) {
    const params = {
      customerId: lastSearch.customerId, from: toInstant(lastSearch.from), to: toInstant(lastSearch.to),
      rule: lastSearch.rule, action: lastSearch.action, ...lastSearch.answers, limit: 100, after: more ? next : null,
    };
    const page = await api.get(`/api/decisions${query(params)}`);
    next = page.next ?? null;
    if (!more) {
      shown = 0;
      clear(results, table());
    }
    const body = results.querySelector('tbody');
    for (const item of page.items) {
      shown += 1;
      body.append(h('tr', {},
        h('td', {}, h('a', { href: `#/decisions/${item.decisionId}` }, formatTime(item.decidedAt, lang()))),
        h('td', {}, item.customerId ?? t('decision.erasedShort')),
        h('td', {}, item.firedRules.length ? item.firedRules.join('; ') : h('span', { class: 'muted' }, '—')),
        h('td', {}, item.actions.length ? item.actions.map((a) => t(`action.${a.type}`)).join(', ') : h('span', { class: 'muted' }, '—')),
        h('td', {}, versionLabel(item.ruleSetVersion))));
    }
    // The server counts every decision the search matches, not only the pages read so far.
    pageControls(results, shown < page.total ? t('decisions.countOf', { n: shown, total: page.total }) : t('decisions.count', { n: page.total }),
      t('decisions.more'), next ? () => load(true) : null);
    if (shown === 0) results.querySelector('table')?.remove();
  }

  const form = h('form', {
    class: 'card search', role: 'search',
    onsubmit: async (event) => {
      event.preventDefault();
      lastSearch = { customerId: customer.value.trim(), from: from.value, to: to.value, rule: rule.value.trim(), action: action.value, answers: lastSearch.answers };
      try {
        await busy(submit, t('common.searching'), () => load(false));
      } catch (error) {
        clear(results, errorBox(error));
      }
    },
  },
  h('div', { class: 'row' },
    field(t('fb.customerId'), customer),
    field(t('decisions.from'), from),
    field(t('decisions.to'), to),
    field(t('decisions.rule'), rule, t('decisions.ruleHint')),
    field(t('decisions.action'), action)),
  h('div', { class: 'buttons' }, submit));

  const note = h('div');
  const noteAnswers = () => clear(note, Object.keys(lastSearch.answers).length ? answersNote(lastSearch.answers, () => {
    lastSearch = { ...lastSearch, answers: {} };
    history.replaceState(null, '', '#/decisions');
    noteAnswers();
    form.requestSubmit();
  }) : null);
  noteAnswers();
  setTimeout(() => form.requestSubmit(), 0);
  return h('section', {}, h('h1', {}, t('decisions.title')), h('p', { class: 'lead' }, t('decisions.lead')), form, note, results);
}

export async function decisionPage(decisionId, state) {
  const section = h('section', {}, h('p', {}, h('a', { href: '#/decisions' }, '← ', t('decisions.back'))));
  let decision;
  try {
    decision = await api.get(`/api/decisions/${encodeURIComponent(decisionId)}`);
  } catch (error) {
    section.append(h('h1', {}, t('decision.title')), errorBox(error));
    return section;
  }
  const explainOut = h('div', { id: 'explanation', 'aria-live': 'polite' });
  const replayOut = h('div', { id: 'replay', 'aria-live': 'polite' });
  const explainButton = h('button', { type: 'button', id: 'explain' }, t('decision.explain'));
  const replayButton = h('button', { type: 'button', id: 'replay-button', class: 'secondary' }, t('decision.replay'));
  const may = (p) => state.user.permissions.includes(p);

  explainButton.addEventListener('click', async () => {
    try {
      const explanation = await busy(explainButton, t('common.loading'),
        () => api.get(`/api/decisions/${encodeURIComponent(decisionId)}/explanation`));
      clear(explainOut, explanationView(explanation));
    } catch (error) {
      clear(explainOut, errorBox(error));
    }
  });
  replayButton.addEventListener('click', async () => {
    try {
      const replay = await busy(replayButton, t('decision.replaying'),
        () => api.post(`/api/audit/replay/${encodeURIComponent(decisionId)}`));
      clear(replayOut, replayView(replay));
    } catch (error) {
      clear(replayOut, errorBox(error));
    }
  });

  section.append(
    h('h1', {}, t('decision.title')),
    h('p', { class: 'lead' }, t('decision.summary', {
      time: formatTime(decision.decidedAt, lang()), customer: decision.customerId ?? t('decision.erasedShort'),
    }), ' ', versionLabel(decision.ruleSetVersion)),
    h('div', { class: 'columns' },
      h('div', { class: 'card' }, h('h2', {}, t('decision.feedback')), feedbackFacts(decision.feedback)),
      h('div', { class: 'card' },
        h('h2', {}, t('decision.firedRules')), ruleList(decision.firedRules),
        h('h2', {}, t('decision.actions')), actionList(decision.actions))),
    h('div', { class: 'buttons' }, explainButton, may('audit:verify') ? replayButton : null),
    replayOut, explainOut);
  return section;
}

function explanationView(explanation) {
  const fired = explanation.rules.filter((r) => r.fired);
  const notFired = explanation.rules.filter((r) => !r.fired);
  const ruleCard = (rule) => h('li', { class: `rule ${rule.fired ? 'fired' : 'not-fired'}` },
    h('p', {}, rule.fired ? badge(t('explain.fired'), 'ok') : badge(t('explain.notFired'), 'muted'), ' ', h('strong', {}, rule.rule)),
    rule.fired ? null : h('p', { class: 'because' }, whyNot({ ...rule, conditions: (rule.conditions ?? []).map((c) => ({ expression: c.condition, held: c.held })) })),
    rule.conditions && rule.conditions.length ? h('table', { class: 'conditions' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('explain.fact')), h('th', { scope: 'col' }, t('explain.condition')), h('th', { scope: 'col' }, t('explain.held')))),
      h('tbody', {}, rule.conditions.map((c) => h('tr', { class: `held-${c.held === 'yes' ? 'yes' : c.held === 'no' ? 'no' : 'unknown'}` },
        h('td', {}, c.fact), h('td', {}, h('code', {}, c.condition)), h('td', {}, heldText(c.held)))))) : null,
    rule.note ? h('p', { class: 'muted' }, t('why.notDetailed')) : null);
  return h('div', { class: 'card' },
    h('h2', {}, t('explain.title')),
    h('p', {}, t('explain.lead', { fired: fired.length, all: explanation.rules.length })),
    h('h3', {}, t('explain.firedRules')), fired.length ? h('ul', { class: 'rules' }, fired.map(ruleCard)) : h('p', { class: 'muted' }, t('decision.noRules')),
    h('h3', {}, t('explain.notFiredRules')), h('ul', { class: 'rules' }, notFired.map(ruleCard)));
}

function replayView(replay) {
  if (replay.outcome === 'erased') {
    return h('div', { class: 'card result warn' }, h('h2', {}, t('replay.title')), h('p', {}, t('replay.erased')));
  }
  const same = replay.outcome === 'identical';
  return h('div', { class: `card result ${same ? 'ok' : 'bad'}` },
    h('h2', {}, t('replay.title')),
    h('p', { class: 'outcome' }, same ? t('replay.identical') : t('replay.different')),
    same ? null : h('ul', {}, replay.differences.map((d) => h('li', {}, reasonText(d)))),
    same ? null : h('div', { class: 'columns' },
      h('div', {}, h('h3', {}, t('replay.recorded')), ruleList(replay.recorded?.firedRules), actionList(replay.recorded?.actions)),
      h('div', {}, h('h3', {}, t('replay.replayed')), ruleList(replay.replayed?.firedRules), actionList(replay.replayed?.actions))));
}

export { actionText };
