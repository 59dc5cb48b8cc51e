"""Error pages speak the reader's language, in the site's layout: 403, 404, 500 and a refused form (CSRF)."""

import pytest
from django.test import Client, override_settings
from django.urls import path, reverse

from council.urls import urlpatterns as site_urls

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*site_urls, path("boom/", _boom)]
handler400 = "council.views.bad_request"
handler500 = "council.views.server_error"


@pytest.mark.parametrize(("language", "title"), [("kk", "Табылмады"), ("ru", "Не найдено"), ("en", "Not found")])
def test_404_is_in_the_readers_language_with_the_menu(client, sign_in, language, title):
    sign_in("member_mvd", language)
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in page and f'lang="{language}"' in page
    assert 'class="mainnav"' in page  # the layout: the reader can go on from here


def test_403_is_in_the_readers_language(client, sign_in, demo):
    sign_in("member_mvd", "kk")
    response = client.get(reverse("council_deadlines", args=["republic"]))  # the secretariat's page
    assert response.status_code == 403
    assert "<h1>Қол жеткізу жабық</h1>" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_500_keeps_the_layout_and_says_nothing_of_the_bug(sign_in, user_named):
    browser = Client(raise_request_exception=False)
    user = user_named("member_mvd")
    user.preferred_language = "ru"
    user.save(update_fields=["preferred_language"])
    browser.force_login(user)
    response = browser.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert 'lang="ru"' in page and 'class="mainnav"' in page
    assert "Server error" in page or "Ошибка сервера" in page
    assert "a bug" not in page and "RuntimeError" not in page


def test_a_refused_form_says_why_in_the_layout(sign_in, user_named):
    browser = Client(enforce_csrf_checks=True)
    user = user_named("member_mvd")
    user.preferred_language = "en"
    user.save(update_fields=["preferred_language"])
    browser.force_login(user)
    response = browser.post(reverse("inbox_read_all"), {})
    page = response.content.decode()
    assert response.status_code == 403
    assert "The form has expired or was sent from another page." in page and 'class="mainnav"' in page
