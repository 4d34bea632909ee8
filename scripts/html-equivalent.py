#!/usr/bin/env python3
"""Compare two HTML files as a reader's browser would parse them: the same elements, attributes
and text in the same order, whatever the quoting of attributes or the spelling of character
references. Usage: scripts/html-equivalent.py A.html B.html (exit 0 when equivalent)."""
import sys
from html.parser import HTMLParser


class Events(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []
        self.text = ""

    def flush(self):
        if self.text:
            self.events.append(("text", self.text))
            self.text = ""

    def handle_starttag(self, tag, attrs):
        self.flush()
        self.events.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        self.flush()
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.text += data


def events(path):
    p = Events()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    p.flush()
    return p.events


a, b = events(sys.argv[1]), events(sys.argv[2])
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        print(f"first difference at event {i}:\n  {x}\n  {y}")
        sys.exit(1)
if len(a) != len(b):
    print(f"{len(a)} events against {len(b)}")
    sys.exit(1)
print(f"equivalent: {len(a)} events")
