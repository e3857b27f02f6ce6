"""An LRU cache for functions of label-sized text.

The parser's caches pay off because the same labels recur in report after report. A long text — a
crawler's whole body on one line, the text the fast path declines — is never seen twice: cached,
it would only fill the cache with whole reports, so it is computed and not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def short_text_cache(maxsize: int, longest: int) -> Callable[[F], F]:
    """`lru_cache(maxsize)` for calls whose first argument, a string, is at most `longest` characters."""

    def decorate(func: F) -> F:
        cached = lru_cache(maxsize=maxsize)(func)

        @wraps(func)
        def call(text: str, *args: Any) -> Any:
            return cached(text, *args) if len(text) <= longest else func(text, *args)

        call.cache_info = cached.cache_info  # type: ignore[attr-defined]
        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return decorate
