/* My recovery dates: a progressive enhancement of the timelines.
 *
 * Without JavaScript a timeline is complete and this adds nothing. With it, each
 * timeline that has dated phases gets a date field: once a reader enters their date,
 * each phase shows its real dates, the current phase is marked "You are here" in words,
 * and "Add to my calendar" downloads an .ics file built from the same data attributes
 * that draw the timeline. The date stays in this browser (localStorage), shared by every
 * timeline that counts from the same day; nothing is sent anywhere.
 *
 * Months are calendar months: the same day of the month, or the month's last day when
 * it is shorter (3 months after 30 November is 28 or 29 February). Weeks are 7 days.
 */
(function () {
  "use strict";

  var STORE = "hb-date:";

  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match) return null;
    var date = new Date(+match[1], +match[2] - 1, +match[3]);
    return date.getMonth() === +match[2] - 1 ? date : null;
  }

  function iso(date) {
    var month = String(date.getMonth() + 1).padStart(2, "0");
    var day = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + month + "-" + day;
  }

  function addMonths(date, months) {
    var target = new Date(date.getFullYear(), date.getMonth() + months, 1);
    var last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
    target.setDate(Math.min(date.getDate(), last));
    return target;
  }

  // The date `value` `unit`s after `date`, as the data defines the unit.
  function addOffset(date, value, unit) {
    var days = { minute: value / 1440, hour: value / 24, day: value, week: value * 7 }[unit];
    if (days !== undefined) {
      var result = new Date(date.getFullYear(), date.getMonth(), date.getDate());
      result.setDate(result.getDate() + Math.floor(days));
      return result;
    }
    var months = unit === "year" ? value * 12 : value;
    var whole = Math.floor(months);
    var shifted = addMonths(date, whole);
    shifted.setDate(shifted.getDate() + Math.round((months - whole) * 30.4375));
    return shifted;
  }

  function read(key) {
    try { return window.localStorage.getItem(STORE + key); } catch (error) { return null; }
  }

  function write(key, value) {
    try {
      if (value) window.localStorage.setItem(STORE + key, value);
      else window.localStorage.removeItem(STORE + key);
    } catch (error) { /* storage blocked: the dates still show until the page closes */ }
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function timeElement(date, format) {
    return element("time", { datetime: iso(date) }, format.format(date));
  }

  // The phases of a timeline, with their dates for a given day zero.
  function phases(timeline, start) {
    return Array.prototype.map.call(timeline.querySelectorAll("li[data-start-unit]"), function (item) {
      var from = addOffset(start, +item.dataset.startValue, item.dataset.startUnit);
      var until = item.dataset.endUnit ? addOffset(start, +item.dataset.endValue, item.dataset.endUnit) : null;
      return { item: item, start: from, end: until, visit: item.dataset.visit === "true" };
    });
  }

  function isCurrent(phase, today) {
    if (phase.visit) return iso(phase.start) === iso(today);
    return today >= phase.start && (!phase.end || today < phase.end);
  }

  function clear(timeline) {
    timeline.querySelectorAll("[data-hb-dates]").forEach(function (node) { node.remove(); });
    timeline.querySelectorAll(".hb-timeline__item--current").forEach(function (item) {
      item.classList.remove("hb-timeline__item--current");
      item.removeAttribute("aria-current");
    });
  }

  function show(timeline, start) {
    clear(timeline);
    if (!start) return;
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
    var today = new Date();
    today = new Date(today.getFullYear(), today.getMonth(), today.getDate());
    phases(timeline, start).forEach(function (phase) {
      var line = element("p", { class: "hb-timeline__dates", "data-hb-dates": "" });
      if (isCurrent(phase, today)) {
        phase.item.classList.add("hb-timeline__item--current");
        phase.item.setAttribute("aria-current", "step");
        line.appendChild(element("strong", { class: "hb-you-are-here" }, "You are here. "));
      }
      line.appendChild(document.createTextNode(phase.visit ? "Your date: " : phase.end ? "Your dates: " : "From "));
      line.appendChild(timeElement(phase.start, format));
      if (phase.end && !phase.visit) {
        line.appendChild(document.createTextNode(" to "));
        // A phase ends the day before the next one starts: 0 to 3 days is days 0, 1 and 2.
        var last = new Date(phase.end.getFullYear(), phase.end.getMonth(), phase.end.getDate() - 1);
        line.appendChild(timeElement(last, format));
      }
      var when = phase.item.querySelector(".hb-timeline__when");
      when.parentNode.insertBefore(line, when.nextSibling);
    });
  }

  // RFC 5545 text: escape, then fold lines longer than 75 octets.
  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  function fold(line) {
    var out = "";
    var bytes = 0;
    Array.from(line).forEach(function (character) {
      var size = new TextEncoder().encode(character).length;
      if (bytes + size > 75) { out += "\r\n "; bytes = 1; }
      out += character;
      bytes += size;
    });
    return out;
  }

  function compact(date) { return iso(date).replace(/-/g, ""); }

  function calendar(timeline, start) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var title = timeline.dataset.title;
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hip and Back Pain Guide//Recovery dates//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(title),
    ];
    phases(timeline, start).forEach(function (phase) {
      var name = phase.item.querySelector(".hb-timeline__title").textContent.trim();
      var when = phase.item.querySelector(".hb-timeline__when").textContent.trim();
      // A stage that comes only from a clinic says so in the calendar too, as on the page.
      var label = phase.item.querySelector("[data-provenance]");
      var source = label ? label.textContent.trim() + ". " : "";
      var next = new Date(phase.start.getFullYear(), phase.start.getMonth(), phase.start.getDate() + 1);
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + timeline.dataset.timeline + "-" + phase.item.dataset.entry + "-" + compact(start) + "@hip-back-guide",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(phase.start),
        "DTEND;VALUE=DATE:" + compact(next),
        "SUMMARY:" + icsText((phase.visit ? "" : "Start: ") + name),
        "DESCRIPTION:" + icsText(title + ". " + when + ". " + source + window.location.href),
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var link = element("a", { href: URL.createObjectURL(new Blob([text], { type: "text/calendar" })), download: name });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  // The form is in the page's HTML, hidden; the stylesheet shows it once this script can run.
  function enhance(timeline) {
    var form = timeline.querySelector("[data-hb-date-form]");
    if (!form || form.dataset.ready || !timeline.querySelector("li[data-start-unit]")) return;
    form.dataset.ready = "true";
    var key = timeline.dataset.dateKey;
    var input = form.querySelector("input[type=date]");
    var calendarButton = form.querySelector("[data-hb-calendar]");
    var forgetButton = form.querySelector("[data-hb-forget]");
    var status = form.querySelector("[role=status]");

    function update(value, announce) {
      var start = parseDate(value);
      input.value = start ? iso(start) : "";
      calendarButton.disabled = !start;
      forgetButton.disabled = !start;
      show(timeline, start);
      if (announce) status.textContent = start ? "Dates added to each stage." : "Your date has been removed.";
    }

    input.addEventListener("change", function () {
      var start = parseDate(input.value);
      write(key, start ? iso(start) : "");
      update(input.value, true);
    });
    forgetButton.addEventListener("click", function () {
      write(key, "");
      update("", true);
      input.focus();
    });
    calendarButton.addEventListener("click", function () {
      var start = parseDate(input.value);
      if (start) download(timeline.dataset.timeline + "-dates.ics", calendar(timeline, start));
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update(read(key), false);
  }

  // Pages marked `handout: true` have a print button (shown by the stylesheet once this runs).
  function printButtons() {
    document.querySelectorAll("[data-hb-print]:not([data-ready])").forEach(function (button) {
      button.dataset.ready = "true";
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() {
    document.querySelectorAll(".hb-timeline[data-date-key]").forEach(enhance);
    printButtons();
  }

  // Material's instant navigation swaps pages without reloading: document$ fires each time.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
