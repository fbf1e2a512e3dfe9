// A static file server for trying the browser build locally: `./qiao web serve [PORT]`.
// Production needs no code of ours: any static web server will do (README "Browser build").
//   node web/serve.mjs SITE_DIR [PORT]     (PORT 0 = any free port; prints the address)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [root, portArg = '8080'] = process.argv.slice(2);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml',
  '.dat': 'application/octet-stream', '.ttf': 'font/ttf', '.ttc': 'font/collection', '.otf': 'font/otf',
};
const base = path.resolve(root);
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(base, path.normalize(p));
  if (!file.startsWith(base + path.sep)) { res.writeHead(403).end(); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n'); return; }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-cache',  // the service worker does the caching
    });
    res.end(data);
  });
});
server.listen(Number(portArg), '127.0.0.1', () => {
  console.log(`qiao web: serving ${base} at http://127.0.0.1:${server.address().port}/`);
});
