"""Forms check the shape of input (400); the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from allocations.models import FiscalYear, PlannedActivity, ProblemCode, Region, Sentra
from dakmonev.forms import MoneyField, SearchableSelect

from .choices import FollowUpStatus, Severity
from .models import Finding, Inspection, OutcomeSurvey
from .selectors import FindingFilters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.xlsx,.docx"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class FindingFilterForm(forms.Form):
    """The finding list's filters (names as dakmonev.query reads them; `region` is a code)."""

    year = forms.TypedChoiceField(label=_("TA"), required=False, coerce=int, empty_value=None)
    region = forms.ModelChoiceField(
        label=_("Wilayah"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Semua"),
        to_field_name="code",
    )
    problem_code = forms.TypedChoiceField(
        label=_("Kode masalah"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + list(FollowUpStatus.choices)
    )
    severity = forms.ChoiceField(
        label=_("Tingkat"), required=False, choices=[("", _("Semua"))] + list(Severity.choices)
    )
    state = forms.ChoiceField(
        label=_("Keadaan"),
        required=False,
        initial="open",
        choices=[("open", _("Terbuka")), ("closed", _("Ditutup")), ("all", _("Semua"))],
    )
    overdue = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)
    min_age = forms.IntegerField(
        label=_("Umur minimal (hari)"), required=False, min_value=0, max_value=10000
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        years = FiscalYear.objects.order_by("-year").values_list("year", flat=True)
        self.fields["year"].choices = [("", _("Semua"))] + [(y, y) for y in years]
        self.fields["region"].queryset = (
            Region.objects.visible_to(user).filter(findings__isnull=False).distinct()
        )
        self.fields["problem_code"].choices = [("", _("Semua"))] + [
            (p.code, str(p)) for p in ProblemCode.objects.all()
        ]

    def filters(self) -> FindingFilters:
        if not self.is_valid():
            return FindingFilters()
        d = self.cleaned_data
        return FindingFilters(
            fiscal_year=d["year"],
            region_id=d["region"].pk if d["region"] else None,
            problem_code=d["problem_code"],
            status=d["status"],
            severity=d["severity"],
            state=d["state"] or "open",
            overdue_only=d["overdue"],
            min_age_days=d["min_age"],
        )


class InspectionForm(forms.ModelForm):
    team = forms.ModelMultipleChoiceField(
        label=_("Tim inspektur"),
        required=False,
        queryset=User.objects.filter(role=Role.INSPEKTORAT, is_active=True).order_by("username"),
    )

    class Meta:
        model = Inspection
        fields = [
            "fiscal_year",
            "region",
            "kind",
            "start_date",
            "end_date",
            "letter_number",
            "team",
            "rating_output",
            "notes_output",
            "rating_reporting",
            "notes_reporting",
            "rating_performance",
            "notes_performance",
            "summary",
        ]
        widgets = {"start_date": DATE, "end_date": DATE, "region": SearchableSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.receiving()

    def clean(self):
        cleaned = super().clean()
        region, fiscal_year = cleaned.get("region"), cleaned.get("fiscal_year")
        if (
            region
            and fiscal_year
            and not Region.objects.receiving(fiscal_year).filter(pk=region.pk).exists()
        ):
            self.add_error(
                "region",
                _("%(region)s tidak menerima DAK Fisik IKM pada TA %(year)s.")
                % {"region": region, "year": fiscal_year.year},
            )
        return cleaned

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["team"] = list(data.get("team") or [])
        return data


class FindingForm(forms.ModelForm):
    files = MultipleFileField(label=_("Lampiran (PDF, JPG, PNG, XLSX, DOCX)"))

    class Meta:
        model = Finding
        fields = [
            "title",
            "region",
            "kondisi",
            "kriteria",
            "sebab",
            "akibat",
            "rekomendasi",
            "amount",
            "activity",
            "problem_code",
            "severity",
            "due_date",
        ]
        widgets = {"due_date": DATE, "region": SearchableSelect}
        field_classes = {"amount": MoneyField}

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].required = False
        self.fields["region"].help_text = _("Kosongkan bila sama dengan wilayah yang diinspeksi.")
        self.fields["region"].queryset = Region.objects.receiving(inspection.fiscal_year)
        self.fields["activity"].queryset = (
            PlannedActivity.objects.filter(allocation__fiscal_year=inspection.fiscal_year)
            .filter(allocation__region=self.instance.region_id or inspection.region_id)
            .select_related("allocation")
        )
        self.fields["problem_code"].queryset = ProblemCode.objects.all()
        self.inspection = inspection
        if self.instance.pk:
            del self.fields["files"]

    def clean_region(self):
        chosen = self.cleaned_data.get("region")
        return chosen or (self.instance.region if self.instance.pk else self.inspection.region)

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)


class FollowUpForm(forms.Form):
    description = forms.CharField(
        label=_("Uraian tindak lanjut"), widget=forms.Textarea(attrs={"rows": 4})
    )
    date = forms.DateField(label=_("Tanggal tindak lanjut"), widget=DATE)
    files = MultipleFileField(label=_("Bukti (PDF, JPG, PNG, XLSX, DOCX)"))


class AssessForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Hasil penilaian"), choices=[("", _("— pilih —"))] + list(FollowUpStatus.choices)
    )
    note = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan penutupan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    files = MultipleFileField(label=_("Lampiran"), required=True)


class SurveyForm(forms.ModelForm):
    sentra = forms.ModelChoiceField(
        label=_("Sentra"), queryset=Sentra.objects.select_related("region")
    )

    class Meta:
        model = OutcomeSurvey
        fields = [
            "sentra",
            "fiscal_year",
            "survey_date",
            "ikm_units_baseline",
            "ikm_units_after",
            "product_types_baseline",
            "product_types_after",
            "formality_baseline",
            "formality_after",
            "market_reach_baseline",
            "market_reach_after",
            "workforce_baseline",
            "workforce_after",
            "capacity_baseline",
            "capacity_after",
            "capacity_unit",
            "notes",
        ]
        widgets = {"survey_date": DATE}

    def validate_unique(self):
        # One survey per sentra and TA: recording again updates it (survey_record), so no error here.
        pass


class OutcomeFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("TA"), coerce=int, required=False, empty_value=None)
    region = forms.ModelMultipleChoiceField(
        label=_("Sampel wilayah (kosong = semua yang disurvei)"),
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        years = list(
            FiscalYear.objects.filter(outcome_surveys__isnull=False)
            .distinct()
            .order_by("-year")
            .values_list("year", flat=True)
        )
        self.fields["year"].choices = [(y, y) for y in years]
        self.default_year = years[0] if years else None
        self.fields["region"].queryset = (
            Region.objects.visible_to(user).filter(sentra__outcome_surveys__isnull=False).distinct()
        )
