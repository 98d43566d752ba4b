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
 *
 * ES5 only: hooks/prune_site.py minifies this file with calmjs.parse's ES5 parser.
 */
(function () {
  "use strict";
  var STORE = "hb-date:";
  // Made when a date is first shown: a new Intl.DateTimeFormat costs the browser 15-25 ms
  // (its locale data), which a reader who has entered no date would pay as the page starts.
  var format = null;

  // Every date here is a local midnight: `date` moved by `days` days.
  function day(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + (days || 0));
  }

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function iso(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  // A date typed as year-month-day. Years below 1900 are typing mistakes, not treatment dates
  // (and the Date constructor would turn years below 100 into 19xx).
  function parseDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!match || match[1] < 1900) return null;
    var date = new Date(match[1], match[2] - 1, match[3]);
    return date.getMonth() === match[2] - 1 ? date : null;
  }

  // The date `value` `unit`s after `start`, as the data defines the unit.
  function after(start, value, unit) {
    var days = { minute: value / 1440, hour: value / 24, day: value, week: value * 7 }[unit];
    if (days !== undefined) return day(start, Math.floor(days));
    var months = unit === "year" ? value * 12 : value;
    var whole = Math.floor(months);
    var year = start.getFullYear();
    var month = start.getMonth() + whole;
    // Day 0 of the month after is the last day of this one.
    var shifted = new Date(year, month, Math.min(start.getDate(), new Date(year, month + 1, 0).getDate()));
    return day(shifted, Math.round((months - whole) * 30.4375));
  }

  // Whole days from one local midnight to another (rounded: a day may have 23 or 25 hours).
  function daysBetween(a, b) { return Math.round((b - a) / 864e5); }

  function inDays(count) { return count + (count === 1 ? " day" : " days"); }

  function read(key) {
    try { return localStorage.getItem(STORE + key); } catch (error) { return null; }
  }

  function write(key, value) {
    try {
      if (value) localStorage.setItem(STORE + key, value);
      else localStorage.removeItem(STORE + key);
    } catch (error) { /* storage blocked: the dates still show until the page closes */ }
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    if (text) node.textContent = text;
    return node;
  }

  function time(date) {
    format = format || new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
    return element("time", { datetime: iso(date) }, format.format(date));
  }

  function textOf(node, selector) {
    return node.querySelector(selector).textContent.trim();
  }

  function title(stage) { return textOf(stage.item, ".hb-timeline__title"); }

  // The stages of a timeline, with their dates for a given day zero. Where one stage ends
  // and the next begins is defined here, once: a visit owns its own day; any other stage
  // runs from its start until the next non-visit stage starts (half-open: that day belongs
  // to the next one), and the last one runs on. So every day from day zero has exactly one
  // current stage, even where the data gives ranges, gaps or overlaps.
  function stages(box, start) {
    var list = Array.from(box.querySelectorAll("[data-start-unit]"), function (item) {
      var data = item.dataset;
      return { item: item, start: after(start, +data.startValue, data.startUnit), visit: data.visit === "true" };
    });
    list.forEach(function (stage, index) {
      var data = stage.item.dataset;
      var next = list.slice(index + 1).find(function (other) { return !other.visit; });
      // The last day shown: a visit's own day, else the day before the next stage starts,
      // else the day before the stage's own end; none for a last stage that runs on.
      stage.last = stage.visit ? stage.start
        : next ? day(next.start, -1)
          : data.endUnit ? day(after(start, +data.endValue, data.endUnit), -1) : null;
    });
    return list;
  }

  // The stage of `today`: a visit on its own day, else the latest other stage that has
  // started, else (only visits have started) the latest visit that is past.
  function currentStage(list, today) {
    var latest = null;
    list.forEach(function (stage) {
      if (stage.start <= today && (!stage.visit || !latest || latest.visit)) latest = stage;
    });
    return list.find(function (stage) { return stage.visit && iso(stage.start) === iso(today); }) || latest;
  }

  // A stage's dates: its first day, and its last one where that is another day.
  function addDates(node, stage) {
    node.append(time(stage.start));
    if (!stage.visit && stage.last && stage.last > stage.start) node.append(" to ", time(stage.last));
  }

  // Each stage's dates under its heading, "You are here" on the current one (and "Today:"
  // on its box in the strip at the top), "Finished" on those before it. Returns the summary.
  function show(timeline, start) {
    timeline.querySelectorAll("[data-hb-dates]").forEach(function (node) { node.remove(); });
    timeline.querySelectorAll("[aria-current],.hb-strip__stage--current,.hb-timeline__item--past").forEach(function (node) {
      node.removeAttribute("aria-current");
      node.classList.remove("hb-timeline__item--current", "hb-timeline__item--past", "hb-strip__stage--current");
    });
    var box = timeline.querySelector("[data-hb-today]");
    if (box) { box.hidden = true; box.textContent = ""; }
    if (!start) return "";
    var today = day(new Date());
    var list = stages(timeline, start);
    var current = today >= start ? currentStage(list, today) : null;
    var position = list.indexOf(current);
    list.forEach(function (stage, index) {
      var item = stage.item;
      var line = element("p", { class: "hb-timeline__dates", "data-hb-dates": "" });
      if (stage === current) {
        item.classList.add("hb-timeline__item--current");
        item.setAttribute("aria-current", "step");
        var entry = timeline.querySelector('[data-strip-entry="' + item.dataset.entry + '"]');
        if (entry) {
          var link = entry.querySelector("a");
          entry.classList.add("hb-strip__stage--current");
          link.setAttribute("aria-current", "step");
          link.prepend(element("strong", { class: "hb-you-are-here", "data-hb-dates": "" }, "Today: "));
        }
        line.append(element("strong", { class: "hb-you-are-here" }, "You are here. "));
      } else if (current && stage.start <= today && (stage.visit || index < position)) {
        item.classList.add("hb-timeline__item--past");
        line.append(element("span", { class: "hb-finished" }, "Finished. "));
      }
      line.append(stage.visit ? "Your date: " : stage.last ? "Your dates: " : "From ");
      addDates(line, stage);
      item.querySelector(".hb-timeline__when").after(line);
    });
    if (!box) return "";

    // The line at the top: which day it is, which stage, what comes next and when. The
    // same words, as one sentence each, are the summary that screen readers hear.
    var count = daysBetween(start, today);
    var words = count < 0 ? "Your date is in " + inDays(-count) + "."
      : "Today is day " + count + " " + (timeline.dataset.startsAt || "") + ".";
    box.append(words + " ");
    if (current) {
      var which = (position + 1) + " of " + list.length + ": " + title(current);
      box.append("You are in ", element("a", { href: "#" + current.item.id }, "Stage " + which), ". ");
      words += " You are in stage " + which + ".";
    }
    var upcoming = list.find(function (stage) { return stage.start > today; });
    if (upcoming) {
      var wait = inDays(daysBetween(today, upcoming.start));
      var next = "Next: " + title(upcoming) + ", on ";
      var when = time(upcoming.start);
      box.append(next, when, " (in " + wait + ").");
      words += " " + next + when.textContent + ", in " + wait + ".";
    }
    box.hidden = false;
    return words;
  }

  // RFC 5545 text: escape, then fold lines longer than 75 octets.
  function icsText(text) {
    return String(text).replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
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
    var data = timeline.dataset;
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var today = day(new Date());
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hip and Back Pain Guide//Recovery dates//EN",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(data.title),
    ];
    stages(timeline, start).forEach(function (stage) {
      // A stage is over once its last day (a visit's own day) is past.
      if (!wholePlan && stage.last && stage.last < today) return;
      var item = stage.item;
      var name = title(stage);
      var points = (item.dataset.keyPoints || "").split("\n").filter(Boolean);
      // A stage that comes only from a clinic says so in the calendar too, as on the page.
      var label = item.querySelector("[data-provenance]");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + data.timeline + "-" + item.dataset.entry + "-" + compact(start) + "@hip-back-guide",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + compact(stage.start),
        "DTEND;VALUE=DATE:" + compact(day(stage.start, 1)),
        "SUMMARY:" + icsText((stage.visit ? "" : "Start: ") + name),
        "DESCRIPTION:" + icsText(
          (data.caveat ? data.caveat + "\n\n" : "") + data.title + ". " + textOf(item, ".hb-timeline__when") + "."
          + (points.length ? "\n\nWhat matters most:\n- " + points.join("\n- ") : "")
          + (label ? "\n" + label.textContent.trim() + "." : "")
          + (data.warning ? "\n\n" + data.warning : "") + "\n\n" + location.href
        ),
        "TRANSP:TRANSPARENT"
      );
      if (stage.visit) lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-P1D", "DESCRIPTION:" + icsText("Tomorrow: " + name), "END:VALARM");
      lines.push("END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function download(name, text) {
    var link = element("a", { href: URL.createObjectURL(new Blob([text], { type: "text/calendar" })), download: name });
    document.body.append(link);
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
    var wholePlan = form.querySelector("[data-hb-whole-plan]");

    function update(value, announce) {
      var start = parseDate(value);
      // A date that cannot be right stays in the field for the reader to correct.
      if (start || !value) input.value = start ? iso(start) : "";
      calendarButton.disabled = forgetButton.disabled = !start;
      var summary = show(timeline, start);
      // Screen readers hear the summary once, when the reader enters a date; the line at
      // the top says the same to everyone, and a page load announces nothing.
      if (announce) {
        form.querySelector("[role=status]").textContent = start ? "Dates added to each stage. " + summary
          : value ? "Please check the date: the year should have four digits, like 2026." : "Your date has been removed.";
      }
    }

    function change(value) {
      var start = parseDate(value);
      write(key, start ? iso(start) : "");
      update(value, true);
    }

    input.addEventListener("change", function () { change(input.value); });
    forgetButton.addEventListener("click", function () { change(""); input.focus(); });
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
    var date = box.querySelector("[data-hb-summary-date]");
    if (date) { date.textContent = ""; date.append(time(start)); }
    stages(box, start).forEach(function (stage) {
      var cell = stage.item.querySelector("[data-hb-summary-dates]");
      if (!cell) return;
      cell.textContent = "";
      addDates(cell, stage);
      if (!stage.visit && !stage.last) cell.append(" onward");
    });
  }

  function init() {
    document.querySelectorAll(".hb-timeline[data-date-key]").forEach(enhance);
    document.querySelectorAll(".hb-summary[data-date-key]").forEach(fillSummary);
  }

  // head.js runs this script once the page is parsed.
  init();
}());
