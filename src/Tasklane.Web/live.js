// Live updates: one workspace's event stream (GET /workspaces/{id}/events), read with fetch because EventSource cannot
// send the Authorization header. It reconnects by itself with the last event id, so the server replays what was missed;
// a "resync" (the gap is too old to replay) asks the current view to load its state again.
import { session } from './api.js';

let current = null;   // { workspaceId, stop }
let listener = null;  // the current view's handler: (change) => void, or ({ resync: true }) after a gap

/** The view that is showing now receives the workspace's changes; call on every render (a view without one passes null). */
export function follow(workspaceId, onChange) {
  listener = onChange;
  if (current?.workspaceId === workspaceId) return;
  current?.stop();
  current = workspaceId ? open(workspaceId) : null;
}

function open(workspaceId) {
  const abort = new AbortController();
  let lastEventId = null;
  let stopped = false;
  let first = true;

  (async () => {
    while (!stopped) {
      try {
        const headers = { accept: 'text/event-stream', authorization: `Bearer ${session.token}` };
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const response = await fetch(`/api/v1/workspaces/${workspaceId}/events`, { headers, signal: abort.signal });
        // Signed out, or no longer a member: retrying cannot help.
        if (response.status === 401 || response.status === 403 || response.status === 404) return;
        if (response.ok) {
          document.documentElement.dataset.live = 'connecting';
          await read(response.body, (event) => {
            if (event.id) lastEventId = event.id;
            if (event.type === 'ready') {
              document.documentElement.dataset.live = 'on';
              // A first connection starts at the present: what changed while the view was loading is not replayed.
              if (first) listener?.({ resync: true });
              first = false;
            } else if (event.type === 'resync') listener?.({ resync: true });
            else if (event.data) listener?.(JSON.parse(event.data));
          });
        }
      } catch (error) {
        if (abort.signal.aborted) return;
      }
      document.documentElement.dataset.live = 'off';
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  })();

  return { workspaceId, stop: () => { stopped = true; abort.abort(); } };
}

/** Parses server-sent events from a byte stream: blocks separated by a blank line, fields "name: value". */
async function read(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { type: 'message', data: '' };
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.type = text;
        else if (field === 'data') event.data += (event.data ? '\n' : '') + text;
      }
      if (event.id || event.data || event.type !== 'message') onEvent(event);
    }
  }
}

/** Runs fn at most once per burst of calls (the last call wins), so a bulk edit reloads a view once, not per change. */
export function debounced(fn, ms = 80) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}
