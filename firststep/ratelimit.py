"""Per-client request limits, counted in the shared cache (settings.RATE_LIMITS).

A fixed one-minute window per client and scope, counted with the cache's atomic add and
incr: with Redis (REDIS_URL) one count serves every worker and server. When the cache
cannot be reached the request is let through (fails open) and a warning is logged: a
person in crisis must never be turned away because a counter is down. The client is the peer
address, or the address our own proxy put last in X-Forwarded-For when
settings.BEHIND_PROXY says there is one: the leftmost entries are whatever the
client chose to send. Addresses are hashed before they become cache keys.
"""

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

WINDOW_SECONDS = 60
logger = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")


def _client_key(request: HttpRequest, scope: str, window: int) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}:{window}"


def hit(request: HttpRequest, scope: str) -> int | None:
    """Count one request; return the seconds to wait when over the limit, else None."""
    limit = settings.RATE_LIMITS.get(scope, 0)
    if not limit:
        return None
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = _client_key(request, scope, window)
    try:
        cache.add(key, 0, WINDOW_SECONDS + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS + 5)
            count = 1
    except (RedisError, OSError):
        logger.warning("rate limit %s not counted: the cache is unreachable", scope)
        return None
    if count > limit:
        return max(1, int((window + 1) * WINDOW_SECONDS - now))
    return None


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "error": "rate_limited",
                "detail": _("Too many requests. Please wait a minute and try again."),
                "retry_after": retry_after,
            },
            status=429,
        )
    else:
        response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(scope: str, *, methods: Iterable[str] | None = None) -> Callable:
    """Limit a view to settings.RATE_LIMITS[scope] requests per client per minute.

    `methods` limits the count to those HTTP methods (all by default). A
    request is counted once per scope even when nested views share a scope.
    """
    counted_methods = {m.upper() for m in methods} if methods else None

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            seen: set = request.__dict__.setdefault("_ratelimit_scopes", set())
            if scope not in seen and (counted_methods is None or request.method in counted_methods):
                seen.add(scope)
                retry_after = hit(request, scope)
                if retry_after is not None:
                    return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
