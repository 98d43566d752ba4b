"""Review governance: which medical pages are due for review soon, and which are overdue."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass

from .formatting import format_date
from .models import Page

#: How many days ahead a due review is announced.
WARN_DAYS = 30


@dataclass(frozen=True)
class ReviewNotice:
    """A medical page whose next review is near or past."""

    page: Page
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def message(self) -> str:
        assert self.page.review is not None
        due = format_date(self.page.review.next)
        where = f"docs/{self.page.path} (data/pages.yml, id {self.page.id})"
        if self.overdue:
            return (
                f"Review overdue: {where} was due on {due}, {-self.days_left} days ago. "
                "Review the page, then set review: last and next in data/pages.yml."
            )
        return f"Review due soon: {where} is due on {due}, in {self.days_left} days."


def review_notices(pages: Iterable[Page], today: dt.date, warn_days: int = WARN_DAYS) -> list[ReviewNotice]:
    """Medical pages whose review is due within `warn_days` days, or overdue, most urgent first."""
    notices = [
        ReviewNotice(page, (page.review.next - today).days)
        for page in pages
        if page.medical and page.review is not None and (page.review.next - today).days <= warn_days
    ]
    return sorted(notices, key=lambda notice: notice.days_left)


def today() -> dt.date:
    """Today's date, or SITE_TODAY (YYYY-MM-DD) when set, so tests can move the clock."""
    value = os.environ.get("SITE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def ci() -> bool:
    """True on CI (the CI variable is set), where an overdue review fails the build."""
    return os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}
