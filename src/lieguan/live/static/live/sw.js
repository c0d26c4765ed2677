/* Lieguan's offline reader. It answers from the copies a reader saved (the "離線保存" button of a meeting room) only
   when the network fails; online, every request goes to the server as if it were not here. Visiting the sign-in page
   (after signing out, or when a session has ended) deletes every saved meeting: the copies belong to a signed-in person. */
"use strict";
var PREFIX = "lieguan-live-";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function forgetAll() {
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0; }).map(function (n) { return caches.delete(n); }));
  });
}

function fromCopies(request) {
  return caches.keys().then(function (names) {
    var mine = names.filter(function (n) { return n.indexOf(PREFIX) === 0; });
    return mine.reduce(function (found, name) {
      return found.then(function (response) {
        return response || caches.open(name).then(function (cache) { return cache.match(request, { ignoreVary: true }); });
      });
    }, Promise.resolve(undefined));
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/accounts/login/") === 0) { event.waitUntil(forgetAll()); return; }
  if (url.pathname.indexOf("/live/") !== 0 && url.pathname.indexOf("/static/") !== 0) { return; }
  if (/\/events$/.test(url.pathname)) { return; }
  event.respondWith(fetch(request).catch(function (error) {
    return fromCopies(request).then(function (response) { if (response) { return response; } throw error; });
  }));
});
