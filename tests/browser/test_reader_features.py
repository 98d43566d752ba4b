"""Reader features in a real browser: my recovery dates, the calendar file, handouts, search.

Expected dates are computed here from data/ (months are calendar months, as the page
says), never copied from the page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_support import Tab, wait_for_theme
from dateutil.relativedelta import relativedelta
from icalendar import Calendar
from pypdf import PdfReader

from macros.data import load_site_data
from macros.fields import Amount
from macros.models import SiteData
from support import ROOT, doc_url, soup

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load_site_data(ROOT / "data", ROOT / "docs")


def timeline_pages(site: Path) -> dict[str, str]:
    """Each timeline's id and the URL of the page that draws it."""
    found = {}
    for page in site.rglob("index.html"):
        for element in soup(page).select(".hb-timeline[data-date-key]"):
            relative = page.parent.relative_to(site).as_posix()
            found[element["data-timeline"]] = "" if relative == "." else relative + "/"
    return found


def after(start: dt.date, amount: Amount, which: str = "min") -> dt.date:
    """The date `amount` after `start`, counting months as calendar months."""
    value = amount.min if which == "min" else amount.high
    days = {"minute": value / 1440, "hour": value / 24, "day": value, "week": value * 7}.get(amount.unit)
    if days is not None:
        return start + dt.timedelta(days=int(days))
    months = value * 12 if amount.unit == "year" else value
    return start + relativedelta(months=int(months))


def expected_dates(data: SiteData, timeline: str, start: dt.date) -> list[list[str]]:
    """The dates each stage should show. A visit shows its day. Any other stage runs until the
    day before the next non-visit stage starts; the last one until its own end (or onward)."""
    phases = [phase for phase in data.all("phases") if phase.timeline == timeline]
    rows = []
    for index, phase in enumerate(phases):
        first = after(start, phase.span_start)
        following = [other for other in phases[index + 1 :] if not other.visit]
        if phase.visit:
            rows.append([first.isoformat()])
        elif following:
            last = after(start, following[0].span_start) - dt.timedelta(days=1)
            rows.append([first.isoformat()] + ([last.isoformat()] if last > first else []))
        elif phase.end is not None:
            rows.append([first.isoformat(), (after(start, phase.end, "max") - dt.timedelta(days=1)).isoformat()])
        else:
            rows.append([first.isoformat()])
    return rows


def expected_current(data: SiteData, timeline: str, start: dt.date, today: dt.date) -> str | None:
    """The stage that is current on a day: a visit on its own day, else the latest non-visit
    stage that has started (the last one runs on), else the latest visit that is past."""
    phases = [phase for phase in data.all("phases") if phase.timeline == timeline]
    if today < start:
        return None
    for phase in phases:
        if phase.visit and after(start, phase.span_start) == today:
            return phase.id
    started = [phase for phase in phases if not phase.visit and after(start, phase.span_start) <= today]
    if started:
        return started[-1].id
    past = [phase for phase in phases if after(start, phase.span_start) <= today]
    return past[-1].id if past else None


@pytest.fixture
def reader(browser, site_url: str) -> Iterator:
    """A fresh browser profile (empty storage), in US English; closed after the test."""
    context = browser.new_context(base_url=site_url, locale="en-US", accept_downloads=True, service_workers="block")
    yield context
    context.close()


def open_in(context, path: str, site_url: str) -> Tab:
    tab = Tab(page=context.new_page(), origin=urlsplit(site_url).netloc)
    tab.page.on("request", lambda request: tab.requests.append(request.url))
    tab.page.goto(site_url + path, wait_until="load")
    wait_for_theme(tab.page)
    return tab


def reload(tab: Tab) -> None:
    tab.page.reload()
    wait_for_theme(tab.page)


def set_date(tab: Tab, timeline: str, value: str) -> None:
    field = tab.page.locator(f"#hb-date-{timeline}")
    field.fill(value)
    field.dispatch_event("change")


def shown_dates(tab: Tab, timeline: str) -> list[list[str]]:
    return tab.page.eval_on_selector_all(
        f"#timeline-{timeline} li[data-start-unit]",
        "items => items.map(li => Array.from(li.querySelectorAll('.hb-timeline__dates time')).map(t => t.dateTime))",
    )


def test_every_timeline_shows_the_readers_dates_by_calendar_months(reader, site: Path, site_url: str, data: SiteData) -> None:
    pages = timeline_pages(site)
    assert set(pages) == {t.id for t in data.all("timelines") if t.date_key}, "every timeline with a date field has it on its page"
    # The last day of a long month: 3 months later is the end of a shorter month.
    start = dt.date(2026, 11, 30)
    for timeline, path in pages.items():
        tab = open_in(reader, path, site_url)
        tab.page.evaluate("() => localStorage.clear()")
        reload(tab)
        assert shown_dates(tab, timeline) == [[] for _ in expected_dates(data, timeline, start)], "no dates before one is entered"
        set_date(tab, timeline, start.isoformat())
        assert shown_dates(tab, timeline) == expected_dates(data, timeline, start), timeline
        assert tab.offsite == []


#: Sets the timeline's date to N days ago for N = 0 ... days, and records the current stage each time.
WALK_THE_DAYS = """([id, days]) => {
  const input = document.querySelector(`#hb-date-${id}`);
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const found = [];
  for (let n = 0; n <= days; n++) {
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - n);
    input.value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    input.dispatchEvent(new Event("change"));
    const current = [...document.querySelectorAll(`#timeline-${id} li[aria-current=step]`)];
    found.push(current.map((li) => li.dataset.entry));
  }
  return found;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_exactly_one_stage_is_current_on_every_day(width: int, reader, site: Path, site_url: str, data: SiteData) -> None:
    """Stage boundaries are defined once: from day zero to well past the end, every day has
    one current stage, the one the data says (a visit owns its day; ranges never overlap)."""
    today = dt.date.today()
    for timeline, path in timeline_pages(site).items():
        phases = [phase for phase in data.all("phases") if phase.timeline == timeline]
        span = max((after(today, phase.end or phase.span_start, "max") - today).days for phase in phases) + 60
        tab = open_in(reader, path, site_url)
        tab.page.set_viewport_size({"width": width, "height": 844})
        found = tab.page.evaluate(WALK_THE_DAYS, [timeline, span])
        for days_ago, current in enumerate(found):
            start = today - dt.timedelta(days=days_ago)
            assert current == [expected_current(data, timeline, start, today)], f"{timeline}, day {days_ago}: {current}"


def test_a_year_typed_with_fewer_than_four_digits_is_refused(reader, site: Path, site_url: str) -> None:
    tab = open_in(reader, timeline_pages(site)["hip-recovery"], site_url)
    set_date(tab, "hip-recovery", "0026-03-01")
    assert shown_dates(tab, "hip-recovery")[0] == [], "no dates in the year 1926 or 26"
    assert "year" in tab.page.locator("#timeline-hip-recovery [role=status]").inner_text()


def test_the_whole_plan_box_reads_as_an_option_beside_its_words(reader, site: Path, site_url: str) -> None:
    """Its label is body text on the box's line, not a bold heading above it (the date
    field's own label is bold and on a line of its own)."""
    tab = open_in(reader, timeline_pages(site)["hip-recovery"], site_url)
    label = tab.page.locator("#timeline-hip-recovery label:has([data-hb-whole-plan])")
    weight = label.evaluate("label => getComputedStyle(label).fontWeight")
    box = tab.page.locator("#timeline-hip-recovery [data-hb-whole-plan]").bounding_box()
    words = label.evaluate(
        """label => { const range = document.createRange(); range.selectNodeContents(label);
        range.setStartAfter(label.querySelector('input')); const r = range.getClientRects()[0];
        return { top: r.top, bottom: r.bottom, left: r.left }; }"""
    )
    assert weight == "400"
    assert box and words["top"] < box["y"] + box["height"] / 2 < words["bottom"], "the box sits on the first line of its words"
    assert words["left"] > box["x"] + box["width"], "the words follow the box"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_top_of_the_timeline_says_where_the_reader_is(width: int, reader, site: Path, site_url: str, data: SiteData) -> None:
    timeline = "hip-recovery"
    phases = [phase for phase in data.all("phases") if phase.timeline == timeline]
    today = dt.date.today()
    start = today - dt.timedelta(days=10)
    current = expected_current(data, timeline, start, today)
    number = [phase.id for phase in phases].index(current) + 1
    upcoming = next(phase for phase in phases if after(start, phase.span_start) > today)
    tab = open_in(reader, timeline_pages(site)[timeline], site_url)
    tab.page.set_viewport_size({"width": width, "height": 844})
    summary = tab.page.locator(f"#timeline-{timeline} [data-hb-today]")
    assert not summary.is_visible(), "nothing to say before a date is entered"
    set_date(tab, timeline, start.isoformat())
    text = summary.inner_text()
    assert "day 10" in text and f"Stage {number} of {len(phases)}" in text and upcoming.title in text, text
    link = summary.locator("a")
    assert link.get_attribute("href") == f"#{timeline}-{current}"
    past = tab.page.locator(f"#timeline-{timeline} li.hb-timeline__item--past")
    assert past.count() == number - 1 and "Finished" in past.first.inner_text()
    status = tab.page.locator(f"#timeline-{timeline} [role=status]")
    assert f"stage {number} of {len(phases)}" in status.inner_text(), "announced once, when the date is entered"
    reload(tab)
    assert summary.is_visible() and status.inner_text() == "", "a page load shows the summary without announcing it"


def test_the_current_phase_is_marked_in_words(reader, site: Path, site_url: str, data: SiteData) -> None:
    timeline = "hip-recovery"
    phases = [phase for phase in data.all("phases") if phase.timeline == timeline and phase.end is not None]
    target = phases[1]
    # A treatment date that puts today a day after the start of the second phase.
    today = dt.date.today()
    start = today - dt.timedelta(days=(after(today, target.span_start) - today).days + 1)
    tab = open_in(reader, timeline_pages(site)[timeline], site_url)
    set_date(tab, timeline, start.isoformat())
    current = tab.page.locator(f"#timeline-{timeline} li[aria-current=step]")
    assert current.count() == 1
    assert current.get_attribute("data-entry") == target.id
    assert "You are here" in current.inner_text()


def test_the_date_is_kept_across_pages_then_forgotten(reader, site: Path, site_url: str, data: SiteData) -> None:
    pages = timeline_pages(site)
    timeline = "hip-recovery"
    start = dt.date(2026, 1, 31)
    tab = open_in(reader, pages[timeline], site_url)
    set_date(tab, timeline, start.isoformat())

    # Away to another page of the section, and back by its links; the date must follow.
    away = tab.page.locator('nav.md-nav a[href$="recovery/"]:not([href$="hip-recovery-timeline/"])').first
    away.click()
    tab.page.wait_for_url(site_url + "stem-cell-therapy/recovery/")
    back = tab.page.locator('nav.md-nav a[href$="hip-recovery-timeline/"]').first
    back.click()
    tab.page.wait_for_url(site_url + pages[timeline])
    tab.page.wait_for_selector(f"#timeline-{timeline} .hb-timeline__dates")
    assert shown_dates(tab, timeline) == expected_dates(data, timeline, start)
    assert tab.page.locator(f"#hb-date-{timeline}").input_value() == start.isoformat()

    reload(tab)
    assert shown_dates(tab, timeline) == expected_dates(data, timeline, start), "the date survives a reload"

    tab.page.locator(f"#timeline-{timeline} [data-hb-forget]").click()
    assert all(dates == [] for dates in shown_dates(tab, timeline))
    assert tab.page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('hb-date:'))") == []
    assert tab.offsite == []


def test_the_date_tools_load_only_where_needed(reader, site: Path, site_url: str, data: SiteData) -> None:
    """Pages without a dated timeline or summary do not download recovery-dates.js; a link
    from such a page to a timeline brings the date form to life."""
    pages = timeline_pages(site)
    timeline = "hip-recovery"
    tab = open_in(reader, "stem-cell-therapy/", site_url)
    assert tab.page.locator("[data-date-key]").count() == 0
    assert not [url for url in tab.requests if "recovery-dates" in url]

    tab.page.locator('nav.md-nav a[href$="hip-recovery-timeline/"]').first.click()
    tab.page.wait_for_url(site_url + pages[timeline])
    tab.page.wait_for_selector(f"#timeline-{timeline} [data-hb-date-form][data-ready]")
    assert len([url for url in tab.requests if "recovery-dates" in url]) == 1
    set_date(tab, timeline, "2026-01-31")
    assert shown_dates(tab, timeline) == expected_dates(data, timeline, dt.date(2026, 1, 31))
    assert tab.offsite == []


def test_the_privacy_page_names_every_place_a_date_is_kept(reader, site: Path, site_url: str, data: SiteData) -> None:
    """Enter a date on every timeline; every name it is stored under is on the privacy page."""
    privacy = " ".join(soup(site / "about" / "privacy" / "index.html").get_text(" ").split())
    tab = None
    for timeline, path in timeline_pages(site).items():
        tab = open_in(reader, path, site_url)
        set_date(tab, timeline, "2026-12-01")
    assert tab is not None
    stored = tab.page.evaluate("() => Object.keys(localStorage).filter((key) => key.startsWith('hb-date:'))")
    assert len(stored) == len({t.date_key for t in data.all("timelines") if t.date_key}), stored
    assert all(key in privacy for key in stored), (stored, privacy)
    assert "Forget my date" in privacy and "colours" in privacy, "the theme's own colour setting is named too"


def test_dates_follow_the_readers_locale(browser, site: Path, site_url: str) -> None:
    path = timeline_pages(site)["hip-recovery"]
    texts = {}
    for locale in ("en-US", "en-GB", "de-DE"):
        context = browser.new_context(base_url=site_url, locale=locale, service_workers="block")
        try:
            tab = open_in(context, path, site_url)
            set_date(tab, "hip-recovery", "2026-03-09")
            texts[locale] = tab.page.locator("#timeline-hip-recovery .hb-timeline__dates time").first.inner_text()
            expected = tab.page.evaluate("() => new Intl.DateTimeFormat(undefined, {dateStyle: 'medium'}).format(new Date(2026, 2, 9))")
            assert texts[locale] == expected
        finally:
            context.close()
    assert len(set(texts.values())) == 3, f"each locale writes the date its own way: {texts}"


def test_without_javascript_there_is_no_date_field(browser, site: Path, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    try:
        tab = open_in(context, timeline_pages(site)["hip-recovery"], site_url)
        assert not tab.page.locator(".hb-dates").is_visible(), "no date field that cannot work"
        assert not tab.page.locator("[data-hb-print]").is_visible()
        assert tab.page.locator("#timeline-hip-recovery li").count() > 0
    finally:
        context.close()


def test_the_calendar_file_holds_every_phase_on_its_date(reader, site: Path, site_url: str, data: SiteData) -> None:
    start = dt.date(2026, 12, 31)
    labelled_events = 0
    for timeline, path in timeline_pages(site).items():
        tab = open_in(reader, path, site_url)
        set_date(tab, timeline, start.isoformat())
        with tab.page.expect_download() as download:
            tab.page.locator(f"#timeline-{timeline} [data-hb-calendar]").click()
        raw = Path(download.value.path()).read_bytes()
        assert download.value.suggested_filename.endswith(".ics")

        lines = raw.split(b"\r\n")
        assert raw.endswith(b"\r\n") and all(len(line) <= 75 for line in lines), "RFC 5545: CRLF lines of 75 octets"
        calendar = Calendar.from_ical(raw)
        assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
        events = calendar.walk("VEVENT")
        phases = [phase for phase in data.all("phases") if phase.timeline == timeline]
        assert len(events) == len(phases)
        assert len({str(event["UID"]) for event in events}) == len(events), "every event has its own UID"
        for event, phase in zip(events, phases, strict=True):
            assert event.decoded("DTSTART") == after(start, phase.span_start), phase.id
            assert event.decoded("DTEND") == after(start, phase.span_start) + dt.timedelta(days=1)
            assert phase.title in str(event["SUMMARY"])
            assert event.get("DTSTAMP") is not None
            # A stage that rests only on a clinic says so in the calendar, as on the page.
            labelled = tab.page.locator(f"#timeline-{timeline} [data-entry='{phase.id}'] [data-provenance]").count() > 0
            description = " ".join(str(event["DESCRIPTION"]).split())
            assert ("clinic that sells this treatment" in description) == labelled, phase.id
            labelled_events += labelled
            # The page's caveat, what matters most, the warning signs and the page stay with the dates.
            intro = data.get("timelines", timeline).intro
            assert intro is None or " ".join(intro.split()) in description, phase.id
            points = phase.key_points or phase.do[:1]
            assert all(" ".join(plain(data, point).split()) in description for point in points), phase.id
            assert f"call {data.region.emergency_number} now" in description and path in description, phase.id
            alarms = event.walk("VALARM")
            if phase.visit:
                assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -dt.timedelta(days=1), "a reminder the day before"
            else:
                assert alarms == []
    assert labelled_events, "no stage came only from a clinic: the label check compared nothing"


def plain(data: SiteData, text: str) -> str:
    """Data text with its {placeholders} filled, as the page shows it."""
    from macros.fields import PLACEHOLDER
    from macros.formatting import placeholder_values

    values = placeholder_values(data)
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def test_the_calendar_leaves_out_stages_that_are_over_unless_asked(reader, site: Path, site_url: str, data: SiteData) -> None:
    timeline = "hip-recovery"
    today = dt.date.today()
    start = today - dt.timedelta(days=30)
    phases = [phase for phase in data.all("phases") if phase.timeline == timeline]
    rows = expected_dates(data, timeline, start)
    still_ahead = [phase.id for phase, row in zip(phases, rows, strict=True) if dt.date.fromisoformat(row[-1]) >= today]
    tab = open_in(reader, timeline_pages(site)[timeline], site_url)
    set_date(tab, timeline, start.isoformat())
    for whole_plan, expected in ((False, still_ahead), (True, [phase.id for phase in phases])):
        box = tab.page.locator(f"#timeline-{timeline} [data-hb-whole-plan]")
        box.set_checked(whole_plan)
        with tab.page.expect_download() as download:
            tab.page.locator(f"#timeline-{timeline} [data-hb-calendar]").click()
        events = Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
        assert [str(event["UID"]).split("-" + start.strftime("%Y%m%d"))[0].removeprefix(timeline + "-") for event in events] == expected
    assert len(still_ahead) < len(phases), "some stages were over: the check compared something"


def handout_pages() -> list[str]:
    pages = []
    for markdown in sorted((ROOT / "docs").rglob("*.md")):
        front = re.match(r"---\n(.*?)\n---", markdown.read_text(encoding="utf-8"), re.DOTALL)
        if front and re.search(r"^handout: true$", front.group(1), re.MULTILINE):
            pages.append(doc_url(markdown.relative_to(ROOT / "docs").as_posix()))
    return pages


HANDOUTS = handout_pages()

#: A handout should be a few sheets, not a booklet.
MAX_SHEETS = 6
#: Pages allowed more, and why. Every warning sign of every situation, each with its care
#: level and what to do, and the forty-odd sources behind them, is a reference kept whole.
LONGER_HANDOUTS = {"when-to-get-help/": 7}


def test_the_pages_readers_want_on_paper_are_handouts() -> None:
    assert {
        "stem-cell-therapy/preparing/",
        "when-to-get-help/",
        "stem-cell-therapy/hip-recovery-timeline/",
        "stem-cell-therapy/questions-for-a-clinic/",
        "stem-cell-therapy/first-days/",
        "hip-pain/choices-worksheet/",
        "back-pain/choices-worksheet/",
        "hip-pain/home-exercises/",
    } <= set(HANDOUTS)


def test_every_medical_page_has_one_print_button(reader, site: Path, site_url: str, data: SiteData) -> None:
    """A reader may take any medical page to an appointment: each has its print button, once."""
    for page in data.all("pages"):
        tab = open_in(reader, doc_url(page.path), site_url)
        buttons = tab.page.locator("[data-hb-print]")
        if page.medical:
            assert buttons.count() == 1 and buttons.is_visible(), page.path
            assert tab.page.locator("article .md-button:has-text('Print')").count() == 1, f"one print button on {page.path}"
        tab.page.close()


@pytest.mark.parametrize("path", HANDOUTS)
def test_handouts_print_cleanly_on_a4_and_letter(path: str, reader, site: Path, site_url: str) -> None:
    tab = open_in(reader, path, site_url)
    assert tab.page.locator("[data-hb-print]").is_visible(), "a print button under the heading"
    title = tab.page.locator("article h1").inner_text()
    built = soup(site / path / "index.html")
    reviewed = built.select_one("[data-review-last]").get_text()
    address = built.find("link", rel="canonical")["href"]
    for paper in ("A4", "Letter"):
        text = ""
        reader_pdf = PdfReader(io.BytesIO(tab.page.pdf(format=paper)))
        # NFKC turns the typesetter's ligatures (the single letter "ﬁ") back into letters.
        text = unicodedata.normalize("NFKC", " ".join(" ".join(page.extract_text() for page in reader_pdf.pages).split()))
        assert 1 <= len(reader_pdf.pages) <= LONGER_HANDOUTS.get(path, MAX_SHEETS), f"{path} on {paper}: {len(reader_pdf.pages)} sheets"
        for needed in ("Hip and Back Pain Guide", address, title, reviewed):
            assert needed in text, f"{path} on {paper} lacks {needed!r}"
        for chrome in ("Print this page", "Add to my calendar", "Skip to content", "Back to top"):
            assert chrome not in text, f"{path} on {paper} prints {chrome!r}"


def summary_pages(site: Path) -> dict[str, str]:
    """Each timeline's one-page summary: the URL of the page that holds it."""
    found = {}
    for page in site.rglob("index.html"):
        for element in soup(page).select(".hb-summary[data-summary]"):
            relative = page.parent.relative_to(site).as_posix()
            found[element["data-summary"]] = relative + "/"
    return found


def test_every_timeline_has_a_one_page_summary(site: Path, data: SiteData) -> None:
    assert set(summary_pages(site)) == {timeline.id for timeline in data.all("timelines")}


@pytest.mark.parametrize("with_date", [False, True], ids=["blank", "with-date"])
def test_each_summary_fits_one_sheet_of_a4_and_of_letter(with_date: bool, reader, site: Path, site_url: str, data: SiteData) -> None:
    """Stages, the reader's dates (or lines to write them), what matters most, the warning
    signs with the emergency number and a line for the clinic's phone number: one sheet."""
    start = dt.date(2026, 11, 30)
    for timeline_id, path in summary_pages(site).items():
        timeline = data.get("timelines", timeline_id)
        tab = open_in(reader, path, site_url)
        if with_date and timeline.date_key:
            tab.page.evaluate(f"() => localStorage.setItem('hb-date:{timeline.date_key}', '{start.isoformat()}')")
            reload(tab)
            rows = tab.page.eval_on_selector_all(
                f"#summary-{timeline_id} tbody tr", "rows => rows.map(r => [...r.querySelectorAll('time')].map(t => t.dateTime))"
            )
            assert rows == expected_dates(data, timeline_id, start), timeline_id
        phases = [phase for phase in data.all("phases") if phase.timeline == timeline_id]
        for paper in ("A4", "Letter"):
            pdf = PdfReader(io.BytesIO(tab.page.pdf(format=paper)))
            text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
            assert len(pdf.pages) == 1, f"{path} on {paper}: {len(pdf.pages)} sheets"
            assert "clinic's phone number" in text and f"call {data.region.emergency_number}" in text.lower(), path
            assert all(phase.title in text for phase in phases), f"{path} on {paper} leaves out a stage"


def test_to_dos_get_boxes_to_tick_on_paper(reader, site_url: str) -> None:
    tab = open_in(reader, "stem-cell-therapy/preparing/", site_url)
    assert not tab.page.locator(".hb-checkbox").first.is_visible(), "no fake controls on screen"
    tab.page.emulate_media(media="print")
    boxes = tab.page.locator("[data-table=preparation] .hb-checkbox")
    assert boxes.count() > 0 and all(boxes.nth(i).is_visible() for i in range(boxes.count()))
    tab = open_in(reader, "stem-cell-therapy/hip-recovery-timeline/", site_url)
    tab.page.emulate_media(media="print")
    marker = tab.page.eval_on_selector(
        ".hb-timeline__points--do li", "li => getComputedStyle(li, '::before').borderTopStyle"
    )
    assert marker == "solid"


def search_cases(data: SiteData) -> list[tuple[str, str]]:
    """(search word, URL of the page that should come first), for words that lead to one page."""
    pages = {page.id: doc_url(page.path) for page in data.all("pages")}
    targets: dict[str, set[str]] = {}
    for term in data.all("glossary"):
        if term.explained_on:
            for word in term.search_words:
                targets.setdefault(word, set()).add(pages[term.explained_on])
    return sorted((word, next(iter(urls))) for word, urls in targets.items() if len(urls) == 1)


def settled_first_result(tab: Tab) -> str | None:
    """The first search result once the list has stopped changing (the theme searches as keys go down)."""
    last, same = None, 0
    for _ in range(40):
        tab.page.wait_for_timeout(100)
        first = tab.page.locator(".md-search-result__item a").first
        current = first.get_attribute("href") if first.count() else None
        same = same + 1 if current == last else 0
        last = current
        if same >= 3 and current is not None:
            return current
    return last


def test_search_finds_the_words_patients_use(reader, site_url: str, data: SiteData) -> None:
    cases = search_cases(data)
    assert {"Advil", "shot", "bone marrow"} & {word for word, _ in cases}
    tab = open_in(reader, "", site_url)
    field = tab.page.locator("input.md-search__input")
    field.click()
    wrong = {}
    for word, url in cases:
        field.fill("")
        field.press_sequentially(word, delay=10)  # the theme searches as keys are typed
        href = settled_first_result(tab)
        if href is None:
            wrong[word] = "no results"
            continue
        if urlsplit(href).path.lstrip("/") != url:
            wrong[word] = f"first result {urlsplit(href).path!r}, expected /{url}"
    assert wrong == {}, "\n".join(f"{word}: {why}" for word, why in sorted(wrong.items()))
    assert tab.offsite == []
