"""The access matrix's tables: how to build each route's URL, the expected GET status per role
(EXPECTED), the POST-only actions that must change nothing (POST_FORBIDDEN) and the API lists
whose counts must equal the user's scope (API_LISTS). Read by test_access_matrix.py.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.access_world import REGION_A, ROLES

# route name → how to build its args from the world's objects (routes without args: none).
ARGS = {
    "allocations:activity_create": ("allocation",),
    "allocations:rk_submit": ("allocation",),
    "allocations:rk_approve": ("allocation",),
    "allocations:rk_return": ("allocation",),
    "allocations:activity_edit": ("activity",),
    "allocations:activity_delete": ("activity",),
    "allocations:procurement_edit": ("activity",),
    "allocations:sentra_location": ("sentra",),
    "api:sentra-detail": ("sentra",),
    "allocations:targets_edit": ("activity",),
    "realisasi:report_detail": ("report",),
    "realisasi:report_berita_acara": ("report",),
    "realisasi:report_submit": ("report",),
    "realisasi:report_verify": ("report",),
    "realisasi:report_return": ("report",),
    "realisasi:verification_detail": ("report",),
    "realisasi:upload_status": ("upload",),
    "realisasi:activity_photos": ("activity",),
    "realisasi:region_photo_flags": ("region_code",),
    "realisasi:photo_display": ("photo",),
    "realisasi:photo_thumbnail": ("photo",),
    "realisasi:photo_original": ("photo",),
    "realisasi:photo_review": ("photo",),
    "api:activity-photos": ("activity",),
    "realisasi:upload_status_json": ("upload",),
    "realisasi:upload_confirm": ("upload",),
    "realisasi:upload_original": ("upload",),
    "realisasi:upload_annotated": ("upload",),
    "notifications:read": ("notification",),
    "portal:province_detail": ("province_code",),
    "portal:province_regions_export": ("province_code",),
    "portal:region_detail": ("region_code",),
    "portal:region_eligibility": ("region_code",),
    "portal:region_summary_pdf": ("region_code",),
    "portal:dossier_list": ("region_code",),
    "portal:dossier_download": ("dossier",),
    "monev:finding_detail": ("finding",),
    "monev:finding_report": ("finding",),
    "monev:finding_edit": ("finding",),
    "monev:finding_close": ("finding",),
    "monev:followup_submit": ("finding",),
    "monev:attachment_add": ("finding",),
    "monev:followup_assess": ("followup",),
    "monev:attachment_download": ("attachment",),
    "monev:field_photos_add": ("finding",),
    "monev:field_photo_display": ("field_photo",),
    "monev:field_photo_thumbnail": ("field_photo",),
    "monev:field_photo_original": ("field_photo",),
    "monev:inspection_detail": ("inspection",),
    "monev:inspection_edit": ("inspection",),
    "monev:finding_create": ("inspection",),
    "api:region-detail": ("region",),
    "api:allocation-detail": ("allocation",),
    "api:activity-detail": ("activity",),
    "api:activity-targets": ("activity",),
    "api:disbursement-detail": ("disbursement",),
    "api:report-detail": ("report",),
    "api:report-submit": ("report",),
    "api:report-verify": ("report",),
    "api:report-return-": ("report",),
    "api:alert-detail": ("alert",),
    "api:finding-detail": ("finding",),
    "api:finding-close": ("finding",),
    "api:finding-followups": ("finding",),
    "api:followup-detail": ("followup",),
    "api:followup-assess": ("followup",),
    "api:fiscal-year-detail": ("year",),
}
QUERY = {
    "realisasi:report_template": "?tahun={year}&triwulan=4&wilayah=" + REGION_A,
    "api:absorption": "?year={year}&quarter=3",
    "api:absorption-provinces": "?year={year}&quarter=3",
    "api:absorption-regions": "?year={year}&quarter=3",
    "api:timeliness": "?year={year}&quarter=3",
    "api:fiscal-year-detail": "?region=" + REGION_A,
    "realisasi:timeliness_export": "?year={year}&quarter=3",
    "portal:dashboard_regions_export": "?year={year}&quarter=3",
    "portal:dashboard_provinces_export": "?year={year}&quarter=3",
    "portal:province_regions_export": "?year={year}&quarter=3",
    "portal:dashboard_brief": "?year={year}&quarter=3",
    "portal:dashboard_brief_xlsx": "?year={year}&quarter=3",
    "portal:region_summary_pdf": "?year={year}&quarter=3",
}
# Not pages of ours: the catch-all API 404, Django's language switch (POST only, no data).
IGNORED = {"api:not_found", "set_language"}


def route_names() -> list[str]:
    names: list[str] = []

    def walk(resolver, ns=None):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                walk(p, f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns))
            elif isinstance(p, URLPattern) and p.name:
                names.append(f"{ns}:{p.name}" if ns else p.name)

    walk(get_resolver())
    return sorted(set(names) - IGNORED)


def url_for(name: str, objects: dict) -> str:
    args = []
    for key in ARGS.get(name, ()):
        if key == "province_code":
            args.append(objects["region"].province_code)
        elif key == "region_code":
            args.append(objects["region"].code)
        elif key == "year":
            args.append(objects["year"])
        else:
            args.append(objects[key].pk)
    return reverse(name, args=args) + QUERY.get(name, "").format(year=objects["year"])


def status_of(client, user, url: str) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url, HTTP_HOST="127.0.0.1").status_code


# realisasi:report_berita_acara: the world's report is not verified, so 404 for everyone; the
# verified case (200 for its region and the central roles, 404 for another region) is
# tests/realisasi/test_berita_acara.py.
# GET status per role. Columns: anon ditjen pimpinan inspektorat api dinas_own dinas_other.
# 405 = the route takes POST only (its POST is checked in POST_FORBIDDEN below).
EXPECTED_TABLE = """
allocations:activity_create        302 200 403 403 403 200 404
allocations:activity_delete        302 405 405 405 405 405 405
allocations:activity_edit          302 200 403 403 403 200 404
allocations:activity_list          302 200 200 200 200 200 200
allocations:procurement_edit       302 200 403 403 403 200 404
allocations:rk_approve             302 405 405 405 405 405 405
allocations:rk_return              302 405 405 405 405 405 405
allocations:rk_submit              302 405 405 405 405 405 405
allocations:sentra_list            302 200 200 200 200 200 200
allocations:sentra_location        302 200 403 403 403 200 404
allocations:targets_edit           302 200 403 403 403 200 404
api:absorption                     401 200 200 200 200 403 403
api:absorption-provinces           401 200 200 200 200 403 403
api:absorption-regions             401 200 200 200 200 200 200
api:timeliness                     401 200 200 200 200 403 403
api:fiscal-year-detail             401 200 200 200 200 200 404
api:activity-detail                401 200 200 200 200 200 404
api:activity-photos                401 200 200 200 200 200 404
api:activity-list                  401 200 200 200 200 200 200
api:activity-targets               401 405 405 405 405 405 405
api:alert-detail                   401 200 200 200 200 200 404
api:alert-list                     401 200 200 200 200 200 200
api:allocation-detail              401 200 200 200 200 200 404
api:allocation-list                401 200 200 200 200 200 200
api:disbursement-detail            401 200 200 200 200 200 404
api:disbursement-list              401 200 200 200 200 200 200
api:docs                           200 200 200 200 200 200 200
api:finding-close                  401 405 405 405 405 405 405
api:finding-detail                 401 200 200 200 200 200 404
api:finding-followups              401 405 405 405 405 405 405
api:finding-list                   401 200 200 200 200 200 200
api:followup-assess                401 405 405 405 405 405 405
api:followup-detail                401 200 200 200 200 200 404
api:followup-list                  401 200 200 200 200 200 200
api:redoc                          200 200 200 200 200 200 200
api:region-detail                  401 200 200 200 200 200 404
api:region-list                    401 200 200 200 200 200 200
api:report-detail                  401 200 200 200 200 200 404
api:report-list                    401 200 200 200 200 200 200
api:report-return-                 401 405 405 405 405 405 405
api:report-submit                  401 405 405 405 405 405 405
api:report-upload                  401 405 405 405 405 405 405
api:report-verify                  401 405 405 405 405 405 405
api:schema                         200 200 200 200 200 200 200
api:sentra-detail                  401 200 200 200 200 200 404
api:sentra-list                    401 200 200 200 200 200 200
api:token                          405 405 405 405 405 405 405
health                             200 200 200 200 200 200 200
portal:home                        302 302 302 302 302 302 302
login                              200 302 302 302 302 302 302
logout                             405 405 405 405 405 405 405
monev:attachment_add               302 405 405 405 405 405 405
monev:attachment_download          302 200 200 200 200 200 404
monev:field_photo_display          302 200 200 200 200 200 404
monev:field_photo_original         302 200 200 200 200 200 404
monev:field_photo_thumbnail        302 200 200 200 200 200 404
monev:field_photos_add             302 405 405 405 405 405 405
monev:finding_close                302 405 405 405 405 405 405
monev:finding_create               302 403 403 200 403 403 404
monev:finding_detail               302 200 200 200 200 200 404
monev:finding_edit                 302 403 403 200 403 403 404
monev:finding_export               302 200 200 200 200 200 200
monev:finding_list                 302 200 200 200 200 200 200
monev:finding_report               302 200 200 200 200 200 404
monev:finding_summary              302 200 200 200 200 200 200
monev:followup_assess              302 405 405 405 405 405 405
monev:followup_submit              302 405 405 405 405 405 405
monev:inspection_create            302 403 403 200 403 403 403
monev:inspection_detail            302 200 200 200 200 200 404
monev:inspection_edit              302 403 403 200 403 403 404
monev:inspection_list              302 200 200 200 200 200 200
monev:outcome_summary              302 200 200 200 200 200 200
monev:survey_record                302 200 403 200 403 403 403
profile                            302 200 200 200 200 200 200
notification_preferences           302 405 405 405 405 405 405
token_create                       302 405 405 405 405 405 405
token_revoke                       302 405 405 405 405 405 405
realisasi:activity_photos          302 200 200 200 200 200 404
realisasi:alert_export             302 200 200 200 200 200 200
realisasi:timeliness_export        302 200 200 200 200 403 403
realisasi:alert_list               302 200 200 200 200 200 200
realisasi:notification_list_moved  302 301 301 301 301 301 301
portal:dashboard                   302 200 200 200 200 302 302
portal:todo                        302 200 200 200 200 200 200
portal:dossier_download            302 200 200 200 200 200 404
portal:dossier_list                302 200 200 200 200 200 404
portal:dashboard_brief             302 200 200 200 200 403 403
portal:dashboard_brief_xlsx        302 200 200 200 200 403 403
portal:dashboard_provinces_export  302 200 200 200 200 403 403
portal:dashboard_regions_export    302 200 200 200 200 403 403
portal:my_region                   302 302 302 302 302 200 200
notifications:list                 302 200 200 200 200 200 200
notifications:read                 302 405 405 405 405 405 405
notifications:read_all             302 405 405 405 405 405 405
realisasi:photo_display            302 200 200 200 200 200 404
realisasi:photo_original           302 200 200 200 200 200 404
realisasi:photo_review             302 405 405 405 405 405 405
realisasi:photo_thumbnail          302 200 200 200 200 200 404
realisasi:region_photo_flags       302 200 200 200 200 200 404
realisasi:overdue_export           302 200 200 200 200 200 200
realisasi:overdue_list             302 200 200 200 200 200 200
portal:province_detail             302 200 200 200 200 404 404
portal:province_regions_export     302 200 200 200 200 404 404
portal:region_detail               302 200 200 200 200 200 404
portal:region_eligibility          302 200 200 200 200 200 404
portal:region_summary_pdf          302 200 200 200 200 200 404
realisasi:report_berita_acara      302 404 404 404 404 404 404
realisasi:report_detail            302 200 200 200 200 200 404
realisasi:report_export            302 200 200 200 200 200 200
realisasi:report_list              302 200 200 200 200 200 200
realisasi:report_return            302 405 405 405 405 405 405
realisasi:report_submit            302 405 405 405 405 405 405
realisasi:report_template          302 200 200 200 200 200 404
realisasi:report_verify            302 405 405 405 405 405 405
realisasi:upload                   302 200 403 403 403 200 200
realisasi:upload_annotated         302 200 200 200 200 200 404
realisasi:upload_confirm           302 405 405 405 405 405 405
realisasi:upload_original          302 200 200 200 200 200 404
realisasi:upload_status            302 200 200 200 200 200 404
realisasi:upload_status_json       302 200 200 200 200 200 404
realisasi:verification_detail      302 200 403 403 403 403 403
realisasi:verification_batch       302 405 405 405 405 405 405
realisasi:verification_queue       302 200 403 403 403 403 403
"""
EXPECTED = {
    line.split()[0]: dict(zip(ROLES, map(int, line.split()[1:]), strict=True))
    for line in EXPECTED_TABLE.strip().splitlines()
}

# POST-only actions: roles that may not act get 403 (or 404 for another region's object) and
# nothing changes; anonymous is sent to log in (401 on the API).
POST_FORBIDDEN = {
    "allocations:activity_delete": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "allocations:rk_approve": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "allocations:rk_return": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "allocations:rk_submit": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "realisasi:report_submit": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "realisasi:report_verify": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "realisasi:report_return": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "realisasi:upload_confirm": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "notifications:read": {"pimpinan": 404, "dinas_other": 404},
    "monev:finding_close": {"pimpinan": 403, "dinas_own": 403, "dinas_other": 404},
    "monev:followup_submit": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "monev:followup_assess": {"pimpinan": 403, "dinas_own": 403, "dinas_other": 404},
    "monev:attachment_add": {"pimpinan": 403, "dinas_other": 404},
    "api:report-submit": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "api:report-verify": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "api:report-return-": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "api:finding-close": {"pimpinan": 403, "dinas_own": 403, "dinas_other": 404},
    "api:finding-followups": {"pimpinan": 403, "inspektorat": 403, "dinas_other": 404},
    "api:followup-assess": {"pimpinan": 403, "dinas_own": 403, "dinas_other": 404},
    "api:report-upload": {"pimpinan": 403, "inspektorat": 403},
    "realisasi:activity_photos": {
        "ditjen": 403,
        "pimpinan": 403,
        "inspektorat": 403,
        "api": 403,
        "dinas_other": 404,
    },
    "monev:field_photos_add": {
        "ditjen": 403,
        "pimpinan": 403,
        "api": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "realisasi:photo_review": {
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_own": 403,
        "dinas_other": 404,
    },
    "api:activity-photos": {
        "ditjen": 403,
        "pimpinan": 403,
        "inspektorat": 403,
        "dinas_other": 404,
    },
}


MULTIPART_API = {"api:report-upload", "api:finding-followups", "api:activity-photos"}


API_LISTS = {
    "api:region-list": ("allocations", "Region"),
    "api:allocation-list": ("allocations", "Allocation"),
    "api:activity-list": ("allocations", "PlannedActivity"),
    "api:disbursement-list": ("allocations", "Disbursement"),
    "api:report-list": ("realisasi", "QuarterlyReport"),
    "api:alert-list": ("realisasi", "Alert"),
    "api:finding-list": ("monev", "Finding"),
    "api:followup-list": ("monev", "FollowUp"),
}
