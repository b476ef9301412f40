"""
Files staff download from the admin: participant lists, statistics and the audit
log as CSV or XLSX (through Wagtail's ``SpreadsheetExportMixin``), and the
personal-data JSON.

Every file keeps its readable name, Polish letters included: the
``Content-Disposition`` header names it the RFC 6266 way (``filename*``), with an
ASCII ``filename`` beside it for clients that read only that. Wagtail writes the
CSV name into a plain quoted string, which Django then RFC 2047-encodes, and
browsers save that as ``download.csv``.

A CSV opens in Excel set to Polish: UTF-8 with a byte-order mark (without one,
Excel reads it as Windows-1250 and garbles every ą and ї), dates and times to
the second in Warsaw time.
"""

import datetime
import re
import unicodedata
from itertools import chain
from urllib.parse import quote

from django.http import StreamingHttpResponse
from django.utils import timezone

from wagtail.admin.views.mixins import SpreadsheetExportMixin

BYTE_ORDER_MARK = "\ufeff"

# Letters that Unicode does not take apart into a Latin letter and a mark.
UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o"})


def ascii_filename(filename):
    """`filename` in ASCII for old clients: "zapisy-łódź.csv" becomes "zapisy-lodz.csv".

    Letters with no Latin form (Cyrillic) are left out.
    """
    decomposed = unicodedata.normalize("NFKD", filename.translate(UNDECOMPOSED))
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii")
    # Nothing that would need escaping in a quoted string, and no "--" where letters went.
    cleaned = re.sub(r"[^A-Za-z0-9._ ()-]+", "-", ascii_only)
    return re.sub(r"-{2,}", "-", cleaned).strip("- ") or "download"


def attachment(filename):
    """The ``Content-Disposition`` of a download saved as `filename` (RFC 6266)."""
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def local_datetime(value):
    """A date and time as staff read it, to the second, in the admin's time zone (Warsaw).

    A spreadsheet cell has no time zone: Wagtail's XLSX export writes an aware one
    in UTC, two hours off in summer.
    """
    if timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value.replace(microsecond=0)


def csv_datetime(value):
    """A date and time as Excel reads it, to the second: 2026-07-06 09:00:00."""
    return local_datetime(value).isoformat(sep=" ")


class ExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV and XLSX export, with readable file names and CSV for Excel."""

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_XLSX: local_datetime,
            SpreadsheetExportMixin.FORMAT_CSV: csv_datetime,
        },
    }

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(
            chain([BYTE_ORDER_MARK], self.stream_csv(queryset)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = attachment(f"{self.get_filename()}.csv")
        return response

    def write_xlsx_response(self, queryset):
        response = super().write_xlsx_response(queryset)
        response["Content-Disposition"] = attachment(f"{self.get_filename()}.xlsx")
        return response
