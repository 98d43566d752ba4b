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
  // Loaded once per visit: by the page, or by head.js after instant navigation.
  if (window.hbRecoveryDates) return;
  window.hbRecoveryDates = true;

  var STORE = "hb-date:";

  // A date typed as year-month-day. Years below 1900 are typing mistakes, not treatment dates
  // (and the Date constructor would turn years below 100 into 19xx).
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match || +match[1] < 1900) return null;
    var date = new Date(2000, 0, 1);
    date.setFullYear(+match[1], +match[2] - 1, +match[3]);
    return date.getMonth() === +match[2] - 1 ? date : null;
  }

  function addDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  }

  function sameDay(a, b) { return iso(a) === iso(b); }

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

  // The stages of a timeline, with their dates for a given day zero. Where one stage ends
  // and the next begins is defined here, once: a visit owns its own day; any other stage
  // runs from its start until the next non-visit stage starts (half-open: that day belongs
  // to the next one), and the last one runs on. So every day from day zero has exactly one
  // current stage, even where the data gives ranges, gaps or overlaps.
  function stages(timeline, start) {
    var list = Array.prototype.map.call(timeline.querySelectorAll("[data-start-unit]"), function (item) {
      var from = addOffset(start, +item.dataset.startValue, item.dataset.startUnit);
      var until = item.dataset.endUnit ? addOffset(start, +item.dataset.endValue, item.dataset.endUnit) : null;
      return { item: item, start: from, end: until, visit: item.dataset.visit === "true" };
    });
    list.forEach(function (stage, index) {
      var next = list.slice(index + 1).filter(function (other) { return !other.visit; })[0];
      stage.next = stage.visit ? null : next || null;
      // The last day shown for a stage: the day before the next one starts, else its own end.
      if (stage.visit) stage.last = stage.start;
      else if (next) stage.last = addDays(next.start, -1);
      else stage.last = stage.end ? addDays(stage.end, -1) : null;
    });
    return list;
  }

  function currentStage(list, today) {
    var visit = list.filter(function (stage) { return stage.visit && sameDay(stage.start, today); })[0];
    if (visit) return visit;
    var started = list.filter(function (stage) { return !stage.visit && stage.start <= today; });
    if (started.length) return started[started.length - 1];
    // Only visits have started (or none): the latest visit that is past.
    var past = list.filter(function (stage) { return stage.start <= today; });
    return past.length ? past[past.length - 1] : null;
  }

  function daysBetween(a, b) {
    return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / 864e5);
  }

  function clear(timeline) {
    timeline.querySelectorAll("[data-hb-dates]").forEach(function (node) { node.remove(); });
    timeline.querySelectorAll(".hb-timeline__item--current, .hb-timeline__item--past").forEach(function (item) {
      item.classList.remove("hb-timeline__item--current", "hb-timeline__item--past");
      item.removeAttribute("aria-current");
    });
    timeline.querySelectorAll(".hb-strip__stage--current").forEach(function (stage) {
      stage.classList.remove("hb-strip__stage--current");
      stage.querySelector("a").removeAttribute("aria-current");
    });
    var today = timeline.querySelector("[data-hb-today]");
    if (today) { today.hidden = true; today.textContent = ""; }
  }

  // The strip at the top: the stage of today is marked in words and for screen readers.
  function markStrip(timeline, stage) {
    var entry = timeline.querySelector('[data-strip-entry="' + stage.item.dataset.entry + '"]');
    if (!entry) return;
    entry.classList.add("hb-strip__stage--current");
    var link = entry.querySelector("a");
    link.setAttribute("aria-current", "step");
    link.insertBefore(element("strong", { class: "hb-you-are-here", "data-hb-dates": "" }, "Today: "), link.firstChild);
  }

  function stageTitle(stage) {
    return stage.item.querySelector(".hb-timeline__title").textContent.trim();
  }

  // The line at the top: which day it is, which stage, what comes next and when.
  function summarise(timeline, list, current, today, start, format) {
    var box = timeline.querySelector("[data-hb-today]");
    if (!box) return "";
    var day = daysBetween(start, today);
    var startsAt = timeline.dataset.startsAt || "";
    var words = [];
    if (day < 0) {
      words.push("Your date is in " + (-day) + (day === -1 ? " day" : " days") + ".");
    } else {
      words.push("Today is day " + day + " " + startsAt + ".");
    }
    box.textContent = "";
    box.appendChild(document.createTextNode(words.join(" ") + " "));
    if (current) {
      var number = list.indexOf(current) + 1;
      var link = element("a", { href: "#" + current.item.id }, "Stage " + number + " of " + list.length + ": " + stageTitle(current));
      box.appendChild(document.createTextNode("You are in "));
      box.appendChild(link);
      box.appendChild(document.createTextNode(". "));
      words.push("You are in stage " + number + " of " + list.length + ": " + stageTitle(current) + ".");
    }
    var upcoming = list.filter(function (stage) { return stage.start > today; })[0];
    if (upcoming) {
      var wait = daysBetween(today, upcoming.start);
      var next = "Next: " + stageTitle(upcoming) + ", on ";
      box.appendChild(document.createTextNode(next));
      box.appendChild(timeElement(upcoming.start, format));
      box.appendChild(document.createTextNode(" (in " + wait + (wait === 1 ? " day" : " days") + ")."));
      words.push(next + format.format(upcoming.start) + ", in " + wait + (wait === 1 ? " day." : " days."));
    }
    box.hidden = false;
    return words.join(" ");
  }

  function show(timeline, start) {
    clear(timeline);
    if (!start) return "";
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
    var now = new Date();
    var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    var list = stages(timeline, start);
    var current = day0OrLater(start, today) ? currentStage(list, today) : null;
    list.forEach(function (stage) {
      var line = element("p", { class: "hb-timeline__dates", "data-hb-dates": "" });
      if (stage === current) {
        stage.item.classList.add("hb-timeline__item--current");
        stage.item.setAttribute("aria-current", "step");
        markStrip(timeline, stage);
        line.appendChild(element("strong", { class: "hb-you-are-here" }, "You are here. "));
      } else if (current && stage.start <= today && (stage.visit || list.indexOf(stage) < list.indexOf(current))) {
        stage.item.classList.add("hb-timeline__item--past");
        line.appendChild(element("span", { class: "hb-finished" }, "Finished. "));
      }
      line.appendChild(document.createTextNode(stage.visit ? "Your date: " : stage.last ? "Your dates: " : "From "));
      line.appendChild(timeElement(stage.start, format));
      if (!stage.visit && stage.last && stage.last > stage.start) {
        line.appendChild(document.createTextNode(" to "));
        line.appendChild(timeElement(stage.last, format));
      }
      var when = stage.item.querySelector(".hb-timeline__when");
      when.parentNode.insertBefore(line, when.nextSibling);
    });
    return summarise(timeline, list, current, today, start, format);
  }

  function day0OrLater(start, today) { return today >= start; }

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

  // The calendar file. Each event keeps what the page says around the dates: the
  // timeline's caveat, what matters most in the stage, where it comes from, the warning
  // signs with the emergency number, and the page's address. Visits get a reminder the
  // day before. Stages that are over are left out unless the reader asks for the whole plan.
  function calendar(timeline, start, wholePlan) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var title = timeline.dataset.title;
    var now = new Date();
    var today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    var caveat = timeline.dataset.caveat ? timeline.dataset.caveat + "\n\n" : "";
    var warning = timeline.dataset.warning ? "\n\n" + timeline.dataset.warning : "";
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hip and Back Pain Guide//Recovery dates//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(title),
    ];
    stages(timeline, start).forEach(function (phase) {
      var over = phase.visit ? phase.start < today : phase.last && phase.last < today;
      if (over && !wholePlan) return;
      var name = stageTitle(phase);
      var when = phase.item.querySelector(".hb-timeline__when").textContent.trim();
      var points = (phase.item.dataset.keyPoints || "").split("\n").filter(Boolean);
      var matters = points.length ? "\n\nWhat matters most:\n- " + points.join("\n- ") : "";
      // A stage that comes only from a clinic says so in the calendar too, as on the page.
      var label = phase.item.querySelector("[data-provenance]");
      var source = label ? "\n" + label.textContent.trim() + "." : "";
      var next = addDays(phase.start, 1);
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + timeline.dataset.timeline + "-" + phase.item.dataset.entry + "-" + compact(start) + "@hip-back-guide",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(phase.start),
        "DTEND;VALUE=DATE:" + compact(next),
        "SUMMARY:" + icsText((phase.visit ? "" : "Start: ") + name),
        "DESCRIPTION:" + icsText(caveat + title + ". " + when + "." + matters + source + warning + "\n\n" + window.location.href),
        "TRANSP:TRANSPARENT"
      );
      if (phase.visit) {
        lines.push(
          "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D",
          "DESCRIPTION:" + icsText("Tomorrow: " + name), "END:VALARM"
        );
      }
      lines.push("END:VEVENT");
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
      // A date that cannot be right stays in the field for the reader to correct.
      if (start || !value) input.value = start ? iso(start) : "";
      calendarButton.disabled = !start;
      forgetButton.disabled = !start;
      var summary = show(timeline, start);
      // Screen readers hear the summary once, when the reader enters a date; the line at
      // the top says the same to everyone, and a page load announces nothing.
      if (!announce) return;
      if (start) status.textContent = "Dates added to each stage. " + summary;
      else status.textContent = value ? "Please check the date: the year should have four digits, like 2026." : "Your date has been removed.";
    }

    input.addEventListener("change", function () {
      var typed = input.value;
      var start = parseDate(typed);
      write(key, start ? iso(start) : "");
      update(typed, true);
    });
    forgetButton.addEventListener("click", function () {
      write(key, "");
      update("", true);
      input.focus();
    });
    var wholePlan = form.querySelector("[data-hb-whole-plan]");
    calendarButton.addEventListener("click", function () {
      var start = parseDate(input.value);
      if (start) download(timeline.dataset.timeline + "-dates.ics", calendar(timeline, start, wholePlan && wholePlan.checked));
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update(read(key), false);
  }

  // The one-page summary: the reader's dates in each row, from the date they entered on a
  // timeline (the same storage key); without one, the lines stay blank to write on.
  function fillSummary(box) {
    var start = parseDate(read(box.dataset.dateKey));
    if (!start) return;
    var format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
    var date = box.querySelector("[data-hb-summary-date]");
    if (date) { date.textContent = ""; date.appendChild(timeElement(start, format)); }
    stages(box, start).forEach(function (stage) {
      var cell = stage.item.querySelector("[data-hb-summary-dates]");
      if (!cell) return;
      cell.textContent = "";
      cell.appendChild(timeElement(stage.start, format));
      if (!stage.visit && stage.last && stage.last > stage.start) {
        cell.appendChild(document.createTextNode(" to "));
        cell.appendChild(timeElement(stage.last, format));
      } else if (!stage.visit && !stage.last) {
        cell.appendChild(document.createTextNode(" onward"));
      }
    });
  }

  function init() {
    document.querySelectorAll(".hb-timeline[data-date-key]").forEach(enhance);
    document.querySelectorAll(".hb-summary[data-date-key]").forEach(fillSummary);
  }

  // Material's instant navigation swaps pages without reloading: document$ fires each time.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
