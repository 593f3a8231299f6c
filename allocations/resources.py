"""django-import-export resources for pagu and RK lines.

`AllocationResource` / `PlannedActivityResource` describe the file formats in the library's terms
(columns, foreign keys by code), for the admin's import and export screens. Their *default*
import path (row by row: a lookup per foreign key, one for the instance, then save) is what
benchmarks/management/commands/bench_rk_import.py times as its baseline.

The admin uses the `*AdminResource` subclasses: their `import_data` hands the dataset to the same
import services as the page and the commands (`allocations_import_table`, `rk_import_table`), so
the admin import gets the same validation (scoping, Σ RK ≤ pagu, all-or-nothing) and the same
bulk path, and translates the outcome back into django-import-export's `Result` so its preview,
row errors and confirm step work unchanged.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources, widgets
from import_export.formats.base_formats import Format
from import_export.results import Result, RowResult

from dakmonev.errors import DomainError
from dakmonev.spreadsheet.issues import SpreadsheetRejected
from dakmonev.spreadsheet.numbers import normalize_header
from dakmonev.spreadsheet.safety import ZIP_MAGIC
from dakmonev.spreadsheet.tabular import Table, read_table

from .models import ActivityMenu, Allocation, FiscalYear, PlannedActivity, Region, Sentra
from .services.imports import ImportOutcome, allocations_import_table, rk_import_table

# ------------------------------------------------------------------ default (row-by-row) resources


class AllocationWidget(widgets.ForeignKeyWidget):
    """The allocation of a row's `kode_wilayah` in its `tahun`."""

    def __init__(self):
        super().__init__(Allocation)

    def clean(self, value, row=None, **kwargs):
        return Allocation.objects.get(
            region__code=str(value).strip(), fiscal_year__year=int(row["tahun"])
        )

    def render(self, value, obj=None, **kwargs):
        return value.region.code if value else ""


class SentraWidget(widgets.ForeignKeyWidget):
    """A sentra by name within the row's region (names are unique per region only)."""

    def __init__(self):
        super().__init__(Sentra, "name")

    def get_queryset(self, value, row, *args, **kwargs):
        return Sentra.objects.filter(region__code=str(row["kode_wilayah"]).strip())


class AllocationResource(resources.ModelResource):
    tahun = fields.Field(
        attribute="fiscal_year",
        column_name="tahun",
        widget=widgets.ForeignKeyWidget(FiscalYear, "year"),
    )
    kode_wilayah = fields.Field(
        attribute="region",
        column_name="kode_wilayah",
        widget=widgets.ForeignKeyWidget(Region, "code"),
    )
    pagu = fields.Field(attribute="pagu", column_name="pagu", widget=widgets.DecimalWidget())

    class Meta:
        model = Allocation
        fields = ("tahun", "kode_wilayah", "pagu")
        import_id_fields = ("tahun", "kode_wilayah")
        name = "Pagu (tahun, kode_wilayah, pagu)"


class PlannedActivityResource(resources.ModelResource):
    tahun = fields.Field(
        attribute="allocation__fiscal_year__year", column_name="tahun", readonly=True
    )
    kode_wilayah = fields.Field(
        attribute="allocation", column_name="kode_wilayah", widget=AllocationWidget()
    )
    kode_kegiatan = fields.Field(attribute="code", column_name="kode_kegiatan")
    menu = fields.Field(
        attribute="menu", column_name="menu", widget=widgets.ForeignKeyWidget(ActivityMenu, "code")
    )
    uraian = fields.Field(attribute="description", column_name="uraian")
    sentra = fields.Field(attribute="sentra", column_name="sentra", widget=SentraWidget())
    volume = fields.Field(attribute="volume", column_name="volume", widget=widgets.DecimalWidget())
    satuan = fields.Field(attribute="unit", column_name="satuan")
    pagu = fields.Field(attribute="pagu", column_name="pagu", widget=widgets.DecimalWidget())

    class Meta:
        model = PlannedActivity
        fields = (
            "tahun",
            "kode_wilayah",
            "kode_kegiatan",
            "menu",
            "uraian",
            "sentra",
            "volume",
            "satuan",
            "pagu",
        )
        import_id_fields = ("kode_wilayah", "kode_kegiatan")
        name = "Rencana kegiatan (RK)"


# ------------------------------------------------------------------ admin: delegate to the services


class TableDataset(tablib.Dataset):
    """A Dataset that remembers the Table it was read as (with the file's real row numbers)."""

    def __init__(self, table: Table):
        super().__init__(headers=list(table.headers))
        self.table = table
        for _number, values in table.rows:
            self.append([values.get(h) for h in table.headers])


class SpreadsheetFormat(Format):
    """The admin's one import format: the file read by the same reader as `import_allocations`
    and `import_rk` (xlsx or any CSV offices save), its problems in the same Indonesian words."""

    def __init__(self, encoding=None):
        self.encoding = encoding  # bytes are decoded by the reader, never by the admin

    def get_title(self):
        return "Excel .xlsx / CSV"

    def can_import(self):
        return True

    def create_dataset(self, in_stream) -> TableDataset:
        data = in_stream if isinstance(in_stream, bytes) else bytes(in_stream)
        name = "berkas.xlsx" if data.startswith(ZIP_MAGIC) else "berkas.csv"
        table = read_table(name, data)
        if not table.rows:
            raise SpreadsheetRejected.because("Berkas tidak berisi baris data.")
        return TableDataset(table)


def dataset_table(dataset) -> Table:
    """A tablib Dataset (already read by django-import-export) as the importers' Table."""
    if isinstance(dataset, TableDataset):
        return dataset.table
    headers = [normalize_header(h) for h in (dataset.headers or [])]
    rows = []
    for index, values in enumerate(dataset, start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        rows.append((index, {h: v for h, v in zip(headers, values, strict=False) if h}))
    return Table(headers=headers, rows=rows)


def outcome_result(outcome: ImportOutcome, table: Table) -> Result:
    """Translate an ImportOutcome into the `Result` the django-import-export admin renders."""
    result = Result()
    result.diff_headers = list(table.headers)
    values = dict(table.rows)
    if not outcome.ok:
        by_row: dict[int, dict[str, list[str]]] = {}
        for issue in outcome.errors:
            column = issue.column if issue.column in table.headers else NON_FIELD_ERRORS
            by_row.setdefault(issue.row or 0, {}).setdefault(column, []).append(issue.message)
        for number, errors in sorted(by_row.items()):
            result.append_invalid_row(number, values.get(number, {}), ValidationError(errors))
        return result
    for number, import_type, label in outcome.row_actions:
        row = RowResult()
        row.import_type = import_type
        row.object_repr = label
        row.diff = [values.get(number, {}).get(h, "") for h in table.headers]
        result.append_row_result(row)
        result.increment_row_result_total(row)
    result.total_rows = len(outcome.row_actions)
    return result


class _ServiceImportMixin:
    service = None

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        table = dataset_table(dataset)
        try:
            outcome = type(self).service(actor=kwargs.get("user"), table=table, dry_run=dry_run)
        except DomainError as exc:  # e.g. a dinas account importing pagu
            outcome = ImportOutcome.file_rejected(exc.message)
        return outcome_result(outcome, table)


class AllocationAdminResource(_ServiceImportMixin, AllocationResource):
    service = staticmethod(allocations_import_table)

    class Meta(AllocationResource.Meta):
        pass


class PlannedActivityAdminResource(_ServiceImportMixin, PlannedActivityResource):
    service = staticmethod(rk_import_table)

    class Meta(PlannedActivityResource.Meta):
        pass
