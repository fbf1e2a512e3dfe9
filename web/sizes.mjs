// Prints the size budget of the browser build: raw / gzip -9 / brotli -q11 per file, the
// first-visit total, and Debian's bare Dear ImGui + SDL2 example built with the same toolchain.
//   node web/sizes.mjs SITE_DIR BARE_DIR
// Also writes SITE_DIR/../sizes.md (the same table in Markdown, for the README).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [site, bare] = process.argv.slice(2);
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
const measure = (file) => {
  const data = fs.readFileSync(file);
  return {
    raw: data.length,
    gzip: zlib.gzipSync(data, { level: 9 }).length,
    br: zlib.brotliCompressSync(data, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    }).length,
  };
};
const list = (dir, rel = '') =>  // recursive, without node 20's readdir option (Debian has 18)
  fs.readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => e.isDirectory() ? list(dir, path.join(rel, e.name)) : [path.join(rel, e.name)])
    .sort();

const rows = list(site).map((f) => ({ name: f, ...measure(path.join(site, f)) }));
// The first visit downloads every file except the per-locale fonts (fonts-TAG/, files.json
// "perLocale": fetched stage by stage when a learner picks TAG; the first visit's fonts/ only
// cover what the language picker shows).
const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }),
                              { raw: 0, gzip: 0, br: 0 });
const perLocale = JSON.parse(fs.readFileSync(path.join(site, 'files.json'), 'utf8')).perLocale || {};
const byName = new Map(rows.map((r) => [r.name, r]));
const stageRows = (tag, upTo = Infinity) =>
  (perLocale[tag] || []).slice(0, upTo).flat().map((f) => byName.get(path.normalize(f.path)));
const base = sum(rows.filter((r) => !r.name.startsWith('fonts-')));
const withLocales = (tags, zhStages) =>
  sum([...rows.filter((r) => !r.name.startsWith('fonts-')),
       ...tags.flatMap((t) => stageRows(t, t === 'zh-Hans' ? zhStages : Infinity))]);
const zhBefore = withLocales(['en', 'zh-Hans'], 1);
const total = withLocales(['en', 'zh-Hans']);
const firstVisits = Object.keys(perLocale).map((tag) => ({ name: `first visit + ${tag} (all its stages)`, ...withLocales([tag]) }));
const app = rows.filter((r) => r.name.startsWith('qiao-web.'));
const appTotal = app.reduce((t, r) => t + r.br, 0);
let bareRows = [];
if (bare && fs.existsSync(path.join(bare, 'bare.wasm')))
  bareRows = ['bare.js', 'bare.wasm'].map((f) => ({ name: `bare ImGui+SDL2 example: ${f}`, ...measure(path.join(bare, f)) }));
const bareTotal = bareRows.reduce((t, r) => t + r.br, 0);

const lines = [];
lines.push('| file | raw KB | gzip KB | brotli KB |', '|---|---:|---:|---:|');
// In Markdown each per-locale font folder is one row (the console lists every file).
const stageOf = new Map();
for (const [tag, stages] of Object.entries(perLocale))
  stages.forEach((files, i) => files.forEach((f) => stageOf.set(f.path.split('/')[0],
    `fetched for ${tag}` + (stages.length > 1 ? `, stage ${i + 1} of ${stages.length}` : ''))));
const folders = new Map();
for (const r of rows) {
  const dir = r.name.split(path.sep)[0];
  const key = dir.startsWith('fonts-') ? `${dir}/ (${stageOf.get(dir)})` : r.name;
  const t = folders.get(key) || { raw: 0, gzip: 0, br: 0 };
  folders.set(key, { raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br });
}
for (const [name, r] of folders) lines.push(`| ${name} | ${kb(r.raw).trim()} | ${kb(r.gzip).trim()} | ${kb(r.br).trim()} |`);
const totals = [
  { name: 'first visit, to the language picker', ...base },
  ...firstVisits,
  { name: 'first visit zh + en, before the 3,500 Hanzi', ...zhBefore },
  { name: 'first visit zh + en, with the 3,500 Hanzi', ...total },
];
for (const r of totals) lines.push(`| **${r.name}** | **${kb(r.raw).trim()}** | **${kb(r.gzip).trim()}** | **${kb(r.br).trim()}** |`);
for (const r of bareRows) lines.push(`| ${r.name} | ${kb(r.raw).trim()} | ${kb(r.gzip).trim()} | ${kb(r.br).trim()} |`);
const budget = 1.5 * 1024 * 1024;
const mb = (n) => (n / 1024 / 1024).toFixed(2);
const summary = [
  `First visit zh + en: ${mb(total.br)} MB brotli (target <= 1.50 MB: ${total.br <= budget ? 'met' : 'NOT met'}); ` +
  `before the 3,500-Hanzi font arrives: ${mb(zhBefore.br)} MB; en alone: ${mb(withLocales(['en']).br)} MB; ` +
  `the language picker: ${mb(base.br)} MB.`,
];
if (bareTotal)
  summary.push(`App code (qiao-web.js + .wasm) ${kb(appTotal).trim()} KB brotli vs the bare ImGui + SDL2 example ${kb(bareTotal).trim()} KB: ${(appTotal / bareTotal).toFixed(1)}x.`);
fs.writeFileSync(path.join(path.dirname(site), 'sizes.md'), lines.join('\n') + '\n\n' + summary.join('\n') + '\n');

console.log(`\n${'file'.padEnd(48)}  raw KB  gzip KB  brotli KB`);
for (const r of [...rows, null, ...bareRows]) {
  if (!r) {
    for (const t of totals) console.log(`${t.name.padEnd(48)}${kb(t.raw)} ${kb(t.gzip)} ${kb(t.br)}`);
    console.log();
    continue;
  }
  console.log(`${r.name.padEnd(48)}${kb(r.raw)} ${kb(r.gzip)} ${kb(r.br)}`);
}
console.log(summary.join('\n'));
