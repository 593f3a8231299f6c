"""Reports' originals on S3-compatible object storage (moto's server in CI): kept byte for byte,
read back by the worker's import, and downloaded only within scope — as on the local disk."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from realisasi.models import ReportUpload

from .report_fixtures import RK, fixture_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_originals_and_error_workbooks_live_in_the_bucket_and_stay_scoped(
    client, s3_storage, django_capture_on_commit_callbacks
):
    s3, bucket = s3_storage
    rk = RK()
    client.force_login(rk.dinas)
    for name in ("valid.xlsx", "bad_cells.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("realisasi:upload"), {"file": SimpleUploadedFile(name, fixture_bytes(name))}
            )
    good, bad = ReportUpload.objects.order_by("pk")
    keys = {o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]}
    assert {good.original.name, bad.original.name} <= keys
    assert (
        "Pratinjau (3 kegiatan)"
        in client.get(reverse("realisasi:upload_status", args=[good.pk])).content.decode()
    )  # the import read the original back from the bucket
    own = client.get(reverse("realisasi:upload_original", args=[good.pk]))
    assert own.status_code == 200 and _body(own) == fixture_bytes("valid.xlsx")
    annotated = client.get(reverse("realisasi:upload_annotated", args=[bad.pk]))
    assert annotated.status_code == 200
    assert openpyxl.load_workbook(io.BytesIO(_body(annotated)))["Laporan"]["G9"].comment
    client.force_login(rk.other_dinas)
    for name, item in (("upload_original", good), ("upload_annotated", bad)):
        assert client.get(reverse(f"realisasi:{name}", args=[item.pk])).status_code == 404
