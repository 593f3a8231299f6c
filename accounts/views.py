from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dakmonev.errors import DomainError
from dakmonev.web import call_service

from .forms import LoginForm
from .roles import Role
from .tokens import token_issue, token_lifetime, token_revoke, tokens_of


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def _first_reachable(*names: str) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@login_required
def home(request):
    """Send each role to its own start page (dashboard, region page, monev)."""
    user = request.user
    if user.role == Role.DINAS:
        target = _first_reachable("realisasi:my_region")
    elif user.role == Role.INSPEKTORAT:
        target = _first_reachable("realisasi:dashboard", "monev:finding_list")
    else:
        target = _first_reachable("realisasi:dashboard")
    if target:
        return redirect(target)
    return render(request, "home.html")


def _profile(request, *, new_token: str | None = None):
    return render(
        request,
        "accounts/profile.html",
        {
            "tokens": tokens_of(request.user),
            "new_token": new_token,
            "token_days": token_lifetime(request.user).days,
        },
    )


@login_required
def profile(request):
    """The account, and its API tokens (listed by their visible start, never in full)."""
    return _profile(request)


@login_required
@require_POST
def token_create(request):
    """A new API token, shown in this response only."""
    try:
        _token, plain = token_issue(user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("profile")
    response = _profile(request, new_token=plain)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke_view(request):
    call_service(
        request,
        token_revoke,
        token_key=request.POST.get("token_key", ""),
        success=gettext("Token dicabut; sistem yang memakainya tidak dapat masuk lagi."),
    )
    return redirect(reverse("profile") + "#token-api")


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    # The service's reason (Indonesian) when there is one: the person learns why, not just "no".
    reason = str(exception) if exception is not None and str(exception) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def server_error(request):
    """A friendly Indonesian 500 page that needs neither the database nor the session."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render())


def csrf_failure(request, reason=""):
    """A form sent with a stale or missing CSRF token: say what happened and what to do."""
    return render(request, "errors/csrf.html", status=403)
