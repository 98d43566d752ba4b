"""Typed models of every data file: one model per file (see `FILES`), and `SiteData`,
every file validated, with typed attributes and lookups by id and by field.

Field types live in `fields`; reading and checking the files in `data` (with the
editor messages of `explain` and the rules that span files in `rules`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .fields import (
    PLACEHOLDER,
    Amount,
    ContextId,
    DecisionId,
    DocPath,
    EvidenceId,
    ExerciseId,
    FactId,
    HttpsUrl,
    IconName,
    Id,
    IsoDate,
    MarkdownText,
    Model,
    Name,
    OptionId,
    PageId,
    RedFlagId,
    RiskId,
    SourceId,
    SourceIds,
    SymptomId,
    Text,
    TimeAmount,
    TimelineId,
    TopicId,
    rule_error,
)
from .vocabulary import (
    NOT_INDEPENDENT,
    Certainty,
    Coverage,
    Level,
    OptionKind,
    QuestionGroup,
    SourceKind,
    Strength,
    WarningLevel,
    level_rank,
)

# ---------------------------------------------------------------------------
# Models, one per data file
# ---------------------------------------------------------------------------


class Source(Model):
    """Where facts come from (data/sources.yml)."""

    id: Id
    title: Name = Field(description="The title, as published.")
    publisher: Name = Field(description="Who published it.")
    year: int | None = Field(default=None, ge=1900, le=2100, description="The year it was published (needed unless it is a supplied article).")
    url: HttpsUrl | None = Field(default=None, description="Its web address, starting with https:// (needed unless it is a supplied article).")
    kind: SourceKind = Field(
        description=(
            "What kind of source it is, shown to readers: guideline, systematic-review, regulator, "
            "public-health (a national health service), professional-body, hospital, research (one study), "
            "clinic (sells the treatment it writes about: its words are shown as the clinic's) or "
            "republished (a copy of unknown authorship: never enough on its own)."
        )
    )
    accessed: IsoDate | None = Field(default=None, description="For a page that shows no date: the day it was read, year-month-day.")
    seed: str | None = Field(default=None, description="The file name of the supplied source article, if it is one.")
    note: Text | None = Field(default=None, description="A short note shown on the Sources page.")

    @model_validator(mode="after")
    def _findable(self) -> Source:
        if self.seed is None and (self.url is None or (self.year is None and self.accessed is None)):
            raise rule_error(
                "A source from outside the supplied articles needs a web address and a year (or, for an undated page, the day it was read).",
                "url: https://... and year: YYYY, or accessed: YYYY-MM-DD",
            )
        return self

    @property
    def sells_treatment(self) -> bool:
        """A clinic that sells the treatment it writes about."""
        return self.kind == "clinic"

    @property
    def independent(self) -> bool:
        """Neither a clinic that sells the treatment nor a page of unknown authorship."""
        return self.kind not in NOT_INDEPENDENT


class Reported(Model):
    """What one source said about a disputed fact."""

    source: SourceId = Field(description="The id of the source, from data/sources.yml.")
    amount: Amount | None = Field(default=None, description="The number the source gave, if it gave one.")
    says: Text = Field(description="What the source said, in our own words (no numbers: put them in amount).")


class Resolution(Model):
    """How a disagreement between sources was settled."""

    decision: Text = Field(description="What this site says, and why.")
    reported: list[Reported] = Field(min_length=2, description="What each source said: at least two entries.")


class Fact(Model):
    """One number, date or phone number shown on pages (data/facts.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("about",)

    id: Id
    about: Text = Field(description="What the number is, in a few words.")
    amount: Amount | None = Field(default=None, description="A number or range with a unit.")
    date: IsoDate | None = Field(default=None, description="A date, written year-month-day.")
    date_shows: Literal["day", "month", "year"] = Field(default="day", description="How much of the date pages show.")
    phone: Annotated[str, Field(pattern=r"^[0-9 +-]+$")] | None = Field(default=None, description="A phone number, in quotes.")
    sources: SourceIds
    resolution: Resolution | None = Field(default=None, description="Where sources disagree: what each said and what this site says.")

    @model_validator(mode="after")
    def _one_value(self) -> Fact:
        given = [name for name in ("amount", "date", "phone") if getattr(self, name) is not None]
        if len(given) != 1:
            raise rule_error(
                f"A fact needs exactly one value; this one has {len(given)}.",
                "one of: amount, date, phone",
            )
        return self


class Review(Model):
    """When a page was last checked by the editors, and when it is due again."""

    last: IsoDate = Field(description="When the page was last reviewed, year-month-day.")
    next: IsoDate = Field(description="When the next review is due, year-month-day.")
    editor: Text = Field(description="Who checked the page, such as Editorial team. A clinician's sign-off goes in data/reviewers.yml, not here.")

    @field_validator("next")
    @classmethod
    def _after_last(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        last = info.data.get("last")
        if last is not None and value <= last:
            raise rule_error("The next review is not after the last one.", "a next date later than last")
        return value


class Page(Model):
    """A page of the site and its review record (data/pages.yml)."""

    id: Id
    path: DocPath = Field(description="The page's file inside docs/, like hip-pain/index.md.")
    medical: bool = Field(description="true for pages with medical content: they show sources, review dates and the disclaimer.")
    contexts: list[ContextId] | None = Field(
        default=None,
        description="Ids of the situations (data/contexts.yml) the page serves; [] for none. Needed for medical pages. "
        "A page that serves a situation after a procedure must show that situation's emergency signs.",
    )
    review: Review | None = Field(default=None, description="The review record; needed for medical pages.")

    @model_validator(mode="after")
    def _medical_pages_reviewed(self) -> Page:
        if self.medical and self.review is None:
            raise rule_error("A medical page needs a review record.", "review: with last, next and editor")
        if self.medical and self.contexts is None:
            raise rule_error(
                "A medical page must say which situations it serves.",
                "contexts: with ids from data/contexts.yml, such as [after-hip-injection], or [] for none",
            )
        return self


class Reviewer(Model):
    """A clinician who signed off pages (data/reviewers.yml). Until one signs, pages say the review is pending."""

    id: Id
    name: Name = Field(description="The clinician's full name.")
    credential: Name = Field(description="Their profession and qualifications, such as Physical therapist, DPT.")
    signed: IsoDate = Field(description="The day they signed off the pages, year-month-day.")
    pages: list[PageId] = Field(min_length=1, description="Ids of the medical pages (data/pages.yml) they reviewed.")


class Context(Model):
    """A situation a reader may be in, such as after a hip injection (data/contexts.yml)."""

    id: Id
    name: Text = Field(description="The situation in a reader's words, such as After a hip injection.")
    after_procedure: bool = Field(description="true for the time after a procedure: red flags may be more urgent then, and pages must show the emergency signs.")


class RedFlag(Model):
    """A warning sign with the lowest care level it may ever be filed under (data/red_flags.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("why",)

    id: Id
    name: Text = Field(description="The sign in plain words.")
    min_level: WarningLevel = Field(description="The lowest level a symptom with this sign may have: routine, call or emergency.")
    after_procedure: WarningLevel | None = Field(
        default=None, description="A stricter lowest level in situations after a procedure (contexts with after_procedure: true)."
    )
    why: Text = Field(description="Why the sign is this urgent.")
    words: list[Name] = Field(
        default_factory=list,
        description="Words that show a symptom contains this sign. A symptom whose name uses one must list the sign.",
    )
    sources: SourceIds

    @model_validator(mode="after")
    def _stricter_after_procedure(self) -> RedFlag:
        if self.after_procedure is not None and level_rank(self.after_procedure) < level_rank(self.min_level):
            raise rule_error(
                f'The level after a procedure ("{self.after_procedure}") is less urgent than min_level ("{self.min_level}").',
                "after_procedure at least as urgent as min_level, or left out",
            )
        return self

    def floor(self, after_procedure: bool) -> str:
        """The lowest level allowed in a situation (after a procedure or not)."""
        return self.after_procedure if after_procedure and self.after_procedure else self.min_level


class Region(Model):
    """Where the site's readers live: emergency number, medicines regulator, where to report harm (data/region.yml)."""

    id: Id
    country: Name = Field(description="The country the site is written for.")
    emergency_number: Annotated[str, Field(pattern=r"^[0-9]+$")] = Field(description="The emergency phone number, in quotes, such as \"911\".")
    regulator: Name = Field(description="The medicines regulator, such as U.S. Food and Drug Administration (FDA).")
    report_harm: Name = Field(description="Where to report harm from a medicine or treatment, such as FDA MedWatch.")
    report_harm_url: HttpsUrl = Field(description="The web address for reports.")
    elsewhere: Text = Field(description="A short note, on every page, for readers in other countries.")
    sources: SourceIds


class Topic(Model):
    """A subject that groups FAQs, care cards and evidence (data/topics.yml)."""

    id: Id
    name: Text = Field(description="The topic's name, shown as a heading.")
    page: PageId = Field(description="The id of the page about this topic, from data/pages.yml.")


class Faq(Model):
    """A question and its one answer (data/faqs.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("answer",)

    id: Id
    topic: TopicId = Field(description="The id of its topic, from data/topics.yml.")
    question: Text = Field(description="The question, as a reader would ask it.")
    answer: MarkdownText = Field(description="The answer. Markdown and {fact-id} placeholders allowed.")
    sources: SourceIds
    resolution: Resolution | None = Field(default=None, description="Where sources disagree: what each said and what this site says.")


class CareLevel(Model):
    """How urgent a symptom is (data/care_levels.yml)."""

    id: Level = Field(description="expected, routine, call or emergency.")
    heading: Text = Field(description="The heading readers see, in words (not colour alone).")
    icon: IconName = Field(description="A Material for MkDocs icon, like material/phone-alert.")
    action: MarkdownText = Field(description="What to do at this level.")


class Symptom(Model):
    """A symptom and what to do about it (data/symptoms.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("name", "what_to_do")

    id: Id
    name: Text = Field(description="The symptom, in a reader's words.")
    level: Level = Field(description="How urgent it is: expected, routine, call or emergency.")
    contexts: list[ContextId] = Field(min_length=1, description="Ids of the situations (data/contexts.yml) it belongs to.")
    signs: list[RedFlagId] = Field(default_factory=list, description="Ids of the red flags (data/red_flags.yml) it contains. Needed unless it is expected.")
    lasts: FactId | None = Field(default=None, description="The id of a fact in data/facts.yml: how long it usually lasts.")
    what_to_do: MarkdownText = Field(description="What to do about it.")
    sources: SourceIds

    @model_validator(mode="after")
    def _warning_signs_named(self) -> Symptom:
        if self.level != "expected" and not self.signs:
            raise rule_error(
                "A symptom that needs help must name the red flags it contains.",
                "signs: with ids from data/red_flags.yml, such as [fever]",
            )
        return self


class CareTip(Model):
    """Advice shown as a card (data/care_tips.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("body",)

    id: Id
    title: Text = Field(description="The card's heading.")
    icon: IconName = Field(description="A Material for MkDocs icon, like material/snowflake.")
    body: MarkdownText = Field(description="The advice. Markdown and {fact-id} placeholders allowed.")
    topics: list[TopicId] = Field(min_length=1, description="Ids of the topics whose pages show this card.")
    sources: SourceIds
    resolution: Resolution | None = Field(default=None, description="Where sources disagree: what each said and what this site says.")


class Timeline(Model):
    """A sequence of phases drawn as a timeline (data/timelines.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("intro",)

    id: Id
    title: Text = Field(description="The timeline's name.")
    starts_at: Text = Field(description="What the times count from, read after a time: 'after treatment'.")
    date_key: Id | None = Field(
        default=None,
        description="Timelines with the same date_key share the reader's date, such as their treatment date. "
        "Leave out (with date_label) for a timeline readers should not take as their own plan, such as a clinic's claims.",
    )
    date_label: Text | None = Field(default=None, description="The label of the reader's date field, such as 'Your treatment date'.")
    context: ContextId = Field(description="The situation (data/contexts.yml) the timeline follows. A page with a timeline after a procedure must show that situation's emergency signs.")
    intro: MarkdownText | None = Field(default=None, description="A short note shown above the timeline.")
    sources: SourceIds

    @model_validator(mode="after")
    def _date_field_complete(self) -> Timeline:
        if (self.date_key is None) != (self.date_label is None):
            raise rule_error(
                "A timeline with a date field needs both date_key and date_label.",
                "both date_key and date_label, or neither (no date field)",
            )
        return self


class Phase(Model):
    """One phase of a timeline (data/phases.yml); phases are listed in order."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("summary", "goals", "do", "avoid", "milestones", "key_points")

    id: Id
    timeline: TimelineId = Field(description="The id of its timeline, from data/timelines.yml.")
    title: Text = Field(description="The phase's heading.")
    start: TimeAmount | None = Field(default=None, description="When it starts, counted from the timeline's start. Leave out to start when the phase above ends.")
    end: TimeAmount | None = Field(default=None, description="When it ends. Leave out for a single moment (such as a visit) or an open end.")
    visit: bool = Field(default=False, description="true for an appointment, such as a review visit.")
    overlaps_previous: bool = Field(default=False, description="true if this phase may start before the phase above ends.")
    summary: MarkdownText | None = Field(default=None, description="One or two sentences about the phase.")
    goals: list[Text] = Field(default_factory=list, description="What this phase is for.")
    do: list[Text] = Field(min_length=1, description="What to do: at least one entry.")
    avoid: list[Text] = Field(default_factory=list, description="What to avoid.")
    milestones: list[Text] = Field(default_factory=list, description="Signs of progress.")
    exercises: list[ExerciseId] = Field(default_factory=list, description="Ids of home exercises (data/exercises.yml) that suit this phase; each links to its card.")
    key_points: list[Text] = Field(
        default_factory=list,
        max_length=2,
        description="The one or two things that matter most in this phase, for the one-page summary. Leave out to use the first thing to do.",
    )
    sources: SourceIds

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, value: Amount | None, info: ValidationInfo) -> Amount | None:
        start = info.data.get("start")
        if value is not None and start is not None and value.days("max") < start.days("min"):
            raise rule_error("The phase ends before it starts.", "an end later than the start")
        return value

    @property
    def span_start(self) -> Amount:
        """The start, once `resolve_phase_starts` has filled in any that were left out."""
        if self.start is None:
            raise ValueError(f'Phase "{self.id}" has no start yet.')
        return self.start


class SessionStep(Model):
    """One step of a treatment session (data/session_steps.yml), in order."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("anesthesia", "what_happens")

    id: Id
    title: Text = Field(description="The step's name.")
    duration: TimeAmount = Field(description="How long the step takes.")
    anesthesia: Text = Field(description="The pain relief used during the step.")
    what_happens: list[Text] = Field(min_length=1, description="What happens, one point per entry.")
    sources: SourceIds


class PrepTask(Model):
    """One thing to do before a session (data/preparation.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("task", "why", "when", "only_if")

    id: Id
    task: Text = Field(description="What to do, as an instruction.")
    why: Text = Field(description="Why it matters.")
    when: Text | None = Field(default=None, description="When to do it, if that matters.")
    only_if: Text | None = Field(default=None, description="When the task applies only to some people.")
    sources: SourceIds


class GlossaryTerm(Model):
    """A medical word, its plain meaning and the words patients use for it (data/glossary.yml)."""

    id: Id
    term: Name = Field(description="The word as it appears on pages.")
    matches: list[Name] = Field(default_factory=list, description="Other forms that get the same tooltip, like NSAIDs.")
    meaning: Text = Field(description="Its meaning in plain words (shown as the tooltip).")
    brands: list[Name] = Field(default_factory=list, description="Brand names of a medicine. In any text, a brand name comes after this generic name.")
    tooltip: bool = Field(default=True, description="Show the meaning as a tooltip wherever the term appears.")
    search_words: list[Text] = Field(default_factory=list, description="Everyday words a reader may search for instead, like brand names.")
    explained_on: PageId | None = Field(default=None, description="The id of the page (data/pages.yml) that explains this best: searching for a search word finds it.")


class Evidence(Model):
    """What independent sources say about a treatment (data/evidence.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("summary",)

    id: Id
    topic: TopicId = Field(description="The id of its topic, from data/topics.yml.")
    strength: Strength = Field(
        description="What the evidence and guidelines say, as readers see it: approved, recommended, mixed, "
        "investigational, not-shown-to-help (no better than a fake treatment in fair tests), advised-against or not-approved."
    )
    heading: Text = Field(description="The summary's heading.")
    summary: MarkdownText = Field(description="What the evidence shows, in plain words.")
    sources: SourceIds


class Claim(Model):
    """A clinic's claim, shown beside what independent sources say (data/claims.yml)."""

    id: Id
    claim: Text = Field(description="What the clinic claims, in our own words.")
    claimed_by: SourceIds = Field(description="Ids of the clinics (sources that sell the treatment) that make the claim.")
    independent_view: MarkdownText = Field(description="What independent sources say about it.")
    sources: SourceIds = Field(description="Ids of the independent sources.")


#: What how_likely says when something may happen but no source gives a number.
UNKNOWN_LIKELIHOOD = "unknown"


class Outcome(Model):
    """One possible benefit or harm of a treatment option, and how likely it is."""

    what: Text = Field(description="The benefit or harm, in plain words.")
    how_likely: Text | None = Field(
        default=None,
        description="How likely it is, with the number as a {fact-id} placeholder, such as 'About {hip-infection-rate} people'; "
        "or unknown, when it is a chance but no source gives a number (readers then see that no reliable number is known). "
        "Leave out only for something certain, such as a cost.",
    )
    sources: SourceIds

    @field_validator("how_likely")
    @classmethod
    def _likelihood_is_a_number(cls, value: str | None) -> str | None:
        if value is not None and value != UNKNOWN_LIKELIHOOD and not PLACEHOLDER.search(value):
            raise rule_error(
                "How likely something is must be a number from a source, given as a fact.",
                "text with a {fact-id} placeholder for the number, or unknown when no source gives one",
            )
        return value


class TreatmentOption(Model):
    """One treatment a person could choose, described by the same questions as every other (data/options.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("involves", "time_to_work", "recovery", "cost")

    id: Id
    name: Text = Field(description="The option's short name, such as Exercise and physical therapy.")
    kind: OptionKind = Field(
        description="self-care, medicine, injection, surgery or wait (waiting and changing nothing new). Every decision includes a wait option."
    )
    involves: MarkdownText = Field(description="What the option involves, in two or three sentences.")
    time_to_work: Text = Field(description="How soon people may notice a difference, if they do.")
    recovery: Text = Field(description="What it is like to go through: time off, recovery, visits, effort.")
    benefits: list[Outcome] = Field(min_length=1, description="The possible benefits, each with how likely it is where a source says.")
    harms: list[Outcome] = Field(min_length=1, description="The possible harms and downsides, each with how likely it is where a source says.")
    evidence: EvidenceId | None = Field(
        default=None,
        description="The id of the evidence summary (data/evidence.yml) whose label this option shows. Needed for every option but wait.",
    )
    certainty: Certainty = Field(description="How sure the research is: high, moderate, low, very-low, or unknown where no good studies exist.")
    certainty_note: Text = Field(description="Why the research is that sure, in a sentence.")
    coverage: Coverage = Field(
        description="Whether insurance usually pays: usually-covered, sometimes-covered, rarely-covered (you usually pay it all) or no-cost."
    )
    cost: Text = Field(description="What it costs, with prices as {fact-id} placeholders only where a source gives them.")
    cost_sources: list[Id] = Field(
        default_factory=list,
        validate_default=True,
        description="Ids of the sources (data/sources.yml) for what it costs and whether insurance pays. Needed unless coverage is no-cost.",
    )
    risks: list[RiskId] = Field(default_factory=list, description="Ids of the risks of the procedure (data/risks.yml), for options that are a procedure.")
    more: DocPath | None = Field(default=None, description="A page of this site with more about the option, like hip-pain/physical-therapy.md.")
    sources: SourceIds

    @field_validator("cost_sources")
    @classmethod
    def _cost_is_sourced(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if info.data.get("coverage", "no-cost") != "no-cost" and not value:
            raise rule_error(
                "What an option costs, and whether insurance pays, must name its sources.",
                "cost_sources: with ids from data/sources.yml, such as [medicare-pt]",
            )
        return value

    @model_validator(mode="after")
    def _evidence_unless_waiting(self) -> TreatmentOption:
        if self.kind != "wait" and self.evidence is None:
            raise rule_error(
                "A treatment option must show what the evidence says about it.",
                "evidence: with the id of a summary in data/evidence.yml",
            )
        if self.kind == "injection" and not self.risks:
            raise rule_error(
                "An injection must list its risks.",
                "risks: with ids from data/risks.yml, such as [infection, bleeding]",
            )
        return self


class Decision(Model):
    """A choice between treatments for one condition: a decision aid (data/decisions.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("condition", "question", "who_for", "not_for")

    id: Id
    page: PageId = Field(description="The id of the page (data/pages.yml) that shows this decision aid.")
    worksheet: PageId = Field(description="The id of the page (data/pages.yml) with the printable worksheet.")
    title: Text = Field(description="The decision's name, such as Hip arthritis: choosing a treatment.")
    condition: MarkdownText = Field(description="The health problem, in plain words: what it is and how it usually goes.")
    question: Text = Field(description="The decision itself, as a question the reader faces.")
    who_for: Text = Field(description="Who the decision aid is for.")
    not_for: Text = Field(description="Who should get help first instead, such as people with warning signs.")
    options: list[OptionId] = Field(min_length=3, description="Ids of the options (data/options.yml), in the order shown. One must be a wait option.")
    sources: SourceIds


class Value(Model):
    """Something that may matter to a person choosing a treatment (data/values.yml)."""

    id: Id
    statement: Text = Field(description="What matters, in the reader's own voice, such as I want to avoid surgery if I can.")
    decisions: list[DecisionId] = Field(min_length=1, description="Ids of the decisions (data/decisions.yml) where the statement is offered.")


class ClinicQuestion(Model):
    """A question to ask a clinic before paying for treatment (data/clinic_questions.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("question", "why", "listen_for")

    id: Id
    group: QuestionGroup = Field(description="Where the question goes: product, proof, people, price, safety or choices.")
    question: Text = Field(description="The question, as the reader would ask it.")
    why: Text = Field(description="Why it matters.")
    listen_for: Text | None = Field(default=None, description="What a good answer, or a warning sign in the answer, sounds like.")
    sources: SourceIds


class AftercareTask(Model):
    """One thing to do in the first two days after treatment (data/first_days.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("task", "why", "only_if")

    id: Id
    task: Text = Field(description="What to do, as an instruction.")
    why: Text = Field(description="Why it matters.")
    only_if: Text | None = Field(default=None, description="When the task applies only to some people.")
    write_in: list[Text] = Field(default_factory=list, description="Labels of blanks to fill in on the printout, such as My clinic's phone number.")
    sources: SourceIds


class Risk(Model):
    """A risk of the injection itself, and the symptoms that show it (data/risks.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("what_happens", "how_likely")

    id: Id
    name: Text = Field(description="The risk's name, such as Infection.")
    what_happens: Text = Field(description="What it is, in a sentence or two.")
    how_likely: Text | None = Field(default=None, description="How likely it is, with any number as a {fact-id} placeholder. Leave out if no source says.")
    contexts: list[ContextId] = Field(min_length=1, description="Ids of the situations (data/contexts.yml) where the risk applies.")
    symptoms: list[SymptomId] = Field(
        min_length=1,
        description="Ids of the symptoms (data/symptoms.yml) that show it, each shown with its own level of care. At least one must need help (not expected).",
    )
    sources: SourceIds


# ---------------------------------------------------------------------------
# Pictures: posed figures, and spots on a body outline
# ---------------------------------------------------------------------------

#: A direction in degrees, as on a clock face turned on its side: 0 points forward (the
#: way the figure faces), 90 straight up, 180 backward, -90 (or 270) straight down.
Direction = Annotated[float, Field(ge=-360, le=360, description="A direction in degrees: 0 forward, 90 up, 180 backward, -90 down.")]

#: Body parts of a posed figure, for `shorter`.
BodyPart = Literal[
    "trunk", "near_upper_arm", "near_forearm", "far_upper_arm", "far_forearm",
    "near_thigh", "near_shin", "far_thigh", "far_shin",
]


class Pose(Model):
    """One position of an exercise figure, as the direction of each body part.

    The figure is seen from the side and faces forward (0 degrees). "Near" limbs are
    on the side facing you and drawn darker; "far" limbs are behind the body.
    """

    says: Text = Field(description="The position in words, such as Lie on your back with your knees bent. Screen readers read it instead of the drawing.")
    trunk: Direction = Field(description="From the hips to the shoulders: 90 sitting or standing up straight, 0 or 180 lying down.")
    head: Direction | None = Field(default=None, description="From the neck to the top of the head. Leave out to follow the trunk.")
    near_arm: tuple[Direction, Direction] = Field(description="[upper arm, forearm] directions of the arm nearest you.")
    far_arm: tuple[Direction, Direction] = Field(description="[upper arm, forearm] directions of the other arm.")
    near_leg: tuple[Direction, Direction] = Field(description="[thigh, shin] directions of the leg nearest you.")
    far_leg: tuple[Direction, Direction] = Field(description="[thigh, shin] directions of the other leg.")
    near_foot: Direction | None = Field(default=None, description="From heel to toes, for the leg nearest you. Leave out for a foot at a right angle to the shin.")
    far_foot: Direction | None = Field(default=None, description="From heel to toes, for the other leg. Leave out for a foot at a right angle to the shin.")
    shorter: dict[BodyPart, Annotated[float, Field(ge=0.2, le=1)]] = Field(
        default_factory=dict,
        description="Body parts that point toward you, with how much of their length shows (0.2 to 1), such as near_thigh: 0.5.",
    )


class ExerciseFigure(Model):
    """The start and end positions of an exercise, drawn side by side."""

    setting: Literal["floor", "chair", "holding-chair"] = Field(
        default="floor",
        description="floor (on a mat or the floor, standing or lying), chair (a chair is drawn under the hips of the start position) "
        "or holding-chair (standing, holding the back of a chair: it is drawn under the hand of the arm nearest you).",
    )
    keep_still: Literal["hips", "feet"] = Field(default="hips", description="The part that stays in place, so the two drawings line up: hips or feet.")
    start: Pose
    end: Pose


class Spot(Model):
    """A place on the body outline: an oval on the front or back view."""

    view: Literal["front", "back"] = Field(description="front or back: which drawing of the body it is on. On the front view the person's right side is on your left.")
    x: Annotated[float, Field(ge=0, le=200)] = Field(description="Across, from 0 (left edge) to 200 (right edge); the middle of the body is 100.")
    y: Annotated[float, Field(ge=0, le=400)] = Field(description="Down, from 0 (top of the head) to 400 (the feet); the hips are near 230.")
    width: Annotated[float, Field(ge=8, le=120)] = Field(default=28, description="How wide the oval is (8 to 120).")
    height: Annotated[float, Field(ge=8, le=200)] = Field(default=28, description="How tall the oval is (8 to 200).")


class PainArea(Model):
    """A place where hip or back pain is felt, on the body map (data/pain_areas.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("felt", "causes", "what_to_do")

    id: Id
    name: Text = Field(description="Where it hurts, in everyday words, such as Groin and front of the hip.")
    felt: Text = Field(description="What pain here is often like, in a sentence.")
    causes: list[Text] = Field(min_length=1, description="What commonly causes pain here, one cause per entry, most common first.")
    what_to_do: MarkdownText = Field(description="What to do about it, with links to the pages that help.")
    symptoms: list[SymptomId] = Field(default_factory=list, description="Ids of warning signs (data/symptoms.yml) to watch for with pain here; each is shown with its level of care.")
    spot: Spot
    sources: SourceIds


class TreatmentSite(Model):
    """A place where cells are collected or injected, on the treatment-day diagram (data/treatment_sites.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("what_happens",)

    id: Id
    role: Literal["collect", "inject"] = Field(description="collect (cells are taken from here) or inject (cells are put in here).")
    name: Text = Field(description="The place, in everyday words, such as The back of the hip bone.")
    what_happens: Text = Field(description="What is done there, in a sentence or two.")
    spot: Spot
    sources: SourceIds


class Exercise(Model):
    """A home exercise or stretch (data/exercises.yml)."""

    #: Fields that state something: checked for clinic claims (see provenance.py).
    STATEMENTS: ClassVar[tuple[str, ...]] = ("purpose", "not_for", "steps", "dose", "stop_if")

    id: Id
    name: Name = Field(description="The exercise's name, as therapists call it (it may hold digits, as in a 90/90 stretch).")
    purpose: Text = Field(description="What it is for.")
    not_for: Text = Field(description="Who must not do it, or must ask first: shown as a warning before the steps.")
    steps: list[Text] = Field(min_length=2, description="How to do it, one step per entry, in order.")
    dose: Text = Field(description="How many and how often, with numbers as {fact-id} placeholders.")
    stop_if: Text = Field(description="When to stop and get advice.")
    figure: ExerciseFigure = Field(description="The start and end positions, drawn from the directions of each body part.")
    topics: list[TopicId] = Field(min_length=1, description="Ids of the topics whose pages show it.")
    sources: SourceIds


class Notice(Model):
    """A standard notice, such as the disclaimer (data/notices.yml)."""

    id: Literal["disclaimer", "emergency", "report-harm", "funding"] = Field(description="disclaimer, emergency, report-harm or funding (who pays for the guide).")
    title: Text = Field(description="The notice's heading.")
    body: MarkdownText = Field(description="The notice's text.")


@dataclass(frozen=True)
class DataFile:
    """A data file: its name, the model of its items, and what one item is called."""

    name: str
    model: type[Model]
    noun: str


FILES: tuple[DataFile, ...] = (
    DataFile("sources", Source, "source"),
    DataFile("facts", Fact, "fact"),
    DataFile("pages", Page, "page"),
    DataFile("topics", Topic, "topic"),
    DataFile("faqs", Faq, "FAQ"),
    DataFile("care_levels", CareLevel, "care level"),
    DataFile("symptoms", Symptom, "symptom"),
    DataFile("care_tips", CareTip, "care tip"),
    DataFile("timelines", Timeline, "timeline"),
    DataFile("phases", Phase, "phase"),
    DataFile("session_steps", SessionStep, "session step"),
    DataFile("preparation", PrepTask, "preparation task"),
    DataFile("glossary", GlossaryTerm, "glossary term"),
    DataFile("evidence", Evidence, "evidence summary"),
    DataFile("claims", Claim, "claim"),
    DataFile("notices", Notice, "notice"),
    DataFile("contexts", Context, "situation"),
    DataFile("red_flags", RedFlag, "red flag"),
    DataFile("region", Region, "region"),
    DataFile("reviewers", Reviewer, "reviewer"),
    DataFile("risks", Risk, "risk"),
    DataFile("options", TreatmentOption, "treatment option"),
    DataFile("decisions", Decision, "decision"),
    DataFile("values", Value, "value"),
    DataFile("clinic_questions", ClinicQuestion, "clinic question"),
    DataFile("first_days", AftercareTask, "aftercare task"),
    DataFile("exercises", Exercise, "exercise"),
    DataFile("pain_areas", PainArea, "pain area"),
    DataFile("treatment_sites", TreatmentSite, "treatment site"),
)

#: Placeholders filled from data/region.yml: {emergency-number} and {report-harm}.
REGION_PLACEHOLDERS: tuple[str, ...] = ("emergency-number", "report-harm")


#: The model of a data file's items.
ItemT = TypeVar("ItemT", bound=Model)


class Items(tuple[ItemT, ...]):
    """The items of one data file in file order, with lookups by id and by field.

    Pages look items up many times per build, so lookups are dictionary reads, built
    once: a build's cost grows with the data, not with pages times items.
    """

    name: str
    _by_id: dict[str, ItemT]
    _groups: dict[str, dict[Any, tuple[ItemT, ...]]]
    _positions: dict[int, int]

    def __new__(cls, name: str, items: Iterable[ItemT] = ()) -> Items[ItemT]:
        self = super().__new__(cls, items)
        self.name = name
        self._by_id = {str(getattr(item, "id", "")): item for item in self}
        self._groups = {}
        return self

    def __getnewargs__(self) -> tuple[str, tuple[ItemT, ...]]:  # type: ignore[override]
        return (self.name, tuple(self))

    def __getstate__(self) -> dict[str, Any]:
        """What pickle keeps (the data cache): not the positions, keyed by objects' ids."""
        return {key: value for key, value in self.__dict__.items() if key != "_positions"}

    def get(self, item_id: str) -> ItemT:
        """One item by id; KeyError with the known ids when it does not exist."""
        found = self._by_id.get(item_id)
        if found is None:
            known = ", ".join(self._by_id)
            raise KeyError(f'No {self.name} item with id "{item_id}" in data/{self.name}.yml. Known ids: {known}')
        return found

    def has(self, item_id: str) -> bool:
        """Whether the file has an item with this id."""
        return item_id in self._by_id

    def ids(self) -> list[str]:
        """The ids, in file order."""
        return list(self._by_id)

    def where(self, attribute: str, value: Any) -> tuple[ItemT, ...]:
        """Items whose field equals `value` (or, for a list field, contains it), in order."""
        if attribute not in self._groups:
            groups: dict[Any, list[ItemT]] = {}
            for item in self:
                found = getattr(item, attribute)
                for one in found if isinstance(found, (list, tuple)) else (found,):
                    groups.setdefault(one, []).append(item)
            self._groups[attribute] = {group: tuple(members) for group, members in groups.items()}
        return self._groups[attribute].get(value, ())

    def where_any(self, attribute: str, values: Iterable[Any]) -> tuple[ItemT, ...]:
        """Items whose field matches any of `values` (as in `where`), each once, in file order."""
        found: dict[int, ItemT] = {}
        for value in values:
            for item in self.where(attribute, value):
                found.setdefault(id(item), item)
        if len(found) < 2:
            return tuple(found.values())
        if not hasattr(self, "_positions"):
            self._positions = {id(item): position for position, item in enumerate(self)}
        return tuple(sorted(found.values(), key=lambda item: self._positions[id(item)]))


@dataclass(frozen=True)
class SiteData:
    """Every data file, validated: a typed attribute per file (`data.phases` holds the
    Phase items of data/phases.yml, `data.phases.get("rest")` one of them).

    `all`, `get`, `has`, `ids` and `where` take a file's name, for code that works on any
    file (the schema generator, the data check, tests).
    """

    items: dict[str, tuple[Model, ...]]
    #: The line where each item starts, by (file name, id): for messages about the build.
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False)

    sources: Items[Source] = field(init=False, repr=False, compare=False)
    facts: Items[Fact] = field(init=False, repr=False, compare=False)
    pages: Items[Page] = field(init=False, repr=False, compare=False)
    topics: Items[Topic] = field(init=False, repr=False, compare=False)
    faqs: Items[Faq] = field(init=False, repr=False, compare=False)
    care_levels: Items[CareLevel] = field(init=False, repr=False, compare=False)
    symptoms: Items[Symptom] = field(init=False, repr=False, compare=False)
    care_tips: Items[CareTip] = field(init=False, repr=False, compare=False)
    timelines: Items[Timeline] = field(init=False, repr=False, compare=False)
    phases: Items[Phase] = field(init=False, repr=False, compare=False)
    session_steps: Items[SessionStep] = field(init=False, repr=False, compare=False)
    preparation: Items[PrepTask] = field(init=False, repr=False, compare=False)
    glossary: Items[GlossaryTerm] = field(init=False, repr=False, compare=False)
    evidence: Items[Evidence] = field(init=False, repr=False, compare=False)
    claims: Items[Claim] = field(init=False, repr=False, compare=False)
    notices: Items[Notice] = field(init=False, repr=False, compare=False)
    contexts: Items[Context] = field(init=False, repr=False, compare=False)
    red_flags: Items[RedFlag] = field(init=False, repr=False, compare=False)
    regions: Items[Region] = field(init=False, repr=False, compare=False)
    reviewers: Items[Reviewer] = field(init=False, repr=False, compare=False)
    risks: Items[Risk] = field(init=False, repr=False, compare=False)
    options: Items[TreatmentOption] = field(init=False, repr=False, compare=False)
    decisions: Items[Decision] = field(init=False, repr=False, compare=False)
    values: Items[Value] = field(init=False, repr=False, compare=False)
    clinic_questions: Items[ClinicQuestion] = field(init=False, repr=False, compare=False)
    first_days: Items[AftercareTask] = field(init=False, repr=False, compare=False)
    exercises: Items[Exercise] = field(init=False, repr=False, compare=False)
    pain_areas: Items[PainArea] = field(init=False, repr=False, compare=False)
    treatment_sites: Items[TreatmentSite] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for spec in FILES:
            object.__setattr__(self, attribute_of(spec.name), Items(spec.name, self.items.get(spec.name, ())))

    def file(self, name: str) -> Items[Any]:
        """The items of a data file, by the file's name."""
        return getattr(self, attribute_of(name))  # type: ignore[no-any-return]

    def all(self, name: str) -> tuple[Any, ...]:
        """Items of one file, in the order they are written."""
        return self.file(name)

    def get(self, name: str, item_id: str) -> Any:
        """One item by id; KeyError with the known ids when it does not exist."""
        return self.file(name).get(item_id)

    def has(self, name: str, item_id: str) -> bool:
        """Whether a file has an item with this id."""
        return self.file(name).has(item_id)

    def ids(self, name: str) -> list[str]:
        return self.file(name).ids()

    def line(self, name: str, item_id: str) -> int:
        """The line of data/<name>.yml where an item starts (1 when unknown)."""
        return self.lines.get((name, item_id), 1)

    @property
    def region(self) -> Region:
        """The one region the site is written for (data/region.yml)."""
        return self.regions[0]

    def where(self, name: str, attribute: str, value: Any) -> tuple[Any, ...]:
        """Items of a file whose field equals `value` (or, for a list field, contains it), in order."""
        return self.file(name).where(attribute, value)


def attribute_of(name: str) -> str:
    """The SiteData attribute of a data file: its name, except region.yml's (`regions`),
    whose single item is `SiteData.region`."""
    return "regions" if name == "region" else name
