// Tasklane web app: hash routes (#/…) so the API host needs no fallback route; one view function per route.
import { get, post, session, uploadAttachment, downloadAttachment } from './api.js';
import { h, highlighted, when, form, guard, showError, mount } from './dom.js';
import { follow, debounced } from './live.js';

const STATUSES = [['todo', 'To do'], ['in_progress', 'In progress'], ['done', 'Done']];
const view = () => document.getElementById('view');

const routes = [
  [/^#\/signin$/, signIn],
  [/^#\/?$/, workspaces],
  [/^#\/w\/([\w-]+)$/, workspace],
  [/^#\/p\/([\w-]+)$/, board],
  [/^#\/t\/([\w-]+)$/, taskDetail],
];

// Bumped by every render: a view whose route is gone neither draws (a late load) nor follows live updates.
let generation = 0;

/** Call first in a view: whether it is still the one showing (no render began since). */
function viewing() {
  const mine = generation;
  return () => mine === generation;
}

/** Live updates of the workspace for the view, while it is showing. */
function live(showing, workspaceId, onChange) {
  if (showing()) follow(workspaceId, (change) => showing() && onChange(change));
}

async function render() {
  generation++;
  const hash = location.hash || '#/';
  if (!session.token && hash !== '#/signin') {
    location.hash = '#/signin';
    return;
  }
  renderNav();
  const [pattern, fn] = routes.find(([p]) => p.test(hash)) ?? [];
  const root = view();
  if (!fn) {
    mount(root, h('p', {}, 'Not found. ', h('a', { href: '#/' }, 'Home')));
    return;
  }
  showError(null);
  await guard(() => fn(root, ...hash.match(pattern).slice(1)));
}

function renderNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...(session.token
    ? [h('span', { class: 'pill', title: 'Unread notifications', 'data-testid': 'unread' }, '🔔 …'),
      h('a', { href: '#/' }, 'Workspaces'), h('button', { type: 'button', 'data-testid': 'signout', onclick: signOut }, 'Sign out')]
    : []));
  if (session.token) refreshUnread();
}

/** The unread count in the header: on every page load, and when the stream says a notification for the caller arrived. */
async function refreshUnread() {
  const badge = document.querySelector('[data-testid=unread]');
  const { count } = await get('/me/notifications/unread-count').catch(() => ({ count: null }));
  if (badge && count !== null) badge.textContent = `🔔 ${count}`;
}

/** What every view does with a notification in its workspace's stream. */
const notified = (change) => change.type === 'notification.created' && (refreshUnread(), true);

async function signOut() {
  follow(null, null);
  await guard(async () => { await post('/auth/logout').catch(() => {}); });
  session.token = null;
  location.hash = '#/signin';
}

function signIn(root) {
  follow(null, null);
  const login = async ({ email, password }) => {
    const { token } = await post('/auth/login', { email, password });
    session.token = token;
    location.hash = '#/';
  };
  mount(root,
    h('section', { class: 'card narrow' }, h('h1', {}, 'Sign in'),
      form({ 'data-testid': 'signin' }, [
        h('label', {}, 'Email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'username' })),
        h('label', {}, 'Password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' })),
      ], 'Sign in', login)),
    h('section', { class: 'card narrow' }, h('h2', {}, 'New here? Register'),
      form({ 'data-testid': 'register' }, [
        h('label', {}, 'Name', h('input', { name: 'displayName', required: true })),
        h('label', {}, 'Email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'username' })),
        h('label', {}, 'Password', h('input', { name: 'password', type: 'password', required: true, minlength: 8, autocomplete: 'new-password' })),
      ], 'Register and sign in', async (values) => {
        // The API answers a new and a taken address alike; only signing in shows whether the account takes this password.
        await post('/auth/register', values);
        await login(values).catch((error) => {
          if (error.status !== 401) throw error;
          throw new Error('Not signed in. If this email already had an account, sign in with its password above.');
        });
      })));
}

async function workspaces(root) {
  follow(null, null);
  const page = await get('/workspaces?limit=200');
  mount(root,
    h('h1', {}, 'Workspaces'),
    h('ul', { class: 'list', 'data-testid': 'workspaces' },
      page.items.map((w) => h('li', {}, h('a', { href: `#/w/${w.id}` }, w.name), h('span', { class: 'muted' }, ` ${w.role}`)))),
    form({ class: 'inline', 'data-testid': 'new-workspace' }, [h('input', { name: 'name', placeholder: 'New workspace', required: true, maxlength: 100 })],
      'Create', async ({ name }) => {
        const created = await post('/workspaces', { name });
        location.hash = `#/w/${created.id}`;
      }));
}

async function workspace(root, workspaceId) {
  const showing = viewing();
  const [projects, activity] = await Promise.all([
    get(`/workspaces/${workspaceId}/projects?limit=200`),
    get(`/workspaces/${workspaceId}/activity?limit=30`),
  ]);
  const results = h('ul', { class: 'list', 'data-testid': 'search-results' });
  const projectList = h('ul', { class: 'list', 'data-testid': 'projects' }, projectItems(projects.items));
  const feed = h('div', {}, activityList(activity.items));
  // A change redraws the projects and the feed, not the forms and search results. The worker writes the activity entry
  // a moment after the change, so the redraw waits a little.
  const refresh = debounced(() => showing() && guard(async () => {
    const [p, a] = await Promise.all([get(`/workspaces/${workspaceId}/projects?limit=200`), get(`/workspaces/${workspaceId}/activity?limit=30`)]);
    projectList.replaceChildren(...projectItems(p.items));
    feed.replaceChildren(activityList(a.items));
  }), 300);
  live(showing, workspaceId, (change) => notified(change) || refresh());
  if (!showing()) return;
  mount(root,
    h('div', { class: 'columns2' },
      h('section', {},
        h('h1', {}, 'Projects'),
        projectList,
        form({ class: 'inline', 'data-testid': 'new-project' }, [h('input', { name: 'name', placeholder: 'New project', required: true, maxlength: 100 })],
          'Create', async ({ name }) => {
            const created = await post(`/workspaces/${workspaceId}/projects`, { name });
            location.hash = `#/p/${created.id}`;
          }),
        h('h2', {}, 'Search'),
        form({ class: 'inline', 'data-testid': 'search' }, [h('input', { name: 'q', type: 'search', placeholder: 'words, "a phrase", -not', required: true, maxlength: 200 })],
          'Search', async ({ q }) => {
            const found = await get(`/workspaces/${workspaceId}/search?limit=50&q=${encodeURIComponent(q)}`);
            results.replaceChildren(...(found.items.length
              ? found.items.map((r) => h('li', {}, h('a', { href: `#/t/${r.taskId}` }, r.title), h('span', { class: 'muted' }, ` ${r.type}: `), highlighted(r.highlight ?? '')))
              : [h('li', { class: 'muted' }, 'Nothing found.')]));
          }),
        results),
      h('section', {}, h('h2', {}, 'Activity'), feed)));
}

const projectItems = (items) => items.map((p) => h('li', {}, h('a', { href: `#/p/${p.id}` }, p.name)));

function activityList(items) {
  return h('ol', { class: 'activity', 'data-testid': 'activity' }, items.length
    ? items.map((a) => h('li', {}, h('strong', {}, a.actorDisplayName ?? 'someone'), ` ${a.kind.replace('.', ' ')} `,
      a.taskId ? h('a', { href: `#/t/${a.taskId}` }, a.data?.title ?? 'task') : '', h('span', { class: 'muted' }, ` ${when(a.occurredAt)}`)))
    : [h('li', { class: 'muted' }, 'Nothing yet.')]);
}

async function board(root, projectId) {
  const showing = viewing();
  const project = await get(`/projects/${projectId}`);
  const cards = h('div', { class: 'board' });
  const recent = h('ol', { class: 'activity', 'data-testid': 'live-changes' });
  const titles = new Map();
  const loadColumns = async () => {
    const columns = await Promise.all(STATUSES.map(([status]) => get(`/projects/${projectId}/tasks?status=${status}&sort=position&limit=200`)));
    columns.forEach((c) => c.items.forEach((t) => titles.set(t.id, t.title)));
    cards.replaceChildren(...STATUSES.map(([status, label], i) => column(status, label, columns[i].items, loadColumns)));
  };
  await loadColumns();
  // Another member's change redraws the columns from the server (the order is the server's), and says what happened.
  const redraw = debounced(() => showing() && guard(loadColumns));
  live(showing, project.workspaceId, (change) => {
    if (change.resync) return redraw();
    if (notified(change) || change.data?.projectId !== projectId) return;
    if (change.type.startsWith('task.')) redraw();
    recent.prepend(h('li', {}, describe(change, titles)));
    while (recent.children.length > 8) recent.lastChild.remove();
  });
  if (!showing()) return;
  mount(root,
    h('p', {}, h('a', { href: `#/w/${project.workspaceId}` }, '← Projects')),
    h('h1', {}, project.name),
    form({ class: 'inline', 'data-testid': 'new-task' }, [
      h('input', { name: 'title', placeholder: 'New task', required: true, maxlength: 200 }),
      h('select', { name: 'priority' }, ['low', 'normal', 'high', 'urgent'].map((p) => h('option', { value: p, selected: p === 'normal' }, p))),
    ], 'Add task', async ({ title, priority }, el) => {
      await post(`/projects/${projectId}/tasks`, { title, priority });
      el.reset();
      await loadColumns();
    }),
    cards,
    h('h2', {}, 'Just now'), recent);
}

/** One line about a change another member (or this one, elsewhere) made, for the board's "Just now" list. */
function describe(change, titles) {
  const d = change.data;
  const task = h('a', { href: `#/t/${d.taskId}` }, titles.get(d.taskId) ?? d.title ?? 'a task');
  const text = {
    'task.created': ['added', task],
    'task.updated': ['changed', Object.keys(d.changes ?? {}).join(', '), 'of', task],
    'task.moved': ['moved', task, 'to', Object.fromEntries(STATUSES)[d.toStatus] ?? d.toStatus],
    'comment.added': ['commented on', task, ': ', h('q', {}, (d.body ?? '').slice(0, 120))],
    'comment.edited': ['edited a comment on', task],
    'comment.deleted': ['deleted a comment on', task],
    'attachment.added': ['attached', d.fileName, 'to', task],
  }[change.type] ?? [change.type.replace('.', ' ')];
  return h('span', {}, ...text.flatMap((part) => [part, ' ']), h('span', { class: 'muted' }, when(change.occurredAt)));
}

function column(status, label, tasks, reload) {
  const list = h('div', { class: 'cards' }, tasks.map((t) => h('a', {
    class: `task prio-${t.priority}`, href: `#/t/${t.id}`, draggable: 'true', 'data-testid': 'task', dataset: { id: t.id },
    ondragstart: (e) => { e.dataTransfer.setData('text/plain', t.id); e.dataTransfer.effectAllowed = 'move'; },
  }, h('span', {}, t.title), h('small', { class: 'muted' }, t.priority))));
  return h('section', {
    class: 'column', 'data-testid': `column-${status}`,
    ondragover: (e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; },
    ondrop: (e) => {
      e.preventDefault();
      const id = e.dataTransfer.getData('text/plain');
      // Place it by the pointer: before the first card whose middle is below the drop point.
      const others = [...list.querySelectorAll('.task')].filter((c) => c.dataset.id !== id);
      const index = others.findIndex((c) => { const r = c.getBoundingClientRect(); return e.clientY < r.top + r.height / 2; });
      const before = index === -1 ? null : others[index];
      const after = index === -1 ? others.at(-1) : others[index - 1];
      guard(async () => {
        await post(`/tasks/${id}/move`, { status, afterId: after?.dataset.id ?? null, beforeId: before?.dataset.id ?? null });
        await reload();
      });
    },
  }, h('h2', {}, label, h('span', { class: 'count' }, ` ${tasks.length}`)), list);
}

async function taskDetail(root, taskId) {
  const showing = viewing();
  const [task, comments, attachments, activity] = await Promise.all([
    get(`/tasks/${taskId}`),
    get(`/tasks/${taskId}/comments?limit=200`),
    get(`/tasks/${taskId}/attachments?limit=200`),
    get(`/tasks/${taskId}/activity?limit=30`),
  ]);
  const reload = () => taskDetail(root, taskId);
  const commentList = h('ol', { class: 'comments', 'data-testid': 'comments' }, comments.items.map(commentItem));
  const reloadComments = debounced(() => showing() && guard(async () => {
    const latest = await get(`/tasks/${taskId}/comments?limit=200`);
    commentList.replaceChildren(...latest.items.map(commentItem));
  }));
  // Comments arrive in place; a change to the task itself redraws the page unless a comment is being written.
  const redraw = debounced(() => { if (showing() && !root.querySelector('textarea')?.value) guard(reload); });
  live(showing, task.workspaceId, (change) => {
    if (change.resync) return redraw();
    if (notified(change) || change.data?.taskId !== taskId) return;
    if (change.type.startsWith('comment.')) reloadComments();
    else redraw();
  });
  const file = h('input', { type: 'file', name: 'file', required: true, 'data-testid': 'file' });
  if (!showing()) return;
  mount(root,
    h('p', {}, h('a', { href: `#/p/${task.projectId}` }, '← Board')),
    h('h1', { 'data-testid': 'task-title' }, task.title),
    h('p', {}, h('span', { class: 'pill', 'data-testid': 'task-status' }, Object.fromEntries(STATUSES)[task.status] ?? task.status), ' ', h('span', { class: 'pill' }, task.priority)),
    task.description ? h('p', { class: 'description' }, task.description) : null,
    h('div', { class: 'columns2' },
      h('section', {},
        h('h2', {}, 'Comments'),
        commentList,
        form({ 'data-testid': 'new-comment' }, [h('textarea', { name: 'body', rows: 3, required: true, maxlength: 20000, placeholder: 'Write a comment' })],
          'Comment', async ({ body }) => { await post(`/tasks/${taskId}/comments`, { body }); await reload(); })),
      h('section', {},
        h('h2', {}, 'Attachments'),
        h('ul', { class: 'list', 'data-testid': 'attachments' }, attachments.items.map((a) => h('li', {},
          h('button', { type: 'button', class: 'link', onclick: () => guard(() => downloadAttachment(a)) }, a.fileName),
          h('span', { class: 'muted' }, ` ${formatSize(a.size)}`)))),
        form({ class: 'inline', 'data-testid': 'upload' }, [file], 'Upload', async () => {
          if (!file.files[0]) return;
          await uploadAttachment(taskId, file.files[0]);
          await reload();
        }),
        h('h2', {}, 'Activity'), activityList(activity.items))));
}

const commentItem = (c) =>
  h('li', {}, h('strong', {}, c.authorDisplayName ?? 'someone'), h('span', { class: 'muted' }, ` ${when(c.createdAt)}`), h('p', {}, c.body));

const formatSize = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);

window.addEventListener('hashchange', render);
render();
