// End-to-end tests of the browser build in real Chromium (Debian's, headless, WebGL 2 through
// SwiftShader), driven with playwright-core. One browser for all steps, which build on each
// other the way a learner's visit does:
//   1. the page loads: progress bar in bytes, a no-JavaScript message in the HTML;
//   2. the app signals ready (a marker web.cpp sets, never a sleep);
//   3. a language is picked with a click at the button's place from the accessibility tree;
//   4. a lesson step advances with the keyboard, and one with a click;
//   5. a screenshot of the lesson is not blank;
//   6. a reload lands on the same lesson step (session kept in IndexedDB);
//   7. with the server stopped, a reload still starts the app (service worker) at that step;
//   8. picking 中文 fetches zh's larger font and the lesson shows in Chinese (not blank);
//   then the screen-reader mirror (web/a11y_bridge.js, issue #5):
//   9. the mirror is there from the start: one element per node, native elements, lang and dir,
//      the canvas aria-hidden, focus on the new screen's heading;
//  10. axe-core with the WCAG 2.2 A/AA rules (target-size included) finds 0 violations on every
//      screen, in en, zh-Hans and ug (right to left);
//  11. Chromium's own accessibility tree (CDP Accessibility.getFullAXTree) lists every button of
//      the lesson screen with its localized name;
//  12. clicking through the mirrored DOM (as assistive technology does) advances the lesson,
//      and the step change is announced in the polite live region without moving focus;
//  13. with ?kiosk=1 (a shared device) nothing of the last person's visit is there after a reload;
//   and what issue #17 added:
//  14. the learner is told, in their language, that the app is saved for offline use (on screen,
//      in the mirror's live region), once the service worker has every file (before step 7 cuts
//      the network), and again in Chinese;
//  15. the 3,500-Hanzi font is fetched only when the learner first types (Home's search);
//      a Chinese learner's first visit fetches no glyphs twice: each font file once, the CJK
//      stage an addition to the picker's font (not a second copy of its glyphs), and Home and a
//      lesson step show no character as a box (the engine's missing-glyph count);
//  16. every file but index.html, sw.js, files.json and the manifest has a content hash in its
//      name, and a second version's service worker downloads only the file that changed;
//  17. a pack whose texts are markup and script: shown and mirrored as text, nothing runs;
//  18. the page has a Content-Security-Policy and nothing violated it during all of the above;
//  19. the .wasm compiled while downloading (no fallback to compiling a downloaded copy);
//  20. search finds titles by pinyin and initials (zh-Hans) and by Latin readings of Uyghur and
//      Tibetan titles (ULY, Wylie), through the keys in the language's bundle: the browser's
//      ICU has no transliteration or collation; a language's bundle comes when it is picked.
// Usage: node web/tests/browser_test.mjs SITE_DIR [--screenshots DIR]
// NODE_PATH must reach playwright-core (./qiao sets it). Exit code 0 = all passed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const SITE = path.resolve(args[0] || path.join(ROOT, 'build/web/site'));
const shotsAt = args.indexOf('--screenshots');
const SHOTS = shotsAt >= 0 ? path.resolve(args[shotsAt + 1]) : null;
const TIMEOUT = 90_000;  // SwiftShader on a busy 2-core machine is slow; waits end on markers

// What the learner should see comes from the same files the app reads.
const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/en.json'), 'utf8')).strings;
const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/zh-Hans.json'), 'utf8')).strings;
const T = (key) => en[key] ?? (() => { throw new Error(`no "${key}" in locales/en.json`); })();
const pack = JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons/basics.pack.json'), 'utf8'));
const lesson = pack.lessons.find((l) => l.id === 'qr-code');
const stepName = (i, strings = en) => strings['lesson.step_of'].replace('{step}', i).replace('{total}', lesson.steps.length);
const guides = JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons/guides.pack.json'), 'utf8')).guides;
// A lesson's or guide's title in one language, from whichever pack holds it.
const titleOf = (id, tag) => {
  for (const f of fs.readdirSync(path.join(ROOT, 'lessons')).filter((n) => n.endsWith('.pack.json'))) {
    const p = JSON.parse(fs.readFileSync(path.join(ROOT, 'lessons', f), 'utf8'));
    const item = [...(p.lessons || []), ...(p.guides || [])].find((x) => x.id === id);
    if (item) return item.title[tag];
  }
  throw new Error(`no lesson or guide "${id}" in lessons/`);
};
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let failures = 0;
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL  ${name}: ${e.stack || e}`);
    throw e;  // later steps build on this one
  }
}
function assert(cond, message) { if (!cond) throw new Error(message); }

let port = 0;  // any free port first, then the same one again (same origin: same SW and IndexedDB)
const served = [];  // paths the server was asked for ("GET /path"), all servers of the run
function startServer(site = SITE) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'web/serve.mjs'), site, String(port), '--log'], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (d) => {
      for (const line of String(d).split('\n')) if (/^GET \//.test(line)) served.push(line.slice(4));
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
      if (m) port = Number(new URL(m[0]).port);
      if (m) resolve({ url: m[0], stop: () => new Promise((r) => { p.once('exit', r); p.kill(); }) });
    });
    p.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

// Accessibility tree helpers (JSON from qiao_tree_json; see README "--dump-tree").
const flatten = (n, out = []) => { if (n) { out.push(n); (n.children || []).forEach((c) => flatten(c, out)); } return out; };
async function nodes(page) { return flatten((await page.evaluate(() => window.qiao.tree())).root); }
async function find(page, role, pred) {
  return (await nodes(page)).find((n) => n.role === role && (typeof pred === 'string' ? n.name === pred : pred(n)));
}
// fn must return its answer synchronously: waitForFunction takes a returned Promise as truthy.
async function waitFor(page, fn, arg, what) {
  try {
    await page.waitForFunction(fn, arg, { timeout: TIMEOUT, polling: 50 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what} (route ${await page.evaluate(() => window.qiao?.route())})`);
  }
}
const waitRoute = (page, route) => waitFor(page, (r) => window.qiao && window.qiao.route() === r, route, `route ${route}`);
function waitNode(page, role, name) {
  return waitFor(page, ([role, name]) => {
    const walk = (n) => n && ((n.role === role && n.name === name) || (n.children || []).some(walk));
    return window.qiao && walk(window.qiao.tree().root);
  }, [role, name], `${role} "${name}"`);
}
async function clickNode(page, role, name) {
  const n = await find(page, role, name);
  assert(n, `no ${role} "${name}" on screen`);
  const [x, y, w, h] = n.bounds;
  await page.mouse.click(x + w / 2, y + h / 2);
}
async function waitReady(page) {
  await waitFor(page, () => document.documentElement.dataset.qiaoReady === '1', undefined, 'the app to signal ready');
}

// Counts distinct colours in a PNG screenshot, decoded by the browser itself.
async function distinctColours(page, png) {
  return page.evaluate(async (b64) => {
    // Not fetch('data:...'): the page's policy allows connections to the site only.
    const img = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], { type: 'image/png' }));
    const c = new OffscreenCanvas(img.width, img.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, img.width, img.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  }, png.toString('base64'));
}

async function main() {
  assert(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE} (./qiao web build)`);
  let server = await startServer();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Content-Security-Policy violations, from every page load (the listener is installed before
  // the page's own scripts run; reported through a binding, which the policy does not govern).
  const violations = [];
  await context.exposeBinding('qiaoCspViolation', (_, v) => violations.push(v));
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.qiaoCspViolation(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)));
  const page = context.pages()[0] || await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  try {
    await step('the page loads with a byte progress bar and a no-JavaScript message', async () => {
      const html = await (await fetch(server.url)).text();
      assert(/<noscript>[\s\S]*JavaScript[\s\S]*<\/noscript>/.test(html), 'no <noscript> message');
      await page.goto(server.url);
      const bar = await page.$('progress#progress');
      assert(bar, 'no progress bar');
      await waitFor(page, () => / KB$/.test(document.getElementById('progress-text').textContent) ||
                                document.documentElement.dataset.qiaoReady === '1', undefined, 'download progress in KB');
    });

    await step('the app signals ready and shows the language picker', async () => {
      await waitReady(page);
      assert(await page.evaluate(() => window.qiao.route()) === 'picker', 'not on the picker');
      assert(await find(page, 'button', 'English'), 'no English button on the picker');
      assert(await find(page, 'button', '中文'), 'no 中文 button on the picker');
      if (SHOTS) fs.writeFileSync(path.join(SHOTS, 'web-picker.png'), await page.screenshot());
    });

    await step('a language is picked by a click at its button', async () => {
      await clickNode(page, 'button', 'English');
      await waitRoute(page, 'home');
      await waitNode(page, 'button', T('home.lessons'));
    });

    await step('a lesson opens and its steps advance with the keyboard and with clicks', async () => {
      await clickNode(page, 'button', T('home.lessons'));
      await waitNode(page, 'link', lesson.title.en);
      await clickNode(page, 'link', lesson.title.en);
      await waitRoute(page, 'lesson/qr-code');
      await waitNode(page, 'progressbar', stepName(1));
      // Keyboard: move the focus (arrow keys, as a keyboard or switch user does) to Next, press Space.
      let focused;
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(0);
        await waitFor(page, () => (() => { const w = (n) => n && ((n.states || []).includes('focused') || (n.children || []).some(w)); return w(window.qiao.tree().root); })(), undefined, 'a focused node');
        focused = (await nodes(page)).find((n) => (n.states || []).includes('focused'));
        if (focused && focused.name === T('nav.next')) break;
      }
      assert(focused && focused.name === T('nav.next'), `arrow keys never reached Next (last focus: ${focused && focused.name})`);
      await page.keyboard.press('Space');
      await waitNode(page, 'progressbar', stepName(2));
      // Mouse: a click at the Next button's place.
      await clickNode(page, 'button', T('nav.next'));
      await waitNode(page, 'progressbar', stepName(3));
    });

    await step('a screenshot of the lesson is not blank', async () => {
      const png = await page.screenshot();
      if (SHOTS) fs.writeFileSync(path.join(SHOTS, 'web-lesson-en.png'), png);
      const colours = await distinctColours(page, png);
      assert(colours >= 8, `the lesson screenshot has only ${colours} colours`);
    });

    await step('a reload keeps the learner at the same lesson step (IndexedDB)', async () => {
      // The session is synced to IndexedDB shortly after input; wait for it to be written.
      // (page.waitForFunction takes a returned Promise as truthy, so this polls from here.)
      const sessionInIndexedDb = () => page.evaluate(() => new Promise((resolve) => {
        const r = indexedDB.open('/data');
        r.onerror = () => resolve(false);
        r.onsuccess = () => {
          const db = r.result;
          try {
            const g = db.transaction(['FILE_DATA'], 'readonly').objectStore('FILE_DATA').get('/data/session.json');
            g.onsuccess = () => {
              db.close();
              if (!g.result) return resolve(false);
              // app/store's format: one header line (checksum, length), then the session's JSON.
              const text = new TextDecoder().decode(g.result.contents);
              try { resolve(JSON.parse(text.substring(text.indexOf('\n') + 1)).lessonStep['qr-code'] === 2); } catch (e) { resolve(false); }
            };
            g.onerror = () => { db.close(); resolve(false); };
          } catch (e) { db.close(); resolve(false); }
        };
      }));
      const deadline = Date.now() + TIMEOUT;
      while (!(await sessionInIndexedDb())) {
        assert(Date.now() < deadline, 'timed out waiting for the session in IndexedDB');
        await new Promise((r) => setTimeout(r, 50));
      }
      await page.reload();
      await waitReady(page);
      await waitRoute(page, 'lesson/qr-code');
      await waitNode(page, 'progressbar', stepName(3));
    });

    await step('the learner is told the app is saved on this phone, on screen and in the live region', async () => {
      // The service worker has every file of English by now (or soon): the notice appears on the
      // lesson screen the reload above opened, as a status node the mirror reads out.
      const notice = T('web.saved_offline');
      await waitNode(page, 'status', notice);
      await waitFor(page, (t) => document.getElementById('qiao-live-polite').textContent.includes(t), notice,
                    'the notice in the polite live region');
      const cache = await page.evaluate(async (version) => (await caches.keys()).includes('qiao-' + version),
                                        await page.evaluate(() => window.qiao.version));
      assert(cache, 'no offline cache of this version');
    });

    await step('with the server stopped, a reload starts the app from the service worker', async () => {
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
      await server.stop();
      server = null;
      await page.reload();
      await waitReady(page);
      await waitRoute(page, 'lesson/qr-code');
      await waitNode(page, 'progressbar', stepName(3));
      await clickNode(page, 'button', T('nav.next'));
      await waitNode(page, 'progressbar', stepName(4));
    });

    await step('picking 中文 fetches its fonts (not yet the 3,500 Hanzi) and the lesson reads in Chinese', async () => {
      server = await startServer();  // back online, same origin
      // Caught here so a timeout is reported by this step, not as an unhandled rejection.
      const zhLoaded = page.waitForEvent('console', { predicate: (m) => m.text() === 'qiao: fonts for zh-Hans loaded', timeout: TIMEOUT })
        .then(() => null, (e) => e);
      await clickNode(page, 'button', T('nav.home'));
      await waitRoute(page, 'home');
      await clickNode(page, 'button', T('nav.home'));  // Home on Home is the language picker
      await waitRoute(page, 'picker');
      await clickNode(page, 'button', '中文');
      await waitRoute(page, 'home');
      const fontError = await zhLoaded;
      assert(!fontError, `the zh-Hans fonts were not loaded: ${fontError && fontError.message}`);
      await clickNode(page, 'button', zh['home.lessons']);
      await waitNode(page, 'link', lesson.title['zh-Hans']);
      await clickNode(page, 'link', lesson.title['zh-Hans']);
      await waitRoute(page, 'lesson/qr-code');
      const png = await page.screenshot();
      if (SHOTS) fs.writeFileSync(path.join(SHOTS, 'web-lesson-zh.png'), png);
      const colours = await distinctColours(page, png);
      assert(colours >= 8, `the Chinese lesson screenshot has only ${colours} colours`);
      assert(!served.some((p) => p.startsWith('/fonts-zh-Hans-3500/')), 'the 3,500-Hanzi font came before any typing');
    });

    await step('typing in search fetches the 3,500-Hanzi font', async () => {
      const searchLoaded = page.waitForEvent('console', { predicate: (m) => m.text() === 'qiao: fonts for zh-Hans loaded, with search', timeout: TIMEOUT })
        .then(() => null, (e) => e);
      await clickNode(page, 'button', zh['nav.home']);
      await waitRoute(page, 'home');
      await clickNode(page, 'textbox', zh['home.search']);
      await page.keyboard.type('qr');
      const fontError = await searchLoaded;
      assert(!fontError, `the search font was not loaded: ${fontError && fontError.message}`);
      assert(served.some((p) => p.startsWith('/fonts-zh-Hans-3500/')), 'the server was not asked for the 3,500-Hanzi font');
    });

    await step('a Chinese learner downloads no glyph file twice, and Chinese draws with the added glyphs', async () => {
      // A first visit in a browser of its own (no offline copy, no HTTP cache, no remembered
      // language): the picker, then 中文, Home and a lesson step.
      const manifest = JSON.parse(fs.readFileSync(path.join(SITE, 'files.json'), 'utf8'));
      const nameOf = new Map([...manifest.files, ...Object.values(manifest.perLocale).flat(2),
                              ...Object.values(manifest.search).flat()].map((f) => ['/' + f.path, f.name]));
      const profile2 = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-chromium-'));
      const fresh = await chromium.launchPersistentContext(profile2, {
        executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 800 },
        args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const p2 = fresh.pages()[0] || await fresh.newPage();
        const before = served.length;
        const zhLoaded = p2.waitForEvent('console', { predicate: (m) => m.text() === 'qiao: fonts for zh-Hans loaded', timeout: TIMEOUT })
          .then(() => null, (e) => e);
        await p2.goto(server.url);
        await waitReady(p2);
        await clickNode(p2, 'button', '中文');
        await waitRoute(p2, 'home');
        const fontError = await zhLoaded;
        assert(!fontError, `the zh-Hans fonts were not loaded: ${fontError && fontError.message}`);
        await waitNode(p2, 'button', zh['home.lessons']);
        // Home drawn again with the reloaded fonts (the app draws on animation frames).
        await p2.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const home = await p2.evaluate(() => window.qiao.missingGlyphs());
        await clickNode(p2, 'button', zh['home.lessons']);
        await waitNode(p2, 'link', lesson.title['zh-Hans']);
        await clickNode(p2, 'link', lesson.title['zh-Hans']);
        await waitRoute(p2, 'lesson/qr-code');
        await waitNode(p2, 'progressbar', stepName(1, zh));
        await clickNode(p2, 'button', zh['nav.next']);
        await waitNode(p2, 'progressbar', stepName(2, zh));
        const lessonMissing = await p2.evaluate(() => window.qiao.missingGlyphs());
        if (SHOTS) fs.writeFileSync(path.join(SHOTS, 'web-lesson-zh-first-visit.png'), await p2.screenshot());
        const fonts = served.slice(before).filter((p) => p.startsWith('/fonts'));
        const twice = fonts.filter((p, i) => fonts.indexOf(p) !== i);
        assert(twice.length === 0, `font files fetched twice: ${twice.join(', ')}`);
        // A stage file named as a first-visit file replaces it: its glyphs came a second time.
        const names = fonts.map((p) => nameOf.get(p) || p);
        const again = names.filter((n, i) => names.indexOf(n) !== i);
        assert(again.length === 0, `the picker's glyphs were downloaded again inside zh-Hans's: ${again.join(', ')}`);
        assert(fonts.some((p) => p.startsWith('/fonts-zh-Hans/')), `no zh-Hans font was fetched (${fonts.join(', ')})`);
        assert(home === 0 && lessonMissing === 0,
               `characters drawn as boxes: ${home} on Home, ${lessonMissing} by the lesson's second step`);
      } finally {
        await fresh.close();
        fs.rmSync(profile2, { recursive: true, force: true });
      }
    });

    await step('the offline notice reads in Chinese for a Chinese learner', async () => {
      await page.goto(`${server.url}?locale=zh-Hans`);
      await waitReady(page);
      await waitNode(page, 'status', zh['web.saved_offline']);
    });

    await step("search finds pinyin, initials, and Uyghur and Tibetan titles by their Latin readings, from the bundle's keys", async () => {
      // The browser makes no keys (its ICU has neither transliteration nor collation): each of
      // these is found only through the keys `qiao-pack bundle` put in the language's bundle.
      const cases = [
        ['zh-Hans', 'shebaoka', titleOf('social-security-card', 'zh-Hans')],  // pinyin
        ['zh-Hans', 'sbk', titleOf('social-security-card', 'zh-Hans')],       // initials
        ['ug', 'uchur', titleOf('fraud-sms', 'ug')],                          // ULY for ئۇچۇر
        ['bo', 'mgoskor', titleOf('fraud-call', 'bo')],                       // Wylie for མགོ་སྐོར
      ];
      for (const [tag, query, title] of cases) {
        assert(title, `no ${tag} title to look for`);
        await page.goto(`${server.url}?locale=${tag}`);
        await waitReady(page);
        await waitRoute(page, 'home');
        const box = await find(page, 'textbox', () => true);
        assert(box, `no search box on Home (${tag})`);
        const [x, y, w, h] = box.bounds;
        await page.mouse.click(x + w / 2, y + h / 2);
        await page.keyboard.type(query);
        await waitNode(page, 'link', title);
      }
    });

    // [the screen-reader mirror]
    const open = async (locale, route) => {
      await page.goto(`${server.url}?locale=${locale}&open=${encodeURIComponent(route)}`);
      await waitReady(page);
      await waitRoute(page, route.replace(/^(lesson\/[^/]+)\/\d+$/, '$1'));
      await waitFor(page, () => document.querySelector('#qiao-a11y [data-qiao-id]'), undefined, 'the mirror');
    };
    // The mirror as the page has it: [{id, tag, text, lang, dir}] for nodes of the app's tree.
    const mirror = () => page.evaluate(() => [...document.querySelectorAll('#qiao-a11y [data-qiao-id]')].map((e) => ({
      id: Number(e.dataset.qiaoId), tag: e.tagName.toLowerCase(), type: e.type || '', text: e.textContent,
      label: e.getAttribute('aria-label') || '', lang: e.lang, dir: e.dir })));

    await step('the screen-reader mirror has one element per node, native elements, lang and dir', async () => {
      await open('ug', 'home');
      assert(await page.evaluate(() => document.getElementById('canvas').getAttribute('aria-hidden')) === 'true', 'the canvas is not aria-hidden');
      const els = await mirror();
      const tree = await nodes(page);
      for (const n of tree) {
        const e = els.find((x) => x.id === n.id);
        assert(e, `node ${n.role} "${n.name}" has no element in the mirror`);
        assert(e.lang === (n.lang || ''), `${n.role} "${n.name}": lang "${e.lang}", node says "${n.lang}"`);
        if (n.role === 'button') assert(e.tag === 'button' && e.text.startsWith(n.name), `button "${n.name}" is <${e.tag}> "${e.text}"`);
        if (n.role === 'heading') assert(/^h[1-3]$/.test(e.tag), `heading "${n.name}" is <${e.tag}>`);
        if (n.role === 'checkbox') assert(e.tag === 'input' && e.type === 'checkbox', `checkbox "${n.name}" is <${e.tag} ${e.type}>`);
      }
      assert(await page.evaluate(() => document.documentElement.dir) === 'rtl', 'Uyghur page is not dir=rtl');
      assert(els.some((e) => e.dir === 'rtl' && e.lang === 'ug'), 'no Uyghur element with dir=rtl');
      // A new screen puts focus on its heading, in the DOM too: the screen reader reads it.
      const h1 = await page.evaluate(() => { const a = document.activeElement; return a && a.tagName + ' ' + a.textContent; });
      assert(/^H1 /.test(h1 || ''), `focus is not on the screen's heading (active element: ${h1})`);
      // Text goes in as text: markup in a name stays visible characters.
      assert(await page.evaluate(() => !document.querySelector('#qiao-a11y script, #qiao-a11y img')), 'markup in the mirror');
    });

    await step('axe-core (WCAG 2.2 A/AA, target-size included): 0 violations, 0 needing review, on every screen', async () => {
      const qr = (i) => `lesson/${lesson.id}/${i}`;
      const routes = ['picker', 'home', 'lessons', ...lesson.steps.map((_, i) => qr(i + 1)), 'guides',
                      `guide/${guides[0].id}`, 'settings', 'help'];
      const report = [];
      for (const locale of ['en', 'zh-Hans', 'ug']) {
        for (const route of (locale === 'en' ? routes : ['home', qr(3), qr(6), `guide/${guides[0].id}`, 'settings'])) {
          await open(locale, route);
          await page.evaluate(AXE_SOURCE);  // not addScriptTag: the policy allows no inline script
          const r = await page.evaluate(() => window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
            rules: { 'target-size': { enabled: true } },
          }));
          for (const v of r.violations)
            report.push(`${locale} ${route}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
          // The mirror was really checked: its controls are targets axe measured.
          const checked = (id) => (r.passes.find((x) => x.id === id) || { nodes: [] }).nodes.length;
          assert(checked('target-size') > 0, `axe measured no target sizes on ${locale} ${route}`);
          for (const x of r.incomplete)
            report.push(`${locale} ${route}: ${x.id} needs review (${x.help}) at ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        }
      }
      assert(report.length === 0, `axe violations:\n    ${report.join('\n    ')}`);
    });

    await step("Chromium's accessibility tree lists every lesson button with its localized name", async () => {
      await open('zh-Hans', `lesson/${lesson.id}/2`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Accessibility.enable');
      const { nodes: ax } = await cdp.send('Accessibility.getFullAXTree');
      const axButtons = ax.filter((n) => !n.ignored && n.role && n.role.value === 'button').map((n) => n.name && n.name.value);
      const buttons = (await nodes(page)).filter((n) => n.role === 'button');
      assert(buttons.length >= 3, `only ${buttons.length} buttons in the lesson's tree`);
      for (const b of buttons) assert(axButtons.includes(b.name), `Chromium has no button "${b.name}" (it has: ${axButtons.join(', ')})`);
      assert(buttons.some((b) => b.name === zh['nav.next']), 'no 下一步 button: names are not localized');
      await cdp.detach();
    });

    await step('clicking through the mirrored DOM advances the lesson, announces the step; DOM focus follows Tab', async () => {
      await open('en', `lesson/${lesson.id}/1`);
      await waitNode(page, 'progressbar', stepName(1));
      const next = page.locator('#qiao-a11y button', { hasText: T('nav.next') });
      // Everything the polite region says from now on: another live node (the offline notice, which
      // comes when the service worker is done) may follow the step's announcement within
      // milliseconds, so the region's text at one poll is not the record of what was said.
      await page.evaluate(() => {
        const region = document.getElementById('qiao-live-polite');
        window.qiaoSaid = [];
        new MutationObserver(() => { if (region.textContent) window.qiaoSaid.push(region.textContent); })
          .observe(region, { childList: true, subtree: true, characterData: true });
      });
      await next.dispatchEvent('click');  // what a screen reader's "activate" does: no pointer
      await waitNode(page, 'progressbar', stepName(2));
      await waitFor(page, (t) => window.qiaoSaid.includes(t), stepName(2), 'the step in the polite live region');
      const focusAfter = await page.evaluate(() => document.activeElement && document.activeElement.dataset.qiaoId);
      assert(focusAfter, 'focus left the mirror');
      // The keyboard moves the app's focus; the screen reader's (DOM) focus follows it.
      for (let i = 0; i < 3; i++) {
        await page.waitForTimeout(600);  // the same key twice within 0.5 s counts once
        await page.keyboard.press('Tab');
        await waitFor(page, () => {
          const f = (function w(n) { return n && ((n.states || []).includes('focused') ? n : (n.children || []).map(w).find(Boolean)); })(window.qiao.tree().root);
          return f && document.activeElement && Number(document.activeElement.dataset.qiaoId) === f.id;
        }, undefined, `DOM focus to follow the app's focus after Tab ${i + 1}`);
      }
    });

    await step('?kiosk=1 (a shared device) keeps no session: a reload starts at the language picker', async () => {
      await page.goto(`${server.url}?kiosk=1`);
      await waitReady(page);
      await waitRoute(page, 'picker');
      await clickNode(page, 'button', 'English');
      await waitRoute(page, 'home');
      await clickNode(page, 'button', T('home.lessons'));
      await waitNode(page, 'link', lesson.title.en);
      await clickNode(page, 'link', lesson.title.en);
      await waitRoute(page, `lesson/${lesson.id}`);
      await page.waitForTimeout(500);  // past the page's 200 ms IndexedDB sync
      await page.reload();
      await waitReady(page);
      assert(await page.evaluate(() => window.qiao.route()) === 'picker', 'the next person found the last one\'s lesson');
    });

    await step('content-hashed names; a second version downloads only the file that changed', async () => {
      const files = JSON.parse(fs.readFileSync(path.join(SITE, 'files.json'), 'utf8'));
      const fixed = new Set(['index.html', 'sw.js', 'files.json', 'manifest.webmanifest']);
      const all = (d, rel = '') => fs.readdirSync(path.join(d, rel), { withFileTypes: true })
        .flatMap((e) => e.isDirectory() ? all(d, path.join(rel, e.name)) : [path.join(rel, e.name)]);
      for (const f of all(SITE)) assert(fixed.has(f) || /\.[0-9a-f]{10}\.[^./]+$/.test(f), `${f} has no content hash in its name`);
      // Version 2: one catalog changed (new bytes, new name), everything else the same.
      const v2 = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-site-v2-'));
      fs.cpSync(SITE, v2, { recursive: true });
      const old = files.files.find((f) => f.name === 'locales/ko.json');
      const bytes = Buffer.concat([fs.readFileSync(path.join(SITE, old.path)), Buffer.from('\n')]);
      const hash = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const changed = old.path.replace(/\.[0-9a-f]{10}\.json$/, `.${hash}.json`);
      fs.rmSync(path.join(v2, old.path));
      fs.writeFileSync(path.join(v2, changed), bytes);
      const version2 = files.version.split('').reverse().join('');
      const swText = fs.readFileSync(path.join(SITE, 'sw.js'), 'utf8');
      assert(swText.includes(files.version) && swText.includes(old.path), 'sw.js does not name the version and the catalog');
      fs.writeFileSync(path.join(v2, 'sw.js'), swText.replaceAll(files.version, version2).replaceAll(old.path, changed));
      fs.writeFileSync(path.join(v2, 'files.json'), JSON.stringify({ ...files, version: version2,
        files: files.files.map((f) => (f === old ? { ...f, path: changed, size: bytes.length } : f)) }));
      await page.goto(server.url);  // version 1 starts and is in control
      await waitReady(page);
      await server.stop();
      server = await startServer(v2);
      const before = served.length;
      await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        await reg.update();
        const sw = reg.installing || reg.waiting;
        if (sw && sw.state !== 'installed')
          await new Promise((r) => sw.addEventListener('statechange', () => ['installed', 'redundant'].includes(sw.state) && r()));
        if (!reg.waiting) throw new Error('no new version waiting');
      });
      const fetched = served.slice(before).filter((p) => /\.[0-9a-f]{10}\.[^./]+$/.test(p));
      assert(fetched.length === 1 && fetched[0] === '/' + changed,
             `version 2's service worker fetched ${fetched.length} hashed files (${fetched.slice(0, 5).join(', ')}), expected only /${changed}`);
      fs.rmSync(v2, { recursive: true, force: true });
    });

    await step('a pack with script-injection texts: they show and are read as text, nothing runs', async () => {
      // Pack texts are trainer-written and travel on USB sticks. A site with one more pack whose
      // texts are markup and script; a fresh start (no service worker, no cache) loads it.
      const hostile = ['<img src=x onerror="window.qiaoPwned=1">', '<a href="javascript:window.qiaoPwned=2">link</a>',
                       '</script><script>window.qiaoPwned=3</script>'];
      const pack = { $schema: 'schema/pack.schema.json', schemaVersion: '1.0', id: 'hostile',
        title: { 'zh-Hans': '测试', en: hostile[0] }, author: 'browser test', license: 'CC-BY-4.0',
        translations: { 'zh-Hans': { status: 'source' }, en: { status: 'source' } },
        lessons: [{ id: 'hostile', title: { 'zh-Hans': '测试', en: hostile[0] }, summary: { 'zh-Hans': '测试', en: hostile[1] },
                    minutes: 1, steps: [{ id: 's1', type: 'text', title: { 'zh-Hans': '测试', en: hostile[2] },
                                          body: { 'zh-Hans': '测试', en: hostile.join(' ') } }] }] };
      const v3 = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-site-hostile-'));
      fs.cpSync(SITE, v3, { recursive: true });
      // The pack joins English's bundle (what the browser loads: web/bundles.py), with an index
      // entry so search and the lesson list know it.
      const files = JSON.parse(fs.readFileSync(path.join(SITE, 'files.json'), 'utf8'));
      const bundle = JSON.parse(fs.readFileSync(path.join(SITE, files.bundles.en.path), 'utf8'));
      bundle.packs.push(pack);
      bundle.index.en.push({ route: 'lesson/hostile', sortKey: '', search: [] });
      const bytes = Buffer.from(JSON.stringify(bundle));
      const hash = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const hostilePath = files.bundles.en.path.replace(/\.[0-9a-f]{10}\.qbundle$/, `.${hash}.qbundle`);
      fs.writeFileSync(path.join(v3, hostilePath), bytes);
      files.bundles.en = { ...files.bundles.en, path: hostilePath, size: bytes.length };
      fs.writeFileSync(path.join(v3, 'files.json'), JSON.stringify(files));
      await page.evaluate(async () => {
        for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
        for (const k of await caches.keys()) await caches.delete(k);
      });
      await server.stop();
      server = await startServer(v3);
      try {
        await page.goto(`${server.url}?locale=en&open=lesson/hostile/1`);
        await waitReady(page);
        await waitRoute(page, 'lesson/hostile');
        await waitFor(page, () => document.querySelector('#qiao-a11y [data-qiao-id]'), undefined, 'the mirror');
        const text = await page.evaluate(() => document.getElementById('qiao-a11y').textContent);
        assert(text.includes(hostile[2]) && text.includes(hostile[0]), `the mirror does not show the texts as text: ${text.slice(0, 300)}`);
        assert(await find(page, 'heading', hostile[2]), 'the app has no heading with the hostile title');
        assert(await page.evaluate(() => !document.querySelector('#qiao-a11y img, #qiao-a11y script, #qiao-a11y a[href^="javascript"]')),
               'markup from the pack became elements');
        assert(await page.evaluate(() => window.qiaoPwned === undefined), 'a script from the pack ran');
      } finally {
        await server.stop();
        server = await startServer();
        fs.rmSync(v3, { recursive: true, force: true });
      }
    });

    await step("a first visit: the page's own picker, drawn while the app's code is held back, lists the app's languages, passes axe, and starts the app in the one picked", async () => {
      // A fresh browser (no remembered language, no offline copy); the .wasm is held back until
      // released, as on a slow link where it takes seconds.
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run'] });
      const locales = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/locales.json'), 'utf8')).locales;
      const fresh = async () => {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
        await ctx.exposeBinding('qiaoCspViolation', (_, v) => violations.push(v));
        await ctx.addInitScript(() => document.addEventListener('securitypolicyviolation',
          (e) => window.qiaoCspViolation(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)));
        let release;
        const held = new Promise((r) => { release = r; });
        await ctx.route(/qiao-web\.[0-9a-f]{10}\.wasm$/, async (route) => { await held; await route.continue(); });
        const p = await ctx.newPage();
        p.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
        await p.goto(server.url);
        await waitFor(p, () => document.documentElement.dataset.qiaoFirstScreen === 'picker', undefined, "the page's picker");
        return { ctx, p, release };
      };
      try {
        const { ctx, p, release } = await fresh();
        assert(!(await p.evaluate(() => document.documentElement.dataset.qiaoReady)), 'the app was ready before its code arrived');
        const buttons = await p.$$eval('#picker button', (bs) => bs.map((b) => ({
          tag: b.dataset.locale, name: b.textContent, lang: b.lang, dir: b.dir, w: b.offsetWidth, h: b.offsetHeight })));
        assert(JSON.stringify(buttons.map((b) => [b.tag, b.name, b.lang])) === JSON.stringify(locales.map((l) => [l.tag, l.endonym, l.tag])),
               `the page's picker is not locales.json's list: ${JSON.stringify(buttons)}`);
        for (const b of buttons) {
          assert(b.dir === (locales.find((l) => l.tag === b.tag).script === 'Arab' ? 'rtl' : ''), `${b.tag}: dir "${b.dir}"`);
          assert(b.w >= 64 && b.h >= 64, `${b.tag}: a ${b.w}x${b.h} target`);
        }
        assert(await p.evaluate(() => document.querySelector('#picker h1').textContent) === zh['picker.title'], 'no Chinese title');
        // Each script is drawn by the first-visit cut of the app's own font for it, not by whatever
        // the phone has (an old phone may have no Tibetan, Mongolian or Yi font): every first-visit
        // .ttf is a loaded face of the page, first in the picker's font list.
        const firstVisit = JSON.parse(fs.readFileSync(path.join(SITE, 'files.json'), 'utf8')).files
          .map((f) => f.name).filter((n) => /^fonts\/[^/]*\.ttf$/.test(n))
          .map((n) => 'qiao-' + n.replace(/^fonts\//, '').replace(/\.ttf$/, '').replace(/-(Regular|Bold)$/, ''));
        for (const family of ['NotoSansArabic', 'NotoSansMongolian', 'NotoSansYi'])
          assert(firstVisit.includes('qiao-' + family), `no first-visit ${family} in files.json: ${firstVisit}`);
        assert(firstVisit.some((f) => /Tibetan/.test(f)), `no first-visit Tibetan font in files.json: ${firstVisit}`);
        const faces = await p.evaluate(() => [...document.fonts].filter((x) => x.status === 'loaded').map((x) => x.family.replace(/"/g, '')));
        for (const family of firstVisit) assert(faces.includes(family), `the picker has no loaded ${family} face (it has ${faces})`);
        const used = await p.evaluate(() => getComputedStyle(document.querySelector('#picker button[data-locale="bo"]')).fontFamily);
        for (const family of new Set(firstVisit)) assert(used.includes(family), `the picker's buttons do not use ${family}: ${used}`);
        await p.evaluate(AXE_SOURCE);
        const r = await p.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
          rules: { 'target-size': { enabled: true } } }));
        const problems = [...r.violations, ...r.incomplete].map((v) => `${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        assert(problems.length === 0, `axe on the page's picker:\n    ${problems.join('\n    ')}`);
        // Nobody picks: the app's own picker takes over, with the same languages in the same order.
        release();
        await waitReady(p);
        assert(await p.evaluate(() => window.qiao.route()) === 'picker', 'the app did not start on its picker');
        assert(await p.evaluate(() => document.getElementById('picker').hidden), "the page's picker is still shown over the app");
        const appNames = (await nodes(p)).filter((n) => n.role === 'button').map((n) => n.name);
        assert(JSON.stringify(appNames) === JSON.stringify(locales.map((l) => l.endonym)), `the app's picker differs: ${appNames}`);
        await ctx.close();

        // Uyghur picked on the page's picker: the app starts on Home in Uyghur, with its fonts and
        // content downloaded once, in the same download.
        const before = served.length;
        const second = await fresh();
        const ug = JSON.parse(fs.readFileSync(path.join(ROOT, 'locales/ug.json'), 'utf8')).strings;
        await second.p.click('#picker button[data-locale="ug"]');
        second.release();
        await waitReady(second.p);
        await waitRoute(second.p, 'home');
        await waitNode(second.p, 'heading', ug['home.title']);
        await waitFor(second.p, () => performance.getEntriesByName('qiao:language ready ug').length > 0, undefined, 'Uyghur fonts and content');
        const manifest = JSON.parse(fs.readFileSync(path.join(SITE, 'files.json'), 'utf8'));
        const wanted = [...(manifest.perLocale.ug[0] || []), manifest.bundles.ug].map((f) => '/' + f.path);
        const asked = served.slice(before);
        for (const w of wanted) assert(asked.filter((x) => x === w).length === 1, `${w} was downloaded ${asked.filter((x) => x === w).length} times`);
        await second.ctx.close();
      } finally {
        await browser.close();
      }
    });

    await step('the page has a Content-Security-Policy, and nothing violated it', async () => {
      const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content || '');
      for (const part of ["script-src 'self' 'wasm-unsafe-eval' 'sha256-", "object-src 'none'", "base-uri 'none'"])
        assert(csp.includes(part), `the policy lacks "${part}": ${csp}`);
      assert(!/unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')), `the policy allows inline code or eval: ${csp}`);
      assert(violations.length === 0, `${violations.length} CSP violation(s):\n    ${violations.slice(0, 10).join('\n    ')}`);
    });

    await step('the .wasm was compiled while it downloaded (streaming), never from a second copy', async () => {
      // index.html logs when it has to fall back to compiling the downloaded bytes.
      const fallbacks = log.filter((l) => l.includes('streaming compilation failed'));
      assert(log.some((l) => l.includes('qiao: ready')), 'the console log is empty');
      assert(fallbacks.length === 0, `streaming compilation fell back: ${fallbacks[0]}`);
    });

  } catch (e) {
    if (!failures) { failures = 1; console.log(`FAIL  ${e.stack || e}`); }
    console.log('browser console:\n  ' + log.slice(-40).join('\n  '));
  } finally {
    await context.close();
    if (server) await server.stop();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures ? `${failures} browser test step(s) failed` : 'all browser test steps passed');
  process.exit(failures ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
