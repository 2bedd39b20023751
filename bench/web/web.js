// The web app in headless chromium (issue 19's goals): the first load of a board (bytes transferred, time until its cards
// show and take input) and a board of 500 cards (render time after its data arrived; frame intervals while a card is
// dragged across it). Prints `key value` lines; bench/web/run.sh seeds the projects and makes the table.
"use strict";
const { chromium } = require("playwright-core");

const base = process.env.WEB_URL; // the API host, which serves the app
const token = process.env.TASKLANE_TOKEN;
const small = process.env.WEB_SMALL_PROJECT;
const large = process.env.WEB_LARGE_PROJECT;
const cards = Number(process.env.WEB_CARDS);
const runs = Number(process.env.WEB_RUNS || 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];

async function signedIn(browser) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 860 } });
  await context.addInitScript((t) => sessionStorage.setItem("tasklane.token", t), token);
  return context;
}

// A new context each time: an empty cache, as a first visit.
async function firstLoad(browser) {
  const context = await signedIn(browser);
  const page = await context.newPage();
  let bytes = 0;
  const sizes = [];
  page.on("requestfinished", (r) => sizes.push(r.sizes().then((s) => (bytes += s.responseHeadersSize + s.responseBodySize))));
  const started = Date.now();
  await page.goto(`/p/${small}`);
  await page.locator("[data-testid=task]").first().waitFor({ timeout: 60_000 });
  const interactive = Date.now() - started;
  await page.waitForTimeout(1000); // what the board loads right after it shows counts too
  await Promise.all(sizes);
  await context.close();
  return { bytes, interactive };
}

// Render: from the end of the last task-list response to all cards in the page (both on the page's clock).
async function largeBoard(page) {
  await page.goto(`/p/${large}`);
  return page.evaluate(async (count) => {
    const shown = () => document.querySelectorAll("[data-testid=task]").length >= count;
    while (!shown()) await new Promise(requestAnimationFrame);
    const drawnAt = performance.now();
    const lists = performance.getEntriesByType("resource").filter((e) => /\/projects\/[^/]+\/tasks\?/.test(e.name));
    return drawnAt - Math.max(...lists.map((e) => e.responseEnd));
  }, cards);
}

async function drag(page) {
  const card = page.locator("[data-testid=task]").first();
  const target = page.locator("section.column").last();
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 60 });
  await page.mouse.up();
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames.slice(1);
  });
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.TASKLANE_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    await firstLoad(browser); // warms the server's caches and compression, not the browser's
    const loads = [];
    for (let i = 0; i < runs; i++) loads.push(await firstLoad(browser));
    console.log(`first_load_bytes ${median(loads.map((l) => l.bytes))}`);
    console.log(`first_load_interactive_ms ${median(loads.map((l) => l.interactive))}`);

    const context = await signedIn(browser);
    const page = await context.newPage();
    await largeBoard(page); // the app's files come from the cache from here on
    const renders = [];
    for (let i = 0; i < runs; i++) renders.push(await largeBoard(page));
    console.log(`board_cards ${cards}`);
    console.log(`board_render_ms ${median(renders).toFixed(0)}`);
    const frames = await drag(page);
    console.log(`drag_frames ${frames.length}`);
    console.log(`drag_frame_p50_ms ${quantile(frames, 0.5).toFixed(1)}`);
    console.log(`drag_frame_p95_ms ${quantile(frames, 0.95).toFixed(1)}`);
    console.log(`drag_frame_max_ms ${Math.max(...frames).toFixed(1)}`);
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
