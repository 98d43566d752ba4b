"""Widgets for choosing a treatment: the decision aid, its worksheet, costs, questions for a
clinic, the first two days after treatment, the risks of the injection and home exercises.

A mixin of `Widgets` (widgets.py): the methods use its data, page and `_render`. Nothing
here knows about MkDocs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .ipdas import QUALIFYING
from .render import PageContext, Rendered
from .vocabulary import QUESTION_GROUP_HEADINGS


@dataclass(frozen=True)
class GridQuestion:
    """One question every option answers, in the same order on every card."""

    key: str
    question: str


#: The questions of the option grid, in order. Each option answers every one.
GRID_QUESTIONS: tuple[GridQuestion, ...] = (
    GridQuestion("involves", "What is it?"),
    GridQuestion("time_to_work", "How soon might it help?"),
    GridQuestion("recovery", "What is it like to go through?"),
    GridQuestion("benefits", "What might it do for me?"),
    GridQuestion("harms", "What are the risks and downsides?"),
    GridQuestion("evidence", "How sure is the research?"),
    GridQuestion("cost", "What does it cost? Does insurance pay?"),
)


def option_sources(option: Any) -> Iterator[str]:
    """Every source an option's card cites: its own, and those of each benefit and harm."""
    yield from option.sources
    yield from option.cost_sources
    for outcome in (*option.benefits, *option.harms):
        yield from outcome.sources


class DecisionWidgets:
    """Decision aid widgets; mixed into `Widgets`."""

    data: Any
    _render: Any

    def _decision(self, decision_id: str) -> tuple[Any, list[Any]]:
        decision = self.data.decisions.get(decision_id)
        return decision, [self.data.options.get(option_id) for option_id in decision.options]

    def _evidence_of(self, options: Iterable[Any]) -> dict[str, Any]:
        return {option.id: self.data.evidence.get(option.evidence) for option in options if option.evidence}

    def decision_intro(self, page: PageContext, decision_id: str) -> Rendered:
        """The condition, the decision to make, who the aid is for, and the options it compares."""
        decision, options = self._decision(decision_id)
        return self._render(page, "decision_intro.html", decision.sources, decision=decision, options=options, ipdas=QUALIFYING)

    def option_grid(self, page: PageContext, decision_id: str, level: int = 3) -> Rendered:
        """Each option as a card answering the same questions in the same order."""
        decision, options = self._decision(decision_id)
        evidence = self._evidence_of(options)
        risks = {option.id: [self.data.risks.get(risk_id) for risk_id in option.risks] for option in options}
        cited = [s for option in options for s in option_sources(option)]
        cited += [s for item in evidence.values() for s in item.sources]
        return self._render(
            page,
            "option_grid.html",
            cited,
            decision=decision,
            options=options,
            questions=GRID_QUESTIONS,
            evidence=evidence,
            risks=risks,
            level=level,
        )

    def values_checklist(self, page: PageContext, decision_id: str, prefix: str = "matters") -> Rendered:
        """'What matters most to me': statements to weigh, on screen and on paper."""
        decision = self.data.decisions.get(decision_id)
        values = self.data.values.where("decisions", decision_id)
        return self._render(page, "values_checklist.html", decision=decision, values=values, prefix=prefix)

    def decision_costs(self, page: PageContext, decision_id: str) -> Rendered:
        """What each option costs and whether insurance usually pays, from the options' data."""
        decision, options = self._decision(decision_id)
        cited = [s for option in options for s in option.cost_sources]
        return self._render(page, "decision_costs.html", cited, decision=decision, options=options)

    def decision_about(self, page: PageContext, decision_id: str) -> Rendered:
        """Who wrote the decision aid, who pays for it, when it was reviewed and when it is next due."""
        decision = self.data.decisions.get(decision_id)
        record = self.data.pages.get(decision.page)
        return self._render(page, "decision_about.html", decision=decision, review=record.review, funding=self.data.notices.get("funding"))

    def worksheet(self, page: PageContext, decision_id: str) -> Rendered:
        """A sheet to print and take to an appointment: the options, what matters, questions and notes."""
        decision, options = self._decision(decision_id)
        values = self.data.values.where("decisions", decision_id)
        return self._render(page, "worksheet.html", decision.sources, decision=decision, options=options, values=values)

    def clinic_questions(self, page: PageContext) -> Rendered:
        """The questions to ask a clinic, grouped, each with room to write the answer."""
        questions = self.data.clinic_questions
        groups = [(heading, [q for q in questions if q.group == group]) for group, heading in QUESTION_GROUP_HEADINGS.items()]
        return self._render(
            page,
            "clinic_questions.html",
            [s for question in questions for s in question.sources],
            groups=[(heading, items) for heading, items in groups if items],
        )

    def first_days(self, page: PageContext) -> Rendered:
        """The checklist for the first two days after treatment, with blanks to fill in."""
        tasks = self.data.first_days
        return self._render(page, "first_days.html", [s for task in tasks for s in task.sources], tasks=tasks)

    def injection_risks(self, page: PageContext, level: int = 2) -> Rendered:
        """Each risk of the injection with the symptoms that show it, at their own care levels."""
        risks = self.data.risks
        symptoms = {risk.id: [self.data.symptoms.get(s) for s in risk.symptoms] for risk in risks}
        levels = {care.id: care for care in self.data.care_levels}
        shown = [symptom for found in symptoms.values() for symptom in found]
        cited = [s for risk in risks for s in risk.sources] + [s for symptom in shown for s in symptom.sources]
        return self._render(
            page, "risks.html", cited, shown=[symptom.id for symptom in shown], risks=risks, symptoms=symptoms, levels=levels, level=level
        )

    def exercises(self, page: PageContext, topic: str, level: int = 3) -> Rendered:
        """Home exercises for one topic, each with its steps, how often, and when to stop."""
        items = self.data.exercises.where("topics", topic)
        if not items:
            raise ValueError(f'No exercises with topic "{topic}" in data/exercises.yml.')
        return self._render(page, "exercises.html", [s for item in items for s in item.sources], exercises=items, level=level)
