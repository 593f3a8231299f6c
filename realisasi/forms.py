"""Forms of the report pages: they check shape only; services enforce the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .choices import ReportStatus

QUARTERS = [("", _("Semua")), ("1", "TW I"), ("2", "TW II"), ("3", "TW III"), ("4", "TW IV")]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas laporan (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > settings.DAK_UPLOAD_MAX_BYTES:
            mb = settings.DAK_UPLOAD_MAX_BYTES // (1024 * 1024)
            raise forms.ValidationError(_("Berkas terlalu besar; batasnya %(mb)s MB.") % {"mb": mb})
        return f


class ConfirmForm(forms.Form):
    submit = forms.BooleanField(label=_("Langsung ajukan ke Ditjen IKMA"), required=False)


class ReportFilterForm(forms.Form):
    tahun = forms.IntegerField(label=_("TA"), required=False, min_value=2000, max_value=2100)
    triwulan = forms.ChoiceField(label=_("Triwulan"), choices=QUARTERS, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Versi terbaru"))] + ReportStatus.choices, required=False
    )
    provinsi = forms.CharField(
        label=_("Kode provinsi"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"size": 3, "placeholder": "32"}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class TemplateForm(forms.Form):
    wilayah = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=8,
        help_text=_("Contoh 32.04 (Ditjen); dinas selalu wilayahnya sendiri."),
    )
    tahun = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    triwulan = forms.TypedChoiceField(label=_("Triwulan"), choices=QUARTERS[1:], coerce=int)
