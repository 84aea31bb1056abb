// Rule sets: every version, which one is live, diffs, deploys and roll-backs.
import { h, clear, field, select, formatTime, shortVersion } from '../dom.js';
import { t, lang } from '../i18n.js';
import { api } from '../api.js';
import { badge, busy, confirmStep, errorBox, notify } from '../ui.js';
import { personName, versionLabel } from '../words.js';
import { shadowCard } from './shadow.js';
import { reasonText } from '../reasons.js';

export async function rulesPage(state) {
  const may = (p) => state.user.permissions.includes(p);
  const section = h('section', {}, h('h1', {}, t('rules.title')), h('p', { class: 'lead' }, t('rules.lead')));
  let sets;
  let deployments = [];
  try {
    [sets, deployments] = await Promise.all([
      api.get('/api/rulesets'),
      api.get('/api/rulesets/deployments').then((d) => d.items ?? []).catch(() => []),
    ]);
  } catch (error) {
    section.append(errorBox(error));
    return section;
  }
  const out = h('div', { 'aria-live': 'polite' });
  const everLive = new Set(deployments.map((d) => d.version));
  sets.versions.forEach((v) => { if (v.deployedAt) everLive.add(v.version); });

  const rows = sets.versions.map((v) => {
    const buttons = [h('a', { href: `#/rules/${v.version}`, class: 'button small' }, may('rules:edit') ? t('rules.openEdit') : t('rules.open'))];
    if (may('rules:deploy') && !v.live) {
      const wasLive = everLive.has(v.version);
      const button = h('button', { type: 'button', class: 'small secondary', dataset: { version: v.version } },
        wasLive ? t('rules.rollback') : t('rules.deploy'));
      button.addEventListener('click', async () => {
        const answer = await askToMakeLive(v.version, wasLive);
        if (!answer) return;
        const { comment } = answer;
        try {
          await busy(button, t('rules.deploying'), () => (wasLive
            ? api.post(`/api/rulesets/${v.version}/rollback`, { comment })
            : api.post(`/api/rulesets/${v.version}/deploy`, { comment })));
          notify(wasLive ? t('rules.rolledBack', { version: shortVersion(v.version) }) : t('rules.deployed', { version: shortVersion(v.version) }));
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (error) {
          clear(out, deployRefused(error));
        }
      });
      buttons.push(button);
    }
    return h('tr', { class: v.live ? 'live' : null, dataset: { version: v.version } },
      h('td', {}, versionLabel(v.version), ' ', v.live ? badge(t('rules.live'), 'ok') : (everLive.has(v.version) ? badge(t('rules.wasLive'), 'muted') : badge(t('rules.draft'), 'draft'))),
      h('td', {}, v.comment || h('span', { class: 'muted' }, '—')),
      h('td', {}, personName(v.author)),
      h('td', {}, formatTime(v.createdAt, lang())),
      h('td', {}, v.deployedAt ? formatTime(v.deployedAt, lang()) : '—'),
      h('td', {}, String(v.scenarios ?? 0)),
      h('td', { class: 'buttons-cell' }, buttons));
  });

  const options = sets.versions.map((v) => [v.version, `${shortVersion(v.version)} · ${v.comment ?? ''}`]);
  const fromSel = select(options, sets.versions[1]?.version ?? sets.versions[0]?.version, { name: 'from' });
  const toSel = select(options, sets.versions[0]?.version, { name: 'to' });
  const compare = h('form', {
    class: 'card row-form',
    onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/rules/diff/${fromSel.value}/${toSel.value}`;
    },
  }, h('h2', {}, t('rules.compare')), h('div', { class: 'row' }, field(t('rules.compareFrom'), fromSel), field(t('rules.compareTo'), toSel),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'compare' }, t('rules.showDiff')))));

  const shadow = await shadowCard(may('rules:deploy'));
  section.append(
    h('p', {}, t('rules.liveIs'), ' ', versionLabel(sets.live), ' ',
      h('a', { href: `#/rules/${sets.live}` }, may('rules:edit') ? t('rules.editLive') : t('rules.open'))),
    out,
    ...(shadow ? [shadow] : []),
    h('table', { class: 'list versions' },
      h('caption', {}, t('rules.versions')),
      h('thead', {}, h('tr', {}, ['rules.version', 'rules.comment', 'rules.author', 'rules.created', 'rules.deployedAt', 'rules.scenarios', 'rules.do']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows)),
    ...(sets.versions.length > 1 ? [compare] : []));
  return section;
}

/** Asks before a deploy or roll-back, with the comment that the history of changes keeps (required). */
export function askToMakeLive(version, rollback) {
  const short = shortVersion(version);
  return confirmStep({
    title: t(rollback ? 'confirm.rollbackTitle' : 'confirm.deployTitle', { version: short }),
    text: t(rollback ? 'confirm.rollbackText' : 'confirm.deployText'),
    confirmText: rollback ? t('rules.rollback') : t('rules.deploy'),
    comment: { label: t('confirm.comment'), hint: t('confirm.commentHint'), required: true },
  });
}

/** A refused deploy: which scenarios failed, and what to do. */
export function deployRefused(error) {
  if (error.status !== 409) return errorBox(error);
  return h('div', { class: 'error-box', role: 'alert', id: 'deploy-refused' },
    h('p', {}, h('strong', {}, t('deploy.refused'))),
    h('ul', {}, error.errors.map((e) => h('li', {}, reasonText(e.reason)))),
    h('p', {}, t('deploy.refusedHelp')));
}

export async function diffPage(from, to) {
  const section = h('section', {}, h('p', {}, h('a', { href: '#/rules' }, '← ', t('rules.back'))),
    h('h1', {}, t('diff.title')));
  let diff;
  try {
    diff = await api.get(`/api/rulesets/${encodeURIComponent(from)}/diff/${encodeURIComponent(to)}`);
  } catch (error) {
    section.append(errorBox(error));
    return section;
  }
  section.append(h('p', { class: 'lead' }, t('diff.lead'), ' ', versionLabel(diff.from), ' → ', versionLabel(diff.to)));
  const changed = diff.files.filter((f) => f.status !== 'same');
  if (changed.length === 0) section.append(h('p', {}, t('diff.none')));
  for (const file of diff.files) {
    section.append(h('div', { class: `card diff-file ${file.status}` },
      h('h2', {}, file.name, ' ', badge(t(`diff.${file.status}`), file.status === 'same' ? 'muted' : 'draft')),
      file.status === 'same' ? null : h('pre', { class: 'diff', tabindex: '0' }, (file.diff ?? '').split('\n').map((line) => h('span', {
        class: line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : line.startsWith('@@') ? 'hunk' : null,
      }, `${line}\n`)))));
  }
  return section;
}
