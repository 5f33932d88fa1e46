#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SMTP server on 127.0.0.1 for Kith's tests, started and stopped by
tests/services/kith-test-smtp.c (aiosmtpd 1.4, Debian 12's python3-aiosmtpd).

Everything lives in the folder given with --dir:
  cert.pem, key.pem   a self-signed certificate for localhost and 127.0.0.1, made at start,
                      offered with STARTTLS
  received/NNNNNN.msg each message accepted (the 250 after DATA), written before that reply
                      is sent: "From: <envelope from>", one "To: <rcpt>" per recipient,
                      "TLS: yes|no", "Auth: <login>|-", an empty line, then the raw bytes as
                      received (CRLF line ends, dot-stuffing undone)
  events.log          one line per event ("connect", "starttls", "auth tester", "mail tls=no",
                      "fault tempfail:2", …): what a test asks when nothing may have been said
  fault               "SEQ FAULT", rewritten by the test at run time; a new SEQ starts counting
                      messages again from 0 for the "N-th message" faults
  held                how many messages wait in "hold" now (rewritten on each change)

Faults:
  none                accept everything
  tempfail[:N]        451 after the N-th message's DATA (default 1), once
  busy[:N]            421 after the N-th message's DATA, then the connection is closed, once
  drop-after-data[:N] the N-th message's DATA is read, then the connection is closed without a
                      reply, once; the message is not recorded (the client never heard 250)
  reject:ADDRESS      550 to RCPT TO for that address (case-insensitive), while set
  no-starttls         STARTTLS is neither announced nor accepted (454), while set
  hold                every message's reply after DATA waits until the fault changes; a client
                      that goes away meanwhile has nothing recorded

Exit status: 0 on SIGTERM, 3 when aiosmtpd or cryptography is missing, 98 when the port is
taken, 1 on anything else (with the reason on stderr).
"""

import argparse
import asyncio
import datetime
import errno
import ipaddress
import os
import signal
import ssl
import sys

try:
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
except ImportError as missing:
    print(f"smtp-listener: {missing} (Debian packages python3-aiosmtpd, python3-cryptography)",
          file=sys.stderr)
    sys.exit(3)

# How often a held reply looks at the fault file again
HOLD_POLL_SECONDS = 0.02


def make_certificate(folder):
    """A self-signed certificate for localhost and 127.0.0.1, valid from yesterday for a year"""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"),
                x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path = os.path.join(folder, "cert.pem")
    key_path = os.path.join(folder, "key.pem")
    with open(key_path, "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption()))
    with open(cert_path, "wb") as out:
        out.write(cert.public_bytes(serialization.Encoding.PEM))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_path, key_path)
    return context


def write_atomically(path, data):
    """Readers never see half a file: written beside it, then renamed over it"""
    tmp = path + ".tmp"
    with open(tmp, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


class Faults:
    """The fault the test set last, read from the control file at each event"""

    def __init__(self, folder):
        self.path = os.path.join(folder, "fault")
        self.seq = None
        self.fault = "none"
        self.messages = 0  # messages that reached the end of DATA since the fault was set
        self.fired = False

    def current(self):
        try:
            with open(self.path, encoding="utf-8") as control:
                text = control.read().strip()
        except FileNotFoundError:
            text = "0 none"
        seq, _, fault = text.partition(" ")
        if seq != self.seq:
            self.seq, self.fault, self.messages, self.fired = seq, fault or "none", 0, False
        return self.fault

    def kind_and_argument(self):
        kind, _, argument = self.current().partition(":")
        return kind, argument

    def fires_on_this_message(self, kind):
        """Counts one more message; whether a once-only fault of this kind hits it"""
        current, argument = self.kind_and_argument()
        if current != kind or self.fired:
            return False
        nth = int(argument) if argument else 1
        if self.messages == nth:
            self.fired = True
            return True
        return False


class Handler:
    def __init__(self, folder, user, password):
        self.folder = folder
        self.received = os.path.join(folder, "received")
        self.user = user
        self.password = password
        self.faults = Faults(folder)
        self.count = 0
        self.held = 0
        os.makedirs(self.received, exist_ok=True)
        self.log_file = open(os.path.join(folder, "events.log"), "a", encoding="utf-8",
                             buffering=1)

    def log(self, line):
        self.log_file.write(line + "\n")

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == self.user
              and auth_data.password.decode() == self.password)
        self.log(f"auth {mechanism} {auth_data.login.decode() if ok else 'refused'}")
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        if self.faults.current() == "no-starttls":
            responses = [r for r in responses if r != "250-STARTTLS"]
        self.log(f"ehlo tls={'yes' if session.ssl else 'no'}")
        return responses

    async def handle_MAIL(self, server, session, envelope, address, options):
        self.log(f"mail tls={'yes' if session.ssl else 'no'}")
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        kind, argument = self.faults.kind_and_argument()
        if kind == "reject" and address.lower() == argument.lower():
            self.log(f"fault reject {address}")
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        return "250 OK"

    def set_held(self, delta):
        self.held += delta
        write_atomically(os.path.join(self.folder, "held"), f"{self.held}\n".encode())

    async def hold(self):
        self.set_held(+1)
        self.log("hold")
        try:
            while self.faults.current() == "hold":
                await asyncio.sleep(HOLD_POLL_SECONDS)
        finally:
            # Also when the client went away meanwhile: the coroutine is cancelled then
            self.set_held(-1)

    def record(self, session, envelope):
        self.count += 1
        lines = [f"From: {envelope.mail_from}"]
        lines += [f"To: {rcpt}" for rcpt in envelope.rcpt_tos]
        lines.append(f"TLS: {'yes' if session.ssl else 'no'}")
        auth = session.auth_data
        lines.append(f"Auth: {auth.login.decode() if isinstance(auth, LoginPassword) else '-'}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode()
        name = os.path.join(self.received, f"{self.count:06d}.msg")
        write_atomically(name, head + envelope.original_content)
        self.log(f"received {self.count}")

    async def handle_DATA(self, server, session, envelope):
        self.faults.current()
        self.faults.messages += 1
        if self.faults.fires_on_this_message("tempfail"):
            self.log("fault tempfail")
            return "451 4.3.0 Temporary local problem, try again later"
        if self.faults.fires_on_this_message("busy"):
            self.log("fault busy")
            await server.push("421 4.3.2 Service not available, closing transmission channel")
            await self.close_and_wait(server)
        if self.faults.fires_on_this_message("drop-after-data"):
            self.log("fault drop-after-data")
            await self.close_and_wait(server)
        if self.faults.current() == "hold":
            await self.hold()
        self.record(session, envelope)
        return "250 2.0.0 OK queued"

    async def close_and_wait(self, server):
        """Closes the connection; the session's coroutine is cancelled when it is lost"""
        server.transport.close()
        await asyncio.sleep(3600)


class Server(SMTP):
    """STARTTLS refused while the fault says so, not only left out of EHLO"""

    async def smtp_STARTTLS(self, arg):
        if self.event_handler.faults.current() == "no-starttls":
            self.event_handler.log("fault no-starttls")
            await self.push("454 4.7.0 TLS not available due to local problem")
            return
        self.event_handler.log("starttls")
        await super().smtp_STARTTLS(arg)

    def connection_made(self, transport):
        if self._original_transport is None:
            self.event_handler.log("connect")
        super().connection_made(transport)


async def serve(args):
    tls = make_certificate(args.dir)
    handler = Handler(args.dir, args.user, args.password)
    loop = asyncio.get_running_loop()
    try:
        server = await loop.create_server(
            lambda: Server(handler, hostname="localhost", tls_context=tls,
                           authenticator=handler.authenticator, auth_require_tls=True,
                           data_size_limit=64 * 1024 * 1024, timeout=60, loop=loop),
            host="127.0.0.1", port=args.port, reuse_address=False)
    except OSError as error:
        print(f"smtp-listener: 127.0.0.1:{args.port}: {error}", file=sys.stderr)
        sys.exit(98 if error.errno == errno.EADDRINUSE else 1)

    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    loop.add_signal_handler(signal.SIGINT, stop.set_result, None)
    async with server:
        await stop
    handler.log("stop")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
