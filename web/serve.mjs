// A static file server for trying the browser build locally: `./qiao web serve [PORT]`.
// Production needs no code of ours: any static web server will do (README "Putting the site on
// a web server"). It serves what such a server should, so what a developer sees locally is what
// a learner gets: brotli or gzip as the browser accepts (level 6, as the nginx example), content-
// hashed files immutable for a year, index.html, sw.js, files.json and the manifest revalidated.
//   node web/serve.mjs SITE_DIR [PORT] [--log]   (PORT 0 = any free port; prints the address;
//                                                  --log prints "GET /path" per request: tests)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const log = args.includes('--log');
const [root, portArg = '8080'] = args.filter((a) => a !== '--log');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
  '.dat': 'application/octet-stream', '.ttf': 'font/ttf', '.ttc': 'font/collection', '.otf': 'font/otf',
};
const hashed = /\.[0-9a-f]{10}\.[^./]+$/;  // web/build.sh's content-hashed names
const base = path.resolve(root);
const compressed = new Map();  // "br:/path" -> bytes, for the server's lifetime
const encode = (encoding, file, data) => {
  const key = `${encoding}:${file}`;
  if (!compressed.has(key)) {
    compressed.set(key, encoding === 'br'
      ? zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } })
      : zlib.gzipSync(data, { level: 6 }));
  }
  return compressed.get(key);
};
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (log) console.log(`${req.method} ${p}`);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(base, path.normalize(p));
  if (!file.startsWith(base + path.sep)) { res.writeHead(403).end(); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'); return; }
    const accepts = String(req.headers['accept-encoding'] || '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    const body = encoding ? encode(encoding, file, data) : data;
    res.writeHead(200, {
      'content-type': types[path.extname(file)] || 'application/octet-stream',
      // A hashed name always means the same bytes; the rest is revalidated (the service worker
      // does the offline caching).
      'cache-control': hashed.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
      'content-length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
});
server.listen(Number(portArg), '127.0.0.1', () => {
  console.log(`qiao web: serving ${base} at http://127.0.0.1:${server.address().port}/`);
});
