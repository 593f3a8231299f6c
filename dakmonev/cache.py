"""How values go into the shared cache and come back: `PlainDataSerializer`, for Django's own
Redis backend (settings.CACHES: OPTIONS["serializer"]).
"""

from __future__ import annotations

import dataclasses
import enum
import io
import logging
import pickle


class PlainDataSerializer:
    """Pickle out, but only plain data back in: nothing in Redis can make a process run code.

    Django's Redis backend unpickles whatever the cache holds, so whoever could write to Redis
    could run code in every web and worker process. The values cached here are plain data —
    session dictionaries, version tokens, throttle counters, absorption figures as frozen
    dataclasses of Decimals and dates — so loading refuses every global except those
    value types and the project's own dataclasses and enums; a refused value is a cache miss.
    Same pickle format and speed as Django's serializer (integers stay raw for incr()).
    """

    def __init__(self, protocol=None):
        self.protocol = pickle.HIGHEST_PROTOCOL if protocol is None else protocol

    def dumps(self, obj):
        if type(obj) is int:  # raw, as Django's serializer: incr()/decr() work on it
            return obj
        return pickle.dumps(obj, self.protocol)

    def loads(self, data):
        try:
            return int(data)
        except ValueError:
            pass
        try:
            return _PlainUnpickler(io.BytesIO(data)).load()
        except RefusedGlobal as exc:
            logger.error("cache value refused (not plain data): %s", exc)
            return None


SAFE_GLOBALS = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("decimal", "Decimal"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("zoneinfo", "ZoneInfo"),
    ("collections", "OrderedDict"),
    ("uuid", "UUID"),
    ("django.utils.safestring", "SafeString"),
}
PROJECT_PACKAGES = ("accounts.", "allocations.", "realisasi.", "monev.", "dakmonev.")
logger = logging.getLogger("dakmonev.cache")


class RefusedGlobal(pickle.UnpicklingError):
    pass


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in SAFE_GLOBALS:
            return super().find_class(module, name)
        if module.startswith(PROJECT_PACKAGES) and "." not in name:
            obj = super().find_class(module, name)
            if isinstance(obj, type) and (
                dataclasses.is_dataclass(obj) or issubclass(obj, enum.Enum)
            ):
                return obj
        raise RefusedGlobal(f"{module}.{name}")
