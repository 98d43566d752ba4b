"""Widgets: pure functions from validated data to HTML, one per kind of content.

Nothing here knows about MkDocs. `Widgets` holds the data, the text renderer and the page
being rendered (for its list of cited sources); each method returns safe HTML.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from .decision_widgets import DecisionWidgets
from .errors import Position, Problem
from .formatting import count_words, format_date, format_fact, format_phase
from .models import REGION_PLACEHOLDERS, Page, SiteData
from .picture_widgets import PictureWidgets
from .provenance import clinic_only, needs_label
from .render import PageContext, render_template
from .safety import required_level
from .text import TextRenderer
from .timeline import phase_entries, step_entries
from .vocabulary import level_rank

#: The prefix of the names under which recovery-dates.js keeps a reader's dates (its STORE).
DATE_STORAGE_PREFIX = "hb-date:"

#: The id (in data/pages.yml) of the page that shows every exercise card, where phases link.
EXERCISE_PAGE = "home-exercises"


class Widgets(DecisionWidgets, PictureWidgets):
    """Render data as page parts; each call records the sources it shows."""

    def __init__(self, data: SiteData, text: TextRenderer):
        self.data = data
        self.text = text
        self.page = PageContext(src_path="")
        # A fact shown through a {placeholder} in data text is cited like one shown by fact().
        text.on_placeholder = self._cite_fact

    def start_page(self, src_path: str) -> None:
        """Begin a new page: forget the sources cited and symptoms shown on the last one."""
        self.page = PageContext(src_path=src_path)
        self.text.page_key = src_path
        record = self.page_record()
        if record is not None and record.contexts:
            self.page.serve(record.contexts)

    def _render(self, template: str, cited: Iterable[str] = (), **context: object) -> Markup:
        self.page.cite(cited)
        return render_template(template, text=self.text, page=self.page, from_clinic=self.from_clinic, **context)

    def from_clinic(self, item: object) -> bool:
        """Whether an item must say that it comes from a clinic that sells the treatment."""
        return needs_label(item, self._sources)  # type: ignore[arg-type]

    @property
    def _sources(self) -> dict[str, object]:
        return {source.id: source for source in self.data.sources}

    # -- facts and citations ------------------------------------------------

    def fact(self, fact_id: str) -> Markup:
        """One fact (from facts.yml, or a phase's span of time), formatted the one way the site shows it."""
        if self.data.phases.has(fact_id):
            phase = self.data.phases.get(fact_id)
            self.page.cite(phase.sources)
            return Markup.escape(format_phase(phase))
        fact = self.data.facts.get(fact_id)
        self.page.cite(fact.sources)
        return Markup.escape(format_fact(fact))

    def _cite_fact(self, fact_id: str) -> None:
        """Record the sources of a fact, phase span or region value that a text on this page shows."""
        if fact_id in REGION_PLACEHOLDERS:
            self.page.cite(self.data.region.sources)
            return
        file = "phases" if self.data.phases.has(fact_id) else "facts"
        self.page.cite(self.data.get(file, fact_id).sources)

    def count(self, file: str, topic: str | None = None) -> str:
        """How many items a data file holds (optionally of one topic), as a word."""
        items = self.data.all(file) if topic is None else self.data.where(file, "topic", topic)
        return count_words(len(items))

    def cite(self, *source_ids: str) -> Markup:
        """A numbered link from running text to the page's sources box."""
        for source_id in source_ids:
            self.data.sources.get(source_id)
        return render_template("cite.html", numbers=self.page.cite(source_ids), ids=source_ids)

    def notice(self, notice_id: str) -> Markup:
        """A standard notice, such as the emergency box."""
        return self._render("notice.html", notice=self.data.notices.get(notice_id))

    # -- timelines ----------------------------------------------------------

    def timeline(self, timeline_id: str, level: int = 3) -> Markup:
        """A timeline of phases from data/phases.yml."""
        timeline = self.data.timelines.get(timeline_id)
        phases = self.data.phases.where("timeline", timeline_id)
        if not phases:
            raise ValueError(f'Timeline "{timeline_id}" has no phases in data/phases.yml.')
        sources = [*timeline.sources, *(s for phase in phases for s in phase.sources)]
        self.page.serve([timeline.context])
        return self._render(
            "timeline.html",
            sources,
            warning=self._warning_line(timeline.context),
            timeline=timeline,
            timeline_id=timeline.id,
            intro=timeline.intro,
            entries=phase_entries(phases, timeline.starts_at, self.from_clinic),
            exercises={exercise.id: exercise for exercise in self.data.exercises},
            exercise_page=self.data.pages.get(EXERCISE_PAGE).path,
            level=level,
            kind="phases",
        )

    def timeline_summary(self, timeline_id: str) -> Markup:
        """A timeline on one sheet of paper: stages, when, the reader's dates, what matters most,
        and a line for the clinic's phone number."""
        timeline = self.data.timelines.get(timeline_id)
        phases = self.data.phases.where("timeline", timeline_id)
        if not phases:
            raise ValueError(f'Timeline "{timeline_id}" has no phases in data/phases.yml.')
        entries = phase_entries(phases, timeline.starts_at, self.from_clinic)
        self.page.serve([timeline.context])
        return self._render(
            "timeline_summary.html",
            [*timeline.sources, *(s for phase in phases for s in phase.sources)],
            timeline=timeline,
            entries=entries,
            all_from_clinic=all(entry.from_clinic for entry in entries),
            sources=sorted({s for phase in phases for s in phase.sources}),
        )

    def _warning_line(self, context_id: str) -> str:
        """One line for calendar files: the emergency signs of a situation, with the number to call."""
        signs = [self.text.plain(s.name) for s in self._symptoms((context_id,)) if s.level == "emergency"]
        number = self.data.region.emergency_number
        return f"Warning signs: call {number} now for any of these: " + "; ".join(signs) + "." if signs else ""

    def session_timeline(self, level: int = 3) -> Markup:
        """The steps of a treatment session as a timeline."""
        steps = self.data.session_steps
        return self._render(
            "timeline.html",
            [s for step in steps for s in step.sources],
            timeline=None,
            timeline_id="session",
            intro=None,
            entries=step_entries(steps, self.from_clinic),
            level=level,
            kind="steps",
        )

    # -- tables -------------------------------------------------------------

    def session_table(self) -> Markup:
        """Steps of a session with their time and anesthesia, plus the whole session."""
        steps = self.data.session_steps
        total = self.data.facts.get("session-total")
        return self._render(
            "session_table.html",
            [*(s for step in steps for s in step.sources), *total.sources],
            steps=steps,
            total=format_fact(total),
        )

    def preparation_table(self) -> Markup:
        """The preparation checklist with the reason for each task."""
        tasks = self.data.preparation
        return self._render("preparation_table.html", [s for task in tasks for s in task.sources], tasks=tasks)

    def symptom_table(self, *contexts: str, level: str = "expected") -> Markup:
        """Symptoms of the page's situations (or those named) at one care level, with how long each lasts."""
        symptoms = [s for s in self._symptoms(contexts) if s.level == level]
        if not symptoms:
            raise ValueError(f'No symptoms of level "{level}" for the situations {self._context_ids(contexts)} in data/symptoms.yml.')
        lasts = {s.id: format_fact(self.data.facts.get(s.lasts)) for s in symptoms if s.lasts}
        lasting_sources = [src for s in symptoms if s.lasts for src in self.data.facts.get(s.lasts).sources]
        self.page.shown_symptoms.update(s.id for s in symptoms)
        return self._render(
            "symptom_table.html",
            [*(src for s in symptoms for src in s.sources), *lasting_sources],
            symptoms=symptoms,
            lasts=lasts,
            level=self.data.care_levels.get(level),
        )

    def _context_ids(self, contexts: tuple[str, ...]) -> list[str]:
        """The situations named, or else those the page serves; each must exist."""
        chosen = list(contexts) or list(self.page.contexts)
        if not chosen:
            raise ValueError(
                f"docs/{self.page.src_path} serves no situation: name one, such as warning_signs(\"hip-pain\"), "
                "or add contexts to its record in data/pages.yml."
            )
        for context_id in chosen:
            self.data.contexts.get(context_id)
        return chosen

    def _symptoms(self, contexts: tuple[str, ...]) -> list[object]:
        """Symptoms that belong to any of the situations, in file order."""
        chosen = set(self._context_ids(contexts))
        return [s for s in self.data.symptoms if chosen & set(s.contexts)]

    def _escalations(self, symptoms: list[object]) -> dict[str, object]:
        """For symptoms of everyday situations whose red flags are more urgent after a procedure:
        the care level they have then. Readers who had an injection see it beside the sign."""
        procedure = {context.id for context in self.data.contexts if context.after_procedure}
        levels = {care.id: care for care in self.data.care_levels}
        flags = {flag.id: flag for flag in self.data.red_flags}
        found: dict[str, object] = {}
        for symptom in symptoms:
            if set(symptom.contexts) & procedure:  # type: ignore[attr-defined]
                continue
            floor, _ = required_level(symptom, flags, after_procedure=True)
            if level_rank(floor) > level_rank(symptom.level):  # type: ignore[attr-defined]
                found[symptom.id] = levels[floor]  # type: ignore[attr-defined]
        return found

    def _context_tags(self, symptoms: list[object], contexts: tuple[str, ...]) -> dict[str, list[object]]:
        """For symptoms that belong to only some of the situations shown: the ones they belong to."""
        chosen = self._context_ids(contexts)
        names = {context.id: context for context in self.data.contexts}
        tags = {}
        for symptom in symptoms:
            own = [c for c in chosen if c in symptom.contexts]  # type: ignore[attr-defined]
            if len(own) < len(chosen):
                tags[symptom.id] = [names[c] for c in own]  # type: ignore[attr-defined]
        return tags

    # -- cards and lists ----------------------------------------------------

    def care_levels(self, *contexts: str, level: int = 3) -> Markup:
        """Every care level with its symptoms, for the situations named: the 'when to get help' sections."""
        chosen = self._context_ids(contexts)
        symptoms = self._symptoms(contexts)
        groups = [(care, [s for s in symptoms if s.level == care.id]) for care in self.data.care_levels]
        lasts = {s.id: format_fact(self.data.facts.get(s.lasts)) for s in symptoms if s.lasts}
        self.page.shown_symptoms.update(s.id for s in symptoms)
        return self._render(
            "care_levels.html",
            [src for s in symptoms for src in s.sources],
            groups=[(care, items) for care, items in groups if items],
            tags=self._context_tags(symptoms, contexts),
            escalations=self._escalations(symptoms),
            lasts=lasts,
            level=level,
            group_id="-".join(chosen),
        )

    def warning_signs(self, *contexts: str) -> Markup:
        """A short card: the signs that need help in the page's situations (or those named), most urgent first."""
        symptoms = [s for s in self._symptoms(contexts) if s.level != "expected"]
        if not symptoms:
            raise ValueError(f"No warning signs for the situations {self._context_ids(contexts)} in data/symptoms.yml.")
        self.page.shown_symptoms.update(s.id for s in symptoms)
        return self._render(
            "warning_signs.html",
            [src for s in symptoms for src in s.sources],
            groups=[
                (care, [s for s in symptoms if s.level == care.id])
                for care in self.data.care_levels
                if care.id != "expected"
            ],
            tags=self._context_tags(symptoms, contexts),
            escalations=self._escalations(symptoms),
        )

    def unshown_emergency_signs(self) -> Problem | None:
        """A problem when the page serves a situation after a procedure but leaves out one of its emergency signs."""
        record = self.page_record()
        missing: list[str] = []
        served = []
        for context_id in self.page.contexts:
            context = self.data.contexts.get(context_id)
            if not context.after_procedure:
                continue
            served.append(context_id)
            missing += [
                s.id
                for s in self.data.symptoms
                if context_id in s.contexts and s.level == "emergency" and s.id not in self.page.shown_symptoms and s.id not in missing
            ]
        if not missing:
            return None
        page_id = record.id if record is not None else "(no record)"
        return Problem(
            file="data/pages.yml",
            position=Position(self.data.line("pages", page_id), 3),
            field=f"{page_id} › contexts",
            problem=(
                f"docs/{self.page.src_path} is about the time after a procedure ({', '.join(served)}) "
                f"but does not show these emergency signs: {', '.join(missing)}."
            ),
            expected="{{ warning_signs() }} on the page: it shows every warning sign of the situations the page serves",
            found="a page without its emergency list",
        )

    def care_tips(self, topic: str, level: int = 3) -> Markup:
        """Care cards for one topic."""
        tips = self.data.care_tips.where("topics", topic)
        if not tips:
            raise ValueError(f'No care tips with topic "{topic}" in data/care_tips.yml.')
        return self._render("care_tips.html", [s for tip in tips for s in tip.sources], tips=tips, level=level)

    def faqs(self, topic: str) -> Markup:
        """The FAQs of one topic, as expandable questions."""
        self.data.topics.get(topic)
        faqs = self.data.faqs.where("topic", topic)
        if not faqs:
            raise ValueError(f'No FAQs with topic "{topic}" in data/faqs.yml.')
        return self._render("faq_list.html", [s for faq in faqs for s in faq.sources], faqs=faqs)

    def all_faqs(self, level: int = 2) -> Markup:
        """Every FAQ, grouped by topic, with a link to each topic's page."""
        faqs = self.data.faqs
        groups = [(topic, self.data.faqs.where("topic", topic.id)) for topic in self.data.topics]
        pages = {page.id: page for page in self.data.pages}
        return self._render(
            "faq_page.html",
            [s for faq in faqs for s in faq.sources],
            groups=[(topic, items) for topic, items in groups if items],
            pages=pages,
            level=level,
        )

    def stored_dates(self) -> Markup:
        """The names under which the browser keeps a reader's dates, for the privacy page."""
        timelines = [timeline for timeline in self.data.timelines if timeline.date_key]
        keys: dict[str, list[object]] = {}
        for timeline in timelines:
            keys.setdefault(f"{DATE_STORAGE_PREFIX}{timeline.date_key}", []).append(timeline)
        return self._render("stored_dates.html", keys=keys)

    def glossary(self) -> Markup:
        """Every term in the glossary with its plain meaning."""
        terms = sorted(self.data.glossary, key=lambda term: term.term.lower())
        return self._render("glossary.html", terms=terms)

    def evidence(self, topic: str, *ids: str, level: int = 3) -> Markup:
        """What independent sources say, for one topic (or only the summaries named, in that order)."""
        items = self.data.evidence.where("topic", topic)
        if ids:
            chosen = {item.id: item for item in items}
            missing = [item_id for item_id in ids if item_id not in chosen]
            if missing:
                raise ValueError(f'No evidence {", ".join(missing)} with topic "{topic}" in data/evidence.yml.')
            items = tuple(chosen[item_id] for item_id in ids)
        if not items:
            raise ValueError(f'No evidence with topic "{topic}" in data/evidence.yml.')
        return self._render("evidence.html", [s for item in items for s in item.sources], items=items, level=level)

    def claims(self) -> Markup:
        """Clinics' claims side by side with what independent sources say."""
        claims = self.data.claims
        sources = {source.id: source for source in self.data.sources}
        cited = [s for claim in claims for s in (*claim.claimed_by, *claim.sources)]
        return self._render("claims.html", cited, claims=claims, sources=sources)

    def conflicts(self) -> Markup:
        """Where the sources disagree, what each said, and what this site says."""
        # A number that rests only on clinics is not this site's own answer: it shows no value.
        rows = [
            (fact.about, fact.resolution, None if clinic_only(fact.sources, self._sources) else format_fact(fact))
            for fact in self.data.facts
            if fact.resolution is not None
        ]
        rows += [(tip.title, tip.resolution, None) for tip in self.data.care_tips if tip.resolution is not None]
        rows += [(faq.question, faq.resolution, None) for faq in self.data.faqs if faq.resolution is not None]
        sources = {source.id: source for source in self.data.sources}
        cited = [report.source for _, resolution, _ in rows for report in resolution.reported]
        return self._render("conflicts.html", cited, rows=rows, sources=sources)

    def sources_list(self) -> Markup:
        """Every source the site uses, for the About page."""
        # Not cited: the list is the page's content, and a sources box would repeat it.
        return self._render("sources_list.html", sources=self.data.sources)

    # -- page furniture -----------------------------------------------------

    def page_record(self) -> Page | None:
        """The pages.yml record of the page being rendered."""
        pages = self.data.pages.where("path", self.page.src_path)
        return pages[0] if pages else None

    def search_words(self, page_words: Iterable[str] = ()) -> Markup:
        """Everyday words for the terms this page explains, and the page's own (its front
        matter's search_words): hidden, and indexed by search in a field of their own."""
        record = self.page_record()
        terms = self.data.glossary.where("explained_on", record.id) if record is not None else ()
        words = [word for term in terms for word in (term.term, *term.search_words)]
        words += [str(word) for word in page_words if str(word) not in words]
        return render_template("search_words.html", words=words) if words else Markup("")

    def page_footer(self) -> Markup:
        """The sources the page cited; for a medical page also its review and the disclaimer;
        on every page the note for readers outside the region."""
        record = self.page_record()
        medical = record is not None and record.medical
        return render_template(
            "page_footer.html",
            text=self.text,
            sources=[self.data.sources.get(source_id) for source_id in self.page.cited],
            review=record.review if medical and record is not None else None,
            clinicians=self.clinical_reviews(record) if medical and record is not None else [],
            format_date=format_date,
            disclaimer=self.data.notices.get("disclaimer") if medical else None,
            region=self.data.region,
        )

    def clinical_reviews(self, record: Page) -> list[object]:
        """Clinicians who signed this page off on or after its last review: an older sign-off no longer counts."""
        assert record.review is not None
        return [
            reviewer
            for reviewer in self.data.reviewers
            if record.id in reviewer.pages and reviewer.signed >= record.review.last
        ]
