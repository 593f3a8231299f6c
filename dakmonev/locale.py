"""Language choice: Bahasa Indonesia unless the person picked English with the switcher.

Django's LocaleMiddleware also follows the browser's Accept-Language, which would show a
ministry clerk with an English-configured browser an English system nobody asked for. Here only
the language cookie set by the switcher (set_language) counts.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = (
                translation.get_supported_language_variant(chosen)
                if chosen
                else settings.LANGUAGE_CODE
            )
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
