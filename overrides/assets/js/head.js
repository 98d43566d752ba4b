/* Runs in the page's <head>, before the theme's script (overrides/main.html puts it inline).
 *
 * 1. Tell the stylesheet that scripts run, so the date form and the print button (in the
 *    HTML, hidden) show without moving anything. The theme's own classes on this element
 *    (no-js to js, and js-focus-visible from its focus-visible polyfill, which no rule
 *    uses) are set here too, before the first style pass: any class change on the root
 *    restyles every element (the theme's `table:not([class]) td` rules), and the theme's
 *    script would make two while it starts (see step 5).
 * 2. The print button prints the page.
 * 3. Search starts when a reader reaches for it. The theme starts its search worker and
 *    downloads the whole search index (about 66 KiB) as every page loads, although most
 *    readers never search. Until a reader focuses the search box, opens search, or arrives
 *    with a search in the address (?q= from the page-not-found form, ?h= to highlight the
 *    words of a search result), the worker is a
 *    stand-in that keeps the theme's messages, and the index request waits.
 * 4. The recovery-dates script (a few KiB) loads only on pages with a dated timeline or
 *    summary: such a page names it (step 5).
 * 5. The theme's script and the date tools run after the page is parsed and first shown.
 *    overrides/main.html lists them as `<link rel="preload" data-hb-script>`: the browser
 *    downloads them as it would a deferred script, at low priority, and runs nothing. Here
 *    they run, in page order, once the page is parsed and a paint made after that is on
 *    screen: the browser reports a first contentful or a largest contentful paint that
 *    ends after the parse (or 1 s after the parse when nothing new is painted, 3 s at the
 *    latest, at once when the page is hidden or the browser does not report paints). A
 *    deferred script runs before that paint is on screen whenever it arrives first; the
 *    theme's is 34 KiB and ran for about 80 ms on a fast computer, and Lighthouse's mobile
 *    simulation then counts its download and run (times four) into the largest contentful
 *    paint (1.42-1.61 s against 0.90-1.05 s without it). The first paint alone is not
 *    enough: a page may be painted while it is parsed (the header first, the article in the
 *    next frame). The theme
 *    builds its page stream from the DOMContentLoaded event, which has passed by then, so
 *    that event is sent again, once, in a task of its own after the scripts ran. Nothing
 *    else on the site listens for it once the page is parsed.
 *    The theme's start-up is one long task, and most of it was restyling the whole page:
 *    each change the theme makes to the root or body element restyles every element
 *    when the script next reads a size or a style. Two of those changes are made here
 *    instead, where they cost nothing:
 *    - the classes of step 1;
 *    - the body's data-md-color-switching attribute, set as soon as the body exists,
 *      before anything is styled: the colour palette sets it, reads the header's colours
 *      and removes it again in a task of its own, and setting an attribute to the value
 *      it has changes nothing. It only turns transitions off until then, and is removed
 *      here once the scripts ran; the event is sent after the next frame, so the restyle
 *      that removal needs is done in that frame, not in the theme's second long task.
 *    One more change cannot be made early, only put off: the colour palette adds a
 *    `<meta name="color-scheme">` to the head and then sets its content, and the browser
 *    restyles the whole page each time a color-scheme meta element is added or changed
 *    (whatever its value), twice inside the theme's first long task, as the palette and
 *    search read styles and sizes right after. That element waits here while the theme's
 *    script runs, with the content the palette gives it, and goes into the head when the
 *    scripts ran, with the attribute above: both restyles become the one of that frame,
 *    before the page is next painted, so nothing shows differently. Later palette changes
 *    update it in the head as before.
 *    If the theme's script does not load, the page goes back to no-js, so the stylesheet
 *    shows the page as it is without scripts.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js", "js-focus-visible", "hb-js");

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

  // Step 5: the page is parsed, and a paint made after that is on screen.
  var parsedAt = 0;
  var lastPaint = -1;
  var parsed = new Promise(function (resolve) {
    if (document.readyState !== "loading") resolve();
    else document.addEventListener("DOMContentLoaded", function () { parsedAt = performance.now(); resolve(); }, { once: true });
  });
  var shown = new Promise(function (resolve) {
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (types.indexOf("paint") < 0 || document.visibilityState !== "visible") return resolve();
    function check() {
      if (lastPaint >= parsedAt && document.readyState !== "loading") resolve();
    }
    ["paint", "largest-contentful-paint"].forEach(function (type) {
      if (types.indexOf(type) < 0) return;
      new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (entry) { lastPaint = Math.max(lastPaint, entry.startTime); });
        check();
      }).observe({ type: type, buffered: true });
    });
    parsed.then(function () {
      check();
      setTimeout(resolve, 1000);
    });
    document.addEventListener("visibilitychange", function () { resolve(); }, { once: true });
    setTimeout(resolve, 3000);
  });
  var head = document.head;
  var scheme = null;
  head.appendChild = function (node) {
    if (node.name === "color-scheme" && !scheme) return (scheme = node);
    return Node.prototype.appendChild.call(head, node);
  };
  function holdTransitions(hold) {
    if (!document.body) return false;
    if (hold) return !document.body.setAttribute("data-md-color-switching", "");
    document.body.removeAttribute("data-md-color-switching");
    delete head.appendChild;
    if (scheme) head.appendChild(scheme);
    return true;
  }
  if (!holdTransitions(true)) {
    new MutationObserver(function (records, observer) {
      if (holdTransitions(true)) observer.disconnect();
    }).observe(root, { childList: true });
  }

  Promise.all([parsed, shown]).then(function () {
    var links = document.querySelectorAll("link[data-hb-script]");
    var left = links.length;
    function ran() {
      if (--left > 0) return;
      holdTransitions(false);
      var sent = false;
      function send() {
        if (sent) return;
        sent = true;
        setTimeout(function () {
          document.dispatchEvent(new Event("DOMContentLoaded", { bubbles: true }));
        });
      }
      requestAnimationFrame(send);
      setTimeout(send, 100);
    }
    if (!left) return holdTransitions(false);
    Array.prototype.forEach.call(links, function (link, index) {
      var script = document.createElement("script");
      script.async = false;
      script.onload = ran;
      script.onerror = function () {
        if (index === 0) root.classList.replace("js", "no-js");
        ran();
      };
      script.src = link.href;
      document.body.appendChild(script);
    });
  });
}());
