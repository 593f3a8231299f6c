from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dakmonev.errors import DomainError
from dakmonev.web import call_service

from .forms import LoginForm
from .services import user_notification_preferences_set
from .tokens import token_issue, token_lifetime, token_revoke, tokens_of

# Set at login, removed at logout: a browser that still carries it but has no session lost its
# session to the idle timeout (the session cookie expires with it), so the login page says so.
SIGNED_IN_COOKIE = "dakmonev_signed_in"
SIGNED_IN_MAX_AGE = 30 * 24 * 60 * 60


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_expired"] = bool(
            self.request.COOKIES.get(SIGNED_IN_COOKIE) and not self.request.user.is_authenticated
        )
        context["session_minutes"] = settings.SESSION_COOKIE_AGE // 60
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        response.set_cookie(
            SIGNED_IN_COOKIE,
            "1",
            max_age=SIGNED_IN_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=self.request.is_secure(),
        )
        return response


class LogoutView(auth_views.LogoutView):
    """Logging out on purpose is not an expired session."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(SIGNED_IN_COOKIE, samesite="Lax")
        return response


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
def notification_preferences(request):
    """The person's own e-mail choices (notifications appear in the application regardless)."""
    call_service(
        request,
        user_notification_preferences_set,
        email_notifications=request.POST.get("email_notifications") == "on",
        verification_digest=request.POST.get("verification_digest") == "on",
        success=gettext("Pengaturan notifikasi disimpan."),
    )
    return redirect(reverse("profile") + "#notifikasi-email")


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
