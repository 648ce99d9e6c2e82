"""graph.extract.dates: event dates read from a sentence, resolved against the article's date."""
from __future__ import annotations

import pytest

from graph.extract.dates import event_date


@pytest.mark.parametrize("sentence, expected", [
    ("In March, the two signed.", "2024-03"),
    ("They signed on Wednesday.", "2024-07-03"),
    ("They signed on Monday.", "2024-07-01"),
    ("They signed last month.", "2024-06"),
    ("They signed last October.", "2023-10"),
    ("They signed in 2019.", "2019"),
    ("They signed a deal.", "2024-07-03"),
    ("They may sign a deal.", "2024-07-03"),
])
def test_event_dates_resolve_against_the_article_date(sentence, expected):
    assert event_date(sentence, 0, "2024-07-03") == expected


def test_deadlines_and_future_dates_are_no_event_dates():
    assert event_date("They aim to sign by June next year.", 0, "2024-07-03") == "2024-07-03"
    assert event_date("They will decide by the end of January.", 0, "2024-07-03") == "2024-07-03"
    assert event_date("The holding company will be set up in 2026.", 0, "2024-07-03") == "2024-07-03"


def test_event_date_without_article_date():
    assert event_date("They signed in March 2021.", 0, None) == "2021-03"
    assert event_date("They signed last month.", 0, None) is None
