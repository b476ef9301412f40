"""The filter form sends the visitor to the results: every calendar view marks them."""

import re

import pytest

from events.factories import EventIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("route", ["", "week/", "month/", "archive/"])
def test_filter_form_leads_to_the_results_of_each_calendar_view(client, home_page, route):
    calendar = EventIndexPageFactory(parent=home_page, slug="kalendarz")

    html = client.get(f"{calendar.url}{route}", {"age": "7"}).content.decode()

    assert re.search(r'<form method="get" action="#results"', html)
    assert len(re.findall(r'\bid="results"', html)) == 1
