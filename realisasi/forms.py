"""Forms of the report pages: they check shape only; services enforce the rules."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dakmonev.quarters import Quarter

from .choices import ReportStatus


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
    # Checked by default: a stored draft does not count until it is submitted (issue 17).
    submit = forms.BooleanField(
        label=_("Langsung ajukan ke Ditjen IKMA"), required=False, initial=True
    )


class ReportFilterForm(forms.Form):
    """The report list's filters (and its export's): names and old bookmarks as dakmonev.query reads them."""

    year = forms.IntegerField(label=_("TA"), required=False, min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Triwulan"),
        choices=[("", _("Semua")), *Quarter.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Versi terbaru"))] + ReportStatus.choices, required=False
    )
    province = forms.CharField(
        label=_("Kode provinsi"),
        required=False,
        max_length=2,
        widget=forms.TextInput(attrs={"size": 3, "placeholder": "32"}),
    )

    def filters(self) -> dict:
        """The `report_list` selector's filters (an invalid form filters nothing)."""
        d = self.cleaned_data if self.is_valid() else {}
        return {
            "year": d.get("year"),
            "quarter": d.get("quarter"),
            "status": d.get("status") or None,
            "province": d.get("province") or None,
        }


class VerifyForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan verifikasi (opsional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class TemplateForm(forms.Form):
    region = forms.CharField(
        label=_("Kode wilayah"),
        required=False,
        max_length=8,
        help_text=_("Contoh 32.04 (Ditjen); dinas selalu wilayahnya sendiri."),
    )
    year = forms.IntegerField(label=_("Tahun anggaran"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Triwulan"), choices=Quarter.choices, coerce=int)
