// A shadow run: a version decides live feedback beside the live one without acting on it, and the
// console counts and samples where the two differ. Started from a version, watched and stopped here.
import { h, clear, formatTime, shortVersion } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { busy, confirmStep, errorBox, notify } from '../ui.js';
import { actionList, personName, versionLabel } from '../words.js';

/** Starts a shadow run of a version, after asking; answers whether it started. */
export async function startShadow(version, button, out) {
  const yes = await confirmStep({
    title: t('shadow.startTitle', { version: shortVersion(version) }), text: t('shadow.startText'), confirmText: t('shadow.start'),
  });
  if (!yes) return false;
  try {
    await busy(button, t('common.saving'), () => api.post(`/api/rulesets/${encodeURIComponent(version)}/shadow`));
    notify(t('shadow.started', { version: shortVersion(version) }));
    return true;
  } catch (error) {
    clear(out, errorBox(error));
    return false;
  }
}

/** The running shadow run's card, or null when none runs. */
export async function shadowCard(mayStop) {
  let summary;
  try {
    summary = await api.get('/api/rulesets/shadow', { quiet: true });
  } catch (error) {
    if (error.status === 404) return null;
    return h('div', { class: 'card shadow' }, h('h2', {}, t('shadow.title')), errorBox(error));
  }
  const card = h('div', { class: 'card shadow', id: 'shadow' });
  const out = h('div', { 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'secondary', id: 'shadow-refresh' }, t('shadow.refresh'));
  const stop = mayStop ? h('button', { type: 'button', class: 'secondary danger', id: 'shadow-stop' }, t('shadow.stop')) : null;

  function render(s) {
    clear(card, h('h2', {}, t('shadow.title')),
      h('p', {}, t('shadow.running', { time: formatTime(s.startedAt, lang()), by: personName(s.startedBy) }), ' ', versionLabel(s.version)),
      h('p', { class: 'outcome', id: 'shadow-counts' }, t('shadow.counts', { decided: s.decided, differing: s.differing, failed: s.failed, skipped: s.skipped })),
      actionsTable(s.actions.live ?? {}, s.actions.shadow ?? {}),
      differences(s.sample ?? []),
      h('div', { class: 'buttons' }, refresh, stop), out);
  }

  refresh.addEventListener('click', async () => {
    try {
      render(await busy(refresh, t('common.loading'), () => api.get('/api/rulesets/shadow')));
    } catch (error) {
      clear(out, errorBox(error));
    }
  });
  stop?.addEventListener('click', async () => {
    const yes = await confirmStep({ title: t('shadow.stopTitle'), text: t('shadow.stopText'), confirmText: t('shadow.stop'), danger: true });
    if (!yes) return;
    try {
      await busy(stop, t('common.saving'), () => api.delete('/api/rulesets/shadow'));
      notify(t('shadow.stopped'));
      clear(card, h('h2', {}, t('shadow.title')), h('p', { class: 'muted', id: 'shadow-stopped' }, t('shadow.stopped')));
    } catch (error) {
      clear(out, errorBox(error));
    }
  });
  render(summary);
  return card;
}

function actionsTable(live, shadow) {
  const keys = [...new Set([...Object.keys(live), ...Object.keys(shadow)])].sort();
  if (keys.length === 0) return null;
  return h('div', { class: 'table-scroll' }, h('table', { class: 'list counts', id: 'shadow-actions' },
    h('caption', {}, t('shadow.actions')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('rules.do')), h('th', { scope: 'col' }, t('shadow.live')), h('th', { scope: 'col' }, t('shadow.shadow')))),
    h('tbody', {}, keys.map((k) => h('tr', { class: (live[k] ?? 0) !== (shadow[k] ?? 0) ? 'changed' : null },
      h('th', { scope: 'row' }, t(`action.${k}`)), h('td', {}, live[k] ?? 0), h('td', {}, shadow[k] ?? 0))))));
}

function differences(sample) {
  if (sample.length === 0) return h('p', { class: 'muted' }, t('shadow.noDifferences'));
  return h('div', { class: 'changed-decisions', id: 'shadow-sample' }, h('h3', {}, t('shadow.sample', { n: sample.length })),
    h('ul', { class: 'changes' }, sample.map((d) => h('li', {},
      h('a', { href: `#/decisions/${d.decisionId}` }, t('backtest.openDecision', { id: d.decisionId.substring(0, 8) })),
      h('div', { class: 'columns compact' },
        h('div', {}, h('h4', {}, t('shadow.live')), actionList(d.live)),
        h('div', {}, h('h4', {}, t('shadow.shadow')), actionList(d.shadow)))))));
}
