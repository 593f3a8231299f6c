"""Bulk insert/update that also writes simple-history rows — fast on PostgreSQL.

On PostgreSQL, Django's `bulk_create`/`bulk_update` spend most of their time preparing each
value through the field API and (for updates) building one huge CASE expression; for 10,000
RK lines that costs several seconds. Here the values of plain columns (text, numbers,
booleans, dates, foreign-key ids — all adapted natively by psycopg2) go straight to
`execute_values`, in pages of BATCH rows, and the history rows are written the same way with
the same attribution simple-history would record (`history_user`, `history_type` `+`/`~`,
`history_date`). Any other database (SQLite in tests and demos) uses simple-history's own
`bulk_create_with_history` / `bulk_update_with_history`, so both paths keep the same behaviour.
"""

from __future__ import annotations

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

BATCH = 2000
PLAIN = (models.CharField, models.TextField, models.DecimalField, models.BooleanField, models.IntegerField,
         models.DateField, models.ForeignKey, models.AutoField, models.BigAutoField)


def _value(field: models.Field, obj):
    value = getattr(obj, field.attname)
    if isinstance(field, PLAIN) and not isinstance(field, models.DateTimeField):
        return value
    return field.get_db_prep_save(value, connection)


def _history_rows(objs, model, *, actor, history_type: str):
    history = model.history.model
    now = timezone.now()
    special = {"history_date": now, "history_type": history_type, "history_change_reason": None,
               "history_user_id": getattr(actor, "pk", None)}
    fields = [f for f in history._meta.concrete_fields if f.attname != "history_id"]
    rows = [[special[f.attname] if f.attname in special else _value(f, obj) for f in fields] for obj in objs]
    return history._meta.db_table, [f.column for f in fields], rows


def _execute(sql: str, rows: list, *, fetch: bool = False) -> list:
    """Run `sql` (with one `VALUES %s`) in pages of BATCH rows through Django's cursor (so it is
    logged and counted like any query); values are quoted by psycopg2's own adaptation."""
    results = []
    template = "(" + ",".join(["%s"] * len(rows[0])) + ")" if rows else ""
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for start in range(0, len(rows), BATCH):
            values = b",".join(raw.mogrify(template, row) for row in rows[start:start + BATCH])
            cursor.execute(sql.replace("%s", values.decode("utf-8")))
            if fetch:
                results.extend(cursor.fetchall())
    return results


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def insert_with_history(objs: list[models.Model], model: type[models.Model], *, actor) -> list[models.Model]:
    """Insert `objs` (setting their pk) and one `+` history row each, attributed to `actor`."""
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return bulk_create_with_history(objs, model, batch_size=BATCH, default_user=actor)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    pk = model._meta.pk
    # Identifiers come from the model's _meta (quoted); values are adapted by psycopg2's mogrify.
    sql = (f"INSERT INTO {_q(model._meta.db_table)} ({', '.join(_q(f.column) for f in fields)}) "  # noqa: S608
           f"VALUES %s RETURNING {_q(pk.column)}")
    ids = _execute(sql, [[_value(f, o) for f in fields] for o in objs], fetch=True)
    for obj, (new_id,) in zip(objs, ids, strict=True):
        setattr(obj, pk.attname, new_id)
        obj._state.adding, obj._state.db = False, connection.alias
    table, columns, rows = _history_rows(objs, model, actor=actor, history_type="+")
    _execute(f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in columns)}) VALUES %s", rows)  # noqa: S608
    return objs


def update_with_history(objs: list[models.Model], model: type[models.Model], field_names: list[str], *,
                        actor) -> int:
    """Update `field_names` of `objs` and write one `~` history row each, attributed to `actor`."""
    if not objs:
        return 0
    if connection.vendor != "postgresql":
        return bulk_update_with_history(objs, model, field_names, batch_size=BATCH, default_user=actor)
    pk = model._meta.pk
    fields = [model._meta.get_field(n) for n in field_names]
    assignments = ", ".join(f"{_q(f.column)} = v.{_q(f.column)}::{f.db_type(connection)}" for f in fields)
    columns = ", ".join(_q(c) for c in [pk.column] + [f.column for f in fields])
    sql = (f"UPDATE {_q(model._meta.db_table)} AS t SET {assignments} FROM (VALUES %s) AS v({columns}) "  # noqa: S608
           f"WHERE t.{_q(pk.column)} = v.{_q(pk.column)}")
    _execute(sql, [[o.pk] + [_value(f, o) for f in fields] for o in objs])
    table, columns, rows = _history_rows(objs, model, actor=actor, history_type="~")
    _execute(f"INSERT INTO {_q(table)} ({', '.join(_q(c) for c in columns)}) VALUES %s", rows)  # noqa: S608
    return len(objs)
