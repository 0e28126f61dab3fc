"""The bytes of a record file, read safely: nodes, limits, decoding and the one JSON parser (private).

Everything the loader, the streaming readers and `read_records` read
goes through here, so that every file kind meets the same rules:

- a dataset file must be a regular file: a folder, a FIFO, a device, a dangling symbolic link or
  a loop of them is a problem naming the path (a FIFO is never opened, so nothing blocks);
- a line is at most `MAX_LINE_BYTES` (1 MiB) and a whole JSON document at most
  `MAX_DOCUMENT_BYTES` (64 MiB), read in bounded pieces, so that ``/dev/zero`` or an endless
  line without a newline never fills memory;
- text is UTF-8 (a byte-order mark dropped); UTF-16 and UTF-32 text is named as such;
- JSON is parsed by one function, `parse_json`, for ``.json``, ``.jsonl`` and the
  eligibility input alike: every syntax error, a number of more than 4,300 digits, a lone
  surrogate escape and nesting deeper than `MAX_DEPTH` levels is a `JsonProblemError`
  with its line and column, never a ``RecursionError`` or a bare ``ValueError``.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from pydantic_core import from_json

from citizenrights.dataset._problems import WHOLE

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_LINE_BYTES",
    "FileProblem",
    "FileProblemError",
    "JsonProblemError",
    "array_starts",
    "decode",
    "foreign_encoding",
    "node_problem",
    "not_utf8",
    "open_regular",
    "parse_json",
    "read_document",
    "read_lines",
    "without_bom",
]

#: The longest line (without its line end) of a JSON Lines or CSV file: records are 2–3 KB.
MAX_LINE_BYTES = 1 << 20
#: The largest JSON document (a ``.json`` file, an eligibility JSON array): use JSON Lines beyond.
MAX_DOCUMENT_BYTES = 64 << 20
#: The deepest nesting of arrays and objects in a record: real records nest 3–4 levels.
MAX_DEPTH = 64


class FileProblemError(Exception):
    """A problem that stops the reading of a file: ``(line, field, message)``."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.field = field
        self.message = message


#: The name the command line imports (kept while it does).
FileProblem = FileProblemError


class JsonProblemError(ValueError):
    """Text that is not JSON the loader accepts, with the line and column (1-based) of the fault.

    ``column`` counts bytes of the UTF-8 text; ``message`` ends with a stable code in brackets
    (``[json_invalid]``, ``[json_too_deep]``).
    """

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


# -- nodes -----------------------------------------------------------------------------------------

_NODE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _NODE_KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a file [not_a_file]"


def node_problem(path: Path) -> str | None:
    """Why ``path`` is not a readable regular file; ``None`` when it is one.

    Raises:
        FileNotFoundError: when nothing at all is at ``path`` (not even a symbolic link).
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"a symbolic link to {os.readlink(path)!r}, which does not exist [not_a_file]"
        raise
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links [not_a_file]"
        return f"cannot be read: {exc.strerror or exc}"
    return _not_regular(info.st_mode)


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading, never blocking on a FIFO that replaced it meanwhile.

    Raises:
        FileProblemError: when ``path`` is not a regular file.
        OSError: when it cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem is not None:
            raise FileProblemError(WHOLE, "(file)", problem)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


# -- bounded reading -------------------------------------------------------------------------------


def _too_long(number: int) -> FileProblemError:
    return FileProblemError(
        number,
        "(file)",
        f"a line longer than {MAX_LINE_BYTES:,} bytes (1 MiB), the most a record line may be; "
        "is this a JSON Lines or CSV file? [line_too_long]",
    )


def read_lines(handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    r"""Numbered lines of a binary file, with their line ends, each read in bounded memory.

    Raises:
        FileProblemError: at the first line longer than `MAX_LINE_BYTES` (its end not counted);
            reading stops there, since the line has no end in sight.

    Examples:
        >>> import io
        >>> list(read_lines(io.BytesIO(b"{}\r\n\n[]")))
        [(1, b'{}\r\n'), (2, b'\n'), (3, b'[]')]
    """
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 2):
        number += 1
        if len(raw) > MAX_LINE_BYTES and len(raw.rstrip(b"\r\n")) > MAX_LINE_BYTES:
            raise _too_long(number)
        yield number, raw


_DOCUMENT_CHUNK = 1 << 20


def read_document(handle: BinaryIO, start: bytes = b"") -> bytes:
    """The rest of a file as one JSON document (``start`` already read), at most 64 MiB.

    Raises:
        FileProblemError: when the document is larger than `MAX_DOCUMENT_BYTES`.
    """
    # Read in chunks: handle.read(64 MiB) would allocate the whole limit up front for a file of
    # a few kilobytes, and that buffer would dominate a streamed run's memory.
    chunks, size = [start], len(start)
    while size <= MAX_DOCUMENT_BYTES:
        chunk = handle.read(min(_DOCUMENT_CHUNK, MAX_DOCUMENT_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    if len(data) > MAX_DOCUMENT_BYTES:
        message = (
            f"larger than {MAX_DOCUMENT_BYTES:,} bytes (64 MiB), the most a JSON file may be; "
            "write the records as JSON Lines instead [file_too_large]"
        )
        raise FileProblemError(WHOLE, "(file)", message)
    return data


# -- decoding --------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def foreign_encoding(head: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when the first bytes of a file are text in that encoding.

    Told by a byte-order mark, or by the zero bytes that ASCII text has beside every letter in
    those encodings (as JSON's RFC 4627 does).

    Examples:
        >>> foreign_encoding("[{}]".encode("utf-16")), foreign_encoding("[1]".encode("utf-16-be"))
        ('UTF-16', 'UTF-16')
        >>> foreign_encoding(b"[{}]") is None
        True
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    zeros = tuple(b == 0 for b in head[:4])
    if zeros in ((False, True, True, True), (True, True, True, False)):
        return "UTF-32"
    if zeros in ((False, True, False, True), (True, False, True, False)):
        return "UTF-16"
    return None


def not_utf8(byte: int, column: int) -> str:
    """The message for a byte that is not UTF-8."""
    return f"not UTF-8 text: byte 0x{byte:02x} at column {column}; save the file as UTF-8"


def without_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte-order mark."""
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


def decode(data: bytes, first_line: int = 1) -> str:
    """The UTF-8 text of a file or line (a byte-order mark dropped).

    Args:
        data: the bytes, from the start of a file when ``first_line`` is 1.
        first_line: the line number of the first byte (for a line of a larger file).

    Raises:
        FileProblemError: naming the line and column of the first byte that is not UTF-8, or the
            encoding of UTF-16 / UTF-32 text.
    """
    if first_line == 1:
        encoding = foreign_encoding(data)
        if encoding is not None:
            message = f"{encoding} text, not UTF-8; save the file as UTF-8 [not_utf8]"
            raise FileProblemError(WHOLE, "(file)", message)
    try:
        return data.decode("utf-8-sig" if first_line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + first_line
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise FileProblemError(line, "(file)", not_utf8(data[exc.start], column)) from None


# -- JSON ------------------------------------------------------------------------------------------

_AT = re.compile(r"^(.*) at line (\d+) column (\d+)$", re.DOTALL)


def parse_json(data: bytes | str, *, first_line: int = 1) -> Any:
    """Parse a JSON document: the one parser of every record file.

    pydantic's JSON parser (the one ``model_validate_json`` uses) does the work, so a line parsed
    here and a line validated directly agree. Big numbers, lone surrogate escapes and deep
    nesting are refused with a position, not raised as bare errors.

    Args:
        data: the JSON text.
        first_line: the line number of its first line (for the line of a JSON Lines file).

    Returns:
        The value, with no array or object nested deeper than `MAX_DEPTH` levels.

    Raises:
        JsonProblemError: naming the line, column and fault.

    Examples:
        >>> parse_json('{"a": [1, 2]}')
        {'a': [1, 2]}
        >>> try:
        ...     parse_json("[" * 1000 + "]" * 1000)
        ... except JsonProblemError as exc:
        ...     exc.message
        'nested deeper than 64 levels of arrays and objects [json_too_deep]'
    """
    try:
        value = from_json(data)
    except ValueError as exc:
        raise _json_problem(str(exc), first_line) from None
    if _deeper_than(value, MAX_DEPTH):
        raise JsonProblemError(first_line, 1, _TOO_DEEP)
    return value


_TOO_DEEP = f"nested deeper than {MAX_DEPTH} levels of arrays and objects [json_too_deep]"


def _json_problem(text: str, first_line: int) -> JsonProblemError:
    match = _AT.match(text)
    fault, line, column = (match[1], int(match[2]), int(match[3])) if match else (text, 1, 0)
    line += first_line - 1
    if fault == "recursion limit exceeded":
        return JsonProblemError(line, column, _TOO_DEEP)
    if fault == "number out of range":
        fault = "a number of more than 4,300 digits"
    return JsonProblemError(
        line, column, f"invalid JSON: {fault} at column {column} [json_invalid]"
    )


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` levels (walked without recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]', re.DOTALL)


def array_starts(data: bytes) -> list[int]:
    """The byte offsets where the elements of a JSON array start (the text is valid JSON).

    Examples:
        >>> array_starts(b'[ {"a": "[,"}, [1, 2] ,3]')
        [2, 15, 23]
    """
    starts: list[int] = []
    depth = 0
    for token in _TOKENS.finditer(data):
        char = token[0][:1]
        if char in b"[{":
            depth += 1
            if depth == 1:
                starts.append(token.end())
        elif char in b"]}":
            depth -= 1
        elif char == b"," and depth == 1:
            starts.append(token.end())
    # Each start is just after '[' or ','; move it to the element's first character.
    found = [m.start() for m in (_NEXT.search(data, s) for s in starts) if m is not None]
    return [s for s in found if data[s : s + 1] != b"]"]


_NEXT = re.compile(rb"[^ \t\r\n]")
