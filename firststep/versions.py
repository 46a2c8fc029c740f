"""A number in the database that every write to some table moves on.

What a process renders from those rows is cached in its own memory under the number
(firststep.pages.rendered_once), and the number is read again for every page: when a write
commits in any process, the next page in every process sees a new number and renders afresh.
Nothing has to reach into the other processes' caches, and a page made from old rows is
never filed under the new number.
"""

from django.db import connection, models


class VersionCounter(models.Model):
    ROW = 1

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.number}"

    @classmethod
    def current(cls) -> int:
        # Read on every page that uses it, so in plain SQL: through the ORM it takes about
        # 0.3 ms (in process, on the benchmark machine), as much as the whole bare view;
        # like this about 0.04 ms.
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number FROM {table} WHERE id = %s", [cls.ROW])  # noqa: S608
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def bump(cls) -> None:
        # UPDATE … + 1 locks the row until the writer's transaction ends, so concurrent
        # writers each get their own number and none of them is read before it commits.
        if not cls.objects.filter(pk=cls.ROW).update(number=models.F("number") + 1):
            # A migration makes the row; only a flushed test database lacks it.
            cls.objects.get_or_create(pk=cls.ROW, defaults={"number": 1})


class VersionedQuerySet(models.QuerySet):
    """A queryset whose bulk writes move `version` on. (bulk_update() goes through update().)"""

    version: type[VersionCounter]

    def update(self, **kwargs) -> int:
        rows = super().update(**kwargs)
        if rows:
            self.version.bump()
        return rows

    def bulk_create(self, objs, *args, **kwargs) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            self.version.bump()
        return created

    def delete(self) -> tuple[int, dict[str, int]]:
        deleted = super().delete()
        if deleted[0]:
            self.version.bump()
        return deleted


class VersionedModel(models.Model):
    """A model whose save() and delete() move `version` on; use a VersionedQuerySet with it."""

    version: type[VersionCounter]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        self.version.bump()

    def delete(self, *args, **kwargs) -> tuple[int, dict[str, int]]:
        deleted = super().delete(*args, **kwargs)
        self.version.bump()
        return deleted
