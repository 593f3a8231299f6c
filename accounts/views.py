from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from .forms import LoginForm
from .roles import Role


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


@login_required
def profile(request):
    return render(request, "accounts/profile.html")


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    # The service's reason (Indonesian) when there is one: the person learns why, not just "no".
    reason = str(exception) if exception is not None and str(exception) else ""
    return render(request, "errors/403.html", {"reason": reason}, status=403)
