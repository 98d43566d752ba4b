/* Runs in the page's <head>, before the theme's script (overrides/main.html puts it inline).
 *
 * 1. Tell the stylesheet that scripts run, so the date form and the print button (in the
 *    HTML, hidden) show without moving anything.
 * 2. The print button prints the page (one listener for every page instant navigation shows).
 * 3. Search starts when a reader reaches for it. The theme starts its search worker and
 *    downloads the whole search index (about 66 KiB) as every page loads, although most
 *    readers never search. Until a reader focuses the search box, opens search, or arrives
 *    with a search in the address (?q= from the page-not-found form, ?h= to highlight the
 *    words of a search result), the worker is a
 *    stand-in that keeps the theme's messages, and the index request waits.
 * 4. The recovery-dates script (a few KiB) loads only on pages with a dated timeline or
 *    summary: the page has a `<script>` for it, and instant navigation to such a page from
 *    another one adds it here.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("hb-js");

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-hb-print]")) window.print();
  });

  var start;
  var wanted = new Promise(function (resolve) { start = resolve; });
  if (/[?&][qh]=/.test(location.search)) start();
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) start();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") start();
  });

  var request = XMLHttpRequest.prototype;
  var open = request.open;
  var send = request.send;
  request.open = function (method, url) {
    this.hbWaitForSearch = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  request.send = function () {
    var self = this;
    var args = arguments;
    if (!self.hbWaitForSearch) return send.apply(self, args);
    wanted.then(function () { send.apply(self, args); });
  };

  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!/\/workers\/search\.\w+\.min\.js$/.test(String(url))) return new RealWorker(url, options);
    var standIn = new EventTarget();
    var waiting = [];
    var worker = null;
    standIn.postMessage = function (message) {
      if (worker) worker.postMessage(message); else waiting.push(message);
    };
    standIn.terminate = function () { if (worker) worker.terminate(); };
    wanted.then(function () {
      worker = new RealWorker(url, options);
      worker.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      waiting.forEach(function (message) { worker.postMessage(message); });
      waiting = null;
    });
    return standIn;
  };

  var own = document.currentScript;
  var datesScript = own && own.dataset.datesScript ? new URL(own.dataset.datesScript, location.href).href : null;
  document.addEventListener("DOMContentLoaded", function () {
    var pages = window.document$;
    if (!datesScript || !pages || typeof pages.subscribe !== "function") return;
    pages.subscribe(function () {
      if (window.hbRecoveryDates || !document.querySelector("[data-date-key]")) return;
      var script = document.createElement("script");
      script.src = datesScript;
      document.head.appendChild(script);
    });
  });
}());
