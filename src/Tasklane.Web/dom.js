// Tiny DOM helpers: every text goes through textContent, never innerHTML, so API data cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Search highlights come as text with <mark> tags: keep the marks, treat everything else as text. */
export function highlighted(text) {
  const span = h('span');
  text.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
    if (part === '<mark>') return true;
    if (part === '</mark>') return false;
    if (part) span.append(inMark ? h('mark', {}, part) : part);
    return inMark;
  }, false);
  return span;
}

export const when = (iso) => new Date(iso).toLocaleString();

/** A form whose submit handler gets the fields as an object; errors go to the shared error banner. */
export function form(attrs, fields, submitLabel, onSubmit) {
  const el = h('form', attrs, fields, h('button', { type: 'submit' }, submitLabel));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(el));
    await guard(async () => { await onSubmit(values, el); });
  });
  return el;
}

export function showError(message) {
  const banner = document.getElementById('error');
  banner.textContent = message ?? '';
  banner.hidden = !message;
}

export async function guard(action) {
  try {
    showError(null);
    await action();
  } catch (error) {
    showError(error.message);
  }
}

/** replaceChildren that skips null/false children (replaceChildren would print them as text). */
export const mount = (root, ...children) => root.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
