// One rule-set version: its sources in the editor, saving a draft, the test panel, the
// scenarios saved with it, and deploying it.
import { h, clear, field, select, formatTime, shortVersion } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { badge, busy, errorBox, notify } from '../ui.js';
import { createEditor, goToLine } from '../editor.js';
import { TOUCHPOINTS, PHASES, TIERS, actionList, personName, ruleList, versionLabel, whyNot } from '../words.js';
import { askToMakeLive, deployRefused } from './rules.js';
import { startShadow } from './shadow.js';
import { compilerText } from '../reasons.js';
import { backtestRunner } from './audit.js';

// Unsaved edits per version, kept while the user moves between pages or switches language.
const working = new Map();
// The last test input, kept likewise.
let lastFeedback = null;

export const EXAMPLES = {
  deliveryComplaint: { customerId: 'C-1001', touchpoint: 'web', phase: 'after', survey: 'CSAT', score: 2, complaint: true, comment: 'Delivery was late, toimitus myöhässä', loyaltyTier: 'silver', orderId: 'O-555' },
  goldDetractor: { customerId: 'C-2002', touchpoint: 'store', phase: 'core', survey: 'NPS', score: 3, complaint: false, comment: 'Jono oli pitkä', loyaltyTier: 'gold', orderId: '' },
  promoter: { customerId: 'C-3003', touchpoint: 'app', phase: 'after', survey: 'NPS', score: 10, complaint: false, comment: '', loyaltyTier: 'bronze', orderId: '' },
  lowCsat: { customerId: 'C-4004', touchpoint: 'phone', phase: 'core', survey: 'CSAT', score: 1, complaint: false, comment: 'Kukaan ei vastannut', loyaltyTier: 'none', orderId: '' },
};

export async function workspacePage(version, state) {
  const may = (p) => state.user.permissions.includes(p);
  const section = h('section', { class: 'workspace' }, h('p', {}, h('a', { href: '#/rules' }, '← ', t('rules.back'))));
  let set;
  try {
    set = await api.get(`/api/rulesets/${encodeURIComponent(version)}`);
  } catch (error) {
    section.append(h('h1', {}, t('workspace.title', { version: shortVersion(version) })), errorBox(error));
    return section;
  }
  version = set.version;
  const editable = may('rules:edit');
  const copy = working.get(version) ?? { sources: set.sources.map((s) => ({ ...s })), dirty: false, current: 0 };
  working.set(version, copy);

  // --- header and the deploy bar
  const out = h('div', { id: 'workspace-messages', 'aria-live': 'polite' });
  const deployButton = h('button', { type: 'button', id: 'deploy' }, t('rules.deploy'));
  deployButton.addEventListener('click', async () => {
    if (copy.dirty) {
      clear(out, h('div', { class: 'error-box', role: 'alert' }, h('p', {}, h('strong', {}, t('workspace.saveBeforeDeploy')))));
      return;
    }
    const answer = await askToMakeLive(version, false);
    if (!answer) return;
    try {
      await busy(deployButton, t('rules.deploying'), () => api.post(`/api/rulesets/${version}/deploy`, { comment: answer.comment }));
      notify(t('rules.deployed', { version: shortVersion(version) }));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      clear(out, deployRefused(error));
    }
  });
  const shadowButton = h('button', { type: 'button', id: 'start-shadow', class: 'secondary' }, t('shadow.start'));
  shadowButton.addEventListener('click', async () => {
    if (await startShadow(version, shadowButton, out)) location.hash = '#/rules';
  });
  section.append(
    h('h1', {}, t('workspace.title', { version: shortVersion(version) }), ' ', set.live ? badge(t('rules.live'), 'ok') : badge(t('rules.draft'), 'draft')),
    h('p', { class: 'lead' }, t('workspace.meta', { author: personName(set.author), time: formatTime(set.createdAt, lang()) }),
      set.comment ? ` — “${set.comment}”` : '', set.basedOn ? [' · ', t('workspace.basedOn'), ' ', h('a', { href: `#/rules/${set.basedOn}` }, shortVersion(set.basedOn))] : ''),
    h('div', { class: 'buttons toolbar' },
      editable ? h('a', { class: 'button secondary', href: `#/rules/${version}/promise`, id: 'new-promise' }, t('workspace.newPromise')) : null,
      !set.live ? h('a', { class: 'button secondary', href: `#/rules/diff/${(await liveVersion())}/${version}` }, t('workspace.diffLive')) : null,
      may('rules:deploy') && !set.live ? deployButton : null,
      may('rules:deploy') && !set.live ? shadowButton : null),
    out);

  // --- the editor
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('workspace.files') });
  const editorHost = h('div', { class: 'editor', id: 'editor', role: 'tabpanel' });
  const formLink = h('div', { class: 'form-link' });
  const validity = h('div', { class: 'validity', id: 'validity', role: 'status', 'aria-live': 'polite' });
  let view = null;

  // Checks may overlap while typing, and answer out of order: only the newest one's answer is shown.
  let checks = 0;
  async function validate() {
    const mine = ++checks;
    validity.className = 'validity checking';
    validity.textContent = t('editor.checking');
    try {
      const result = await api.post('/api/rulesets/validate', { sources: copy.sources }, { quiet: true });
      const errors = result.errors ?? [];
      const name = copy.sources[copy.current]?.name;
      if (mine !== checks) return errors.filter((e) => matches(name, e.source));
      if (result.valid) {
        validity.className = 'validity ok';
        validity.textContent = t('editor.valid');
      } else {
        validity.className = 'validity bad';
        clear(validity, h('strong', {}, errors.length === 1 ? t('editor.invalidOne') : t('editor.invalid', { n: errors.length })),
          h('ul', {}, errors.map((e) => h('li', {}, h('button', {
            type: 'button', class: 'link-button error-at', dataset: { line: String(e.line) },
            onclick: () => jumpTo(e),
          }, t('editor.errorAt', { source: e.source, line: e.line })), ' ', compilerText(e.message)))));
      }
      return errors.filter((e) => matches(name, e.source));
    } catch (error) {
      if (mine !== checks) return [];
      clear(validity, errorBox(error));
      validity.className = 'validity';
      return [];
    }
  }

  // A click on an error in the list: its file's tab, the cursor at its line.
  function jumpTo(error) {
    const index = copy.sources.findIndex((s) => matches(s.name, error.source));
    if (index >= 0 && index !== copy.current) {
      showSource(index);
    }
    if (view) goToLine(view, error.line, error.column);
  }

  function showSource(index) {
    copy.current = index;
    tabs.querySelectorAll('[role=tab]').forEach((tab, i) => {
      tab.setAttribute('aria-selected', i === index ? 'true' : 'false');
      tab.tabIndex = i === index ? 0 : -1;
    });
    view?.destroy();
    const source = copy.sources[index];
    editorHost.setAttribute('aria-label', source.name);
    // A promise written with the form opens in the form again (the page says so when it was changed by hand).
    const guided = source.name.match(/^fi\/lupaus\/rules\/custom\/([a-z0-9-]+)\.drl$/);
    clear(formLink, editable && guided ? h('a', { href: `#/rules/${version}/promise/${guided[1]}`, id: 'open-in-form', class: 'button small secondary' },
      t('promise.openInForm', { promise: guided[1] })) : null);
    view = createEditor(editorHost, {
      doc: source.drl,
      readOnly: !editable,
      label: t('editor.label', { name: source.name }),
      onChange: (text) => {
        source.drl = text;
        // Undoing every change makes the copy clean again.
        copy.dirty = copy.sources.some((s, i) => s.drl !== set.sources[i]?.drl) || copy.sources.length !== set.sources.length;
        saveBox.classList.toggle('dirty', copy.dirty);
      },
      validate: editable ? () => validate() : null,
    });
  }

  function renderTabs() {
    clear(tabs, copy.sources.map((source, i) => {
      const tab = h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${i}` }, source.name.split('/').pop());
      tab.addEventListener('click', () => showSource(i));
      tab.addEventListener('keydown', (event) => {
        const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (move) {
          const next = (i + move + copy.sources.length) % copy.sources.length;
          showSource(next);
          tabs.children[next].focus();
        }
      });
      return tab;
    }));
  }

  // --- saving a draft
  const comment = h('input', { type: 'text', name: 'comment', id: 'save-comment', maxlength: 500 });
  const saveButton = h('button', { type: 'submit', id: 'save' }, t('workspace.save'));
  const saveOut = h('div', { 'aria-live': 'polite' });
  const saveBox = h('form', {
    class: `save-box${copy.dirty ? ' dirty' : ''}`,
    onsubmit: async (event) => {
      event.preventDefault();
      if (!comment.value.trim()) {
        clear(saveOut, h('p', { class: 'field-error', role: 'alert' }, t('workspace.commentNeeded')));
        comment.focus();
        return;
      }
      try {
        const saved = await busy(saveButton, t('common.saving'), () => api.post('/api/rulesets',
          { sources: copy.sources, comment: comment.value.trim(), basedOn: version }));
        working.delete(version);
        notify(t('workspace.saved', { version: shortVersion(saved.version) }));
        location.hash = `#/rules/${saved.version}`;
      } catch (error) {
        clear(saveOut, errorBox(error));
      }
    },
  }, h('p', { class: 'dirty-note' }, t('workspace.unsaved')),
  h('div', { class: 'row' }, field(t('workspace.comment'), comment, t('workspace.commentHint')), h('div', { class: 'buttons' }, saveButton)), saveOut);

  const editorCard = h('div', { class: 'card editor-card' },
    h('h2', {}, t('workspace.sources')), tabs, formLink, editorHost, validity, editable ? saveBox : null);

  // --- the test panel and the scenarios
  // A backtest of what the editor holds now, saved or not.
  const backtest = may('rules:backtest') ? h('div', { class: 'card' }, h('h2', {}, t('backtest.draftTitle')),
    h('p', { class: 'muted' }, t('backtest.draftLead')), backtestRunner(() => ({ sources: copy.sources }), { id: 'backtest-draft' })) : null;
  const side = h('div', { class: 'side' },
    editable ? testPanel(version, set, copy, () => refreshScenarios()) : null,
    scenariosCard(version, set, editable), backtest);
  const refreshScenarios = () => side.querySelector('#run-scenarios')?.click();

  section.append(h('div', { class: 'workspace-columns' }, editorCard, side));
  renderTabs();
  setTimeout(() => showSource(Math.min(copy.current, copy.sources.length - 1)), 0);
  return section;
}

/** Whether an error's source names this file (the server may name it by its path or its end). */
function matches(name, source) {
  return !source || source === name || name.endsWith(source) || source.endsWith(name);
}

async function liveVersion() {
  try {
    return (await api.get('/api/rulesets', { quiet: true })).live;
  } catch (e) {
    return 'live';
  }
}

function feedbackForm(initial) {
  const f = { ...EXAMPLES.deliveryComplaint, ...(initial ?? {}) };
  const controls = {
    customerId: h('input', { type: 'text', name: 'customerId', value: f.customerId, required: true }),
    touchpoint: select(TOUCHPOINTS.map((v) => [v, t(`touchpoint.${v}`)]), f.touchpoint, { name: 'touchpoint' }),
    phase: select(PHASES.map((v) => [v, t(`phase.${v}`)]), f.phase, { name: 'phase' }),
    survey: select([['NPS', t('survey.NPS')], ['CSAT', t('survey.CSAT')]], f.survey, { name: 'survey' }),
    score: h('input', { type: 'number', name: 'score', value: String(f.score), min: 0, max: 10, required: true }),
    complaint: h('input', { type: 'checkbox', name: 'complaint', checked: !!f.complaint }),
    comment: h('input', { type: 'text', name: 'comment', value: f.comment ?? '' }),
    loyaltyTier: select(TIERS.map((v) => [v, t(`tier.${v}`)]), f.loyaltyTier, { name: 'loyaltyTier' }),
    orderId: h('input', { type: 'text', name: 'orderId', value: f.orderId ?? '' }),
  };
  const scoreHint = () => (controls.survey.value === 'NPS' ? t('survey.npsHint') : t('survey.csatHint'));
  const hint = h('small', { class: 'hint' }, scoreHint());
  controls.survey.addEventListener('change', () => {
    controls.score.max = controls.survey.value === 'NPS' ? 10 : 5;
    controls.score.min = controls.survey.value === 'NPS' ? 0 : 1;
    hint.textContent = scoreHint();
  });
  const example = select([['', t('test.pickExample')], ...Object.keys(EXAMPLES).map((k) => [k, t(`example.${k}`)])], '', { name: 'example' });
  example.addEventListener('change', () => {
    const chosen = EXAMPLES[example.value];
    if (!chosen) return;
    for (const [key, control] of Object.entries(controls)) {
      if (control.type === 'checkbox') control.checked = !!chosen[key];
      else control.value = String(chosen[key] ?? '');
    }
    controls.survey.dispatchEvent(new Event('change'));
  });
  const complaintField = h('div', { class: 'field check' }, controls.complaint, h('label', { for: controls.complaint.id = 'fb-complaint' }, t('fb.complaint')));
  const el = h('div', { class: 'feedback-form' },
    field(t('test.example'), example),
    h('div', { class: 'row' }, field(t('fb.customerId'), controls.customerId), field(t('fb.loyaltyTier'), controls.loyaltyTier)),
    h('div', { class: 'row' }, field(t('fb.touchpoint'), controls.touchpoint), field(t('fb.phase'), controls.phase)),
    h('div', { class: 'row' }, field(t('fb.survey'), controls.survey), h('div', { class: 'field' }, h('label', { for: controls.score.id = 'fb-score' }, t('fb.scoreOnly')), controls.score, hint)),
    complaintField,
    field(t('fb.comment'), controls.comment),
    field(t('fb.orderId'), controls.orderId));
  const value = () => {
    const feedback = {
      customerId: controls.customerId.value.trim(), touchpoint: controls.touchpoint.value, phase: controls.phase.value,
      survey: controls.survey.value, score: Number(controls.score.value), complaint: controls.complaint.checked,
      loyaltyTier: controls.loyaltyTier.value,
    };
    if (controls.comment.value.trim()) feedback.comment = controls.comment.value.trim();
    if (controls.orderId.value.trim()) feedback.orderId = controls.orderId.value.trim();
    return feedback;
  };
  return { el, value };
}

function testPanel(version, set, copy, scenariosChanged) {
  const form = feedbackForm(lastFeedback);
  const out = h('div', { id: 'test-result', 'aria-live': 'polite' });
  const run = h('button', { type: 'submit', id: 'run-test' }, t('test.run'));
  let lastResult = null;
  let lastInput = null;

  const scenarioName = h('input', { type: 'text', name: 'scenario', id: 'scenario-name', maxlength: 100 });
  const saveScenario = h('button', { type: 'button', id: 'save-scenario', class: 'secondary', disabled: true }, t('scenario.save'));
  const scenarioOut = h('div', { 'aria-live': 'polite' });
  saveScenario.addEventListener('click', async () => {
    if (!scenarioName.value.trim()) {
      clear(scenarioOut, h('p', { class: 'field-error', role: 'alert' }, t('scenario.nameNeeded')));
      scenarioName.focus();
      return;
    }
    const expected = lastResult.candidate.actions.map((a) => {
      const e = { type: a.type };
      if (a.promise) e.promise = a.promise;
      if (a.owner) e.owner = a.owner;
      return e;
    });
    try {
      await busy(saveScenario, t('common.saving'), () => api.post(`/api/rulesets/${version}/scenarios`,
        { name: scenarioName.value.trim(), feedback: lastInput, expected }));
      clear(scenarioOut, h('p', { class: 'ok-text' }, t('scenario.saved', { name: scenarioName.value.trim() })));
      scenarioName.value = '';
      scenariosChanged();
    } catch (error) {
      clear(scenarioOut, errorBox(error));
    }
  });

  return h('form', {
    class: 'card test-panel',
    onsubmit: async (event) => {
      event.preventDefault();
      lastInput = form.value();
      lastFeedback = lastInput;
      try {
        lastResult = await busy(run, t('test.running'), () => api.post(`/api/rulesets/${version}/test`, { feedback: lastInput }));
        clear(out, copy.dirty ? h('p', { class: 'warn-text' }, t('test.dirty')) : null, testResult(lastResult));
        saveScenario.disabled = false;
      } catch (error) {
        clear(out, errorBox(error));
      }
    },
  },
  h('h2', {}, t('test.title')), h('p', { class: 'muted' }, t('test.lead')),
  form.el, h('div', { class: 'buttons' }, run), out,
  h('div', { class: 'save-scenario' }, h('h3', {}, t('scenario.saveTitle')), h('p', { class: 'muted' }, t('scenario.saveLead')),
    h('div', { class: 'row' }, field(t('scenario.name'), scenarioName), h('div', { class: 'buttons' }, saveScenario)), scenarioOut));
}

export function testResult(result) {
  const side = (titleKey, outcome, id) => h('div', { class: 'outcome-col', id },
    h('h3', {}, t(titleKey), ' ', outcome ? versionLabel(outcome.version) : ''),
    h('h4', {}, t('test.firedInOrder')), ruleList(outcome?.firedRules),
    h('h4', {}, t('decision.actions')), actionList(outcome?.actions));
  const notFired = (result.candidate.rules ?? []).filter((r) => !r.fired);
  return h('div', { class: 'test-outcome' },
    h('div', { class: 'columns' }, side('test.thisVersion', result.candidate, 'outcome-candidate'), side('test.liveVersion', result.live, 'outcome-live')),
    notFired.length ? h('div', { class: 'not-fired', id: 'not-fired' }, h('h4', {}, t('test.notFired')),
      h('ul', {}, notFired.map((r) => h('li', {}, h('strong', {}, r.rule), ': ', whyNot(r))))) : null);
}

/** An expected action as a scenario checks it: its kind, and for a case its promise and owner. */
function describeExpected(e) {
  return [t(`action.${e.type}`), e.promise ? t('action.promise', { promise: e.promise }) : null,
    e.owner ? t('action.owner', { owner: e.owner }) : null].filter(Boolean).join(', ');
}

/** One side of a failed scenario, the actions the other side lacks marked as the difference. */
function comparedActions(labelKey, actions, other) {
  const unmatched = other.map((e) => describeExpected(e));
  const items = actions.map((e) => {
    const text = describeExpected(e);
    const at = unmatched.indexOf(text);
    if (at >= 0) {
      unmatched.splice(at, 1);
      return h('li', {}, text);
    }
    return h('li', { class: 'differs' }, h('mark', {}, text), h('span', { class: 'visually-hidden' }, ` (${t('scenario.differs')})`));
  });
  return h('div', { class: 'compared' }, h('strong', {}, t(labelKey)), items.length ? h('ul', {}, items) : ' —');
}

function scenariosCard(version, set, editable) {
  const list = h('ul', { class: 'scenarios', id: 'scenarios' });
  const out = h('div', { 'aria-live': 'polite', id: 'scenario-summary' });
  const run = h('button', { type: 'button', id: 'run-scenarios', class: 'secondary' }, t('scenario.runAll'));
  let scenarios = set.scenarios ?? [];

  function render(results) {
    const failed = new Map((results?.failed ?? []).map((f) => [f.name, f]));
    clear(list, scenarios.map((s) => {
      const failure = failed.get(s.name);
      const status = !results ? badge(t('scenario.notRun'), 'muted')
        : failure ? badge(t('scenario.fail'), 'bad') : badge(t('scenario.pass'), 'ok');
      const remove = editable ? h('button', { type: 'button', class: 'small link-button', 'aria-label': t('scenario.deleteNamed', { name: s.name }) }, t('scenario.delete')) : null;
      remove?.addEventListener('click', async () => {
        try {
          await busy(remove, '…', () => api.delete(`/api/rulesets/${version}/scenarios/${encodeURIComponent(s.name)}`));
          scenarios = scenarios.filter((x) => x.name !== s.name);
          render(null);
        } catch (error) {
          clear(out, errorBox(error));
        }
      });
      return h('li', { class: failure ? 'fail' : null }, status, ' ', h('strong', {}, s.name), ' ',
        h('span', { class: 'muted' }, (s.expected ?? []).map((e) => t(`action.${e.type}`)).join(', ') || t('scenario.nothingExpected')),
        remove,
        failure ? h('div', { class: 'failure' },
          comparedActions('scenario.expected', failure.expected ?? [], failure.actual ?? []),
          comparedActions('scenario.actual', failure.actual ?? [], failure.expected ?? [])) : null);
    }));
    if (scenarios.length === 0) list.append(h('li', { class: 'muted' }, t('scenario.none')));
    if (results) {
      clear(out, h('p', { class: results.failed.length ? 'bad-text' : 'ok-text' },
        t('scenario.summary', { passed: results.passed, failed: results.failed.length })));
    }
  }

  run.addEventListener('click', async () => {
    try {
      // The list may have grown since the page was drawn (a scenario saved from the test panel).
      const fresh = await api.get(`/api/rulesets/${version}`, { quiet: true });
      scenarios = fresh.scenarios ?? [];
      const results = await busy(run, t('scenario.running'), () => api.post(`/api/rulesets/${version}/scenarios/run`));
      render(results);
    } catch (error) {
      clear(out, errorBox(error));
    }
  });
  render(null);
  if (scenarios.length) setTimeout(() => run.click(), 0);
  return h('div', { class: 'card' }, h('h2', {}, t('scenario.title')), h('p', { class: 'muted' }, t('scenario.lead')), list,
    h('div', { class: 'buttons' }, run), out);
}
