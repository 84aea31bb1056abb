// A tiny element builder: h('button', {type: 'button', onclick: f}, 'Save').
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idCounter = 0;
export function uid(prefix = 'f') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A labelled form field: the label names the control, a hint may follow. */
export function field(label, control, hint) {
  if (!control.id) control.id = uid();
  const hintEl = hint ? h('small', { class: 'hint', id: control.id + '-hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

export function select(options, value, attrs = {}) {
  return h('select', attrs, options.map(([v, text]) => {
    const option = h('option', { value: v }, text);
    // The chosen one is the default too: a form's reset goes back to it.
    option.defaultSelected = v === value;
    return option;
  }));
}

export function shortVersion(version) {
  return version ? version.substring(0, 12) : '';
}

export function formatTime(iso, lang, options = {}) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(lang === 'fi' ? 'fi-FI' : 'en-GB', {
    year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', ...options,
  });
}

/** A datetime-local value (local time, no offset) as an ISO instant, or null when empty. */
export function toInstant(localValue) {
  if (!localValue) return null;
  const date = new Date(localValue);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A number in the user's language (16.7, 16,7) to one decimal at most; '—' when there is none. */
export function formatNumber(value, lang, options = {}) {
  if (value === null || value === undefined) return '—';
  return Number(value).toLocaleString(lang === 'fi' ? 'fi-FI' : 'en-GB', { maximumFractionDigits: 1, ...options });
}
