// The service worker: offline after the first visit. web/build.sh fills in the version (a hash
// of every file) and the file list.
// - install: precache every file into a cache named after the version;
// - activate: delete the caches of older versions. No skipWaiting()/clients.claim(): a new
//   version installs in the background and takes over at the next start, never mid-lesson;
// - fetch: cache first (ignoring ?kiosk=1 and such), network for anything not precached.
'use strict';
const VERSION = '@VERSION@';
const CACHE = 'qiao-' + VERSION;
const FILES = @FILES@;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
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
    return hit || fetch(req);
  })());
});
