// The browser build read the way Linux screen readers (Orca) read it: over AT-SPI. Chromium runs
// headful under Xvfb with its accessibility on (the ATK bridge on the session's AT-SPI bus), and
// web/tests/atspi_reader.py (Debian's pyatspi) reads the page's accessible tree and focus events,
// as a screen reader would. On Home, two lesson steps and Settings, in zh-Hans, ug and bo:
//   1. every control (button, link, checkbox, radio button, text field, slider) has a name, the
//      app's own words for it, in the locale's own script (the letters of the name: Han,
//      Arabic, Tibetan; digits and punctuation allowed), and the role the app gave it;
//   2. the screen has headings, the app's at the app's levels: one level 1 first, none skipped;
//   3. Tab, pressed through the page, stops at every control once, in reading order (the order
//      the screen reader reads them), starting after the screen's heading, and wraps around;
//      the focus is read from AT-SPI's focus events, one per press;
//   and once per run the checks themselves are tried: a button's name taken away and one put
//   in Latin letters are both reported (a check that cannot fail is no check).
// Every wait ends on something AT-SPI or the page reports, with a deadline; no sleep decides a
// result. The one fixed pause is the app's own rule: the same key twice within 0.5 s counts once
// (accessibility/focus.h, KeyDebouncer), so Tab is pressed again 0.6 s after the last press was
// seen to land.
// Usage: dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1200x24" \
//          node web/tests/atspi_test.mjs SITE_DIR
// (ctest runs it so: web.atspi_screen_reader). NODE_PATH must reach playwright-core.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const SITE = path.resolve(process.argv[2] || path.join(ROOT, 'build/web/site'));
const TIMEOUT = 90_000;        // SwiftShader on a busy 2-core machine is slow; waits end on events
const DEBOUNCE_MS = 600;       // the app ignores the same key again within 0.5 s

// The screens, and the script each locale's names are written in (Unicode Script property, as
// JavaScript's \p{Script=...} knows it from ICU).
const LOCALES = { 'zh-Hans': 'Han', ug: 'Arabic', bo: 'Tibetan' };
const pack = JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons/basics.pack.json'), 'utf8'));
const lesson = pack.lessons.find((l) => l.id === 'qr-code');
const stepOf = (type) => lesson.steps.findIndex((s) => s.type === type) + 1;
// Home, a practice step (a phone to tap), a quiz step (radio buttons), and Settings (checkboxes,
// sliders with their buttons, radio buttons).
const ROUTES = ['home', `lesson/${lesson.id}/${stepOf('practice')}`, `lesson/${lesson.id}/${stepOf('quiz')}`, 'settings'];

// The app's roles (accessibility/tree.h) that are controls, and the AT-SPI role each must have.
const CONTROL_ROLES = { button: ['push button', 'toggle button'], link: ['link'], checkbox: ['check box'],
                        radio: ['radio button'], textbox: ['entry'], slider: ['slider'] };
const ATSPI_CONTROLS = new Set(Object.values(CONTROL_ROLES).flat());

let failures = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL  ${name}: ${e.stack || e}`);
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function startServer() {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'web/serve.mjs'), SITE, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
      if (m) resolve({ url: m[0], stop: () => new Promise((r) => { p.once('exit', r); p.kill(); }) });
    });
    p.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

// The AT-SPI side: one reader process for the whole run, asked for trees, telling focus events.
function startReader() {
  const p = spawn('/usr/bin/python3', [path.join(HERE, 'atspi_reader.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const focus = [];           // focus events, in order: {url, node}
  const replies = [];
  let wake = null;
  let ready;
  const isReady = new Promise((r) => { ready = r; });
  readline.createInterface({ input: p.stdout }).on('line', (line) => {
    const m = JSON.parse(line);
    if (m.ready) ready();
    else if (m.event === 'focus') focus.push(m);
    else if (m.event) { /* an object gone before it could be read: the next event follows */ }
    else replies.push(m);
    if (wake) wake();
  });
  const exited = new Promise((r) => p.once('exit', (code) => r(code)));
  const next = async (what, test) => {
    const deadline = Date.now() + TIMEOUT;
    for (;;) {
      const v = test();
      if (v) return v;
      if (Date.now() > deadline) {
        const seen = focus.slice(-5).map((e) => `${e.node.role} "${e.node.name}" (${e.url})`).join('; ');
        throw new Error(`timed out waiting for ${what} (the last focus events: ${seen || 'none'})`);
      }
      await Promise.race([new Promise((r) => { wake = r; }), sleep(250), exited.then((c) => { throw new Error(`the AT-SPI reader exited (${c})`); })]);
      wake = null;
    }
  };
  return {
    isReady,
    focus,
    // The page's accessible tree as AT-SPI has it now (null: no such page yet).
    async tree(url) {
      p.stdin.write(JSON.stringify({ cmd: 'tree', url }) + '\n');
      const r = await next('the AT-SPI reader to answer', () => replies.shift());
      if (r.error) throw new Error(`AT-SPI reader: ${r.error}`);
      return r.reply;
    },
    // Resolves with the first focus event at or after index `from` that `pred` accepts.
    waitFocus: (from, pred, what) => next(what, () => focus.slice(from).find(pred)),
    stop: () => { p.stdin.end(); return exited; },
  };
}

// Reading order: the tree's depth-first order, as a screen reader walks it.
const flatten = (n, out = []) => { if (n) { out.push(n); (n.children || []).forEach((c) => flatten(c, out)); } return out; };
const samePath = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const comparePaths = (a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
};
const show = (n) => `${n.role} "${n.name}"`;

// What is wrong with one locale's screen as AT-SPI reads it: a list of sentences (empty: fine).
// `app` is the app's own tree (window.qiao.tree()), the truth the mirror must carry.
function problems(doc, app, script) {
  const out = [];
  const nodes = flatten(doc);
  const letters = /\p{L}/gu;
  const own = new RegExp(`\\p{Script=${script}}`, 'u');
  const controls = nodes.filter((n) => ATSPI_CONTROLS.has(n.role));
  const headings = nodes.filter((n) => n.role === 'heading');
  for (const n of [...controls, ...headings]) {
    const name = n.name.trim();
    if (!/[\p{L}\p{N}]/u.test(name)) { out.push(`${show(n)} has no name`); continue; }
    const foreign = [...name.matchAll(letters)].map((m) => m[0]).filter((ch) => !own.test(ch));
    if (foreign.length) out.push(`${show(n)} has letters not in ${script} script: ${[...new Set(foreign)].join('')}`);
  }
  // Every control of the app is there with its name and its role.
  const appNodes = flatten(app);
  for (const a of appNodes.filter((n) => CONTROL_ROLES[n.role])) {
    if (!controls.some((n) => CONTROL_ROLES[a.role].includes(n.role) && n.name === a.name))
      out.push(`the app's ${a.role} "${a.name}" is not an AT-SPI ${CONTROL_ROLES[a.role].join('/')} of that name`);
  }
  // Headings: the app's, at the app's levels; the first is level 1, the only level 1; no level
  // skipped.
  const level = (n) => Number(n.attributes.level || 0);
  for (const a of appNodes.filter((n) => n.role === 'heading')) {
    if (!headings.some((n) => n.name === a.name && level(n) === (a.level || 1)))
      out.push(`the app's heading "${a.name}" (level ${a.level || 1}) is not an AT-SPI heading of that name and level`);
  }
  if (!headings.length) out.push('no heading');
  else {
    if (level(headings[0]) !== 1) out.push(`the first heading ${show(headings[0])} is level ${level(headings[0])}, not 1`);
    if (headings.filter((h) => level(h) === 1).length !== 1) out.push(`${headings.filter((h) => level(h) === 1).length} headings of level 1`);
    let deepest = 0;
    for (const h of headings) {
      if (level(h) > deepest + 1) out.push(`heading ${show(h)} is level ${level(h)} after level ${deepest}`);
      deepest = Math.max(deepest, level(h));
    }
  }
  return out;
}

// The controls Tab must stop at, in AT-SPI's reading order (scrolled out of view too: the app
// scrolls to the one it focuses): those the app lets the focus reach (the "focus" action, not
// disabled). A slider is not one: its Smaller and Larger buttons are (accessibility/focus.cpp);
// its range input is there for a screen reader's own keys.
function tabStops(doc, app) {
  const focusable = flatten(app).filter((a) => CONTROL_ROLES[a.role] && (a.actions || []).includes('focus') &&
                                               !(a.states || []).includes('disabled'));
  const stops = flatten(doc).filter((n) => ATSPI_CONTROLS.has(n.role) && n.states.includes('focusable') &&
    n.states.includes('enabled') && focusable.some((a) => CONTROL_ROLES[a.role].includes(n.role) && a.name === n.name));
  const missing = focusable.filter((a) => !stops.some((n) => CONTROL_ROLES[a.role].includes(n.role) && a.name === n.name));
  assert(!missing.length, `AT-SPI has no focusable, enabled control for the app's ${missing.map((a) => `${a.role} "${a.name}"`).join(', ')}`);
  return stops;
}

async function main() {
  assert(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE} (./qiao web build)`);
  assert(process.env.DISPLAY, 'no DISPLAY: run under xvfb-run (see the usage above)');
  assert(process.env.DBUS_SESSION_BUS_ADDRESS, 'no session D-Bus: run under dbus-run-session (see the usage above)');
  const server = await startServer();
  const reader = startReader();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-chromium-atspi-'));
  let context = null;
  try {
    await reader.isReady;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: false,   // headless Chromium has no window, so nothing on the AT-SPI bus
      viewport: { width: 1280, height: 800 },
      // The ATK bridge is loaded when the desktop says accessibility is on (GNOME_ACCESSIBILITY,
      // as GTK reads it); --force-renderer-accessibility builds the page's tree from the start.
      env: { ...process.env, GNOME_ACCESSIBILITY: '1', ACCESSIBILITY_ENABLED: '1' },
      args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--force-renderer-accessibility',
             '--no-first-run', '--disable-features=Translate', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--test-type'],
    });
    const page = context.pages()[0] || await context.newPage();
    const log = [];
    page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));

    // Opens a screen, waits until AT-SPI has every control and heading the app has; returns
    // the page's URL, the app's tree and AT-SPI's tree.
    const open = async (locale, route) => {
      const url = `${server.url}?locale=${locale}&open=${encodeURIComponent(route)}`;
      await page.goto(url);
      await page.bringToFront();  // focus events come from the window that has the focus
      await page.waitForFunction(([r]) => document.documentElement.dataset.qiaoReady === '1' && window.qiao &&
        window.qiao.route() === r && document.querySelector('#qiao-a11y [data-qiao-id]'),
      [route.replace(/^(lesson\/[^/]+)\/\d+$/, '$1')], { timeout: TIMEOUT, polling: 50 });
      const app = (await page.evaluate(() => window.qiao.tree())).root;
      const want = (n) => (CONTROL_ROLES[n.role] ? 'control' : n.role === 'heading' ? 'heading' : null);
      const count = (nodes, kind) => nodes.filter(kind).length;
      const appControls = count(flatten(app), (n) => want(n) === 'control');
      const appHeadings = count(flatten(app), (n) => want(n) === 'heading');
      const deadline = Date.now() + TIMEOUT;
      for (;;) {
        const doc = await reader.tree(url);
        const nodes = doc ? flatten(doc) : [];
        const controls = count(nodes, (n) => ATSPI_CONTROLS.has(n.role));
        const headings = count(nodes, (n) => n.role === 'heading');
        // A new screen puts the focus on its heading: the screen is there when AT-SPI says so.
        const focused = nodes.find((n) => n.states.includes('focused'));
        if (doc && controls === appControls && headings === appHeadings && focused && focused.role === 'heading')
          return { url, app, doc, focused };
        if (Date.now() > deadline)
          throw new Error(`AT-SPI never showed the app's ${appControls} controls and ${appHeadings} headings, the focus on a heading, ` +
                          `on ${locale} ${route} (it has ${doc ? `${controls} and ${headings}, the focus on ${focused ? show(focused) : 'nothing'}` : 'no such page'})`);
        await sleep(100);
      }
    };

    for (const [locale, script] of Object.entries(LOCALES)) {
      for (const route of ROUTES) {
        await step(`${locale} ${route}: every control named in ${script} script, headings, Tab in reading order`, async () => {
          const { url, app, doc, focused: start } = await open(locale, route);
          const found = problems(doc, app, script);
          assert(found.length === 0, `AT-SPI reads:\n    ${found.join('\n    ')}`);

          // Tab through the page, from the screen's heading (where a new screen puts the focus).
          const stops = tabStops(doc, app);
          assert(stops.length >= 2, `only ${stops.length} controls to Tab through`);
          const fromHere = (e) => e.url === url;
          const after = stops.findIndex((s) => comparePaths(s.path, start.path) > 0);
          const expected = [];
          for (let i = 0; i <= stops.length; i++) expected.push(stops[((after < 0 ? 0 : after) + i) % stops.length]);
          const visited = [];
          let last = start;
          for (let i = 0; i < expected.length; i++) {
            const before = reader.focus.length;
            await page.keyboard.press('Tab');
            const e = await reader.waitFocus(before, (x) => fromHere(x) && !samePath(x.node.path, last.path),
                                             `a focus event after Tab ${i + 1} (last focus: ${show(last)})`);
            await sleep(DEBOUNCE_MS);  // the app's key debounce; also lets a stray second move show
            const moves = reader.focus.slice(before).filter((x) => fromHere(x) && x.node.states.includes('focused'));
            while (moves.length && samePath(moves[0].node.path, last.path)) moves.shift();  // a late echo of the last stop
            const distinct = moves.filter((x, k) => k === 0 || !samePath(x.node.path, moves[k - 1].node.path));
            assert(distinct.length === 1, `Tab ${i + 1} moved the focus ${distinct.length} times: ${distinct.map((x) => show(x.node)).join(' -> ')}`);
            visited.push(e.node);
            last = e.node;
          }
          const line = (list) => list.map(show).join(', ');
          const wrong = expected.findIndex((s, i) => !samePath(s.path, visited[i].path));
          assert(wrong < 0, `Tab order is not reading order at stop ${wrong + 1}:\n    reading order: ${line(expected)}\n    Tab order:     ${line(visited)}`);
        });
      }
    }

    await step('the checks report a missing name and a name in another script', async () => {
      const { url, app } = await open('zh-Hans', 'home');
      // Two of Home's buttons as a broken mirror would have them: no name, and English.
      await page.evaluate(() => {
        const buttons = document.querySelectorAll('#qiao-a11y button');
        buttons[buttons.length - 1].firstChild.textContent = '';
        buttons[buttons.length - 2].firstChild.textContent = 'Settings';
      });
      const deadline = Date.now() + TIMEOUT;
      let found = [];
      while (Date.now() < deadline) {
        const doc = await reader.tree(url);
        found = problems(doc, app, 'Han');
        if (found.some((p) => /has no name/.test(p)) && found.some((p) => /"Settings" has letters not in Han script/.test(p))) return;
        await sleep(100);
      }
      throw new Error(`the checks did not report both broken names; they said:\n    ${found.join('\n    ')}`);
    });
    if (failures) console.log('browser console:\n  ' + log.slice(-20).join('\n  '));
  } catch (e) {
    failures++;
    console.log(`FAIL  ${e.stack || e}`);
  } finally {
    if (context) await context.close();
    await server.stop();
    await reader.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} AT-SPI test step(s) failed` : 'all AT-SPI test steps passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
