"""A finding on paper, in the auditors' structure: kondisi, kriteria, sebab, akibat,
rekomendasi, then every follow-up with its assessment, the files and the change history."""

from __future__ import annotations

from django.utils import timezone

from dakmonev.pdf import Document, date_text, money_text, when_text

from .models import Finding


def _who(user) -> str:
    if user is None:
        return "-"
    return user.get_full_name() or user.username


def finding_report_pdf(finding: Finding, history: list[dict]) -> Document:
    """The finding report of `finding` (as read by `selectors.finding_detail`)."""
    inspection = finding.inspection
    doc = Document(
        f"Laporan temuan monev No. {finding.pk}: {finding.title}",
        subtitle=(
            f"{finding.region.code} {finding.region.name} — TA {inspection.fiscal_year.year}; "
            f"per tanggal {date_text(timezone.localdate())}"
        ),
    )
    doc.heading("Identitas temuan")
    doc.key_values(
        [
            (
                "Inspeksi",
                f"{inspection.get_kind_display()}, {date_text(inspection.start_date)} s.d. {date_text(inspection.end_date)}",
            ),
            ("Nomor surat tugas", inspection.letter_number or "-"),
            (
                "Kegiatan RK",
                f"{finding.activity.code} {finding.activity.description}"
                if finding.activity
                else "-",
            ),
            ("Kode masalah", str(finding.problem_code) if finding.problem_code else "-"),
            ("Nilai temuan", money_text(finding.amount)),
            ("Tingkat", finding.get_severity_display()),
            ("Status tindak lanjut", finding.get_status_display()),
            (
                "Batas tindak lanjut",
                date_text(finding.due_date)
                + (" (terlambat)" if getattr(finding, "is_overdue", False) else ""),
            ),
            ("Dicatat", f"{when_text(finding.created_at)} oleh {_who(finding.created_by)}"),
            (
                "Ditutup",
                f"{when_text(finding.closed_at)} oleh {_who(finding.closed_by)}"
                if finding.closed_at
                else "belum",
            ),
        ],
        label_width=50,
    )
    for label, body in (
        ("Kondisi", finding.kondisi),
        ("Kriteria", finding.kriteria),
        ("Sebab", finding.sebab),
        ("Akibat", finding.akibat),
        ("Rekomendasi", finding.rekomendasi),
    ):
        doc.heading(label)
        doc.paragraph(body)
    if finding.closing_note:
        doc.heading("Catatan penutupan")
        doc.paragraph(finding.closing_note)

    doc.heading("Tindak lanjut dan penilaiannya")
    followups = list(finding.followups.all())
    if not followups:
        doc.paragraph("Belum ada tindak lanjut.", muted=True)
    for n, f in enumerate(followups, start=1):
        assessed = (
            f"{f.get_assessment_status_display()} — {when_text(f.assessed_at)} oleh {_who(f.assessed_by)}"
            if f.assessed_at
            else "belum dinilai"
        )
        doc.key_values(
            [
                (
                    f"Tindak lanjut {n}",
                    f"{date_text(f.date)}, dikirim {when_text(f.submitted_at)} oleh {_who(f.submitted_by)}",
                ),
                ("Uraian", f.description),
                ("Penilaian", assessed),
                *([("Catatan penilaian", f.assessment_note)] if f.assessment_note else []),
                *[
                    ("Lampiran", f"{a.original_name} (SHA-256 {a.sha256})")
                    for a in f.attachments.all()
                ],
            ],
            label_width=40,
        )
    files = getattr(finding, "finding_files", None)
    if files is None:
        files = list(finding.attachments.filter(followup__isnull=True))
    doc.heading("Berkas bukti temuan")
    doc.table(
        ["Berkas", "Ukuran (bita)", "SHA-256", "Diunggah"],
        [[a.original_name, a.size, a.sha256, when_text(a.uploaded_at)] for a in files],
        widths=[45, 20, 75, 40],
        numeric=(1,),
        size=7,
        empty="Tidak ada berkas bukti.",
    )
    doc.heading("Riwayat perubahan")
    doc.table(
        ["Waktu", "Oleh", "Status", "Yang berubah"],
        [
            [when_text(h["date"]), _who(h["user"]), h["status_label"], ", ".join(h["changed"])]
            for h in history
        ],
        widths=[42, 35, 45, 58],
        size=7,
    )
    return doc
