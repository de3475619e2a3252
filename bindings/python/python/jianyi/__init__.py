"""jianyi (建议): the rules of handling People's Congress deputies' motions and suggestions —
提、交、办、督、评 — as a Python library backed by the Rust core ``jianyi-core``.

The same rules, and the same answers, as the Rust core and the Kotlin/Swift bindings::

    import datetime as dt
    import jianyi

    ledger = jianyi.Ledger(jianyi.Profile.preset("seed-city"))
    ledger.execute({
        "id": "c1", "on": dt.date(2022, 1, 5), "actor": {"role": "deputy_affairs_office"},
        "action": {"type": "register_committee", "committee": {"id": "C1", "name": "财经委"}},
    })
    ledger.items_table().to_pandas()

Dates are ``datetime.date`` both ways (ISO text ``"2022-01-05"`` is accepted too). Commands
and results are plain dicts in the shape of the JSON wire format (``docs/ledger-format.md``);
every date inside a result is a ``datetime.date``. Errors are :class:`JianyiError`
subclasses with a stable ``code`` (see :mod:`jianyi.exceptions`).
"""

from __future__ import annotations

from jianyi._core import (
    ERROR_CODES,
    Calendar,
    Ledger,
    Outcome,
    Profile,
    Screener,
    Table,
    __version__,
    audit_report_text,
    upcast_ledger_v1,
    verify_ledger,
)
from jianyi.exceptions import (
    CalendarError,
    CommandError,
    InputError,
    InternalError,
    JianyiError,
    LedgerError,
    PanicException,
    ProfileError,
    ReportError,
)

__all__ = [
    "ERROR_CODES",
    "Calendar",
    "CalendarError",
    "CommandError",
    "InputError",
    "InternalError",
    "JianyiError",
    "Ledger",
    "LedgerError",
    "Outcome",
    "PanicException",
    "Profile",
    "ProfileError",
    "ReportError",
    "Screener",
    "Table",
    "__version__",
    "audit_report_text",
    "upcast_ledger_v1",
    "verify_ledger",
]

