"""A number in the database that every write to some table moves on.

What a process renders from those rows is cached in its own memory under the number
(firststep.pages.rendered_once). A process reads the number again at most once every
RECHECK_SECONDS, and at once after a write of its own commits: when a write commits in any
process, every process renders afresh within a second. Nothing has to reach into the other
processes' caches, and a page made from old rows is never filed under the new number.
"""

import time
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction

# How stale a process's idea of a version may be after another process's write commits.
# Reading the number for every page was a query on every result page and directory
# search, a second round trip to PostgreSQL (docs/benchmarks.md); an article or the
# directory showing a second late is not.
RECHECK_SECONDS = 1.0

# Version class -> (when this process read it, the number read). FirstStep has one database.
_read: dict[type, tuple[float, int]] = {}


def _now() -> float:
    return time.monotonic()


def forget_read_versions() -> None:
    """Read every version afresh on its next use (tests start from a fresh database)."""
    _read.clear()


class VersionCounter(models.Model):
    ROW = 1

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number}"

    @classmethod
    def current(cls) -> int:
        """The number, as read in this process less than RECHECK_SECONDS ago."""
        read_at, number = _read.get(cls, (None, 0))
        now = _now()
        if read_at is None or now - read_at >= RECHECK_SECONDS:
            number = cls._read_number()
            _read[cls] = (now, number)
        return number

    @classmethod
    def _read_number(cls) -> int:
        # In plain SQL: through the ORM it took about 0.3 ms (in process, on the benchmark
        # machine), as much as the whole bare view; like this about 0.04 ms.
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [cls.ROW])  # noqa: S608
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def _forget(cls) -> None:
        _read.pop(cls, None)

    @classmethod
    def bump(cls, using: str = DEFAULT_DB_ALIAS) -> None:
        # UPDATE … + 1 locks the row until the writer's transaction ends, so concurrent
        # writers each get their own number and none of them is read before it commits.
        rows = cls.objects.using(using)
        if not rows.filter(pk=cls.ROW).update(number=models.F("number") + 1):
            # A migration makes the row; only a flushed test database lacks it.
            rows.get_or_create(pk=cls.ROW, defaults={"number": 1})
        # This process shows its own writes on its next page, not a second later. (The
        # next read is by a later request, after this transaction has ended: a sync
        # worker serves one request at a time.)
        cls._forget()


def bump_after_migrate(version: type[VersionCounter]) -> Callable[..., None]:
    """A post_migrate receiver that moves `version` on.

    Data migrations write with historical models, which know nothing of the version, and
    workers still running during a deploy would go on serving pages made from the old rows.
    """

    def receiver(*, using: str, **kwargs) -> None:
        # Not after migrating the app back to zero, when the table is gone.
        if version._meta.db_table in connections[using].introspection.table_names():
            version.bump(using)

    return receiver


class VersionedQuerySet(models.QuerySet):
    """A queryset whose bulk writes move `version` on. (bulk_update() goes through update().)"""

    version: type[VersionCounter]

    # Each write and its bump commit together or not at all: a change whose bump failed
    # would never reach the pages cached under the old number.
    def update(self, **kwargs) -> int:
        with transaction.atomic(using=self.db):
            rows = super().update(**kwargs)
            if rows:
                self.version.bump(self.db)
        return rows

    def bulk_create(self, objs, *args, **kwargs) -> list:
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                self.version.bump(self.db)
        return created

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db):
            deleted = super().delete()
            if deleted[0]:
                self.version.bump(self.db)
        return deleted


class VersionedModel(models.Model):
    """A model whose save() and delete() move `version` on; use a VersionedQuerySet with it."""

    version: type[VersionCounter]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic(using=kwargs.get("using") or self._state.db):
            super().save(*args, **kwargs)
            self.version.bump(self._state.db)

    def delete(self, *args, **kwargs) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=kwargs.get("using") or self._state.db):
            deleted = super().delete(*args, **kwargs)
            self.version.bump(self._state.db)
        return deleted
