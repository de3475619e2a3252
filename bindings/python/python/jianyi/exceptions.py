"""Exceptions raised by jianyi.

Every error the library raises is a :class:`JianyiError` with a stable dotted ``code``
(``"assign.return_window_closed"``; the committed list is ``jianyi.ERROR_CODES`` and the
project's ``docs/error-codes.md``), a one-line message (``str(exc)``) and structured
``details`` (a dict of the error's fields, dates as :class:`datetime.date`, plus ``"error"``,
the variant's name). Branch on ``code``; the message is for people.

The class tells the family:

=================  ==========================================================================
``InputError``     ``input.*``: an unreadable command or date, an invalid id, oversized text
``ProfileError``   ``profile.*``: an invalid rules profile, an unknown preset
``CalendarError``  ``calendar.*``: a date outside the loaded calendar years, bad calendar data
``CommandError``   a refused command: ``permission.*``, ``command.*``, ``directory.*``,
                   ``item.*``, ``submit.*``, ``assign.*``, ``handle.*``, ``reply.*``,
                   ``feedback.*``, ``followup.*``, ``supervision.*``, ``evaluation.*``,
                   ``assessment.*``, ``excellence.*``; a refused command changes nothing
``LedgerError``    ``ledger.*``: a ledger file that cannot be read or replayed (``details``
                   names the ``line``)
``InternalError``  ``internal.panic``: a bug inside the Rust core, caught at the boundary (the
                   host keeps running); ``internal.poisoned``: a call on a ledger that such a
                   panic interrupted while it was changing (reload it from its JSON Lines)
=================  ==========================================================================

Every exported function catches Rust panics and raises ``InternalError``. pyo3's own
``PanicException`` (a ``BaseException``) is re-exported here for completeness: it would only
be seen if a panic escaped that guard.
"""

from __future__ import annotations

from typing import Any, Mapping

from jianyi._core import PanicException

__all__ = [
    "JianyiError",
    "InputError",
    "ProfileError",
    "CalendarError",
    "CommandError",
    "LedgerError",
    "InternalError",
    "ReportError",
    "PanicException",
]


class JianyiError(Exception):
    """Base class of every jianyi error; ``code`` and ``details`` say what went wrong."""

    code: str
    """Stable dotted code, e.g. ``"assign.return_window_closed"``."""
    details: dict[str, Any]
    """The error's fields (dates as ``datetime.date``), and ``"error"``: the variant's name."""
    message: str
    """The one-line message (also ``str(exc)``)."""

    def __init__(
        self,
        message: str,
        code: str = "internal.unknown",
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = dict(details) if details else {}

    @property
    def family(self) -> str:
        """The part of the code before the dot (``assign``, ``permission``, …)."""
        return self.code.split(".", 1)[0]

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.code, self.details))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code!r})"


class InputError(JianyiError):
    """``input.*``: a value that cannot be read (malformed command or date, invalid id, …)."""


class ProfileError(JianyiError):
    """``profile.*``: an invalid rules profile or an unknown preset."""


class CalendarError(JianyiError):
    """``calendar.*``: a date outside the calendar's years, invalid calendar data, overflow."""


class CommandError(JianyiError):
    """A refused command (``permission.*``, ``assign.*``, ``reply.*``, …); nothing changed."""


class LedgerError(JianyiError):
    """``ledger.*``: a ledger that cannot be read or replayed; ``details["line"]`` names the line."""


class ReportError(JianyiError):
    """``report.*``: a report could not be written (a chart not drawn, a ``.docx`` not packed)."""


class InternalError(JianyiError):
    """``internal.panic`` / ``internal.poisoned``: a bug inside jianyi, caught at the boundary."""
