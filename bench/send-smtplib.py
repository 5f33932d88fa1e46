#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bench/send's peer: Python's smtplib sending messages over one connection.

It sends the very messages Kith sent in the same round: what the SMTP listener received from
Kith (tests/services/smtp-listener.py's format: envelope lines, an empty line, the raw bytes),
read before the clock starts. One connection, then one MAIL/RCPT/DATA per message, as a script
that sends a batch would; in clear and without AUTH, as Kith's account talks to the listener
(bench/send.c says why). Prints one line of JSON: the messages sent and the seconds from
connecting to QUIT.
"""

import argparse
import json
import os
import smtplib
import sys
import time


def read_messages(folder):
    messages = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".msg"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            raw = f.read()
        head, _, data = raw.partition(b"\r\n\r\n")
        sender, recipients = "", []
        for line in head.decode().split("\r\n"):
            if line.startswith("From: "):
                sender = line[6:]
            elif line.startswith("To: "):
                recipients.append(line[4:])
        messages.append((sender, recipients, data))
    return messages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--messages", required=True, help="a folder of the listener's .msg files")
    args = parser.parse_args()

    messages = read_messages(args.messages)
    if not messages:
        sys.exit(f"send-smtplib: no messages in {args.messages}")

    start = time.monotonic()
    with smtplib.SMTP("127.0.0.1", args.port) as smtp:
        for sender, recipients, data in messages:
            smtp.sendmail(sender, recipients, data)
    seconds = time.monotonic() - start

    print(json.dumps({"sent": len(messages), "seconds": seconds}))


if __name__ == "__main__":
    main()
