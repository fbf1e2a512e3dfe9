// Time to the first screen of the browser build against Dear ImGui's bare SDL2 example (built
// by web/build.sh with the same toolchain), measured in one run, in Debian's headless Chromium:
//   node web/bench.mjs SITE_DIR BARE_DIR [--runs N]      (./qiao bench web runs it)
//   node web/bench.mjs SITE_DIR BARE_DIR --timeline        (one mobile load of Qiao, explained)
// Both are served compressed by web/serve.mjs (brotli, as a production server would; each
// file compressed once before timing starts), each load in a fresh browser context (cold
// cache, no service worker), under two profiles:
//   mobile: Lighthouse's mobile profile (4x CPU slowdown, 1.6 Mbps down, 750 kbps up, 150 ms
//           round trip), through the DevTools protocol;
//   unthrottled: this machine as it is.
// Times are from navigation start: "first draw" is the first WebGL draw call (the first frame);
// for Qiao "first screen" is the first usable screen: on a first visit the page's own language
// picker, drawn with its fonts while the app's code downloads (data-qiao-first-screen), and
// "app ready" when the page shows the app (data-qiao-ready: its first screen drawn and settled,
// the loading bar gone); both are printed. "Home in Chinese": a learner who picks 中文 the
// moment a picker is there, on the page's picker or (as before it had one) on the app's. Loads alternate between the two apps, so a busy
// machine slows both alike; the median of N (default 3) is printed, with the ratio. Writes
// build/web/bench.md (next to SITE_DIR) too. Timings, never a test: nothing here fails on them.
// --timeline: where one mobile load's time goes: each request's start, first byte and end (the
// DevTools protocol's Network events) and the page's own marks (performance.mark 'qiao:...' set
// by web/index.html and app/platform/web.cpp: files.json read, .wasm compiled, instantiated,
// main(), App made, first frame), in ms from navigation start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const TIMELINE = args.includes('--timeline');
const [SITE, BARE] = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1)).map((a) => path.resolve(a));
const TIMEOUT = Number(process.env.QIAO_BENCH_TIMEOUT || 180_000);

const PROFILES = {
  mobile: { cpu: 4, network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 } },
  unthrottled: { cpu: 1, network: null },
};

function serve(dir) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'web/serve.mjs'), dir, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
      if (m) resolve({ url: m[0], stop: () => new Promise((r) => { p.once('exit', r); p.kill(); }) });
    });
    p.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

// Every file once through the server, brotli, so no load waits on the server compressing.
async function warm(url, dir) {
  const walk = (d, rel = '') => fs.readdirSync(path.join(d, rel), { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? walk(d, path.join(rel, e.name)) : [path.join(rel, e.name)]);
  for (const f of walk(dir)) await (await fetch(url + f.split(path.sep).join('/'), { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
}

// The bare example's page: its canvas and its script, nothing else.
function barePage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-bare-'));
  for (const f of ['bare.js', 'bare.wasm']) fs.copyFileSync(path.join(BARE, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>html,body{margin:0;height:100%;overflow:hidden}#canvas{display:block;width:100vw;height:100vh}</style></head>
<body><canvas id="canvas" tabindex="-1"></canvas>
<script>var Module = { canvas: document.getElementById('canvas') };</script>
<script async src="bare.js"></script></body></html>
`);
  return dir;
}

// Installed before any script of the page runs: the first WebGL draw call, and the moment the
// shell marks the app ready (Qiao), in performance.now() (from navigation start).
function marks() {
  window.qiaoBench = {};
  for (const C of [window.WebGL2RenderingContext, window.WebGLRenderingContext]) {
    if (!C) continue;
    for (const name of ['drawElements', 'drawArrays']) {
      const original = C.prototype[name];
      C.prototype[name] = function (...a) {
        if (!window.qiaoBench.firstDraw) window.qiaoBench.firstDraw = performance.now();
        return original.apply(this, a);
      };
    }
  }
  new MutationObserver(() => {
    const d = document.documentElement && document.documentElement.dataset;
    if (!d) return;
    if (!window.qiaoBench.ready && d.qiaoReady === '1') window.qiaoBench.ready = performance.now();
    if (!window.qiaoBench.picker && d.qiaoFirstScreen === 'picker') window.qiaoBench.picker = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-qiao-ready', 'data-qiao-first-screen'] });
}

// Qiao's first screen: the page's language picker (index.html draws it on a first visit once its
// fonts are here, while the app's code downloads) or the app, whichever came first.
const firstScreen = (r) => Math.min(r.picker || Infinity, r.ready);

// A learner who picks Chinese as soon as a picker is there: on the page's picker the moment it
// is drawn (`page`), or on the app's own once the app is ready (`app`, as before the page had
// one). Until Home is shown in Chinese with its fonts and content in place (the mark 'language
// ready zh-Hans', web/index.html), from navigation start.
async function pickChinese(page, where) {
  if (where === 'page') {
    // Clicked inside the page the moment it shows (unthrottled, the app may take over ~0.5 s
    // later); if the app came first, on the app's picker.
    const h = await page.waitForFunction(() => {
      const b = document.querySelector('#picker:not([hidden]) button[data-locale="zh-Hans"]');
      if (b) { b.click(); return 'page'; }
      return document.documentElement.dataset.qiaoReady === '1' ? 'app' : false;
    }, null, { timeout: TIMEOUT, polling: 'raf' });
    if (await h.jsonValue() === 'app') where = 'app';
  }
  if (where === 'app') {
    await page.waitForFunction(() => window.qiao && window.qiao.tree, null, { timeout: TIMEOUT, polling: 100 });
    await page.evaluate(() => {
      const find = (n) => n.name === '中文' && n.role === 'button' ? n : (n.children || []).map(find).find(Boolean);
      const b = find(window.qiao.tree().root);
      if (!b) throw new Error('no 中文 button on the app\'s picker');
      window.qiao.requestAction(b.id, 1);
    });
  }
  const handle = await page.waitForFunction(() => {
    const m = performance.getEntriesByName('qiao:language ready zh-Hans')[0];
    return m && m.startTime;
  }, null, { timeout: TIMEOUT, polling: 100 });
  return handle.jsonValue();
}

async function load(browser, url, profile, isQiao, network = null, pick = null) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1 });
  await context.addInitScript(marks);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (network) {
    cdp.on('Network.requestWillBeSent', (e) => network.set(e.requestId, { url: e.request.url, start: e.timestamp, priority: e.request.initialPriority }));
    cdp.on('Network.responseReceived', (e) => { const r = network.get(e.requestId); if (r) r.firstByte = e.timestamp; });
    cdp.on('Network.loadingFinished', (e) => { const r = network.get(e.requestId); if (r) { r.end = e.timestamp; r.bytes = e.encodedDataLength; } });
  }
  if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
  if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  const log = [];
  page.on('console', (m) => log.push(m.text()));
  page.on('pageerror', (e) => log.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT });
    if (pick) return { chinese: await pickChinese(page, pick) };
    await page.waitForFunction((q) => window.qiaoBench && window.qiaoBench.firstDraw && (!q || window.qiaoBench.ready),
                               isQiao, { timeout: TIMEOUT, polling: 100 });
    return await page.evaluate(() => ({ ...window.qiaoBench,
      marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]) }));
  } catch (e) {
    const seen = await page.evaluate(() => JSON.stringify(window.qiaoBench)).catch(() => '?');
    throw new Error(`${url}: no first screen (${seen}); the page said: ${log.slice(-10).join(' | ')}\n${e.message}`);
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(2);

// One mobile load of Qiao: requests and marks on one time line (ms from navigation start; the
// document's request stands for navigation start, a few ms off at most).
async function timeline(browser, url) {
  const network = new Map();
  const r = await load(browser, url, PROFILES.mobile, true, network);
  const requests = [...network.values()].filter((q) => q.end);
  const t0 = Math.min(...requests.map((q) => q.start));
  const ms = (t) => (t === undefined ? '' : Math.round((t - t0) * 1000));
  const rows = [
    ...requests.map((q) => [ms(q.start), `${new URL(q.url).pathname} (${(q.bytes / 1024).toFixed(1)} KB, ${q.priority})`,
                            `first byte ${ms(q.firstByte)}, end ${ms(q.end)}`]),
    ...r.marks.map(([name, t]) => [Math.round(t), name, '']),
    [Math.round(r.firstDraw), 'first WebGL draw', ''], [Math.round(r.ready), 'the app ready (data-qiao-ready)', ''],
    ...(r.picker ? [[Math.round(r.picker), 'first screen: the page\'s picker drawn (data-qiao-first-screen)', '']] : []),
  ].sort((a, b) => a[0] - b[0]);
  const lines = ['| ms | what | |', '|---:|---|---|', ...rows.map((x) => `| ${x.join(' | ')} |`),
                 '', `Machine: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString().slice(0, 16)}Z.`];
  console.log(lines.join('\n'));
}

async function main() {
  if (!fs.existsSync(path.join(BARE || '', 'bare.wasm'))) throw new Error(`no bare example in ${BARE} (web/build.sh builds it)`);
  const bareDir = barePage();
  const qiao = await serve(SITE);
  const bare = await serve(bareDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const lines = [];
  try {
    await warm(qiao.url, SITE);
    await warm(bare.url, bareDir);
    if (TIMELINE) { await timeline(browser, qiao.url); return; }
    lines.push('| profile | Qiao first screen s | Qiao app ready s | bare example first draw s | first screen / bare | app ready / bare | Home in Chinese, picked on the page\'s picker s | …on the app\'s picker s |',
               '|---|---:|---:|---:|---:|---:|---:|---:|');
    const summary = [];
    for (const [name, profile] of Object.entries(PROFILES)) {
      const q = [], b = [], onPage = [], onApp = [];
      for (let i = 0; i < RUNS; ++i) {
        q.push(await load(browser, qiao.url, profile, true));
        b.push(await load(browser, bare.url, profile, false));
        onPage.push((await load(browser, qiao.url, profile, true, null, 'page')).chinese);
        onApp.push((await load(browser, qiao.url, profile, true, null, 'app')).chinese);
      }
      const qFirst = median(q.map(firstScreen)), qReady = median(q.map((r) => r.ready));
      const bDraw = median(b.map((r) => r.firstDraw));
      lines.push(`| ${name} | ${s(qFirst)} | ${s(qReady)} | ${s(bDraw)} | ${(qFirst / bDraw).toFixed(2)}x | ` +
                 `${(qReady / bDraw).toFixed(2)}x | ${s(median(onPage))} | ${s(median(onApp))} |`);
      summary.push(`${name}: Qiao's first screen ${s(qFirst)} s (the app ready ${s(qReady)} s), the bare example's ` +
                   `${s(bDraw)} s: ${(qFirst / bDraw).toFixed(2)}x${name === 'mobile' ? ' (target <= 1.5x)' : ''} ` +
                   `(app ready ${(qReady / bDraw).toFixed(2)}x); Home in Chinese ${s(median(onPage))} s picked on the page's ` +
                   `picker, ${s(median(onApp))} s on the app's; runs: Qiao ` + q.map((r) => `${s(firstScreen(r))}/${s(r.ready)}`).join(', ') +
                   '; bare ' + b.map((r) => s(r.firstDraw)).join(' / '));
    }
    const machine = `${os.cpus().length} x ${os.cpus()[0].model}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ` +
                    `${(await browser.version())}, median of ${RUNS}, ${new Date().toISOString().slice(0, 16)}Z`;
    lines.push('', ...summary, `Machine: ${machine}.`);
    console.log('\n' + lines.join('\n'));
    fs.writeFileSync(path.join(path.dirname(SITE), 'bench.md'), lines.join('\n') + '\n');
  } finally {
    await browser.close();
    await qiao.stop();
    await bare.stop();
    fs.rmSync(bareDir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(`qiao web bench: ${e.stack || e}`); process.exit(1); });
