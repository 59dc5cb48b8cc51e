"""The header links only to pages the reader may open: "Compliance" for those who answer for a council's
compliance (the secretary, the chair, oversight; R-000-11d, R-000-14), not for a member."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu(client):
    page = client.get(reverse("home")).content.decode()
    nav = re.search(r'<nav class="mainnav".*?</nav>', page, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


@pytest.mark.parametrize(
    ("role", "sees"), [("member_mvd", False), ("sec_mvd", False), ("secretary", True), ("chair", True)]
)
def test_compliance_is_in_the_menu_only_for_those_whose_page_opens(client, sign_in, demo, role, sees):
    sign_in(role)
    links = _menu(client)
    assert (reverse("protocols:compliance") in links) is sees
    for href in links:  # every link of the menu opens for the reader
        assert client.get(href).status_code == 200, href
