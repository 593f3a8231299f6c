"""The shared cache as configured (Django's Redis backend with dakmonev.cache.PlainDataSerializer), on the real Redis server."""

from __future__ import annotations

import os
import uuid

import pytest

pytestmark = pytest.mark.redis


@pytest.fixture
def backend():
    from django.core.cache.backends.redis import RedisCache

    prefix = f"test-{uuid.uuid4().hex}"
    options = {"serializer": "dakmonev.cache.PlainDataSerializer"}
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": prefix, "OPTIONS": options})
    yield cache
    # Only this test's keys: FLUSHDB would also drop the Celery broker's queues on this database.
    client = cache._cache.get_client(write=True)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_it_behaves_as_djangos_backend(backend):
    assert backend.get("missing", "default") == "default"
    backend.set("tables", {"pagu": [1, 2, 3]}, 30)
    assert backend.get("tables") == {"pagu": [1, 2, 3]}
    assert backend.add("count", 1, 30) and not backend.add("count", 5, 30)
    assert backend.incr("count") == 2 and backend.get_many(["count", "tables", "x"]) == {
        "count": 2,
        "tables": {"pagu": [1, 2, 3]},
    }
    with pytest.raises(ValueError):
        backend.incr("never-set")
    backend.delete("tables")
    assert backend.get("tables") is None


class _Explosive:
    def __reduce__(self):
        return (os.system, ("echo pwned > /dev/null",))


def test_only_plain_data_comes_back_out_of_redis(backend):
    import datetime as dt
    from decimal import Decimal

    from realisasi.selectors.absorption import Absorption

    plain = {"when": dt.date(2026, 3, 31), "rp": Decimal("1.50"), "codes": {1, 2}}
    backend.set("plain", plain, 30)
    assert backend.get("plain") == plain
    figures = object.__new__(Absorption)
    backend.set("figures", figures, 30)
    assert type(backend.get("figures")) is Absorption
    # A value that would run code when unpickled (written by whoever reached Redis) is a miss.
    client = backend._cache.get_client(write=True)
    import pickle

    client.set(backend.make_and_validate_key("evil"), pickle.dumps(_Explosive()))
    assert backend.get("evil") is None
