"""import_allocations / import_rk: --json shape and exit status (0 stored, 1 rejected)."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from allocations.models import Allocation, PlannedActivity
from tests.factories import dinas, ditjen
from tests.files import csv_bytes

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "allocations"


def run(command, path, actor, *extra):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, str(path), "--actor", actor, *extra, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_sample_files_import_with_json(reference_data):
    user = ditjen()
    code, out, _ = run("import_allocations", SAMPLES / "pagu-contoh.xlsx", user.username, "--json")
    assert code == 0
    assert json.loads(out) == {"ok": True, "created": 3, "updated": 0, "errors": [], "warnings": []}
    code, out, _ = run("import_rk", SAMPLES / "rk-contoh.xlsx", user.username, "--json")
    result = json.loads(out)
    assert code == 0 and (result["ok"], result["created"], result["updated"]) == (True, 3, 0)
    assert set(result) == {"ok", "created", "updated", "errors", "warnings"}
    assert result["warnings"][0] == {
        "row": 2,
        "column": "sentra",
        "value": "Sentra Konveksi Majalaya",
        "message": "Sentra 'Sentra Konveksi Majalaya' belum terdaftar dan dibuat "
        "baru di wilayah 32.04.",
    }
    assert PlannedActivity.objects.count() == 3
    code, out, _ = run("import_rk", SAMPLES / "rk-contoh.csv", user.username, "--json")
    assert (code, json.loads(out)["created"], json.loads(out)["updated"]) == (0, 0, 0)


def test_rejected_file_exits_1_with_row_errors(reference_data, tmp_path):
    user = ditjen()
    bad = tmp_path / "pagu.csv"
    bad.write_bytes(csv_bytes(["tahun", "kode_wilayah", "pagu"], [["2026", "32.04", "abc"]]))
    code, out, _ = run("import_allocations", bad, user.username, "--json")
    result = json.loads(out)
    assert code == 1 and result["ok"] is False and result["created"] == 0
    assert result["errors"] == [
        {"row": 2, "column": "pagu", "value": "abc", "message": result["errors"][0]["message"]}
    ]
    assert "bukan angka rupiah" in result["errors"][0]["message"]
    assert not Allocation.objects.exists()


def test_dinas_cannot_import_pagu_and_other_region_rk_is_rejected(reference_data):
    from allocations.models import Region

    user = ditjen()
    run("import_allocations", SAMPLES / "pagu-contoh.csv", user.username)
    stranger = dinas(Region.objects.get(code="35.07"))
    code, out, _ = run(
        "import_allocations", SAMPLES / "pagu-contoh.csv", stranger.username, "--json"
    )
    assert code == 1 and json.loads(out)["errors"][0]["row"] is None
    code, out, _ = run("import_rk", SAMPLES / "rk-contoh.csv", stranger.username, "--json")
    result = json.loads(out)
    assert code == 1 and {e["row"] for e in result["errors"]} == {2, 3, 4}
    assert not PlannedActivity.objects.exists()


def test_plain_output_and_unknown_actor(reference_data):
    user = ditjen()
    code, out, _ = run("import_allocations", SAMPLES / "pagu-contoh.csv", user.username)
    assert code == 0 and "Pagu tersimpan: 3 baru, 0 diperbarui." in out
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("import_rk", str(SAMPLES / "rk-contoh.csv"), "--actor", "tidak-ada")


@pytest.mark.django_db
def test_load_reference_data_is_idempotent_and_creates_no_accounts():
    from accounts.models import User
    from allocations.models import Region

    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    call_command("load_reference_data", stdout=io.StringIO())
    assert "514 kabupaten/kota" in out.getvalue()
    assert Region.objects.kabkota().count() == 514 and not User.objects.exists()
