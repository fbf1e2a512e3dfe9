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

// Files carry a content hash in their name (web/build.sh); the table shows the plain name.
const plain = (f) => f.replace(/\.[0-9a-f]{10}(\.[^./]+)$/, '$1');
const rows = list(site).map((f) => ({ name: f, ...measure(path.join(site, f)) }));
// The first visit downloads every file except the per-locale fonts (fonts-TAG/, files.json
// "perLocale": fetched stage by stage when a learner picks TAG; the first visit's fonts/ only
// cover what the language picker shows), the per-locale content (content/TAG/, "bundles": with
// the locale's first font stage) and search's fonts ("search": when the learner first types,
// e.g. the 3,500 common Hanzi for zh-Hans).
const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }),
                              { raw: 0, gzip: 0, br: 0 });
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'files.json'), 'utf8'));
const perLocale = manifest.perLocale || {};
const search = manifest.search || {};
const byName = new Map(rows.map((r) => [r.name, r]));
const stageRows = (tag) => (perLocale[tag] || []).flat().map((f) => byName.get(path.normalize(f.path)));
const searchRows = (tag) => (search[tag] || []).map((f) => byName.get(path.normalize(f.path)));
const bundles = manifest.bundles || {};
const bundleRows = (tag) => (bundles[tag] ? [byName.get(path.normalize(bundles[tag].path))] : []);
const perLocaleFile = (r) => r.name.startsWith('fonts-') || r.name.startsWith('content' + path.sep);
const base = sum(rows.filter((r) => !perLocaleFile(r)));
const withLocales = (tags, typed = false) =>
  sum([...rows.filter((r) => !perLocaleFile(r)),
       ...tags.flatMap((t) => [...stageRows(t), ...bundleRows(t), ...(typed ? searchRows(t) : [])])]);
const total = withLocales(['en', 'zh-Hans']);
const typed = withLocales(['en', 'zh-Hans'], true);
const firstVisits = Object.keys(perLocale).map((tag) => ({ name: `first visit + ${tag}`, ...withLocales([tag]) }));
const worst = firstVisits.reduce((w, r) => (r.br > w.br ? r : w), firstVisits[0] || base);
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
for (const [tag, files] of Object.entries(search))
  files.forEach((f) => stageOf.set(f.path.split('/')[0], `fetched for ${tag} when the learner first types`));
const folders = new Map();
for (const r of rows) {
  const dir = r.name.split(path.sep)[0];
  const key = dir.startsWith('fonts-') ? `${dir}/ (${stageOf.get(dir)})`
    : dir === 'content' ? `${plain(r.name)} (fetched for ${r.name.split(path.sep)[1]})` : plain(r.name);
  const t = folders.get(key) || { raw: 0, gzip: 0, br: 0 };
  folders.set(key, { raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br });
}
for (const [name, r] of folders) lines.push(`| ${name} | ${kb(r.raw).trim()} | ${kb(r.gzip).trim()} | ${kb(r.br).trim()} |`);
const totals = [
  { name: 'first visit, to the language picker', ...base },
  ...firstVisits,
  { name: 'first visit zh + en', ...total },
  { name: 'zh + en once the learner types in search', ...typed },
];
for (const r of totals) lines.push(`| **${r.name}** | **${kb(r.raw).trim()}** | **${kb(r.gzip).trim()}** | **${kb(r.br).trim()}** |`);
for (const r of bareRows) lines.push(`| ${r.name} | ${kb(r.raw).trim()} | ${kb(r.gzip).trim()} | ${kb(r.br).trim()} |`);
const budget = 1.5 * 1024 * 1024;
const mb = (n) => (n / 1024 / 1024).toFixed(2);
const summary = [
  `First visit zh + en: ${mb(total.br)} MB brotli (target <= 1.50 MB: ${total.br <= budget ? 'met' : 'NOT met'}); ` +
  `largest other locale: ${worst.name.replace('first visit + ', '')} ${mb(worst.br)} MB ` +
  `(${worst.br <= budget ? 'met' : 'NOT met'}); en alone: ${mb(withLocales(['en']).br)} MB; ` +
  `the language picker: ${mb(base.br)} MB; once a zh learner types in search (3,500-Hanzi font): ${mb(typed.br)} MB.`,
];
if (bareTotal) {
  // Ratios to the floor any ImGui + SDL2 app pays (./qiao bench web prints them).
  const ratio = (n) => `${(n / bareTotal).toFixed(1)}x`;
  summary.push(`App code (qiao-web.js + .wasm) ${kb(appTotal).trim()} KB brotli vs the bare ImGui + SDL2 example ${kb(bareTotal).trim()} KB: ${ratio(appTotal)}.`);
  summary.push(`Against the bare example: the picker ${ratio(base.br)}, en ${ratio(withLocales(['en']).br)}, ` +
               `zh + en ${ratio(total.br)}, ${worst.name.replace('first visit + ', '')} ${ratio(worst.br)}.`);
}
fs.writeFileSync(path.join(path.dirname(site), 'sizes.md'), lines.join('\n') + '\n\n' + summary.join('\n') + '\n');

console.log(`\n${'file'.padEnd(48)}  raw KB  gzip KB  brotli KB`);
for (const r of [...rows, null, ...bareRows]) {
  if (!r) {
    for (const t of totals) console.log(`${t.name.padEnd(48)}${kb(t.raw)} ${kb(t.gzip)} ${kb(t.br)}`);
    console.log();
    continue;
  }
  console.log(`${plain(r.name).padEnd(48)}${kb(r.raw)} ${kb(r.gzip)} ${kb(r.br)}`);
}
console.log(summary.join('\n'));
