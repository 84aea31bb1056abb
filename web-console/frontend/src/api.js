// Calls to the Lupaus API. The session cookie is HttpOnly; every change (POST, DELETE) echoes
// the XSRF-TOKEN cookie in the X-XSRF-TOKEN header, as the server's CSRF protection asks.
import { t } from './i18n.js';
import { progress } from './ui.js';

/** A failed call: the HTTP status and the server's {field, reason} list. */
export class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; '));
    this.status = status;
    this.errors = errors;
  }

  /** What went wrong and what to do, in the user's language. */
  advice() {
    const key = {
      0: 'error.network', 400: 'error.400', 401: 'error.401', 403: 'error.403', 404: 'error.404',
      409: 'error.409', 413: 'error.413', 422: 'error.422', 429: 'error.429', 503: 'error.503',
    }[this.status] ?? (this.status >= 500 ? 'error.500' : 'error.400');
    return t(key);
  }
}

let onSignedOut = () => {};
export function whenSignedOut(handler) {
  onSignedOut = handler;
}

function csrfToken() {
  const match = document.cookie.split(/;\s*/).find((c) => c.startsWith('XSRF-TOKEN='));
  return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : null;
}

async function send(method, path, body, { quiet = false, retried = false, contentType = null } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType ?? 'application/json';
  if (method !== 'GET') {
    if (!csrfToken()) await fetch('/api/session', { credentials: 'same-origin' });
    const token = csrfToken();
    if (token) headers['X-XSRF-TOKEN'] = token;
  }
  const done = quiet ? () => {} : progress.start();
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : (contentType ? body : JSON.stringify(body)),
    });
  } catch (e) {
    throw new ApiError(0, [{ reason: t('error.network') }]);
  } finally {
    done();
  }
  if (response.status === 403 && method !== 'GET' && !retried) {
    // The CSRF token turns over after each change and expires; fetch a fresh one, try once more.
    await fetch('/api/session', { credentials: 'same-origin' });
    return send(method, path, body, { quiet, retried: true, contentType });
  }
  return response;
}

async function errorOf(response) {
  let errors = [];
  try {
    const json = await response.json();
    errors = Array.isArray(json.errors) ? json.errors : [];
  } catch (e) {
    // not JSON: the status says enough
  }
  if (errors.length === 0) errors = [{ reason: `HTTP ${response.status}` }];
  return new ApiError(response.status, errors);
}

async function call(method, path, body, options) {
  const response = await send(method, path, body, options);
  if (response.status === 401 && path !== '/api/session') onSignedOut();
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return null;
  return response.json();
}

export const api = {
  get: (path, options) => call('GET', path, undefined, options),
  post: (path, body = {}, options) => call('POST', path, body, options),
  delete: (path, options) => call('DELETE', path, undefined, options),

  /**
   * POSTs and reads a JSON Lines answer: onLine gets each line as it arrives; the last line
   * (the result) is returned.
   */
  async stream(path, body, onLine, { contentType = null } = {}) {
    const response = await send('POST', path, body, { quiet: true, contentType });
    if (response.status === 401) onSignedOut();
    if (!response.ok) throw await errorOf(response);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffered = '';
    let last = null;
    const take = (line) => {
      if (!line.trim()) return;
      last = JSON.parse(line);
      onLine(last);
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        take(buffered.substring(0, newline));
        buffered = buffered.substring(newline + 1);
      }
    }
    take(buffered);
    // A failure ends the stream with {errors}; an import's report lists its refused rows as errors too, beside its counts.
    if (last && Array.isArray(last.errors) && last.rows === undefined) throw new ApiError(500, last.errors);
    return last;
  },
};

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    // A list is the parameter given once for each of its values (state=open&state=acknowledged).
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== null && one !== undefined && one !== '') search.append(key, one);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
