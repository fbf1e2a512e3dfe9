// The service worker: offline after the first visit. web/build.sh fills in the version (a hash
// of every file) and the file lists.
// - install: precache every file into a cache named after the version. Every file but the few
//   with fixed names (index.html, files.json, the manifest) has a content hash in its name, so
//   an older version's cache that holds the same name holds the same bytes: those are copied
//   forward and an update downloads only what changed. Files the page already put there (it
//   stores what it downloaded on the first visit) are not fetched again either;
// - activate: delete the caches of older versions. No skipWaiting()/clients.claim(): a new
//   version installs in the background and takes over at the next start, never mid-lesson;
// - fetch: cache first (ignoring ?kiosk=1 and such); anything else from the network, kept in
//   the same cache when it is ours (the per-locale fonts and content bundles: fetched only by
//   learners who pick that language, then available offline too).
'use strict';
const VERSION = '@VERSION@';
const CACHE = 'qiao-' + VERSION;
const FIXED = @FIXED@;    // fixed names: always from the network at install
const HASHED = @HASHED@;  // content-hashed names: copied from an older cache when there
const OPTIONAL = @OPTIONAL@;  // per-locale fonts and content, search fonts: copied forward if a learner had them

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const older = (await caches.keys()).filter((k) => k.startsWith('qiao-') && k !== CACHE);
    const fromOlder = async (f) => {
      for (const k of older) {
        const hit = await (await caches.open(k)).match(f);
        if (hit) return hit;
      }
      return undefined;
    };
    await Promise.all([
      ...FIXED.map(async (f) => { if (!(await cache.match(f))) await cache.add(new Request(f, { cache: 'no-cache' })); }),
      ...HASHED.map(async (f) => {
        if (await cache.match(f)) return;
        const old = await fromOlder(f);
        await (old ? cache.put(f, old) : cache.add(f));
      }),
      ...OPTIONAL.map(async (f) => {
        const old = !(await cache.match(f)) && await fromOlder(f);
        if (old) await cache.put(f, old);
      }),
    ]);
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
