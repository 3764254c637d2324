"""A zip holding one export and its attachments, opened with care: names that climb out of the
folder (zip slip), sizes and ratios of a zip bomb, and a truncated or damaged zip are refused
before anything is used; each member is read with a cap, so a header that lies about its size
cannot make the robot unpack more."""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from shared.errors import InputFileError

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_TOTAL", "Unpacked", "unpack_export"]

MAX_MEMBERS = 200
MAX_TOTAL = 200_000_000  # bytes unpacked, all members together
MAX_RATIO = 200  # unpacked / packed, per member (text compresses ~10×; a bomb ~1000×)
_CHUNK = 1 << 16


@dataclass
class Unpacked:
    """The export's name and bytes, and every other member (an attachment) by its name."""

    export_name: str
    export: bytes
    attachments: dict[str, bytes] = field(default_factory=dict)


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # no UTF-8 flag: Windows' zip wrote the names in CP932
        try:
            name = name.encode("cp437").decode("cp932")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unsafe(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or ":" in name or "\x00" in name:
        return True
    return any(part in ("..", "") for part in PurePosixPath(name).parts[:-1]) or ".." in PurePosixPath(name).parts


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, file: str) -> bytes:
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > budget or size > max(info.compress_size, 1) * MAX_RATIO:
                raise InputFileError("online.zip_bomb", file=file, member=_member_name(info))
            chunks.append(chunk)
    return b"".join(chunks)


def unpack_export(path: Path, suffix: str, *, file: str, max_export: int) -> Unpacked:
    """The one ``suffix`` file (``.xml``) of the zip at ``path`` and its attachments."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            if len(infos) > MAX_MEMBERS:
                raise InputFileError("online.zip_bomb", file=file, member=f"{len(infos)}")
            for info in infos:
                name = _member_name(info)
                if _unsafe(name):
                    raise InputFileError("online.zip_slip", file=file, member=name)
                if info.flag_bits & 0x1:
                    raise InputFileError("online.zip_encrypted", file=file, member=name)
                if info.file_size > max(info.compress_size, 1) * MAX_RATIO and info.file_size > _CHUNK:
                    raise InputFileError("online.zip_bomb", file=file, member=name)
            if sum(info.file_size for info in infos) > MAX_TOTAL:
                raise InputFileError("online.zip_bomb", file=file, member="*")
            exports = [info for info in infos if _member_name(info).lower().endswith(suffix)]
            if len(exports) != 1:
                raise InputFileError("online.zip_exports", file=file, suffix=suffix, count=len(exports))
            budget = MAX_TOTAL
            unpacked = Unpacked(_member_name(exports[0]), _read_capped(archive, exports[0], max_export, file))
            budget -= len(unpacked.export)
            for info in infos:
                if info is exports[0]:
                    continue
                data = _read_capped(archive, info, budget, file)
                budget -= len(data)
                unpacked.attachments[_member_name(info)] = data
            return unpacked
    except InputFileError:
        raise
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, OSError) as exc:
        raise InputFileError("online.zip_broken", file=file, kind=type(exc).__name__) from None
