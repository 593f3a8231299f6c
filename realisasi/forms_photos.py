"""Forms of the photo pages: shape only (the services read the files and decide the flags)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import PhotoReview, ProgressPoint


class PhotoInput(forms.ClearableFileInput):
    """Several photos at once; on a phone the camera is offered (`capture`)."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "capture": "environment", **(attrs or {})})


class PhotosField(forms.FileField):
    def __init__(self, **kwargs):
        super().__init__(widget=PhotoInput(), **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [single(d, initial) for d in files if d]
        if not cleaned:
            raise forms.ValidationError(_("Pilih paling sedikit satu foto."))
        return cleaned


class PhotoLocationForm(forms.Form):
    """Photos plus the browser's position (monev's field-visit photos use it as it is)."""

    files = PhotosField(label=_("Foto (boleh beberapa sekaligus)"))
    # Filled by static/js/photo-location.js from the browser's geolocation (may stay empty).
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )
    accuracy_m = forms.FloatField(required=False, min_value=0, widget=forms.HiddenInput)


class PhotoUploadForm(PhotoLocationForm):
    progress_point = forms.TypedChoiceField(
        label=_("Titik kemajuan fisik"), choices=ProgressPoint.choices, coerce=int
    )


class PhotoReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Hasil pemeriksaan"),
        choices=[(PhotoReview.ACCEPTED, _("Terima")), (PhotoReview.REJECTED, _("Tolak"))],
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, max_length=1000, widget=forms.TextInput()
    )
