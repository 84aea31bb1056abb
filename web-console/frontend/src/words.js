// Decisions, actions and feedback in plain words.
import { h, formatTime, shortVersion } from './dom.js';
import { api } from './api.js';
import { badge } from './ui.js';
import { t, lang } from './i18n.js';

export const TOUCHPOINTS = ['store', 'web', 'app', 'phone', 'chat', 'email', 'social'];
export const PHASES = ['pre', 'core', 'after'];
export const TIERS = ['none', 'bronze', 'silver', 'gold'];
export const ACTION_TYPES = ['THANK', 'OPEN_CASE', 'RECOVERY', 'AFTERCARE'];

export function actionText(action) {
  const parts = [t(`action.${action.type}`)];
  if (action.promise) parts.push(t('action.promise', { promise: action.promise }));
  if (action.owner) parts.push(t('action.owner', { owner: action.owner }));
  if (action.priority) parts.push(t(`priority.${String(action.priority).toLowerCase()}`));
  if (action.dueAt) parts.push(t('action.due', { time: formatTime(action.dueAt, lang()) }));
  if (action.scheduledAt) parts.push(t('action.scheduled', { time: formatTime(action.scheduledAt, lang()) }));
  if (action.loyaltyBenefit) parts.push(t('action.loyaltyBenefit'));
  return parts.join(' · ');
}

export function actionList(actions, emptyKey = 'decision.noActions') {
  if (!actions || actions.length === 0) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ul', { class: 'actions' }, actions.map((a) => h('li', { dataset: { type: a.type } }, actionText(a))));
}

export function ruleList(rules, emptyKey = 'decision.noRules') {
  if (!rules || rules.length === 0) return h('p', { class: 'muted' }, t(emptyKey));
  return h('ol', { class: 'fired' }, rules.map((r) => h('li', {}, r)));
}

export function feedbackFacts(feedback) {
  if (!feedback) return h('p', { class: 'muted' }, t('decision.erased'));
  const rows = [
    ['customerId', feedback.customerId],
    ['receivedAt', formatTime(feedback.receivedAt, lang())],
    ['touchpoint', feedback.touchpoint ? t(`touchpoint.${feedback.touchpoint}`) : ''],
    ['phase', feedback.phase ? t(`phase.${feedback.phase}`) : ''],
    ['score', `${feedback.survey} ${feedback.score}`],
    ['complaintFact', feedback.complaint ? t('common.yes') : t('common.no')],
    ['loyaltyTier', feedback.loyaltyTier ? t(`tier.${feedback.loyaltyTier}`) : ''],
    ['comment', feedback.comment ?? '—'],
    ['orderId', feedback.orderId ?? '—'],
    ['feedbackId', feedback.id],
  ];
  return h('dl', { class: 'facts' }, rows.flatMap(([key, value]) => [h('dt', {}, t(`fb.${key}`)), h('dd', {}, value)]));
}

/** "Did not fire: the condition `complaint` did not hold", from the first condition that failed. */
export function whyNot(rule) {
  const conditions = rule.conditions ?? [];
  const failed = conditions.find((c) => c.held === false || c.held === 'no');
  if (failed) {
    return h('span', {}, t('why.before'), h('code', {}, failed.expression ?? failed.condition), t('why.after'));
  }
  if (rule.detailed === false || rule.note) return h('span', {}, t('why.notDetailed'));
  return h('span', {}, t('why.unknown'));
}

export function heldText(held) {
  if (held === true || held === 'yes') return t('held.yes');
  if (held === false || held === 'no') return t('held.no');
  return t('held.notReached');
}

export function versionLabel(version) {
  return h('code', { class: 'version', title: version }, shortVersion(version));
}

export const CASE_TABS = ['open', 'acknowledged', 'due-soon', 'overdue', 'resolved', 'cancelled', 'all'];
export const OUTCOMES = ['contacted', 'compensated', 'no-answer', 'other'];

/** How far a case's deadline is: "in 5 h", "3 h overdue"; for a closed case, whether its promise was kept. */
export function dueText(file, now = Date.now()) {
  if (file.state === 'resolved') return t(file.kept ? 'due.kept' : 'due.broken');
  if (file.state === 'cancelled') return t('caseState.cancelled');
  const minutes = Math.round((new Date(file.dueAt).getTime() - now) / 60000);
  const late = minutes < 0;
  const size = Math.abs(minutes);
  const [unit, n] = size < 60 ? ['Minutes', size] : size < 48 * 60 ? ['Hours', Math.round(size / 60)] : ['Days', Math.round(size / 1440)];
  return t(`due.${late ? 'late' : 'in'}${unit}`, { n });
}

export function caseStateBadge(state) {
  const kind = { open: 'draft', acknowledged: 'muted', resolved: 'ok', cancelled: 'muted' }[state] ?? 'muted';
  return badge(t(`caseState.${state}`), kind);
}

/** The promises of the live rule set by id ({id, text, within, owners, escalation}); empty when not allowed. */
export async function promiseCatalogue() {
  try {
    const answer = await api.get('/api/promises', { quiet: true });
    return new Map((answer.promises ?? []).map((p) => [p.id, p]));
  } catch (e) {
    return new Map();
  }
}

/** A promise in words with its id beside it, or the bare id when the live rules no longer give it. */
export function promiseLabel(id, catalogue) {
  const text = catalogue.get(id)?.text;
  return text ? h('span', { class: 'promise' }, text, ' ', h('code', { class: 'promise-id' }, id)) : h('code', {}, id);
}
