// Fan-out of the event stream, measured from outside one API host (bench/fanout/run.sh says how to run it).
//
// Opens FANOUT_STREAMS event streams (GET /workspaces/{id}/events), each on its own socket, waits until every one has
// sent `event: ready`, and reads the API's VmRSS before and 3 s after opening them: (after - before) / streams is the
// memory an idle stream costs. Then it creates FANOUT_RATE tasks a second through the same host, 10 s as a lead-in and
// FANOUT_SECONDS measured, and times each measured task.created on every stream: latency = receipt - the moment the
// POST's answer arrived (the API answers after the commit, so the commit was at or before it). Prints `key value`
// lines on stdout, progress on stderr. No npm packages.
//
// The writes run on a worker thread: on the main thread a POST's answer waits behind the 1,000 streams' reads and
// seems to arrive after its own event (measured: 60 % of all receipts "before" their answer; 2-4 % with the thread).
//
// Env: FANOUT_API (base URL, e.g. http://127.0.0.1:8190/api/v1), FANOUT_PID (the API's pid), TASKLANE_TOKEN,
// FANOUT_WORKSPACE, FANOUT_PROJECT; optional FANOUT_STREAMS (1000), FANOUT_RATE (20), FANOUT_SECONDS (10),
// FANOUT_DEBUG=1 (per change on stderr: when its first and last receipt came after the POST's answer).
'use strict';
const http = require('http');
const fs = require('fs');
const { performance } = require('perf_hooks');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');

const env = process.env;
const api = env.FANOUT_API.replace(/\/$/, '');
const token = env.TASKLANE_TOKEN;
const streams = Number(env.FANOUT_STREAMS || 1000);
const rate = Number(env.FANOUT_RATE || 20);
const seconds = Number(env.FANOUT_SECONDS || 10);

// Epoch milliseconds at sub-millisecond resolution, comparable between the two threads.
const now = () => performance.timeOrigin + performance.now();
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const log = text => process.stderr.write(`fanout: ${text}\n`);

// --- The writer thread --------------------------------------------------------------------------------------------

// Creates one task; resolves with its id and the time its answer arrived (the commit is before it).
function createTask(agent, title) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ title, priority: 'high' });
    const request = http.request(`${api}/projects/${env.FANOUT_PROJECT}/tasks`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    request.on('error', reject);
    request.on('response', response => {
      const answered = now();
      let text = '';
      response.setEncoding('utf8');
      response.on('data', chunk => (text += chunk));
      response.on('end', () => {
        if (response.statusCode !== 201) reject(new Error(`POST: HTTP ${response.statusCode} ${text}`));
        else resolve({ id: JSON.parse(text).id, answered });
      });
    });
    request.end(body);
  });
}

// `count` tasks at `rate` a second, each started on its own schedule (not after the previous answer): a steady rate.
async function writeSteadily({ count, label }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const start = now();
  const posts = [];
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / rate - now();
    if (wait > 0) await sleep(wait);
    posts.push(createTask(agent, `${label} ${i}`));
  }
  const done = await Promise.all(posts);
  agent.destroy();
  return { posts: done, seconds: (now() - start) / 1000 };
}

if (!isMainThread) {
  writeSteadily(workerData).then(result => parentPort.postMessage(result));
  return;
}

function write(count, label) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { count, label } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

// --- The streams (main thread) -------------------------------------------------------------------------------------

const pid = env.FANOUT_PID;
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
// utime + stime of the API in clock ticks (100 a second on Linux, as bench.sh assumes too).
const ticks = () => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((a, b) => a + Number(b), 0);

// Receipts while measuring: task id -> receipt time on each stream, NaN until received. The POSTs' answers come from
// the writer thread at the end, so receipts are kept by task id and joined then.
const receipts = new Map();
const occurred = new Map(); // task id -> occurredAt (epoch ms), from its first receipt
let measuring = false;
let duplicates = 0;
let closed = 0; // streams that ended while they should have stayed open
const open = [];

function receive(stream, block, at) {
  if (!measuring || !block.includes('"type":"task.created"')) return;
  const start = block.indexOf('"taskId":"') + 10;
  const taskId = block.slice(start, start + 36);
  let times = receipts.get(taskId);
  if (!times) {
    receipts.set(taskId, (times = new Float64Array(streams).fill(NaN)));
    const when = block.indexOf('"occurredAt":"') + 14;
    occurred.set(taskId, Date.parse(block.slice(when, block.indexOf('"', when))));
  }
  if (Number.isNaN(times[stream])) times[stream] = at;
  else duplicates++;
}

// One stream on its own socket (agent: false: no pooling, no keep-alive); resolves once the stream is live.
function openStream(index) {
  return new Promise((resolve, reject) => {
    const request = http.get(`${api}/workspaces/${env.FANOUT_WORKSPACE}/events`, {
      agent: false,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    });
    request.on('error', reject);
    request.on('response', response => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream ${index}: HTTP ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let pending = ''; // received, not yet a whole event
      let ready = false;
      response.on('data', chunk => {
        const at = now(); // before any parsing: the receipt time of everything in this chunk
        pending += chunk;
        let end;
        while ((end = pending.indexOf('\n\n')) >= 0) {
          const event = pending.slice(0, end);
          pending = pending.slice(end + 2);
          if (ready) {
            receive(index, event, at);
          } else if (event.includes('event: ready')) {
            ready = true;
            resolve(request);
          }
        }
      });
      response.on('close', () => {
        if (!request.closing) closed++;
        if (!ready) reject(new Error(`stream ${index} ended before it was ready`));
      });
    });
  });
}

// Opens `count` streams, at most 50 connecting at once (Kestrel's accept backlog and the event loop stay calm).
async function openStreams(count) {
  const requests = new Array(count);
  let next = 0;
  const opener = async () => {
    while (next < count) {
      const index = next++;
      requests[index] = await openStream(index);
    }
  };
  await Promise.all(Array.from({ length: 50 }, opener));
  return requests;
}

function close(requests) {
  for (const request of requests) {
    request.closing = true;
    request.destroy();
  }
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN);

async function main() {
  // Warm-up: the stream and write paths are compiled and their pools filled before the baseline is read, so the memory
  // measured below is what the streams hold, not the host's first use of that code.
  log('warming up');
  const warm = await openStreams(20);
  await write(rate, 'fan-out warm-up');
  await sleep(500);
  close(warm);
  await sleep(2000);

  const before = rssKb();
  const opening = now();
  open.push(...(await openStreams(streams)));
  const openSeconds = (now() - opening) / 1000;
  log(`${streams} streams live in ${openSeconds.toFixed(1)} s`);
  // Idle: nothing is forced (no GC); the streams only recheck access every few seconds.
  await sleep(3000);
  const after = rssKb();

  // A freshly started host is still compiling its hot paths at the next JIT tier for the first seconds of this load
  // (dotnet-counters: 0.3-0.8 s of JIT a second, besides the GC sizing its heaps to the new rate), and that shows:
  // p99 67-212 ms measured after a 3 s lead-in, 48-89 ms after 10 s. The rows are about steady state, so the first
  // 10 s of writes are not measured.
  log(`${rate * 10} task creations at ${rate}/s, not measured`);
  await write(rate * 10, 'fan-out lead-in');
  const writes = Math.round(rate * seconds);
  log(`${writes} task creations at ${rate}/s`);
  measuring = true;
  const writeTicks = ticks();
  const clientCpu = process.cpuUsage(); // both threads of this process
  const { posts, seconds: writeSeconds } = await write(writes, 'fan-out');
  const writeCpu = ticks() - writeTicks;
  const { user, system } = process.cpuUsage(clientCpu);
  // Every stream should have every change soon after the last answer; 5 s is far beyond the target.
  const complete = () => posts.every(p => receipts.get(p.id)?.every(t => !Number.isNaN(t)));
  for (let waited = 0; waited < 5000 && !complete(); waited += 50) await sleep(50);
  measuring = false;
  close(open);

  const latencies = [];
  const sinceOccurred = [];
  let missing = 0;
  let early = 0;
  for (const { id, answered } of posts) {
    const times = receipts.get(id) || new Float64Array(streams).fill(NaN);
    let first = Infinity;
    let last = -Infinity;
    for (const at of times) {
      if (Number.isNaN(at)) {
        missing++;
        continue;
      }
      // Read before the answer was: the commit was earlier still, and the latency is counted as 0.
      if (at < answered) early++;
      latencies.push(Math.max(0, at - answered));
      sinceOccurred.push(at - occurred.get(id));
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    if (env.FANOUT_DEBUG) {
      const since = t => (t - answered).toFixed(0);
      log(`${id} occurred ${since(occurred.get(id))} first ${since(first)} last ${since(last)} ms after the answer`);
    }
  }
  latencies.sort((a, b) => a - b);
  sinceOccurred.sort((a, b) => a - b);

  const out = {
    streams,
    open_seconds: openSeconds.toFixed(1),
    rss_before_mb: (before / 1024).toFixed(0),
    rss_after_mb: (after / 1024).toFixed(0),
    kb_per_stream: ((after - before) / streams).toFixed(1),
    writes: posts.length,
    write_rate: (posts.length / writeSeconds).toFixed(1),
    write_cpu_pct: (writeCpu / writeSeconds).toFixed(0),
    client_cpu_pct: ((user + system) / 1e4 / writeSeconds).toFixed(0),
    receipts: latencies.length,
    missing,
    duplicates,
    closed,
    early,
    p50_ms: percentile(latencies, 0.5).toFixed(1),
    p99_ms: percentile(latencies, 0.99).toFixed(1),
    max_ms: percentile(latencies, 1).toFixed(1),
    occurred_p50_ms: percentile(sinceOccurred, 0.5).toFixed(1),
    occurred_p99_ms: percentile(sinceOccurred, 0.99).toFixed(1),
  };
  for (const [key, value] of Object.entries(out)) process.stdout.write(`${key} ${value}\n`);
}

main().then(
  () => process.exit(0),
  error => {
    log(error.stack || String(error));
    close(open);
    process.exit(1);
  });
