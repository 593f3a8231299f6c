"""The project's URLconf plus one view that fails, to see the 500 page a person would get."""

from django.urls import include, path


def boom(request):
    raise RuntimeError("kegagalan uji")


urlpatterns = [path("uji-gagal/", boom), path("", include("dakmonev.urls"))]
handler500 = "dakmonev.web.server_error"
