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
// The first visit downloads every file except the per-locale extras (fonts-zh/: fetched when a
// learner picks Chinese). The picker needs every script's font, so those all come first.
const sum = (rs) => rs.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }),
                              { raw: 0, gzip: 0, br: 0 });
const base = sum(rows.filter((r) => !r.name.startsWith('fonts-zh')));
const total = sum(rows);
const app = rows.filter((r) => r.name.startsWith('qiao-web.'));
const appTotal = app.reduce((t, r) => t + r.br, 0);
let bareRows = [];
if (bare && fs.existsSync(path.join(bare, 'bare.wasm')))
  bareRows = ['bare.js', 'bare.wasm'].map((f) => ({ name: `bare ImGui+SDL2 example: ${f}`, ...measure(path.join(bare, f)) }));
const bareTotal = bareRows.reduce((t, r) => t + r.br, 0);

const lines = [];
lines.push('| file | raw KB | gzip KB | brotli KB |', '|---|---:|---:|---:|');
for (const r of rows) lines.push(`| ${r.name} | ${kb(r.raw).trim()} | ${kb(r.gzip).trim()} | ${kb(r.br).trim()} |`);
lines.push(`| **first visit, to the picker and en** | **${kb(base.raw).trim()}** | **${kb(base.gzip).trim()}** | **${kb(base.br).trim()}** |`);
lines.push(`| **first visit zh + en (with fonts-zh)** | **${kb(total.raw).trim()}** | **${kb(total.gzip).trim()}** | **${kb(total.br).trim()}** |`);
for (const r of bareRows) lines.push(`| ${r.name} | ${kb(r.raw).trim()} | ${kb(r.gzip).trim()} | ${kb(r.br).trim()} |`);
const budget = 1.5 * 1024 * 1024;
const mb = (n) => (n / 1024 / 1024).toFixed(2);
const summary = [
  `First visit zh + en: ${mb(total.br)} MB brotli (target <= 1.50 MB: ${total.br <= budget ? 'met' : 'NOT met'}); ` +
  `without the 3,500-Hanzi font (en, or zh before it arrives): ${mb(base.br)} MB.`,
];
if (bareTotal)
  summary.push(`App code (qiao-web.js + .wasm) ${kb(appTotal).trim()} KB brotli vs the bare ImGui + SDL2 example ${kb(bareTotal).trim()} KB: ${(appTotal / bareTotal).toFixed(1)}x.`);
fs.writeFileSync(path.join(path.dirname(site), 'sizes.md'), lines.join('\n') + '\n\n' + summary.join('\n') + '\n');

console.log(`\n${'file'.padEnd(48)}  raw KB  gzip KB  brotli KB`);
for (const r of [...rows, null, ...bareRows]) {
  if (!r) {
    console.log(`${'first visit, to the picker and en'.padEnd(48)}${kb(base.raw)} ${kb(base.gzip)} ${kb(base.br)}`);
    console.log(`${'first visit zh + en (with fonts-zh)'.padEnd(48)}${kb(total.raw)} ${kb(total.gzip)} ${kb(total.br)}\n`);
    continue;
  }
  console.log(`${r.name.padEnd(48)}${kb(r.raw)} ${kb(r.gzip)} ${kb(r.br)}`);
}
console.log(summary.join('\n'));
