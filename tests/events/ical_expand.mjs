// Reads calendar feeds with ical.js (the engine of Thunderbird, Nextcloud Calendar and
// FullCalendar's iCalendar plugin) and prints when each of their events takes place.
//
// stdin:  {"<address>": "<the .ics text>", ...}
// stdout: {"<address>": [{"uid", "summary", "start", "occurrences": [{"utc", "warsaw"}]}]}
//
// Every VEVENT that is not an override (RECURRENCE-ID) is expanded over a year from its
// DTSTART. ical.js turns each occurrence into an instant with the VTIMEZONE written in the
// file, as those clients do; the instant is then shown in Europe/Warsaw with Node's own
// time zone database, as the visitor's computer shows it. "start" is DTSTART as written
// (local wall-clock time); all-day events have no time to get wrong and are left out.
import { readFileSync } from "node:fs";

import ICAL from "ical.js";

const YEAR_SECONDS = 366 * 24 * 3600;
const MAX_OCCURRENCES = 400;
const warsaw = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Warsaw",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function wallClock(date) {
  return warsaw.format(date).replace(" ", "T");
}

function expand(vevent) {
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  const until = start.toUnixTime() + YEAR_SECONDS;
  const occurrences = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.toUnixTime() > until || occurrences.length >= MAX_OCCURRENCES) {
      break;
    }
    const instant = new Date(next.toUnixTime() * 1000);
    occurrences.push({ utc: instant.toISOString(), warsaw: wallClock(instant) });
  }
  return {
    uid: event.uid,
    summary: event.summary,
    start: start.toString(),
    occurrences,
  };
}

function read(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents("vevent")
    .filter((vevent) => !vevent.hasProperty("recurrence-id"))
    .filter((vevent) => !vevent.getFirstPropertyValue("dtstart").isDate)
    .map(expand);
}

const feeds = JSON.parse(readFileSync(0, "utf8"));
const result = {};
for (const [address, text] of Object.entries(feeds)) {
  result[address] = read(text);
}
process.stdout.write(JSON.stringify(result));
