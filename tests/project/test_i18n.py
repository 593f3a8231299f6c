"""The UI speaks Bahasa Indonesia by default and English on request (Django i18n).

msgids are the Indonesian text itself, so Indonesian pages come straight from the templates;
locale/en holds the English catalogue (committed .po and compiled .mo, no gettext needed to
run). The language is switched with the top-bar form (POST to set_language: a cookie); a
browser asking for English (Accept-Language) does not switch it by itself.
"""

from __future__ import annotations

import gettext as stdlib_gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from tests.factories import make_user

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# ---- a tiny .po reader (no dependency) ------------------------------------------------------


def _unquote(parts: list[str]) -> str:
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), "".join(parts))


def po_entries() -> list[dict]:
    """Every entry of the English .po: msgid, msgid_plural, msgstr list, flags, locations."""
    entries = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        entry = {"flags": set(), "locations": [], "msgid": None, "msgid_plural": None, "msgstr": []}
        key = None
        parts: dict[str, list[str]] = {}
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#:"):
                entry["locations"] += line[2:].split()
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                parts[key].append(line[1:-1])
            else:
                key, rest = line.split(" ", 1)
                parts[key] = [rest[1:-1]]
        if "msgid" not in parts:
            continue
        entry["msgid"] = _unquote(parts["msgid"])
        entry["msgid_plural"] = _unquote(parts["msgid_plural"]) if "msgid_plural" in parts else None
        entry["msgstr"] = [_unquote(v) for k, v in sorted(parts.items()) if k.startswith("msgstr")]
        if entry["msgid"]:
            entries.append(entry)
    return entries


# ---- the catalogue ---------------------------------------------------------------------------


def test_every_entry_is_translated_and_not_fuzzy():
    entries = po_entries()
    assert len(entries) > 500
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"])]
    assert fuzzy == [] and untranslated == []
    from_templates = [
        e for e in entries if any(loc.startswith("templates/") for loc in e["locations"])
    ]
    assert len(from_templates) > 300


def test_translations_keep_their_placeholders():
    for e in po_entries():
        expected = sorted(PLACEHOLDER.findall(e["msgid"]))
        for msgstr in e["msgstr"]:
            assert sorted(PLACEHOLDER.findall(msgstr)) == expected, e["msgid"]


def test_compiled_catalogue_matches_the_po_file():
    with MO.open("rb") as fh:
        mo = stdlib_gettext.GNUTranslations(fh)
    for e in po_entries():
        if e["msgid_plural"] is None:
            assert mo.gettext(e["msgid"]) == e["msgstr"][0], f"{e['msgid']!r}: run `make messages`"
        else:
            assert mo.ngettext(e["msgid"], e["msgid_plural"], 1) == e["msgstr"][0]
            assert mo.ngettext(e["msgid"], e["msgid_plural"], 2) == e["msgstr"][1]


def _template_msgids() -> set[str]:
    """Literal msgids of {% translate %}, _("…") and {% blocktranslate trimmed %} in the templates."""
    found: set[str] = set()
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # Django looks up a translated literal with its % doubled (makemessages writes it so).
        literals = re.findall(r'{%\s*translate\s+"([^"]+)"', text)
        literals += re.findall(r"{%\s*translate\s+'([^']+)'", text)
        literals += re.findall(r'_\("([^"]+)"\)', text)
        found |= {literal.replace("%", "%%") for literal in literals}
        for body in re.findall(
            r"{%\s*blocktranslate[^%]*%}(.*?){%\s*endblocktranslate\s*%}", text, flags=re.S
        ):
            body = " ".join(line.strip() for line in body.strip().splitlines())
            found.add(re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body))
    return found


def test_every_template_string_is_in_the_catalogue():
    known = {e["msgid"] for e in po_entries()}
    missing = sorted(_template_msgids() - known)
    assert missing == [], f"not in locale/en (run `make messages` and translate): {missing}"


def test_indonesian_text_is_the_msgid_itself():
    """Django's own Indonesian catalogues must not re-translate any of our Indonesian msgids."""
    with translation.override("id"):
        changed = [
            e["msgid"]
            for e in po_entries()
            if e["msgid_plural"] is None and translation.gettext(e["msgid"]) != e["msgid"]
        ]
    assert changed == []


# ---- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_indonesian_by_default(client):
    page = client.get(reverse("login"))
    text = _text(page)
    assert 'lang="id"' in page.content.decode()
    assert "Kata sandi" in text and "Nama pengguna" in text and "Password" not in text
    assert page.headers.get("Content-Language") == "id"


@pytest.mark.django_db
def test_an_english_browser_still_gets_indonesian_until_the_person_switches(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    text = _text(page)
    assert 'lang="id"' in page.content.decode()
    assert "Kata sandi" in text and "Password" not in text


@pytest.mark.django_db
def test_a_failed_login_explains_itself_in_the_chosen_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    assert "Wrong username or password" in _text(page)


@pytest.mark.django_db
def test_language_switch_in_the_top_bar_posts_to_set_language_without_javascript(client):
    html = client.get(reverse("login")).content.decode()
    form = re.search(
        r'<form method="post" action="/i18n/setlang/"[^>]*>(.*?)</form>', html, flags=re.S
    )
    assert form, "the top bar has no language form"
    body = form.group(1)
    assert 'name="csrfmiddlewaretoken"' in body and 'name="next" value="/akun/masuk/"' in body
    assert re.findall(r'<button type="submit" name="language" value="(\w+)"', body) == ["id", "en"]
    assert ">Bahasa Indonesia</button>" in body and ">English</button>" in body
    assert "<script" not in body and "onchange" not in body


@pytest.mark.django_db
def test_switching_language_changes_pages_and_switching_back_restores_indonesian(client):
    user = make_user(Role.PIMPINAN)
    client.force_login(user)
    dashboard = reverse("portal:dashboard")

    before = client.get(dashboard)
    assert ">Dasbor nasional</a>" in before.content.decode()

    switched = client.post(reverse("set_language"), {"language": "en", "next": dashboard})
    assert switched.status_code == 302 and switched.url == dashboard
    english = client.get(dashboard).content.decode()
    assert ">National dashboard</a>" in english and ">Dasbor nasional</a>" not in english
    assert 'aria-pressed="true">English</button>' in english

    client.post(reverse("set_language"), {"language": "id", "next": dashboard})
    back = client.get(dashboard).content.decode()
    assert (
        ">Dasbor nasional</a>" in back and 'aria-pressed="true">Bahasa Indonesia</button>' in back
    )


@pytest.mark.django_db
def test_dashboard_with_figures_in_both_languages(client):
    from tests.dashboard_world import YEAR, build_world

    build_world(6, findings=False)
    user = make_user(Role.DITJEN)
    client.force_login(user)
    url = reverse("portal:dashboard") + f"?year={YEAR}&quarter=2"

    indonesian = _text(client.get(url))
    assert f"Dasbor nasional DAK Fisik IKM — TA {YEAR}, TW II" in indonesian
    assert "Realisasi keuangan" in indonesian and "Penyerapan (tertimbang nilai)" in indonesian

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _text(client.get(url))
    assert f"DAK Fisik IKM national dashboard — FY {YEAR}, TW II" in english
    assert "Financial realisation" in english and "Absorption (value-weighted)" in english
    assert "Realisasi keuangan" not in english
    # Figures keep the ministry's own notation in English too.
    assert re.search(r"Rp\d{1,3}(\.\d{3})+", english) and re.search(r"\d+,\d{2} %", english)


@pytest.mark.django_db
def test_messages_and_menu_follow_the_language(client):
    from portal.navigation import menu_for

    user = make_user(Role.PIMPINAN)
    with translation.override("en"):
        labels = [str(item["label"]) for item in menu_for(user)]
    assert "National dashboard" in labels and "Reports" in labels
    with translation.override("id"):
        labels = [str(item["label"]) for item in menu_for(user)]
    assert "Dasbor nasional" in labels and "Laporan" in labels
