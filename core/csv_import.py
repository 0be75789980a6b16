"""Import files (CSV) read the same way everywhere: a header, then one record a line, with
every bad line reported at once and nothing loaded when any is bad.

``read_rows`` checks the header, skips blank lines, counts the columns of each line and
turns text that is not CSV into a line error; each domain then checks its own cells.
``ImportRejected`` subclasses (one per domain, with its own error code and field) carry the
``LineError`` list: one ``userErrors`` entry per line in the API, a table on the command line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from core.errors import DomainError, DomainErrors, Text, t


@dataclass(frozen=True, slots=True)
class LineError:
    """What is wrong with one line of an import: its number in the file, the column (a
    header name, or ``header`` / ``line`` for the line as a whole) and the message in both
    languages."""

    line: int
    column: str
    text: Text

    @property
    def message(self) -> str:
        """The error in English (the command line's language)."""
        return self.text.en


class ImportRejected(DomainErrors):
    """The file has bad lines; nothing was loaded. One refusal per line error (on ``field``,
    the message naming the line and column); ``line_errors`` keeps them for the command line.
    Subclasses name their ``code`` and ``field``."""

    code_of_rejection: ClassVar[StrEnum]
    field_of_rejection: ClassVar[str]

    def __init__(self, line_errors: Sequence[LineError]) -> None:
        code, field = self.code_of_rejection, self.field_of_rejection
        super().__init__(
            code,
            t(
                f"{len(line_errors)} line(s) have errors; the file was rejected and nothing was loaded.",
                f"{len(line_errors)} 行有错误，文件已被拒绝，未导入任何数据。",
            ),
            [
                DomainError(
                    code,
                    t(f"Line {e.line} ({e.column}): {e.text.en}", f"第 {e.line} 行（{e.column}）：{e.text.zh}"),
                    field,
                )
                for e in line_errors
            ],
            field,
        )
        self.line_errors = list(line_errors)


@dataclass(frozen=True, slots=True)
class CsvLines:
    header: list[str]  # the header's cells, stripped and lower-cased
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells) of each data line


def read_rows(
    text: str,
    *,
    rejected: type[ImportRejected],
    columns: int,
    header_error: Callable[[list[str]], Text | None],
    empty: Text,
    no_rows: Text,
) -> CsvLines:
    """The data lines of a CSV ``text`` (a leading BOM and blank lines ignored; line numbers
    as in the file). ``header_error(names)`` says what is wrong with the header, if anything;
    ``empty`` is the message for a file without even a header, ``no_rows`` for one without
    data lines. Raises ``rejected`` listing every line that has not ``columns`` cells."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = next(reader, None)
        if header is None:
            raise rejected([LineError(1, "header", empty)])
        names = [cell.strip().lower() for cell in header]
        problem = header_error(names)
        if problem is not None:
            raise rejected([LineError(1, "header", problem)])
        rows: list[tuple[int, list[str]]] = []
        malformed: list[LineError] = []
        for cells in reader:
            if not cells or all(not cell.strip() for cell in cells):
                continue
            if len(cells) != columns:
                found = len(cells)
                text_ = t(f"Expected {columns} columns, found {found}.", f"应为 {columns} 列，实际为 {found} 列。")
                malformed.append(LineError(reader.line_num, "line", text_))
                continue
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise rejected(
            [LineError(reader.line_num, "line", t(f"Not valid CSV: {error}.", f"不是有效的 CSV：{error}。"))]
        ) from None
    if malformed:
        raise rejected(malformed)
    if not rows:
        raise rejected([LineError(1, "line", no_rows)])
    return CsvLines(names, rows)
