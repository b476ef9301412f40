"""
A lint for the calendar feeds: what RFC 5545 asks for and the parsers forgive.

vobject, ical and icalendar read a great deal that Outlook or an older Apple
Calendar turn down or read wrong: lines folded in the middle of a letter, LF
instead of CRLF, a comma left unescaped in a place's address, a TZID with no
VTIMEZONE, a DTEND before its DTSTART. Reading a feed back with them proves
little about those, so this module reads the raw octets itself.

``lint(body)`` returns the problems found, one string each, with the number of
the (folded) line they are on: ``assert lint(body) == []`` shows them all.
"""

import datetime
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_OCTETS = 75

# Properties whose value is TEXT (RFC 5545 3.3.11, RFC 7986, the X-WR- extensions).
TEXT_PROPERTIES = {
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "COMMENT",
    "CONTACT",
    "TZNAME",
    "NAME",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
}
# TEXT properties that hold a list: there an unescaped comma separates values.
TEXT_LIST_PROPERTIES = {"CATEGORIES", "RESOURCES"}
UTC_PROPERTIES = {"DTSTAMP", "LAST-MODIFIED", "CREATED"}
TIME_PROPERTIES = {"DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE"}
EVENT_STATUSES = {"TENTATIVE", "CONFIRMED", "CANCELLED"}

# What every calendar file needs beyond RFC 5545, written exactly so.
CALENDAR_LINES = ["VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
CALENDAR_PROPERTIES = ["PRODID"]
# What a subscription needs besides. A file to add to one's calendar ("Add to
# calendar") has none of it: with it, some clients open the file as a new calendar.
FEED_LINES = ["REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H"]
FEED_PROPERTIES = ["X-WR-CALNAME", "X-WR-TIMEZONE"]

NAME = r"[A-Za-z0-9-]+"
PARAMETER = rf';({NAME})=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)'
CONTENT_LINE = re.compile(rf"({NAME})((?:{PARAMETER})*):(.*)", re.S)
DATE_TIME = re.compile(r"(\d{8})T(\d{6})(Z?)")
DATE = re.compile(r"\d{8}")
GEO = re.compile(r"-?\d+(\.\d+)?;-?\d+(\.\d+)?")
ESCAPE = re.compile(r"\\(.?)", re.S)
CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class Line:
    """One unfolded content line: name, parameters and raw value."""

    def __init__(self, number, name, parameters, value):
        self.number = number
        self.name = name.upper()
        self.parameters = parameters
        self.value = value

    def __str__(self):
        return f"line {self.number}: {self.name}"


class Component:
    def __init__(self, name, number):
        self.name = name
        self.number = number
        self.lines = []
        self.children = []

    def get(self, name):
        return [line for line in self.lines if line.name == name]

    def first(self, name):
        found = self.get(name)
        return found[0] if found else None


def lint(body, *, subscription=True):
    """The problems of the iCalendar feed `body` (bytes, as served), as a list of strings.

    `subscription` is False for a file to add rather than subscribe to.
    """
    problems = []
    lines = physical_lines(body, problems)
    logical = unfold(lines, problems)
    root = structure(logical, problems)
    if root is None:
        return problems
    calendars = [child for child in root.children if child.name == "VCALENDAR"]
    if len(calendars) != 1:
        problems.append(f"{len(calendars)} VCALENDAR components instead of one")
    for calendar in calendars:
        check_calendar(calendar, problems, subscription=subscription)
    return problems


# Octets and lines


def physical_lines(body, problems):
    """The lines of `body` as text, with their problems: CRLF, length, UTF-8."""
    if not isinstance(body, bytes):
        problems.append("the body is not bytes")
        return []
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"the body is not UTF-8: {error}")
    if not body.endswith(b"\r\n"):
        problems.append("the last line does not end with CRLF")
    pieces = body.split(b"\r\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    lines = []
    for number, piece in enumerate(pieces, start=1):
        if b"\n" in piece or b"\r" in piece:
            problems.append(f"line {number}: a line break that is not CRLF")
        if len(piece) > MAX_OCTETS:
            problems.append(f"line {number}: {len(piece)} octets, more than {MAX_OCTETS}")
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: folded inside a multi-byte UTF-8 character")
            text = piece.decode("utf-8", errors="replace")
        lines.append((number, text))
    return lines


def unfold(lines, problems):
    """The content lines, each with the number of the line it starts on."""
    logical = []
    for number, text in lines:
        if text == "":
            problems.append(f"line {number}: an empty line")
        elif text[0] == " ":
            if not logical:
                problems.append(f"line {number}: the first line is a continuation")
                continue
            start, previous = logical[-1]
            logical[-1] = (start, previous + text[1:])
        elif text[0] == "\t":
            problems.append(f"line {number}: folded with a tab, not a space")
            if logical:
                start, previous = logical[-1]
                logical[-1] = (start, previous + text[1:])
        else:
            logical.append((number, text))
    parsed = []
    for number, text in logical:
        match = CONTENT_LINE.fullmatch(text)
        if match is None:
            problems.append(f"line {number}: not a content line (a fold without a space?)")
            continue
        name, parameter_text, value = match.group(1), match.group(2), match.group(5)
        parameters = {key.upper(): raw for key, raw in re.findall(PARAMETER, parameter_text)}
        parsed.append(Line(number, name, parameters, value))
    return parsed


def structure(lines, problems):
    """The components, nested as BEGIN and END say."""
    root = Component("ROOT", 0)
    stack = [root]
    for line in lines:
        if line.name == "BEGIN":
            component = Component(line.value.upper(), line.number)
            stack[-1].children.append(component)
            stack.append(component)
        elif line.name == "END":
            if len(stack) == 1 or stack[-1].name != line.value.upper():
                problems.append(f"{line}:{line.value} does not close {stack[-1].name}")
                return None
            stack.pop()
        else:
            if len(stack) == 1:
                problems.append(f"{line} is outside any component")
            stack[-1].lines.append(line)
    if len(stack) != 1:
        problems.append(f"{stack[-1].name} of line {stack[-1].number} is never closed")
        return None
    return root


# Components


def check_calendar(calendar, problems, *, subscription):
    lines, properties = CALENDAR_LINES, CALENDAR_PROPERTIES
    if subscription:
        lines, properties = lines + FEED_LINES, properties + FEED_PROPERTIES
    for expected in lines:
        name, _separator, _rest = expected.partition(":")
        name = name.split(";")[0]
        found = [raw(line) for line in calendar.get(name)]
        if found != [expected]:
            problems.append(f"the calendar has {found or 'no ' + name}, not {expected}")
    for name in properties:
        values = [line.value for line in calendar.get(name)]
        if len(values) != 1 or not values[0]:
            problems.append(f"the calendar has {len(values)} {name} (one, not empty, is needed)")
    if not subscription:
        for name in [*(re.split("[;:]", line)[0] for line in FEED_LINES), *FEED_PROPERTIES]:
            if calendar.get(name):
                problems.append(f"{calendar.first(name)} in a file to add, not subscribe to")
    for line in calendar.get("X-WR-TIMEZONE"):
        try:
            ZoneInfo(line.value)
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(f"{line}: unknown time zone {line.value!r}")
    for line in calendar.lines:
        check_value(line, problems)

    timezones = {}
    for timezone in (child for child in calendar.children if child.name == "VTIMEZONE"):
        tzid = timezone.first("TZID")
        if tzid is None:
            problems.append(f"the VTIMEZONE of line {timezone.number} has no TZID")
            continue
        starts = [
            parse_moment(line.value, None)
            for observance in timezone.children
            for line in observance.get("DTSTART")
        ]
        timezones[tzid.value] = min((start for start in starts if start), default=None)
        for observance in timezone.children:
            for line in observance.lines:
                check_value(line, problems)

    events = [child for child in calendar.children if child.name == "VEVENT"]
    seen = {}
    for event in events:
        check_event(event, timezones, problems)
        key = (
            event.first("UID") and event.first("UID").value,
            event.first("RECURRENCE-ID") and event.first("RECURRENCE-ID").value,
        )
        if key in seen:
            problems.append(
                f"the VEVENTs of lines {seen[key]} and {event.number} share UID and RECURRENCE-ID"
            )
        seen[key] = event.number
    check_overrides(events, problems)


def check_event(event, timezones, problems):
    where = f"the VEVENT of line {event.number}"
    for name in ("UID", "DTSTAMP", "DTSTART"):
        if len(event.get(name)) != 1:
            problems.append(f"{where} has {len(event.get(name))} {name} instead of one")
    for line in event.lines:
        check_value(line, problems)
        if line.name in TIME_PROPERTIES:
            check_time_zone(line, timezones, problems)
    status = event.first("STATUS")
    if status and status.value not in EVENT_STATUSES:
        problems.append(f"{status}: {status.value!r} is no status of a VEVENT")
    start, end = event.first("DTSTART"), event.first("DTEND")
    if start and end:
        starts_at, ends_at = moment_of(start), moment_of(end)
        if value_type(start) != value_type(end):
            problems.append(f"{end}: a {value_type(end)}, but DTSTART is a {value_type(start)}")
        elif starts_at and ends_at and not comparable(ends_at) > comparable(starts_at):
            problems.append(f"{end}: {end.value} is not after DTSTART {start.value}")
    if start and "TZID" in start.parameters:
        for rule in event.get("RRULE"):
            until = re.search(r"UNTIL=([0-9TZ]+)", rule.value)
            if until and not until.group(1).endswith("Z"):
                problems.append(f"{rule}: UNTIL must be in UTC when DTSTART has a TZID")


def check_overrides(events, problems):
    """A RECURRENCE-ID belongs to a series of the same UID, and has its kind of time."""
    series = {
        event.first("UID").value: event.first("DTSTART")
        for event in events
        if event.first("UID") and (event.first("RRULE") or event.first("RDATE"))
    }
    for event in events:
        recurrence_id = event.first("RECURRENCE-ID")
        if recurrence_id is None:
            continue
        start = series.get(event.first("UID").value if event.first("UID") else None)
        if start is None:
            problems.append(f"{recurrence_id}: no recurring VEVENT has this UID")
        elif start.parameters.get("TZID") != recurrence_id.parameters.get("TZID"):
            problems.append(f"{recurrence_id}: not in the time zone of the series' DTSTART")


# Values


def check_value(line, problems):
    if line.name in TEXT_PROPERTIES or line.name in TEXT_LIST_PROPERTIES:
        check_text(line, problems)
    if line.name in UTC_PROPERTIES and not DATE_TIME.fullmatch(line.value or "-"):
        problems.append(f"{line}: {line.value!r} is not a DATE-TIME")
    elif line.name in UTC_PROPERTIES and not line.value.endswith("Z"):
        problems.append(f"{line}: {line.value!r} is not in UTC")
    if line.name == "GEO" and not GEO.fullmatch(line.value):
        problems.append(f"{line}: {line.value!r} is not latitude;longitude")
    if line.name == "SEQUENCE" and not line.value.isdigit():
        problems.append(f"{line}: {line.value!r} is not a whole number")
    if line.name == "URL" and not re.match(r"https?://\S+$", line.value):
        problems.append(f"{line}: {line.value!r} is not an absolute address")


def check_text(line, problems):
    """Backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    if CONTROL.search(line.value):
        problems.append(f"{line}: a control character in a TEXT value")
    for escape in ESCAPE.finditer(line.value):
        if escape.group(1) not in {"\\", ";", ",", "n", "N"}:
            problems.append(f"{line}: {escape.group(0)!r} is no TEXT escape")
    bare = ESCAPE.sub("", line.value)
    if ";" in bare:
        problems.append(f"{line}: an unescaped ';' in {line.value!r}")
    if "," in bare and line.name not in TEXT_LIST_PROPERTIES:
        problems.append(f"{line}: an unescaped ',' in {line.value!r}")


def check_time_zone(line, timezones, problems):
    """Every TZID is defined by a VTIMEZONE, one that covers the times written in it."""
    tzid = line.parameters.get("TZID")
    if tzid is None:
        return
    tzid = tzid.strip('"')
    if tzid not in timezones:
        problems.append(f"{line}: TZID={tzid} has no VTIMEZONE")
        return
    first = timezones[tzid]
    for value in line.value.split(","):
        moment = parse_moment(value, None)
        if moment is None and not DATE.fullmatch(value):
            problems.append(f"{line}: {value!r} is not a DATE-TIME")
        elif first and moment and moment < first:
            problems.append(f"{line}: {value} is before the VTIMEZONE of {tzid} begins")


def raw(line):
    parameters = "".join(f";{key}={value}" for key, value in line.parameters.items())
    return f"{line.name}{parameters}:{line.value}"


def value_type(line):
    return "DATE" if DATE.fullmatch(line.value) else "DATE-TIME"


def moment_of(line):
    """The date or the aware (or, when floating, naive) datetime a line holds."""
    if DATE.fullmatch(line.value):
        return datetime.datetime.strptime(line.value, "%Y%m%d").date()
    tzid = line.parameters.get("TZID")
    try:
        zone = ZoneInfo(tzid.strip('"')) if tzid else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return parse_moment(line.value, zone)


def parse_moment(value, zone):
    match = DATE_TIME.fullmatch(value)
    if match is None:
        return None
    moment = datetime.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S")
    if match.group(3):
        return moment.replace(tzinfo=datetime.UTC)
    return moment.replace(tzinfo=zone) if zone else moment


def comparable(moment):
    if isinstance(moment, datetime.datetime) and moment.tzinfo:
        return moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment
