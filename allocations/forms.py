"""Forms of the RK pages: they check shape only; the services enforce the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dakmonev.forms import MoneyField
from dakmonev.quarters import Quarter

from .choices import ProcurementMethod, ProcurementStage
from .models import ActivityMenu, Allocation, PlannedActivity, Sentra
from .services.activities import ActivityInput, ProcurementInput
from .services.targets import FINANCIAL, PHYSICAL, QUARTERS, Targets, target_column

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RKFilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100, label=_("TA"))
    region = forms.CharField(required=False, max_length=8, label=_("Kode wilayah"))


class ActivityForm(forms.Form):
    code = forms.CharField(label=_("Kode kegiatan"), max_length=30)
    menu = forms.ModelChoiceField(ActivityMenu.objects.all(), label=_("Menu kegiatan"))
    sentra = forms.ModelChoiceField(Sentra.objects.none(), label=_("Sentra IKM"), required=False)
    description = forms.CharField(
        label=_("Uraian kegiatan"), widget=forms.Textarea(attrs={"rows": 3})
    )
    volume = forms.DecimalField(label=_("Volume"), max_digits=12, decimal_places=2, min_value=0)
    unit = forms.CharField(label=_("Satuan"), max_length=40, required=False)
    pagu = MoneyField(label=_("Pagu (Rp)"))

    def __init__(self, *args, allocation: Allocation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sentra"].queryset = Sentra.objects.visible_to(user).filter(
            region_id=allocation.region_id
        )

    @classmethod
    def initial_from(cls, activity: PlannedActivity) -> dict:
        return {
            f: getattr(activity, f)
            for f in ("code", "menu", "sentra", "description", "volume", "unit", "pagu")
        }

    def to_input(self) -> ActivityInput:
        return ActivityInput(**self.cleaned_data)


class CoordinateField(forms.DecimalField):
    """Degrees written with a decimal comma or point (`-6,914744` or `-6.914744`)."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=6, required=False, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal"})
        self.widget.input_type = "text"

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class SentraLocationForm(forms.Form):
    latitude = CoordinateField(
        label=_("Lintang"), help_text=_("Derajat desimal; lintang selatan negatif, mis. -6,914744")
    )
    longitude = CoordinateField(label=_("Bujur"), help_text=_("Derajat desimal, mis. 107,609810"))


class ProcurementForm(forms.Form):
    ded_ready = forms.BooleanField(label=_("DED siap"), required=False)
    procurement_method = forms.ChoiceField(
        label=_("Metode pengadaan"),
        required=False,
        choices=[("", "—")] + list(ProcurementMethod.choices),
    )
    procurement_stage = forms.ChoiceField(
        label=_("Tahap pengadaan"), choices=ProcurementStage.choices
    )
    contract_number = forms.CharField(label=_("Nomor kontrak"), max_length=100, required=False)
    contract_date = forms.DateField(label=_("Tanggal kontrak"), required=False, widget=DATE)
    contract_value = MoneyField(label=_("Nilai kontrak (Rp)"), required=False)
    supplier = forms.CharField(label=_("Penyedia"), max_length=200, required=False)
    planned_completion = forms.DateField(label=_("Rencana selesai"), required=False, widget=DATE)
    actual_completion = forms.DateField(label=_("Realisasi selesai"), required=False, widget=DATE)

    @classmethod
    def initial_from(cls, activity: PlannedActivity) -> dict:
        return {name: getattr(activity, name) for name in cls.base_fields}

    def to_input(self) -> ProcurementInput:
        return ProcurementInput(**self.cleaned_data)


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("Alasan dikembalikan"), widget=forms.Textarea(attrs={"rows": 2}))


class TargetsForm(forms.Form):
    """One row of four quarters: planned cumulative physical % and Rp (empty = no target).
    The rules (never decreasing, TW IV physical 100 %, ≤ the line's pagu) are the service's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for q in QUARTERS:
            self.fields[target_column(PHYSICAL, q)] = forms.DecimalField(
                label=_("Fisik (%)"), required=False, max_digits=5, decimal_places=2
            )
            self.fields[target_column(FINANCIAL, q)] = MoneyField(
                label=_("Keuangan (Rp)"), required=False
            )

    @classmethod
    def initial_from(cls, targets: Targets) -> dict:
        initial = {}
        for q in QUARTERS:
            initial[target_column(PHYSICAL, q)] = targets.physical[q - 1]
            initial[target_column(FINANCIAL, q)] = targets.financial[q - 1]
        return initial

    def quarters(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        """(quarter label, physical field, financial field) — the template's four columns."""
        return [
            (Quarter(q).label, self[target_column(PHYSICAL, q)], self[target_column(FINANCIAL, q)])
            for q in QUARTERS
        ]

    def to_targets(self) -> Targets:
        data = self.cleaned_data
        return Targets.of(
            [data.get(target_column(PHYSICAL, q)) for q in QUARTERS],
            [data.get(target_column(FINANCIAL, q)) for q in QUARTERS],
        )
