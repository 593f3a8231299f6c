"""Bulk insert/update that also writes simple-history rows — one statement per page on PostgreSQL.

Django's `bulk_create`/`bulk_update` (and simple-history's `*_with_history` on top of them) build
a model instance per row, prepare every value through the field API, send the history rows as
a second copy of the data, and for updates build one huge CASE expression. For 10,000 RK lines
that is several seconds. On PostgreSQL we instead send each column as one array and let the
server do the rest in a single statement per page:

    WITH ins AS (INSERT INTO t (cols) SELECT * FROM unnest(%s::type[], ...) RETURNING *),
         hist AS (INSERT INTO historical_t (cols, history_date, history_type, history_user_id, ...)
                  SELECT ins.cols, %s, '+', %s, NULL FROM ins)
    SELECT <returning> FROM ins

so each history row is a copy of the row actually stored, attributed to the actor exactly as
simple-history would (`+` created / `~` changed). Other databases (SQLite in tests and the demo)
use simple-history's own `bulk_create_with_history` / `bulk_update_with_history`.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dakmonev import figures_version

PAGE = 5000
SPECIAL = ("history_date", "history_type", "history_user_id", "history_change_reason")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _history_sql(model: type[models.Model], source: str) -> tuple[str, list[str]]:
    """`INSERT INTO historical (...) SELECT ... FROM source` with placeholders for the SPECIAL values."""
    history = model.history.model
    fields = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    columns = ", ".join(_q(f.column) for f in fields)
    values = ", ".join("%s" if f.attname in SPECIAL else f"{source}.{_q(f.column)}" for f in fields)
    order = [f.attname for f in fields if f.attname in SPECIAL]
    return (
        f"INSERT INTO {_q(history._meta.db_table)} ({columns}) SELECT {values} FROM {source}",  # noqa: S608
        order,
    )


def _special(order: list[str], *, actor, history_type: str, now) -> list:
    known = {
        "history_date": now,
        "history_type": history_type,
        "history_user_id": getattr(actor, "pk", None),
        "history_change_reason": None,
    }
    return [known[name] for name in order]


def _array(field: models.Field) -> str:
    return f"%s::{field.db_type(connection)}[]"


def insert_rows(
    model: type[models.Model], rows: Sequence[dict], *, actor, returning: Sequence[str] = ("id",)
) -> list[tuple]:
    """Insert rows given as {attname: value} (missing fields take their default) with `+` history.

    Returns the `returning` columns of every inserted row, in input order.
    """
    figures_version.bump()
    if not rows:
        return []
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    if connection.vendor != "postgresql":
        objs = [model(**{**defaults, **row}) for row in rows]
        objs = bulk_create_with_history(objs, model, batch_size=500, default_user=actor)
        return [tuple(getattr(o, name) for name in returning) for o in objs]
    history_sql, order = _history_sql(model, "ins")
    sql = (
        f"WITH ins AS (INSERT INTO {_q(model._meta.db_table)} ({', '.join(_q(f.column) for f in fields)}) "  # noqa: S608
        f"SELECT * FROM unnest({', '.join(_array(f) for f in fields)}) RETURNING *), "
        f"hist AS ({history_sql}) SELECT {', '.join(_q(c) for c in returning)} FROM ins"
    )
    special = _special(order, actor=actor, history_type="+", now=timezone.now())
    out: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), PAGE):
            page = rows[start : start + PAGE]
            columns = [[row.get(f.attname, defaults[f.attname]) for row in page] for f in fields]
            cursor.execute(sql, [*columns, *special])
            out.extend(cursor.fetchall())
    return out


def update_with_history(
    objs: Sequence[models.Model], model: type[models.Model], field_names: Sequence[str], *, actor
) -> int:
    """Write `field_names` of the (already changed) `objs` and one `~` history row each."""
    if not objs:
        return 0
    figures_version.bump()
    if connection.vendor != "postgresql":
        return bulk_update_with_history(
            list(objs), model, list(field_names), batch_size=500, default_user=actor
        )
    pk = model._meta.pk
    fields = [model._meta.get_field(n) for n in field_names]
    table = _q(model._meta.db_table)
    assignments = ", ".join(f"{_q(f.column)} = v.{_q(f.column)}" for f in fields)
    columns = ", ".join(_q(c) for c in [pk.column] + [f.column for f in fields])
    history_sql, order = _history_sql(model, "upd")
    sql = (
        f"WITH upd AS (UPDATE {table} AS t SET {assignments} "  # noqa: S608
        f"FROM unnest({', '.join(_array(f) for f in [pk, *fields])}) AS v({columns}) "
        f"WHERE t.{_q(pk.column)} = v.{_q(pk.column)} RETURNING t.*) {history_sql}"
    )
    special = _special(order, actor=actor, history_type="~", now=timezone.now())
    with connection.cursor() as cursor:
        for start in range(0, len(objs), PAGE):
            page = objs[start : start + PAGE]
            values = [[o.pk for o in page]] + [
                [getattr(o, f.attname) for o in page] for f in fields
            ]
            cursor.execute(sql, [*values, *special])
    return len(objs)
