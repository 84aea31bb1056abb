// Shared pieces of the page: the loading line, notices, error boxes, busy buttons.
import { h, clear, field } from './dom.js';
import { t } from './i18n.js';
import { reasonText } from './reasons.js';

let running = 0;
export const progress = {
  start() {
    running += 1;
    const bar = document.getElementById('progress');
    bar.hidden = false;
    document.body.setAttribute('aria-busy', 'true');
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      running -= 1;
      if (running === 0) {
        bar.hidden = true;
        document.body.removeAttribute('aria-busy');
      }
    };
  },
};

/** A short message in the live region at the top ("Saved.", "Deployed."). */
export function notify(text, kind = 'ok') {
  const notice = document.getElementById('notice');
  clear(notice, h('p', { class: `notice ${kind}` }, text));
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => clear(notice), 8000);
}

/**
 * An error box: what went wrong, what to do, and the server's reasons. A form may say what to do
 * itself (advice) and name the fields by their labels (label(field) answers one, or nothing).
 */
export function errorBox(error, { advice, label } = {}) {
  const reasons = error.errors ?? [{ reason: String(error.message ?? error) }];
  const said = advice ?? (typeof error.advice === 'function' ? error.advice() : t('error.500'));
  const fieldOf = (e) => {
    if (!e.field) return null;
    const named = label?.(e.field);
    return named ? h('strong', {}, named) : h('code', {}, e.field);
  };
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, h('strong', {}, said)),
    h('ul', {}, reasons.map((e) => h('li', {}, fieldOf(e), e.field ? ' ' : '', reasonText(e.reason)))));
}

export function showError(container, error) {
  clear(container, errorBox(error));
  return error;
}

/** Runs an action with the button disabled and a busy label; errors go into the box. */
export async function busy(button, busyText, action) {
  const text = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyText;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = text;
  }
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind}` }, text);
}

/** A row of tabs, [key, label] each; the arrow keys move between them, onSelect gets the key. */
export function tabList(label, items, selected, onSelect) {
  const tabs = items.map(([key, text], i) => h('button', {
    type: 'button', role: 'tab', class: 'tab', dataset: { tab: key },
    onclick: () => choose(i, false),
    onkeydown: (event) => {
      const move = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (move) choose((i + move + items.length) % items.length, true);
    },
  }, text));
  function mark(index) {
    tabs.forEach((tab, j) => {
      tab.setAttribute('aria-selected', j === index ? 'true' : 'false');
      tab.tabIndex = j === index ? 0 : -1;
    });
  }
  function choose(index, focus) {
    mark(index);
    if (focus) tabs[index].focus();
    onSelect(items[index][0]);
  }
  mark(Math.max(0, items.findIndex(([key]) => key === selected)));
  return h('div', { class: 'tabs', role: 'tablist', 'aria-label': label }, tabs);
}

/** Over a list that grows page by page, how many it shows; under it, a button for the next page when there is one. */
export function pageControls(results, countText, moreText, loadMore) {
  results.querySelector('.count')?.remove();
  results.querySelector('.more')?.remove();
  results.prepend(h('p', { class: 'count' }, countText));
  if (loadMore) {
    const more = h('button', { type: 'button', class: 'secondary more' }, moreText);
    more.addEventListener('click', () => busy(more, t('common.loading'), loadMore).catch((e) => results.append(errorBox(e))));
    results.append(more);
  }
}

/**
 * Asks before a step that cannot be taken back: a modal dialog with the question, an optional
 * comment (required when comment.required), and the confirming and cancelling buttons. Resolves
 * to {comment} when confirmed, or null. Escape and Cancel both answer null.
 */
export function confirmStep({ title, text, confirmText, comment = null, danger = false }) {
  return new Promise((resolve) => {
    const input = comment ? h('textarea', { id: 'confirm-comment', name: 'comment', rows: 3, maxlength: 2000, required: !!comment.required }) : null;
    const problem = h('div', { 'aria-live': 'polite' });
    const ok = h('button', { type: 'submit', id: 'confirm-ok', class: danger ? 'danger' : null }, confirmText);
    const cancel = h('button', { type: 'button', id: 'confirm-cancel', class: 'secondary' }, t('common.cancel'));
    const heading = h('h2', { id: 'confirm-title' }, title);
    let answer = null;
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('form', {
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          const value = input ? input.value.trim() : '';
          if (comment?.required && !value) {
            clear(problem, h('p', { class: 'field-error', role: 'alert' }, comment.missing ?? t('common.commentNeeded')));
            input.focus();
            return;
          }
          answer = { comment: value };
          dialog.close();
        },
      }, heading, text ? h('p', {}, text) : null,
      input ? field(comment.label, input, comment.hint) : null, problem,
      h('div', { class: 'buttons' }, ok, cancel)));
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    (input ?? ok).focus();
  });
}
