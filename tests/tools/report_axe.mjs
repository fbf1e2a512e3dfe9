// The bureau's usage report (`qiao-pack report`) in real Chromium: rendered from the sample
// exports in tests/tools/report/, opened from a file as a bureau would (offline), then
//   1. axe-core with the WCAG 2.2 A/AA rules finds 0 violations and 0 needing review, but for
//      the contrast of text inside the charts' SVG, which axe cannot measure: the test does
//      (its fill against the page's background, at least 4.5:1, and no bar under it);
//   2. the page asked for nothing but itself (no font, image, style or script from anywhere);
//   3. its Content-Security-Policy was not violated (the stylesheet is allowed by its hash);
//   4. every chart is an image with a name, and a table follows it.
// The browser set-up is web/tests/browser_test.mjs's: Debian's /usr/bin/chromium, headless,
// driven by playwright-core, axe-core from the same node_modules (NODE_PATH, see report.cmake).
// Usage: node report_axe.mjs QIAO_PACK_BINARY SAMPLES_DIR OUT_HTML. Exit 0 = all passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [pack, samples, out] = process.argv.slice(2);
const csvs = fs.readdirSync(samples).filter((f) => f.endsWith('.csv')).sort().map((f) => path.join(samples, f));
// bad.csv is among them: the page is still written (exit 1 says lines were skipped).
const r = spawnSync(pack, ['report', ...csvs, '--out', out], { encoding: 'utf8' });
if (r.status !== 1 || !fs.existsSync(out)) {
  console.log(`FAIL  qiao-pack report exited ${r.status}:\n${r.stderr}`);
  process.exit(1);
}

const problems = [];
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-report-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
try {
  const violations = [];
  await context.exposeBinding('qiaoCspViolation', (_, v) => violations.push(v));
  await context.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => window.qiaoCspViolation(`${e.violatedDirective}: ${e.blockedURI}`)));
  const page = context.pages()[0] || await context.newPage();
  const url = pathToFileURL(path.resolve(out)).href;
  const requests = [];
  page.on('request', (q) => requests.push(q.url()));
  await page.goto(url, { waitUntil: 'load' });

  await page.evaluate(AXE_SOURCE);  // evaluated, not a <script>: the page's policy allows none
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  for (const v of axe.violations)
    problems.push(`axe: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  // axe cannot find the background of text inside an SVG (it "contains an image node") and asks
  // for review: the test reviews it, measuring each chart text's fill against the page.
  const inSvg = new Set(await page.evaluate((targets) => targets.filter((t) => document.querySelector(t)?.closest('svg')),
    (axe.incomplete.find((v) => v.id === 'color-contrast')?.nodes || []).map((n) => n.target.join(' '))));
  for (const v of axe.incomplete) {
    const nodes = v.id === 'color-contrast' ? v.nodes.filter((n) => !inSvg.has(n.target.join(' '))) : v.nodes;
    if (nodes.length)
      problems.push(`axe: ${v.id} needs review (${v.help}) at ${nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${(n.any[0] || n.all[0] || {}).message}`).join(', ')}`);
  }
  const lowContrast = await page.evaluate(() => {
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
    const page = lum(rgb(getComputedStyle(document.body).backgroundColor));
    const bad = [];
    for (const t of document.querySelectorAll('svg text')) {
      const fill = lum(rgb(getComputedStyle(t).fill));
      const ratio = (Math.max(page, fill) + 0.05) / (Math.min(page, fill) + 0.05);
      if (ratio < 4.5) bad.push(`${t.textContent}: ${ratio.toFixed(2)}:1 against the page`);
      // Nothing is drawn under a text (its background is the page's).
      const box = t.getBBox();
      for (const r of t.ownerSVGElement.querySelectorAll('rect')) {
        const b = r.getBBox();
        if (b.x < box.x + box.width && box.x < b.x + b.width && b.y < box.y + box.height && box.y < b.y + b.height)
          bad.push(`${t.textContent}: drawn over a bar`);
      }
    }
    return { bad, texts: document.querySelectorAll('svg text').length };
  });
  if (lowContrast.texts === 0) problems.push('no chart text measured');
  for (const b of lowContrast.bad) problems.push(`chart text: ${b}`);
  // axe really looked: it checked the tables' headers and the charts' names.
  const passed = (id) => (axe.passes.find((x) => x.id === id) || { nodes: [] }).nodes.length;
  if (passed('svg-img-alt') === 0) problems.push('axe checked no chart (svg-img-alt)');
  if (passed('th-has-data-cells') === 0) problems.push('axe checked no table (th-has-data-cells)');

  for (const u of requests) if (u !== url) problems.push(`the page asked for ${u}`);
  for (const v of violations) problems.push(`Content-Security-Policy violated: ${v}`);
  const charts = await page.evaluate(() => [...document.querySelectorAll('svg')].map((svg) => ({
    role: svg.getAttribute('role'),
    named: !!(svg.getAttribute('aria-labelledby') && document.getElementById(svg.getAttribute('aria-labelledby'))?.textContent),
    table: !!svg.nextElementSibling?.querySelector('table'),
  })));
  if (charts.length < 5) problems.push(`expected a chart per section, found ${charts.length}`);
  charts.forEach((c, i) => {
    if (c.role !== 'img' || !c.named) problems.push(`chart ${i + 1} is not a named image`);
    if (!c.table) problems.push(`chart ${i + 1} has no table after it`);
  });
  const scripts = await page.evaluate(() => document.querySelectorAll('script').length);
  if (scripts !== 0) problems.push(`${scripts} <script> elements in the page`);
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
for (const p of problems) console.log(`FAIL  ${p}`);
if (problems.length === 0) console.log(`ok    ${out}: axe 0 violations, nothing loaded, no script, a table behind every chart`);
process.exit(problems.length ? 1 : 0);
