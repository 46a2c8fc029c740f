"""Server-side sessions that outlive either of their two stores failing.

SESSION_ENGINE = "firststep.sessions". The browser holds an opaque, random session id
and nothing else: the answers in progress, the one-time submission id and the staff
sign-in live on the server, in two places at once:

- the database (django_session), the durable copy every worker and server shares;
- the session cache (settings.SESSION_CACHE_ALIAS "sessions"): Redis when REDIS_URL is
  set, else a directory of files on this machine, which every gunicorn worker of this
  machine shares.

Why Django's cached_db, and why this subclass:

- A cache-only engine would lose the answers of people whose worker restarts, and with
  the default per-process LocMem cache several workers would each see a different
  session. The database copy is what makes multi-worker SQLite and PostgreSQL correct.
- A database-only engine would turn a PostgreSQL outage into lost answers: the outage
  test (tests/load/test_database_outage.py) needs the questionnaire readable, and the
  503 "your answers are kept" page reachable, while the database is down.
- The session cache must be shared by every worker that can receive the next request.
  A per-process LocMem cache under cached_db serves stale copies: worker A caches step 1,
  worker B saves step 2, A answers the next request from its stale step-1 copy. So the
  cache is never LocMem outside a single process: Redis, or files on local disk.
- Stock cached_db gives up when the database fails (every load and save raises). Here
  a failing database is logged and the cache carries on alone; a failing cache is
  logged and the database carries on alone. The one thing not tolerated is a save of a
  session whose database row is gone while the database is up: that session was ended
  on purpose (quick exit, sign out everywhere) and must not come back, so Django's
  UpdateError is raised as usual and the middleware answers 400.

What this costs: a session saved only to the cache during an outage is written to the
database by the next save after it (it is flagged as cache-only until then). A session
ended while the database is down (quick exit) leaves a tombstone in the cache, which is
read first, so its row cannot bring it back; a session in neither store's reach (database
down and not in the cache) is served empty and not saved, so its row is intact afterwards.
If the cache itself was down while a session changed, it may hold an older copy when it
comes back; for staff, the per-user "not before" stamp (staffauth) still refuses a session
that was ended, and people's answers at worst step back to an earlier save.
After a Redis outage, flushing its "firststep-sessions" keys closes even that: every
session is then read from the database again.
"""

import contextlib
import logging

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError, UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import DatabaseError, IntegrityError, router, transaction

logger = logging.getLogger(__name__)

# Set in the session while its only copy is the cache (written while the database was down).
CACHE_ONLY_KEY = "_cache_only"
# What the cache holds for a session ended while the database was down.
ENDED_KEY = "_ended"


class SessionStore(CachedDBStore):
    cache_key_prefix = "firststep.sessions."

    def _cache_get(self):
        try:
            return self._cache.get(self.cache_key)
        except Exception:  # noqa: BLE001 — any cache failure: fall back to the database
            logger.warning("session cache unreachable on load; reading the database")
            return None

    def _cache_set(self, data) -> None:
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age())
        except Exception:  # noqa: BLE001
            logger.warning("session cache unreachable on save; the database copy stands")

    def load(self):
        data = self._cache_get()
        if data is not None:
            if data.get(ENDED_KEY):  # ended while the database was down: still ended
                self._session_key = None
                return {}
            return data
        try:
            stored = self._get_session_from_db()
        except DatabaseError:
            # Neither store can say what this session holds: serve it empty for this request,
            # keep the cookie, and save nothing, so the database copy is there once it is back.
            logger.warning("session database unreachable on load and not in the cache")
            self._unreadable = True
            return {}
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        try:
            self._cache.set(self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        except Exception:  # noqa: BLE001
            logger.warning("session cache unreachable on load; served from the database")
        return data

    def exists(self, session_key):
        if not session_key:
            return False
        try:
            if (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception:  # noqa: BLE001
            logger.warning("session cache unreachable on exists; asking the database")
        try:
            return self.model.objects.filter(session_key=session_key).exists()
        except DatabaseError:
            return False

    def _save_to_db(self, data, must_create: bool) -> None:
        obj = self.create_model_instance(data)
        using = router.db_for_write(self.model, instance=obj)
        with transaction.atomic(using=using):
            obj.save(force_insert=must_create, force_update=not must_create, using=using)

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()
        if getattr(self, "_unreadable", False) and not must_create:
            logger.warning("session neither readable nor saved: the database is down")
            return
        data = self._get_session(no_load=must_create)
        cache_only = data.pop(CACHE_ONLY_KEY, False)
        try:
            try:
                self._save_to_db(data, must_create)
            except self.model.NotUpdated:
                if not cache_only:
                    raise UpdateError from None  # ended on purpose: do not bring it back
                self._save_to_db(data, must_create=True)  # created during an outage
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except UpdateError:
            raise
        except DatabaseError:
            logger.warning("session database unreachable on save; kept in the cache only")
            data = {**data, CACHE_ONLY_KEY: True}
        self._cache_set(data)

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        key = self.cache_key_prefix + session_key
        try:
            self.model.objects.filter(session_key=session_key).delete()
        except DatabaseError:
            # The row outlives the outage: leave a tombstone the cache answers with first,
            # so the ended session (quick exit, sign-out) does not come back with the database.
            logger.warning("session database unreachable on delete; the cache marks it ended")
            try:
                self._cache.set(key, {ENDED_KEY: True}, settings.SESSION_COOKIE_AGE)
            except Exception:  # noqa: BLE001
                logger.warning("session cache unreachable on delete")
            return
        try:
            self._cache.delete(key)
        except Exception:  # noqa: BLE001
            logger.warning("session cache unreachable on delete")

    @classmethod
    def clear_expired(cls) -> None:
        """`manage.py clearsessions`: expired rows, their staff index entries, and expired
        files of the session cache.

        Redis drops expired keys itself; a file of an abandoned session would otherwise stay
        on disk, answers and all, until something happened to read it.
        """
        super().clear_expired()
        from staffauth.models import StaffSession  # the index of staff sign-ins

        StaffSession.objects.exclude(
            session_key__in=cls.get_model_class().objects.values("session_key")
        ).delete()
        cache = caches[settings.SESSION_CACHE_ALIAS]
        if isinstance(cache, FileBasedCache):
            for name in cache._list_cache_files():
                with contextlib.suppress(OSError), open(name, "rb") as file:
                    cache._is_expired(file)  # deletes the file when it has expired


def end_sessions(session_keys) -> None:
    """Delete these sessions from both stores (sign out everywhere, password change)."""
    store = SessionStore()
    for key in session_keys:
        store.delete(key)
