"""An uploaded file's bytes, taken from a page or the API: refused past the size
limit or as a zip whose directory is too large before they are all read, and read
into the library's report (format by content, whatever the file is called)."""

from __future__ import annotations

from django.conf import settings

from ... import api
from ...errors import ZfxxgkError
from ...ingest.walk import is_archive
from ...model import Report as LibReport
from .services import ServiceError

def uploaded_bytes(upload) -> bytes:
    """An uploaded file's bytes (page or API), refused past the size limit before
    reading it all, and a zip (an archive, a DOCX, an XLSX) whose central directory
    is declared past zipguard.MAX_DIRECTORY before zipfile reads it: 600 000 empty
    members in a 49 MB zip took 7 s and +310 MB of the web process, twice."""
    from ...ingest.zipguard import MAX_DIRECTORY, directory_size

    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise _too_large(upload.name)
    data = upload.read()
    if data[:4] == b"PK\x03\x04" and (directory_size(data) or 0) > MAX_DIRECTORY:
        raise ServiceError(f"{upload.name}：压缩文件的目录超过 {MAX_DIRECTORY // 1024} KB（文件过多），"
                           "不予读取；请分几批上传", 413)
    return data


def _too_large(name: str) -> ServiceError:
    return ServiceError(f"{name}：文件超过 {settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB", 413)


def read_upload(data: bytes, name: str) -> tuple[LibReport, dict[int, bytes]]:
    """Bytes of one uploaded file -> a library Report, and the page images of a
    scan's tables (page number -> JPEG), kept for the crops of flagged cells
    (crops.py). The size is checked here and the content by the library (format by
    content, is-it-a-report), whatever the file is called."""
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise _too_large(name)
    if not data.strip():
        raise ServiceError(f"{name}：文件是空的")
    if is_archive(data):  # `zfxxgk check` reads each report in it: here that is a batch
        raise ServiceError(f"{name}：这是压缩包，请用批量核查上传（网页“批量核查”，或 POST /api/batches），"
                           "其中的报告逐个核查")
    try:
        return api.parse_bytes_keeping_pages(data, source=name)
    except ZfxxgkError as e:
        raise ServiceError(f"{name}：{e.message}") from None
