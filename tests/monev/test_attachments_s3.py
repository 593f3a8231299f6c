"""Monev attachments on S3-compatible object storage (moto's server in CI): scoped downloads."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monev import services
from tests.files import MINIMAL_PDF

pytestmark = [pytest.mark.django_db, pytest.mark.s3]


def test_attachments_live_in_the_bucket_and_download_within_scope(world, client, s3_storage):
    s3, bucket = s3_storage
    a = services.attachment_add(
        actor=world.inspector,
        finding=world.finding_b,
        upload=SimpleUploadedFile("bukti.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == [a.file.name]
    url = reverse("monev:attachment_download", args=[a.pk])
    client.force_login(world.dinas_b)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    client.force_login(world.dinas_a)
    assert client.get(url).status_code == 404
