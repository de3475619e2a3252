"""Table → pandas / polars / pyarrow (``jianyi.Table.to_pandas``, ``to_polars``, ``to_arrow``)."""

from __future__ import annotations

from typing import Any


def _need(package: str, method: str) -> Any:
    try:
        return __import__(package)
    except ImportError as e:
        raise ImportError(
            f"Table.{method}() needs the `{package}` package: pip install {package}",
            name=package,
        ) from e


def to_pandas(table: Any) -> Any:
    """Through the Arrow stream when pyarrow is installed (no Python object per value for
    numbers, dates and categories; pandas ≥ 3 keeps strings in Arrow too), else through lists.
    Either way: dates as ``datetime64``, integers as ``int64`` (``Int64`` with gaps),
    categories as ``category``; a list cell reads as a Python list (an Arrow-backed list
    column with pyarrow, a column of lists without)."""
    pd = _need("pandas", "to_pandas")
    try:
        import pyarrow as pa  # type: ignore  # untyped, or not installed
    except ImportError:
        return _pandas_from_lists(pd, table.columns, table.dtypes)

    def dtype_of(arrow_type: Any) -> Any:
        if arrow_type == pa.int64():
            return pd.Int64Dtype()
        if pa.types.is_list(arrow_type):
            return pd.ArrowDtype(arrow_type)
        return None

    frame = pa.table(table).to_pandas(date_as_object=False, types_mapper=dtype_of)
    for name, kind in table.dtypes.items():
        if kind == "int" and not frame[name].hasnans:
            frame[name] = frame[name].astype("int64")
    return frame


def _pandas_from_lists(pd: Any, columns: dict[str, list[Any]], dtypes: dict[str, str]) -> Any:
    data: dict[str, Any] = {}
    for name, values in columns.items():
        kind = dtypes[name]
        if kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif kind == "int":
            if any(v is None for v in values):
                data[name] = pd.array(values, dtype="Int64")
            else:
                data[name] = pd.Series(values, dtype="int64")
        elif kind == "float":
            data[name] = pd.Series(values, dtype="float64")
        elif kind == "bool":
            data[name] = pd.Series(values, dtype="bool")
        elif kind == "category":
            data[name] = pd.Series(values, dtype="category")
        else:
            data[name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=list(columns))


def to_polars(table: Any) -> Any:
    """Through the Arrow stream: the columns reach polars as Arrow buffers."""
    pl = _need("polars", "to_polars")
    return pl.DataFrame(table)


def to_arrow(table: Any) -> Any:
    """A ``pyarrow.Table`` through the Arrow stream."""
    pa = _need("pyarrow", "to_arrow")
    return pa.table(table)


def frame_rows(frame: Any) -> list[list[Any]]:
    """A pandas or polars DataFrame as rows of plain cell values, the header first
    (``Ledger.import_table``): the Rust reader reads them as it reads a CSV's cells."""
    header = [str(c) for c in frame.columns]
    if hasattr(frame, "iter_rows"):  # polars
        body = [list(r) for r in frame.iter_rows()]
    else:  # pandas
        body = [list(r) for r in frame.itertuples(index=False, name=None)]
    rows: list[list[Any]] = [header]
    for r in body:
        rows.append([_plain(v) for v in r])
    return rows


def _plain(value: Any) -> Any:
    """A cell as None, str, int, float or datetime.date (pandas' NaT and NA as None)."""
    if value is None:
        return None
    try:
        pd = __import__("pandas")  # optional: a polars frame needs no pandas
        if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date()
    except (ImportError, TypeError, ValueError):
        pass
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        try:
            return value.item()
        except (TypeError, ValueError):
            return value
    return value
