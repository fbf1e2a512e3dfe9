// The service worker: offline after the first visit. web/build.sh fills in the version (a hash
// of every file) and the file list.
// - install: precache every file into a cache named after the version. Files the page already
//   put there (index.html stores what it downloaded on the first visit) are not fetched again,
//   so a first visit downloads each byte once;
// - activate: delete the caches of older versions. No skipWaiting()/clients.claim(): a new
//   version installs in the background and takes over at the next start, never mid-lesson;
// - fetch: cache first (ignoring ?kiosk=1 and such); anything else from the network, kept in
//   the same cache when it is ours (the per-locale fonts: fetched only by learners who pick
//   that language, then available offline too).
'use strict';
const VERSION = '@VERSION@';
const CACHE = 'qiao-' + VERSION;
const FILES = @FILES@;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(FILES.map(async (f) => { if (!(await cache.match(f))) await cache.add(f); }));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) =>
    Promise.all(keys.filter((k) => k.startsWith('qiao-') && k !== CACHE).map((k) => caches.delete(k)))));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(req, { ignoreSearch: true }) ||
                (req.mode === 'navigate' ? await cache.match('index.html') : undefined);
    if (hit) return hit;
    const res = await fetch(req);
    if (res.ok && new URL(req.url).origin === location.origin) cache.put(req, res.clone());
    return res;
  })());
});
