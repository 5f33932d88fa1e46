#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The peer of bench/template: the same previews with Python's str.format.

Reads the rows bench/template wrote (tab-separated, one person a line, the fields in the
order of FIELDS) and renders the same subject and body for each, fallbacks included, ROUNDS
times; prints the time of each round in milliseconds, one a line.
"""

import sys
import time

FIELDS = ["first_name", "last_name", "name", "company", "headline", "email", "segment", "stage",
          "lead_source", "price", "my_name"]

SUBJECT = "Quick question, {first_name_or_there}"
BODY = ("Hi {first_name},\n\nI saw that {company} is growing — congratulations on {headline}.\n"
        "I will write to {email} about the {segment} list ({stage}).\n"
        "You came to us through {lead_source}; the price we discussed: {price_or_na}.\n\n"
        "Best,\n{my_name}\n")


def main():
    path, rounds = sys.argv[1], int(sys.argv[2])
    with open(path, encoding="utf-8") as f:
        rows = [dict(zip(FIELDS, line.rstrip("\n").split("\t"))) for line in f]

    for _ in range(rounds):
        start = time.perf_counter()
        for row in rows:
            values = dict(row)
            values["first_name_or_there"] = row["first_name"].strip() or "there"
            values["price_or_na"] = row["price"].strip() or "n/a"
            SUBJECT.format_map(values)
            BODY.format_map(values)
        print("%.3f" % ((time.perf_counter() - start) * 1000))


if __name__ == "__main__":
    main()
