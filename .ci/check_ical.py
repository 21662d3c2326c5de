"""Reads the iCalendar feeds the test suite exported (target/ical-check/*.ics) with an
independent parser (Python's icalendar, expanded by recurring-ical-events) and checks that
it finds exactly the occurrences the API listed for the same window (the .json beside each).

    python .ci/check_ical.py target/ical-check
"""

import datetime as dt
import json
import pathlib
import sys

import icalendar
import recurring_ical_events


def utc(value):
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(folder: str) -> int:
    feeds = sorted(pathlib.Path(folder).glob("*.ics"))
    if not feeds:
        print(f"no feeds in {folder}: run the test suite first", file=sys.stderr)
        return 1
    failed = False
    for feed in feeds:
        expected = json.loads(feed.with_suffix(".json").read_text())
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        start = dt.datetime.fromisoformat(expected["from"].replace("Z", "+00:00"))
        end = dt.datetime.fromisoformat(expected["to"].replace("Z", "+00:00"))
        found = set()
        for event in recurring_ical_events.of(calendar).between(start, end):
            uid = str(event["UID"])
            begin, finish = event["DTSTART"].dt, event["DTEND"].dt
            if isinstance(begin, dt.datetime):
                found.add((uid, utc(begin), utc(finish)))
            else:
                # All-day: dates, DTEND exclusive.
                last = finish - dt.timedelta(days=1)
                found.add((uid, begin.isoformat(), last.isoformat()))
        want = set()
        for o in expected["occurrences"]:
            uid = expected["uids"][str(o["event"])]
            if o["all_day"]:
                want.add((uid, o["starts_at"], o["ends_at"]))
            else:
                want.add((uid, o["start"], o["end"]))
        if found != want:
            failed = True
            print(f"{feed.name}: the occurrences differ", file=sys.stderr)
            for item in sorted(want - found):
                print(f"  only in the API: {item}", file=sys.stderr)
            for item in sorted(found - want):
                print(f"  only in the feed: {item}", file=sys.stderr)
        else:
            print(f"{feed.name}: {len(found)} occurrences agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "target/ical-check"))
