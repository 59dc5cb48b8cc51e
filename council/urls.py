from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views, views_deadlines, views_health, views_tokens

admin.site.site_header = _("Council secretariat: administration")
admin.site.site_title = _("Council secretariat")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views_health.healthz, name="healthz"),
    path("readyz", views_health.readyz, name="readyz"),
    path("favicon.ico", views_health.favicon, name="favicon"),
    path("language/", views.set_language, name="set_language"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", views.PasswordChange.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/api-tokens/", views_tokens.api_tokens, name="api_tokens"),
    path("accounts/api-tokens/<int:pk>/revoke/", views_tokens.api_token_revoke_view, name="api_token_revoke"),
    path("councils/<slug:code>/", views.council_detail, name="council_detail"),
    path("councils/<slug:code>/deadlines/", views_deadlines.council_deadlines, name="council_deadlines"),
    path("deadlines/", views_deadlines.my_deadlines, name="my_deadlines"),
    path("calendar/", views_deadlines.calendar_year, name="calendar"),
    path("calendar/<int:year>/", views_deadlines.calendar_year, name="calendar_year"),
    path("inbox/", views_deadlines.inbox, name="inbox"),
    path("inbox/read/", views_deadlines.inbox_read, name="inbox_read_all"),
    path("inbox/<int:pk>/read/", views_deadlines.inbox_read, name="inbox_read"),
    path("accounts/notifications/", views_deadlines.notification_settings, name="notification_settings"),
    path("", include("plans.urls")),
    path("", include("plans.urls_analytics")),
    path("", include("council.urls_access")),
    path("", include("secretariat.urls")),
    path("", include("protocols.urls")),
    path("territorial/", include("territorial.urls")),
    # The read API in the shape of OParl 1.1: each app serves the objects it owns from its ``api`` module.
    path("api/oparl/v1/", include("council.api.urls")),
    path("api/oparl/v1/", include("plans.api")),
    path("api/oparl/v1/", include("secretariat.api")),
    path("api/oparl/v1/", include("protocols.api")),
    path("admin/", admin.site.urls),
]
handler400 = "council.views.bad_request"
handler500 = "council.views.server_error"
