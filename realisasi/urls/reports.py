from django.urls import path

from ..views import documents, reports, uploads

urlpatterns = [
    path("laporan/", reports.report_list, name="report_list"),
    path("laporan/<int:pk>/", reports.report_detail, name="report_detail"),
    path("laporan/<int:pk>/ajukan/", reports.report_submit_view, name="report_submit"),
    path("laporan/<int:pk>/verifikasi/", reports.report_verify_view, name="report_verify"),
    path("laporan/<int:pk>/kembalikan/", reports.report_return_view, name="report_return"),
    path(
        "laporan/<int:pk>/berita-acara.pdf",
        documents.report_berita_acara,
        name="report_berita_acara",
    ),
    path("laporan/templat/", reports.report_template, name="report_template"),
    path("verifikasi/", reports.verification_queue, name="verification_queue"),
    path("verifikasi/<int:pk>/", reports.verification_detail, name="verification_detail"),
    path("verifikasi/sekaligus/", reports.verification_batch, name="verification_batch"),
    path("unggah/", uploads.upload, name="upload"),
    path("unggah/<int:pk>/", uploads.upload_status, name="upload_status"),
    path("unggah/<int:pk>/status.json", uploads.upload_status_json, name="upload_status_json"),
    path("unggah/<int:pk>/simpan/", uploads.upload_confirm, name="upload_confirm"),
    path("unggah/<int:pk>/asli.xlsx", uploads.upload_original, name="upload_original"),
    path("unggah/<int:pk>/kesalahan.xlsx", uploads.upload_annotated, name="upload_annotated"),
]
