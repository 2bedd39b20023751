// The REST client: Bearer token from sessionStorage, JSON in and out, ProblemDetails turned into ApiError.
// sessionStorage (not localStorage): the session ends with the tab, and another tab or a stale browser
// profile never holds a token; the price is signing in again per tab.
const TOKEN_KEY = 'tasklane.token';

export class ApiError extends Error {
  constructor(status, problem) {
    const fields = problem?.errors ? Object.entries(problem.errors).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; ') : '';
    super([problem?.title ?? `HTTP ${status}`, problem?.detail, fields].filter(Boolean).join(' — '));
    this.status = status;
    this.problem = problem;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) { value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY); },
};

export async function api(method, path, body, init = {}) {
  const headers = { ...(init.headers ?? {}) };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: init.redirect });
  if (response.status === 401 && session.token) {
    session.token = null;
    location.hash = '#/signin';
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON: keep the status */ }
    throw new ApiError(response.status, problem);
  }
  if (init.raw) return response;
  return response.status === 204 ? null : response.json();
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});

/** Presigned upload: start (API) → PUT the bytes straight to the object store → complete (API). */
export async function uploadAttachment(taskId, file) {
  const start = await post(`/tasks/${taskId}/attachments`, { fileName: file.name, contentType: file.type || 'application/octet-stream', size: file.size });
  // uploadHeaders' Content-Length is signed; fetch drops it (a forbidden header) and sends file.size, the declared size.
  const put = await fetch(start.uploadUrl, { method: start.uploadMethod, headers: start.uploadHeaders, body: file });
  if (!put.ok) throw new ApiError(put.status, { title: 'Upload to the object store failed', detail: `HTTP ${put.status}` });
  return post(`/attachments/${start.attachmentId}/complete`);
}

/** The API answers 302 to a presigned URL; fetch follows it (dropping the Authorization header cross-origin). */
export async function downloadAttachment(attachment) {
  const response = await api('GET', `/attachments/${attachment.id}`, undefined, { raw: true });
  const url = URL.createObjectURL(await response.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: attachment.fileName });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
