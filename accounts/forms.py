from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .login_limits import AddressLimited, authenticate_limited


class LimitedLoginMixin:
    """AuthenticationForm.clean through the per-address failure limit (accounts.login_limits)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = authenticate_limited(
                    self.request, username=username, password=password
                )
            except AddressLimited as exc:
                raise ValidationError(exc.message, code="address_limited") from exc
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class LoginForm(LimitedLoginMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna"), widget=forms.TextInput(attrs={"autofocus": True})
    )
    password = forms.CharField(label=_("Kata sandi"), strip=False, widget=forms.PasswordInput)
    error_messages = {
        "invalid_login": _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."
        ),
        "inactive": _("Akun ini tidak aktif. Hubungi admin Ditjen IKMA."),
    }


class AdminLoginForm(LimitedLoginMixin, AdminAuthenticationForm):
    """The admin's own login page counts against the same per-address limit."""
