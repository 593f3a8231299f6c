"""Attachment download: only through the region scope, always as a download, never sniffed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404

from allocations.scoping import get_visible_or_404
from dakmonev.web import download

from ..models import Attachment


@login_required
def attachment_download(request, pk: int):
    attachment = get_visible_or_404(Attachment.objects, request.user, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return download(handle, attachment.original_name, attachment.content_type)
