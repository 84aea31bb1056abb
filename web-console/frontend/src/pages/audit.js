// The auditor's tools: verify the log with progress, backtest a rule set, export a range.
import { h, clear, field, select, toInstant, shortVersion, formatTime } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api, query } from '../api.js';
import { errorBox } from '../ui.js';
import { drawChart } from '../charts.js';
import { actionList } from '../words.js';
import { reasonText } from '../reasons.js';
import { auditEventsCard } from './access.js';

function range() {
  const from = h('input', { type: 'datetime-local' });
  const to = h('input', { type: 'datetime-local' });
  return { from, to, fields: [field(t('decisions.from'), from), field(t('decisions.to'), to)] };
}

function progressView(labelKey) {
  const bar = h('progress', { max: 100 });
  bar.removeAttribute('value'); // indeterminate until the end: the total is not known beforehand
  const text = h('span', { class: 'progress-text' }, t(labelKey, { n: 0 }));
  return {
    el: h('div', { class: 'progress-box', role: 'status' }, bar, text),
    update(n) { text.textContent = t(labelKey, { n }); },
    finish() { bar.value = 100; bar.max = 100; },
  };
}

export async function auditPage(state) {
  const may = (p) => state.user.permissions.includes(p);
  const section = h('section', {}, h('h1', {}, t('audit.title')), h('p', { class: 'lead' }, t('audit.lead')));
  if (may('audit:verify')) section.append(verifyCard());
  if (may('rules:backtest')) section.append(await backtestCard(may('rules:read')));
  if (may('audit:read')) section.append(exportCard(), auditEventsCard());
  return section;
}

function verifyCard() {
  const { from, to, fields } = range();
  const out = h('div', { id: 'verify-result', 'aria-live': 'polite' });
  const start = h('button', { type: 'submit', id: 'verify' }, t('verify.start'));
  return h('form', {
    class: 'card',
    onsubmit: async (event) => {
      event.preventDefault();
      const progress = progressView('verify.progress');
      clear(out, progress.el);
      start.disabled = true;
      try {
        const report = await api.stream('/api/audit/verify', { from: toInstant(from.value), to: toInstant(to.value) },
          (line) => { if (typeof line.checked === 'number') progress.update(line.checked); });
        progress.finish();
        out.append(report.clean
          ? h('p', { class: 'result ok outcome' }, t('verify.clean', { n: report.checked }))
          : h('div', { class: 'result bad' },
            h('p', { class: 'outcome' }, t('verify.problems', { n: report.problems.length, checked: report.checked })),
            h('ul', {}, report.problems.map((p) => h('li', {},
              t('verify.record', { seq: p.seq }), ' ',
              p.decisionId ? h('a', { href: `#/decisions/${p.decisionId}` }, p.decisionId) : null, ': ', reasonText(p.reason))))));
      } catch (error) {
        clear(out, errorBox(error));
      } finally {
        start.disabled = false;
      }
    },
  }, h('h2', {}, t('verify.title')), h('p', {}, t('verify.lead')), h('div', { class: 'row' }, fields),
  h('div', { class: 'buttons' }, start), out);
}

async function backtestCard(mayReadRules) {
  let versionControl;
  if (mayReadRules) {
    let versions = [];
    try {
      versions = (await api.get('/api/rulesets', { quiet: true })).versions ?? [];
    } catch (e) {
      versions = [];
    }
    versionControl = versions.length
      ? select(versions.map((v) => [v.version, `${shortVersion(v.version)}${v.live ? ` (${t('rules.live')})` : ''} · ${formatTime(v.createdAt, lang())} · ${v.comment ?? ''}`]),
        (versions.find((v) => !v.live) ?? versions[0]).version, { name: 'ruleSetVersion' })
      : h('input', { type: 'text', name: 'ruleSetVersion', required: true });
  } else {
    versionControl = h('input', { type: 'text', name: 'ruleSetVersion', required: true });
  }
  return h('div', { class: 'card' }, h('h2', {}, t('backtest.title')), h('p', {}, t('backtest.lead')),
    backtestRunner(() => ({ ruleSetVersion: versionControl.value.trim() }), { extraFields: [field(t('backtest.version'), versionControl)] }));
}

function countsTable(caption, before, after) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const label = (k) => (k === k.toUpperCase() ? t(`action.${k}`) : k);
  return h('table', { class: 'list counts' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, t('backtest.before')), h('th', { scope: 'col' }, t('backtest.after')))),
    h('tbody', {}, keys.map((k) => h('tr', { class: (before[k] ?? 0) !== (after[k] ?? 0) ? 'changed' : null },
      h('th', { scope: 'row' }, label(k)), h('td', {}, before[k] ?? 0), h('td', {}, after[k] ?? 0)))));
}

/** The changed decisions a backtest sampled: each opens, with what was decided and what the version would decide. */
function changedDecisions(sample) {
  if (!sample?.length) return null;
  return h('div', { class: 'changed-decisions', id: 'backtest-sample' },
    h('h3', {}, t('backtest.sample', { n: sample.length })),
    h('ul', { class: 'changes' }, sample.map((change) => h('li', {},
      h('a', { href: `#/decisions/${change.decisionId}` }, t('backtest.openDecision', { id: change.decisionId.substring(0, 8) })),
      h('div', { class: 'columns compact' },
        h('div', {}, h('h4', {}, t('backtest.before')), actionList(change.before?.actions)),
        h('div', {}, h('h4', {}, t('backtest.after')), actionList(change.after?.actions)))))));
}

/**
 * A backtest form: a time range, run with body() (a kept version, or a draft's sources), the
 * progress, and the report with its changed decisions.
 */
export function backtestRunner(body, { id = 'backtest', extraFields = [] } = {}) {
  const { from, to, fields } = range();
  const out = h('div', { id: `${id}-result`, 'aria-live': 'polite' });
  const start = h('button', { type: 'submit', id }, t('backtest.start'));
  const form = h('form', {
    class: 'backtest-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const progress = progressView('backtest.progress');
      clear(out, progress.el);
      start.disabled = true;
      try {
        const report = await api.stream('/api/audit/backtest', { from: toInstant(from.value), to: toInstant(to.value), ...body() },
          (line) => { if (typeof line.decided === 'number' && line.candidateVersion === undefined) progress.update(line.decided); });
        progress.finish();
        out.append(backtestView(report));
      } catch (error) {
        clear(out, errorBox(error));
      } finally {
        start.disabled = false;
      }
    },
  }, h('div', { class: 'row' }, fields, extraFields), h('div', { class: 'buttons' }, start), out);
  return form;
}

function backtestView(report) {
  const actionKeys = [...new Set([...Object.keys(report.actions.before), ...Object.keys(report.actions.after)])].sort();
  const canvas = h('canvas', { role: 'img', 'aria-label': t('backtest.chart') });
  const view = h('div', { class: 'result' },
    h('p', { class: 'outcome' }, t('backtest.summary', { decided: report.decided, changed: report.changed })),
    h('div', { class: 'columns' },
      h('div', {}, countsTable(t('backtest.byAction'), report.actions.before, report.actions.after)),
      h('div', { class: 'chart' }, canvas)),
    countsTable(t('backtest.byRule'), report.rules.before, report.rules.after),
    changedDecisions(report.sample));
  drawChart(canvas, {
    type: 'bar',
    labels: actionKeys.map((k) => t(`action.${k}`)),
    datasets: [
      { label: t('backtest.before'), data: actionKeys.map((k) => report.actions.before[k] ?? 0), backgroundColor: '#9aa5b8' },
      { label: t('backtest.after'), data: actionKeys.map((k) => report.actions.after[k] ?? 0), backgroundColor: '#1f5f8b' },
    ],
  });
  return view;
}

function exportCard() {
  const { from, to, fields } = range();
  const jsonl = h('a', { class: 'button secondary', id: 'export-jsonl', download: 'lupaus-decisions.jsonl' }, t('export.jsonl'));
  const csv = h('a', { class: 'button secondary', id: 'export-csv', download: 'lupaus-decisions.csv' }, t('export.csv'));
  const update = () => {
    const params = { from: toInstant(from.value), to: toInstant(to.value) };
    jsonl.href = `/api/audit/export${query({ ...params, format: 'jsonl' })}`;
    csv.href = `/api/audit/export${query({ ...params, format: 'csv' })}`;
  };
  from.addEventListener('change', update);
  to.addEventListener('change', update);
  update();
  return h('div', { class: 'card' }, h('h2', {}, t('export.title')), h('p', {}, t('export.lead')),
    h('div', { class: 'row' }, fields), h('div', { class: 'buttons' }, jsonl, csv));
}
