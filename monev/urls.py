"""Monev pages under /monev/."""

from django.urls import path

from .views import attachments, findings, followups, inspections, outcomes, photos

app_name = "monev"

urlpatterns = [
    path("temuan/", findings.finding_list, name="finding_list"),
    path("temuan/ringkasan/", findings.finding_summary, name="finding_summary"),
    path("temuan/ekspor.xlsx", findings.finding_export, name="finding_export"),
    path("temuan/<int:pk>/", findings.finding_detail, name="finding_detail"),
    path("temuan/<int:pk>/laporan.pdf", findings.finding_report, name="finding_report"),
    path("temuan/<int:pk>/ubah/", findings.finding_edit, name="finding_edit"),
    path("temuan/<int:pk>/tutup/", findings.finding_close, name="finding_close"),
    path("temuan/<int:pk>/tindak-lanjut/", followups.followup_submit, name="followup_submit"),
    path("temuan/<int:pk>/lampiran/", followups.attachment_add, name="attachment_add"),
    path("temuan/<int:pk>/foto/", photos.field_photos_add, name="field_photos_add"),
    path(
        "foto-lapangan/<int:pk>/tampilan.jpg",
        photos.field_photo_file,
        {"kind": "tampilan"},
        name="field_photo_display",
    ),
    path(
        "foto-lapangan/<int:pk>/kecil.jpg",
        photos.field_photo_file,
        {"kind": "kecil"},
        name="field_photo_thumbnail",
    ),
    path("foto-lapangan/<int:pk>/asli/", photos.field_photo_original, name="field_photo_original"),
    path("tindak-lanjut/<int:pk>/nilai/", followups.followup_assess, name="followup_assess"),
    path("lampiran/<int:pk>/unduh/", attachments.attachment_download, name="attachment_download"),
    path("inspeksi/", inspections.inspection_list, name="inspection_list"),
    path("inspeksi/baru/", inspections.inspection_create, name="inspection_create"),
    path("inspeksi/<int:pk>/", inspections.inspection_detail, name="inspection_detail"),
    path("inspeksi/<int:pk>/ubah/", inspections.inspection_edit, name="inspection_edit"),
    path(
        "inspeksi/<int:inspection_pk>/temuan/baru/", findings.finding_create, name="finding_create"
    ),
    path("outcome/", outcomes.outcome_summary, name="outcome_summary"),
    path("outcome/survei/", outcomes.survey_record, name="survey_record"),
]
