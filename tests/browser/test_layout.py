"""Pages that fit the screen they are read on, and forms that take what people type (issue 17).

Phones (390 × 844): no main page scrolls sideways, for a dinas and for Ditjen. Laptops (1366):
the verification screen shows its warnings without scrolling. Money is typed the Indonesian way.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

DINAS = "dinas.kabbandung"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_money_field_accepts_67_796_000(new_tab):
    phone = new_tab(**PHONE)
    phone.login(DINAS)
    phone.goto(reverse("allocations:activity_list"))
    phone.page.locator("a:has-text('Pengadaan')").first.click()
    phone.page.wait_for_load_state("networkidle")
    field = phone.page.locator("input[name=contract_value]")
    assert field.get_attribute("type") == "text" and field.get_attribute("inputmode") == "decimal"
    field.fill("67.796.000")
    phone.page.click("main button[type=submit]")
    phone.page.wait_for_selector("text=disimpan")
    row = phone.page.locator("tbody tr", has_text="Rp67.796.000")
    assert row.count() == 1
    assert phone.console_errors == []
