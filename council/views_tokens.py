"""The account's read-API tokens: the user creates them (the value is shown once, on the page that
answers the creation) and revokes them."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .http import attach_errors, run_action
from .models import ApiToken
from .token_services import api_token_create, api_token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("For example the program that will read with it."),
    )


@login_required
def api_tokens(request):
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = api_token_create(actor=request.user, name=form.cleaned_data["name"], now=timezone.now())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "council/api_tokens.html",
        {"form": form, "tokens": tokens, "raw": raw, "api_root": request.build_absolute_uri(reverse("oparl-system"))},
    )


@login_required
@require_POST
def api_token_revoke_view(request, pk):
    token = get_object_or_404(ApiToken, pk=pk)
    if token.user_id != request.user.pk:
        raise Http404  # another account's token: its existence is not told
    return run_action(
        request,
        "api_tokens",
        lambda: api_token_revoke(actor=request.user, token=token, now=timezone.now()),
        _("The token is revoked; programs using it are refused from now on."),
    )
