// The API under api/v1 beside the dashboard's assets (at / or under the path a host mounts it at): bearer token from sessionStorage, envelope {data, error}, ETags for cheap polling.

export const TOKEN_KEY = 'conveyor.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Fired on window when the service refuses the session's token: the app goes back to the sign-in. */
export const UNAUTHENTICATED = 'conveyor:unauthenticated';

/** A refusal of the API, with its stable code and the message written for the user. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** How far the browser's clock is from the server's, when it is far enough to matter for an ETA. */
let clockOffsetMs = 0;

/** Now, by the server's clock as far as we can tell. */
export function serverNow() {
  return Date.now() + clockOffsetMs;
}

/**
 * Calls the API. With {@code etag}, asks with If-None-Match and answers {notModified: true} on a 304.
 * Resolves to {notModified, data, etag}; rejects with an ApiError whose message can be shown as it is.
 */
export async function call(path, { method = 'GET', body, etag, token = session.token() } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-None-Match'] = etag;
  let response;
  try {
    response = await fetch(new URL(`../api/v1/${path}`, import.meta.url), {
      method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'unreachable', 'The Conveyor service could not be reached. Check your connection and try again.');
  }
  noteServerClock(response.headers.get('Date'));
  if (response.status === 304) {
    return { notModified: true, data: undefined, etag };
  }
  let envelope = null;
  try {
    envelope = await response.json();
  } catch {
    // answered below
  }
  if (!response.ok) {
    const error = envelope?.error ?? { code: `http_${response.status}`, message: `The service answered HTTP ${response.status}.` };
    if (response.status === 401 && token && token === session.token()) {
      session.signOut();
      window.dispatchEvent(new CustomEvent(UNAUTHENTICATED, { detail: error.message }));
    }
    throw new ApiError(response.status, error.code, error.message);
  }
  return { notModified: false, data: envelope?.data, etag: response.headers.get('ETag') };
}

function noteServerClock(date) {
  const server = date ? Date.parse(date) : NaN;
  if (Number.isNaN(server)) return;
  const offset = server - Date.now();
  // The Date header counts whole seconds: only a clock that is clearly wrong is corrected.
  clockOffsetMs = Math.abs(offset) > 5000 ? offset : 0;
}
