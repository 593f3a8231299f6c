"""Who is told what (DOMAIN.md §10): every workflow event notifies the right people once, in the
application and by e-mail (after commit, once per event, not to those who opted out)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import Role
from allocations.choices import RKStatus
from allocations.services.rk import rk_approve, rk_return, rk_submit
from monev import services as monev
from monev.choices import FollowUpStatus
from notifications.models import Notification, NotificationKind
from notifications.services import notifications_send_emails, notify
from realisasi.services.imports import report_import
from realisasi.services.notifications import verification_digest_send
from realisasi.services.reports import report_return, report_submit, report_verify
from tests.factories import InspectionFactory, make_user
from tests.realisasi.report_fixtures import RK, fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def rk():
    rk = RK()
    for user in (rk.dinas, rk.other_dinas, rk.ditjen, rk.inspector):
        user.email = f"{user.username}@example.go.id"
        user.save()
    return rk


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as its committed transaction would (the e-mail task runs after commit)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def _submitted(rk, committed):
    draft = report_import(
        actor=rk.dinas, name="valid.xlsx", data=fixture_bytes("valid.xlsx")
    ).report
    return committed(report_submit, actor=rk.dinas, report=draft)


def _of(user, kind):
    return list(Notification.objects.filter(user=user, kind=kind))


def test_returned_report_tells_the_regions_dinas_the_reason_once(rk, committed):
    report = _submitted(rk, committed)
    mail.outbox.clear()
    committed(report_return, actor=rk.ditjen, report=report, reason="Realisasi RK-02 keliru")
    [n] = _of(rk.dinas, NotificationKind.REPORT_RETURNED)
    assert "Realisasi RK-02 keliru" in n.body and n.url == reverse(
        "realisasi:report_detail", args=[report.pk]
    )
    assert not Notification.objects.filter(user__in=[rk.other_dinas, rk.ditjen]).exists()
    assert [m.to for m in mail.outbox] == [[rk.dinas.email]]
    assert "Realisasi RK-02 keliru" in mail.outbox[0].body
    assert notifications_send_emails() == 0  # the task again: nothing twice
    assert len(mail.outbox) == 1


def test_verified_report_tells_the_dinas_with_the_verifiers_note(rk, committed):
    report = _submitted(rk, committed)
    committed(report_verify, actor=rk.ditjen, report=report, note="Bukti lengkap, terima kasih")
    report.refresh_from_db()
    assert report.verification_note == "Bukti lengkap, terima kasih"
    assert (
        report.history.order_by("-history_id").first().verification_note == report.verification_note
    )
    [n] = _of(rk.dinas, NotificationKind.REPORT_VERIFIED)
    assert "Bukti lengkap" in n.body


def test_rk_approved_and_returned_tell_the_dinas_each_time(rk, committed):
    alloc = rk.allocation
    committed(rk_submit, actor=rk.dinas, allocation=alloc)
    committed(rk_return, actor=rk.ditjen, allocation=alloc, note="Lengkapi lokasi sentra")
    committed(rk_submit, actor=rk.dinas, allocation=alloc)
    committed(rk_approve, actor=rk.ditjen, allocation=alloc)
    alloc.refresh_from_db()
    assert alloc.rk_status == RKStatus.APPROVED
    [returned] = _of(rk.dinas, NotificationKind.RK_RETURNED)
    [approved] = _of(rk.dinas, NotificationKind.RK_APPROVED)
    assert "Lengkapi lokasi sentra" in returned.body and "disetujui" in approved.title
    assert "region=32.04" in approved.url
    assert sorted(m.subject for m in mail.outbox) == sorted([returned.title, approved.title])


def test_finding_and_follow_ups_reach_the_region_and_the_inspection_team(rk, committed):
    team_member = make_user(Role.INSPEKTORAT, email="tim@example.go.id")
    inspection = InspectionFactory(
        fiscal_year=rk.fiscal_year, region=rk.region, created_by=rk.inspector
    )
    inspection.team.set([team_member, rk.inspector])
    finding = committed(
        monev.finding_create,
        actor=rk.inspector,
        inspection=inspection,
        title="Mesin belum dipakai",
        kondisi="k",
        kriteria="k",
        sebab="s",
        akibat="a",
        rekomendasi="Latih operator",
        due_date=dt.date(2024, 12, 31),
    )
    [addressed] = _of(rk.dinas, NotificationKind.FINDING_ADDRESSED)
    assert "Latih operator" in addressed.body
    assert not Notification.objects.filter(user=rk.other_dinas).exists()
    fu = committed(
        monev.followup_submit,
        actor=rk.dinas,
        finding=finding,
        description="Sudah dilatih",
        date=dt.date(2024, 11, 1),
    )
    received = Notification.objects.filter(kind=NotificationKind.FOLLOWUP_RECEIVED)
    assert set(received.values_list("user", flat=True)) == {team_member.pk, rk.inspector.pk}
    committed(
        monev.followup_assess,
        actor=rk.inspector,
        followup=fu,
        status=FollowUpStatus.PROSES,
        note="Bukti pelatihan belum ada",
    )
    [assessed] = _of(rk.dinas, NotificationKind.FOLLOWUP_ASSESSED)
    assert "Bukti pelatihan belum ada" in assessed.body
    # one e-mail per person and event
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert len(sent) == len(set(sent)) == 4


def test_opted_out_user_sees_it_in_the_app_but_gets_no_email(rk, committed):
    rk.dinas.email_notifications = False
    rk.dinas.save()
    report = _submitted(rk, committed)
    mail.outbox.clear()
    committed(report_return, actor=rk.ditjen, report=report, reason="Periksa lagi")
    assert len(_of(rk.dinas, NotificationKind.REPORT_RETURNED)) == 1 and mail.outbox == []


def test_notify_twice_for_one_event_adds_nothing(rk, committed):
    args = dict(kind=NotificationKind.ALERT, event_key="uji:1", users=[rk.dinas], title="Uji")
    assert committed(notify, **args) == 1
    assert committed(notify, **args) == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_verification_digest_once_a_day_to_those_who_chose_it(rk, committed):
    rk.ditjen.verification_digest = True
    rk.ditjen.save()
    other_ditjen = make_user(Role.DITJEN, email="lain@example.go.id")
    _submitted(rk, committed)
    today = dt.date.today() + dt.timedelta(days=3)
    assert committed(verification_digest_send, today=today) == 1
    assert committed(verification_digest_send, today=today) == 0
    [n] = _of(rk.ditjen, NotificationKind.VERIFICATION_DIGEST)
    assert n.title == "1 laporan menunggu verifikasi" and "3 hari" in n.body
    assert not Notification.objects.filter(user=other_ditjen).exists()


def test_large_upload_tells_the_uploader_when_it_is_done(rk, committed, monkeypatch):
    from realisasi.services import imports

    monkeypatch.setattr(imports, "PROGRESS_MIN_BYTES", 1)  # every file counts as large here
    upload = committed(
        imports.report_upload_receive,
        actor=rk.dinas,
        name="valid.xlsx",
        data=fixture_bytes("valid.xlsx"),
    )
    [n] = _of(rk.dinas, NotificationKind.UPLOAD_FINISHED)
    assert "belum diajukan" in n.body and n.url.endswith(f"/unggah/{upload.pk}/")


def test_preferences_on_the_profile_page(client, rk):
    client.force_login(rk.ditjen)
    page = client.get(reverse("profile")).content.decode()
    assert 'name="email_notifications"' in page and 'name="verification_digest"' in page
    client.post(reverse("notification_preferences"), {"verification_digest": "on"})
    rk.ditjen.refresh_from_db()
    assert not rk.ditjen.email_notifications and rk.ditjen.verification_digest
    client.force_login(rk.dinas)
    assert 'name="verification_digest"' not in client.get(reverse("profile")).content.decode()
    client.post(reverse("notification_preferences"), {"verification_digest": "on"})
    rk.dinas.refresh_from_db()
    assert not rk.dinas.verification_digest  # Ditjen only


def test_unread_count_in_the_menu_and_mark_all_read(client, rk, committed):
    report = _submitted(rk, committed)
    committed(report_return, actor=rk.ditjen, report=report, reason="Periksa lagi")
    client.force_login(rk.dinas)
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'data-unread="1"' in page and "Periksa lagi" in page
    client.post(reverse("notifications:read_all"))
    assert "data-unread" not in client.get(reverse("notifications:list")).content.decode()
