"""Findings as a table: one row per finding, for pandas, polars, pyarrow and DuckDB."""

from typing import Any, Iterable, Iterator, List, Sequence, Union, overload

from meal._meal import Finding

#: The columns of a findings table, in order.
COLUMNS = ("code", "severity", "path", "message", "params")


class Findings(Sequence[Finding]):
    """A read-only list of :class:`Finding` that converts to a DataFrame.

    Columns: ``code``, ``severity``, ``path``, ``message`` (in the locale the findings were
    asked in) and ``params`` (a dict; a ``map<string, string>`` in Arrow). It is an Arrow
    stream too, so ``polars.DataFrame(findings)``, ``pyarrow.table(findings)`` and
    ``duckdb.sql("SELECT code, count(*) FROM findings GROUP BY code")`` work (pyarrow needed).

    >>> import meal
    >>> table = meal.Findings(form.check(submission).findings)   # doctest: +SKIP
    >>> table.to_pandas().groupby("code").size()                  # doctest: +SKIP
    >>> meal.Findings([]).count_by_code()
    {}
    """

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._items: List[Finding] = list(findings)
        for item in self._items:
            if not isinstance(item, Finding):
                raise TypeError(f"Findings holds meal.Finding objects, not {type(item).__name__}")

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> "Findings": ...
    def __getitem__(self, index: Union[int, slice]) -> Union[Finding, "Findings"]:
        if isinstance(index, slice):
            return Findings(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Findings):
            return self._items == other._items
        if isinstance(other, list):
            return self._items == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def blocking(self) -> "Findings":
        """The findings of severity ``error``."""
        return Findings(f for f in self._items if f.is_blocking)

    def count_by_code(self) -> dict:
        """How many findings of each code, most frequent first (ties by code)."""
        counts: dict = {}
        for finding in self._items:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def to_dicts(self) -> List[dict]:
        """One dict per finding (``Finding.to_dict``): ``pandas.DataFrame(findings.to_dicts())``."""
        return [finding.to_dict() for finding in self._items]

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with the columns of :data:`COLUMNS` (needs pyarrow)."""
        pa = _require("pyarrow", "to_arrow")
        schema = pa.schema(
            [
                ("code", pa.string()),
                ("severity", pa.string()),
                ("path", pa.string()),
                ("message", pa.string()),
                ("params", pa.map_(pa.string(), pa.string())),
            ]
        )
        rows = {
            "code": [f.code for f in self._items],
            "severity": [f.severity for f in self._items],
            "path": [f.path for f in self._items],
            "message": [f.message for f in self._items],
            "params": [list(f.params.items()) for f in self._items],
        }
        return pa.table(rows, schema=schema)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame``, one row per finding, ``params`` as dicts (needs pandas)."""
        pd = _require("pandas", "to_pandas")
        return pd.DataFrame(self.to_dicts(), columns=list(COLUMNS))

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` (needs polars and pyarrow)."""
        pl = _require("polars", "to_polars")
        return pl.DataFrame(self.to_arrow())

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self.to_arrow().__arrow_c_stream__(requested_schema)

    def _repr_html_(self) -> str:
        from meal import _html

        return _html.findings(self._items)

    def __repr__(self) -> str:
        counts = ", ".join(f"{code}: {n}" for code, n in self.count_by_code().items())
        return f"Findings({len(self._items)}{'; ' + counts if counts else ''})"


def _require(module: str, method: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as missing:
        raise ImportError(f"Findings.{method}() needs {module}: pip install {module}") from missing
