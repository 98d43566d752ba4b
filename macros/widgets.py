"""Widgets: pure functions from validated data to HTML, one per kind of content.

Nothing here knows about MkDocs. `Widgets` holds the data, the text renderer and the page
being rendered (for its list of cited sources); each method returns safe HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from .decision_widgets import DecisionWidgets
from .errors import Position, Problem
from .fields import PLACEHOLDER
from .formatting import count_words, format_date, format_fact, format_phase
from .models import REGION_PLACEHOLDERS, Page, SiteData
from .picture_widgets import PictureWidgets
from .provenance import clinic_only, needs_label
from .render import PageContext, Rendered, render_template
from .safety import required_level
from .text import LinkResolver, TextRenderer
from .timeline import phase_entries, step_entries
from .vocabulary import level_rank

#: The prefix of the names under which recovery-dates.js keeps a reader's dates (its STORE).
DATE_STORAGE_PREFIX = "hb-date:"

#: The id (in data/pages.yml) of the page that shows every exercise card, where phases link.
EXERCISE_PAGE = "home-exercises"


class Widgets(DecisionWidgets, PictureWidgets):
    """Render data as page parts. Each widget reads the page so far (a PageContext) and
    returns a Rendered: its HTML and the sources it cited, the situations it serves and the
    warning signs it shows. Nothing is kept between calls."""

    def __init__(self, data: SiteData, text: TextRenderer):
        self.data = data
        self.text = text

    def start(self, src_path: str, link: LinkResolver | None = None) -> PageContext:
        """A page before any widget: its record, and the situations the record says it serves."""
        records = self.data.pages.where("path", src_path)
        record = records[0] if records else None
        return PageContext(
            src_path=src_path,
            record=record,
            contexts=tuple(record.contexts or ()) if record is not None else (),
            link=link or self.text.resolve_link,
        )

    def _render(
        self,
        page: PageContext,
        template: str,
        cited: Iterable[str] = (),
        *,
        served: Iterable[str] = (),
        shown: Iterable[str] = (),
        **context: Any,
    ) -> Rendered:
        """Render a widget template. It cites `cited` (numbered in that order), then the
        sources of the facts that the texts it shows hold as {placeholders}."""
        cited = list(cited)
        numbers = page.numbers(cited)
        facts: list[str] = []  # this rendering's own: the text view adds the placeholders it shows
        html = render_template(
            template,
            text=self.text.for_page(page.src_path, page.link, facts),
            cite=lambda ids: [numbers[source_id] for source_id in ids],
            from_clinic=self.from_clinic,
            **context,
        )
        every = [*cited, *self._fact_sources(dict.fromkeys(facts))]
        return Rendered(html, tuple(dict.fromkeys(every)), tuple(served), frozenset(shown))

    def from_clinic(self, item: object) -> bool:
        """Whether an item must say that it comes from a clinic that sells the treatment."""
        return needs_label(item, self._sources)  # type: ignore[arg-type]

    @property
    def _sources(self) -> dict[str, object]:
        return {source.id: source for source in self.data.sources}

    # -- facts and citations ------------------------------------------------

    def fact(self, page: PageContext, fact_id: str) -> Rendered:
        """One fact (from facts.yml, or a phase's span of time), formatted the one way the site shows it."""
        if self.data.phases.has(fact_id):
            phase = self.data.phases.get(fact_id)
            return Rendered(Markup.escape(format_phase(phase)), tuple(phase.sources))
        fact = self.data.facts.get(fact_id)
        return Rendered(Markup.escape(format_fact(fact)), tuple(fact.sources))

    def _fact_sources(self, fact_ids: Iterable[str]) -> list[str]:
        """The sources of facts, phase spans and region values that texts show."""
        found: list[str] = []
        for fact_id in fact_ids:
            if fact_id in REGION_PLACEHOLDERS:
                found += self.data.region.sources
            elif self.data.phases.has(fact_id):
                found += self.data.phases.get(fact_id).sources
            else:
                found += self.data.facts.get(fact_id).sources
        return found

    def count(self, page: PageContext, file: str, topic: str | None = None) -> Rendered:
        """How many items a data file holds (optionally of one topic), as a word."""
        items = self.data.all(file) if topic is None else self.data.where(file, "topic", topic)
        return Rendered(Markup.escape(count_words(len(items))))

    def cite(self, page: PageContext, *source_ids: str) -> Rendered:
        """A numbered link from running text to the page's sources box."""
        for source_id in source_ids:
            self.data.sources.get(source_id)
        numbers = page.numbers(source_ids)
        return Rendered(render_template("cite.html", numbers=[numbers[s] for s in source_ids], ids=source_ids), tuple(source_ids))

    def notice(self, page: PageContext, notice_id: str) -> Rendered:
        """A standard notice, such as the emergency box."""
        return self._render(page, "notice.html", notice=self.data.notices.get(notice_id))

    # -- timelines ----------------------------------------------------------

    def timeline(self, page: PageContext, timeline_id: str, level: int = 3) -> Rendered:
        """A timeline of phases from data/phases.yml."""
        timeline = self.data.timelines.get(timeline_id)
        phases = self.data.phases.where("timeline", timeline_id)
        if not phases:
            raise ValueError(f'Timeline "{timeline_id}" has no phases in data/phases.yml.')
        warning = self._warning_signs(page, timeline.context)
        # The calendar's warning line shows the signs' names and the emergency number: their facts are cited.
        shown_facts = [fact for symptom in warning for fact in PLACEHOLDER.findall(symptom.name)]
        shown_facts += ["emergency-number"] if warning else []
        sources = [*timeline.sources, *(s for phase in phases for s in phase.sources), *self._fact_sources(shown_facts)]
        return self._render(
            page,
            "timeline.html",
            sources,
            served=[timeline.context],
            warning=self._warning_line(warning),
            timeline=timeline,
            timeline_id=timeline.id,
            intro=timeline.intro,
            entries=phase_entries(phases, timeline.starts_at, self.from_clinic),
            exercises={exercise.id: exercise for exercise in self.data.exercises},
            exercise_page=self.data.pages.get(EXERCISE_PAGE).path,
            level=level,
            kind="phases",
        )

    def timeline_summary(self, page: PageContext, timeline_id: str) -> Rendered:
        """A timeline on one sheet of paper: stages, when, the reader's dates, what matters most,
        and a line for the clinic's phone number."""
        timeline = self.data.timelines.get(timeline_id)
        phases = self.data.phases.where("timeline", timeline_id)
        if not phases:
            raise ValueError(f'Timeline "{timeline_id}" has no phases in data/phases.yml.')
        entries = phase_entries(phases, timeline.starts_at, self.from_clinic)
        return self._render(
            page,
            "timeline_summary.html",
            [*timeline.sources, *(s for phase in phases for s in phase.sources)],
            served=[timeline.context],
            timeline=timeline,
            entries=entries,
            all_from_clinic=all(entry.from_clinic for entry in entries),
            sources=sorted({s for phase in phases for s in phase.sources}),
        )

    def _warning_signs(self, page: PageContext, context_id: str) -> list[Any]:
        """The emergency signs of a situation."""
        return [s for s in self._symptoms(page, (context_id,)) if s.level == "emergency"]

    def _warning_line(self, symptoms: list[Any]) -> str:
        """One line for calendar files: emergency signs, with the number to call."""
        signs = [self.text.plain(s.name) for s in symptoms]
        number = self.data.region.emergency_number
        return f"Warning signs: call {number} now for any of these: " + "; ".join(signs) + "." if signs else ""

    def session_timeline(self, page: PageContext, level: int = 3) -> Rendered:
        """The steps of a treatment session as a timeline."""
        steps = self.data.session_steps
        return self._render(
            page,
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

    def session_table(self, page: PageContext) -> Rendered:
        """Steps of a session with their time and anesthesia, plus the whole session."""
        steps = self.data.session_steps
        total = self.data.facts.get("session-total")
        return self._render(
            page,
            "session_table.html",
            [*(s for step in steps for s in step.sources), *total.sources],
            steps=steps,
            total=format_fact(total),
        )

    def preparation_table(self, page: PageContext) -> Rendered:
        """The preparation checklist with the reason for each task."""
        tasks = self.data.preparation
        return self._render(page, "preparation_table.html", [s for task in tasks for s in task.sources], tasks=tasks)

    def symptom_table(self, page: PageContext, *contexts: str, level: str = "expected") -> Rendered:
        """Symptoms of the page's situations (or those named) at one care level, with how long each lasts."""
        symptoms = [s for s in self._symptoms(page, contexts) if s.level == level]
        if not symptoms:
            raise ValueError(f'No symptoms of level "{level}" for the situations {self._context_ids(page, contexts)} in data/symptoms.yml.')
        lasts = {s.id: format_fact(self.data.facts.get(s.lasts)) for s in symptoms if s.lasts}
        lasting_sources = [src for s in symptoms if s.lasts for src in self.data.facts.get(s.lasts).sources]
        return self._render(
            page,
            "symptom_table.html",
            [*(src for s in symptoms for src in s.sources), *lasting_sources],
            shown=[s.id for s in symptoms],
            symptoms=symptoms,
            lasts=lasts,
            level=self.data.care_levels.get(level),
        )

    def _context_ids(self, page: PageContext, contexts: tuple[str, ...]) -> list[str]:
        """The situations named, or else those the page serves; each must exist."""
        chosen = list(contexts) or list(page.contexts)
        if not chosen:
            raise ValueError(
                f"docs/{page.src_path} serves no situation: name one, such as warning_signs(\"hip-pain\"), "
                "or add contexts to its record in data/pages.yml."
            )
        for context_id in chosen:
            self.data.contexts.get(context_id)
        return chosen

    def _symptoms(self, page: PageContext, contexts: tuple[str, ...]) -> list[Any]:
        """Symptoms that belong to any of the situations, in file order."""
        return list(self.data.symptoms.where_any("contexts", self._context_ids(page, contexts)))

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

    def _context_tags(self, page: PageContext, symptoms: list[Any], contexts: tuple[str, ...]) -> dict[str, list[object]]:
        """For symptoms that belong to only some of the situations shown: the ones they belong to."""
        chosen = self._context_ids(page, contexts)
        names = {context.id: context for context in self.data.contexts}
        tags = {}
        for symptom in symptoms:
            own = [c for c in chosen if c in symptom.contexts]  # type: ignore[attr-defined]
            if len(own) < len(chosen):
                tags[symptom.id] = [names[c] for c in own]  # type: ignore[attr-defined]
        return tags

    # -- cards and lists ----------------------------------------------------

    def care_levels(self, page: PageContext, *contexts: str, level: int = 3) -> Rendered:
        """Every care level with its symptoms, for the situations named: the 'when to get help' sections."""
        chosen = self._context_ids(page, contexts)
        symptoms = self._symptoms(page, contexts)
        groups = [(care, [s for s in symptoms if s.level == care.id]) for care in self.data.care_levels]
        lasts = {s.id: format_fact(self.data.facts.get(s.lasts)) for s in symptoms if s.lasts}
        # How long a symptom lasts is a fact shown here: its sources are cited, as in symptom_table.
        lasting_sources = [src for s in symptoms if s.lasts for src in self.data.facts.get(s.lasts).sources]
        return self._render(
            page,
            "care_levels.html",
            [*(src for s in symptoms for src in s.sources), *lasting_sources],
            shown=[s.id for s in symptoms],
            groups=[(care, items) for care, items in groups if items],
            tags=self._context_tags(page, symptoms, contexts),
            escalations=self._escalations(symptoms),
            lasts=lasts,
            level=level,
            group_id="-".join(chosen),
        )

    def warning_signs(self, page: PageContext, *contexts: str) -> Rendered:
        """A short card: the signs that need help in the page's situations (or those named), most urgent first."""
        symptoms = [s for s in self._symptoms(page, contexts) if s.level != "expected"]
        if not symptoms:
            raise ValueError(f"No warning signs for the situations {self._context_ids(page, contexts)} in data/symptoms.yml.")
        return self._render(
            page,
            "warning_signs.html",
            [src for s in symptoms for src in s.sources],
            shown=[s.id for s in symptoms],
            groups=[
                (care, [s for s in symptoms if s.level == care.id])
                for care in self.data.care_levels
                if care.id != "expected"
            ],
            tags=self._context_tags(page, symptoms, contexts),
            escalations=self._escalations(symptoms),
        )

    def unshown_emergency_signs(self, page: PageContext) -> Problem | None:
        """A problem when the page serves a situation after a procedure but leaves out one of its emergency signs."""
        record = page.record
        missing: list[str] = []
        served = []
        for context_id in page.contexts:
            context = self.data.contexts.get(context_id)
            if not context.after_procedure:
                continue
            served.append(context_id)
            missing += [
                s.id
                for s in self.data.symptoms.where("contexts", context_id)
                if s.level == "emergency" and s.id not in page.shown_symptoms and s.id not in missing
            ]
        if not missing:
            return None
        page_id = record.id if record is not None else "(no record)"
        return Problem(
            file="data/pages.yml",
            position=Position(self.data.line("pages", page_id), 3),
            field=f"{page_id} › contexts",
            problem=(
                f"docs/{page.src_path} is about the time after a procedure ({', '.join(served)}) "
                f"but does not show these emergency signs: {', '.join(missing)}."
            ),
            expected="{{ warning_signs() }} on the page: it shows every warning sign of the situations the page serves",
            found="a page without its emergency list",
        )

    def care_tips(self, page: PageContext, topic: str, level: int = 3) -> Rendered:
        """Care cards for one topic."""
        tips = self.data.care_tips.where("topics", topic)
        if not tips:
            raise ValueError(f'No care tips with topic "{topic}" in data/care_tips.yml.')
        return self._render(page, "care_tips.html", [s for tip in tips for s in tip.sources], tips=tips, level=level)

    def faqs(self, page: PageContext, topic: str) -> Rendered:
        """The FAQs of one topic, as expandable questions."""
        self.data.topics.get(topic)
        faqs = self.data.faqs.where("topic", topic)
        if not faqs:
            raise ValueError(f'No FAQs with topic "{topic}" in data/faqs.yml.')
        return self._render(page, "faq_list.html", [s for faq in faqs for s in faq.sources], faqs=faqs)

    def all_faqs(self, page: PageContext, level: int = 2) -> Rendered:
        """Every FAQ, grouped by topic, with a link to each topic's page."""
        faqs = self.data.faqs
        groups = [(topic, self.data.faqs.where("topic", topic.id)) for topic in self.data.topics]
        pages = {page.id: page for page in self.data.pages}
        return self._render(
            page,
            "faq_page.html",
            [s for faq in faqs for s in faq.sources],
            groups=[(topic, items) for topic, items in groups if items],
            pages=pages,
            level=level,
        )

    def stored_dates(self, page: PageContext) -> Rendered:
        """The names under which the browser keeps a reader's dates, for the privacy page."""
        timelines = [timeline for timeline in self.data.timelines if timeline.date_key]
        keys: dict[str, list[object]] = {}
        for timeline in timelines:
            keys.setdefault(f"{DATE_STORAGE_PREFIX}{timeline.date_key}", []).append(timeline)
        return self._render(page, "stored_dates.html", keys=keys)

    def glossary(self, page: PageContext) -> Rendered:
        """Every term in the glossary with its plain meaning."""
        terms = sorted(self.data.glossary, key=lambda term: term.term.lower())
        return self._render(page, "glossary.html", terms=terms)

    def evidence(self, page: PageContext, topic: str, *ids: str, level: int = 3) -> Rendered:
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
        return self._render(page, "evidence.html", [s for item in items for s in item.sources], items=items, level=level)

    def claims(self, page: PageContext) -> Rendered:
        """Clinics' claims side by side with what independent sources say."""
        claims = self.data.claims
        sources = {source.id: source for source in self.data.sources}
        cited = [s for claim in claims for s in (*claim.claimed_by, *claim.sources)]
        return self._render(page, "claims.html", cited, claims=claims, sources=sources)

    def conflicts(self, page: PageContext) -> Rendered:
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
        return self._render(page, "conflicts.html", cited, rows=rows, sources=sources)

    def sources_list(self, page: PageContext) -> Rendered:
        """Every source the site uses, for the About page."""
        # Not cited: the list is the page's content, and a sources box would repeat it.
        return self._render(page, "sources_list.html", sources=self.data.sources)

    # -- page furniture -----------------------------------------------------

    def search_words(self, page: PageContext, page_words: Iterable[str] = ()) -> Markup:
        """Everyday words for the terms this page explains, and the page's own (its front
        matter's search_words): hidden, and indexed by search in a field of their own."""
        record = page.record
        terms = self.data.glossary.where("explained_on", record.id) if record is not None else ()
        words = [word for term in terms for word in (term.term, *term.search_words)]
        words += [str(word) for word in page_words if str(word) not in words]
        return render_template("search_words.html", words=words) if words else Markup("")

    def page_footer(self, page: PageContext) -> Markup:
        """The sources the page cited; for a medical page also its review and the disclaimer;
        on every page the note for readers outside the region."""
        record = page.record
        medical = record is not None and record.medical
        return render_template(
            "page_footer.html",
            text=self.text.for_page(page.src_path, page.link),
            sources=[self.data.sources.get(source_id) for source_id in page.cited],
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
