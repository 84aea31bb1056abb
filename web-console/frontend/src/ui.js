// Shared pieces of the page: the loading line, notices, error boxes, busy buttons.
import { h, clear } from './dom.js';
import { t } from './i18n.js';

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

/** An error box: what went wrong, what to do, and the server's reasons. */
export function errorBox(error) {
  const reasons = error.errors ?? [{ reason: String(error.message ?? error) }];
  const advice = typeof error.advice === 'function' ? error.advice() : t('error.500');
  return h('div', { class: 'error-box', role: 'alert' },
    h('p', {}, h('strong', {}, advice)),
    h('ul', {}, reasons.map((e) => h('li', {}, e.field ? h('code', {}, e.field) : null, e.field ? ' ' : '', e.reason))));
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
