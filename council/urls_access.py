"""Sensitive analytical material, its stated bases and the access log (seed 004, R-004-11..13)."""

from django.urls import path

from . import views_access as views

app_name = "access"
urlpatterns = [
    path("sensitive/<int:pk>/", views.material_open, name="material_open"),
    path("sensitive/<int:pk>/orders/new/", views.disclosure_order_new, name="disclosure_order_new"),
    path("disclosure-orders/<int:pk>/withdraw/", views.disclosure_order_withdraw, name="disclosure_order_withdraw"),
    path("councils/<slug:code>/access-log/", views.access_log, name="access_log"),
]
