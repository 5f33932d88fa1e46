/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A private SMTP server on 127.0.0.1 for mail-sending tests: tests/services/smtp-listener.py
 * (aiosmtpd) run by the Debian python3 (/usr/bin/python3, where python3-aiosmtpd installs; a
 * python3 found first in PATH is used only when that one is missing).
 *
 * Everything lives in a fresh temporary folder, removed by kith_test_smtp_stop (): a self-signed
 * certificate for localhost and 127.0.0.1 (offered with STARTTLS), every accepted message, the
 * listener's event log and the control file the faults are set through. AUTH PLAIN and LOGIN are
 * offered over TLS only, for KITH_TEST_SMTP_USER / KITH_TEST_SMTP_PASSWORD; authenticating is
 * not required to send (a test checks a message's auth field when it matters). Only when python3,
 * aiosmtpd or cryptography is not installed does kith_test_smtp_start () fail with
 * G_IO_ERROR_NOT_SUPPORTED, naming what is missing; the tests fail on it as on any other failure to
 * start (build-aux/debian-packages.txt installs them). */
typedef struct _KithTestSmtp KithTestSmtp;

#define KITH_TEST_SMTP_USER     "tester"
#define KITH_TEST_SMTP_PASSWORD "secret"

/* One message the listener accepted (the 250 after DATA was being sent) */
typedef struct {
  char    *mail_from;  /* the envelope sender (MAIL FROM), "" for the null sender */
  GStrv    rcpt_to;    /* the envelope recipients (RCPT TO) it accepted, in order */
  gboolean tls;        /* whether it came after STARTTLS */
  char    *auth_user;  /* the user who authenticated on that connection, or NULL */
  GBytes  *data;       /* the message's bytes as received: CRLF line ends, dot-stuffing undone */
} KithTestSmtpMessage;

void              kith_test_smtp_message_free   (KithTestSmtpMessage *message);

/* Starts the listener on a free loopback port in a fresh temp dir; waits (≤10 s) until it
 * greets with 220. The fault is "none". */
KithTestSmtp     *kith_test_smtp_start          (GError             **error);
guint             kith_test_smtp_get_port       (KithTestSmtp        *self);
/* The listener's certificate (PEM), for a client that is to trust it */
const char       *kith_test_smtp_get_certificate_path (KithTestSmtp  *self);
/* The CPU time (user + system) the listener has used so far, in seconds; what one client costs
 * the server, for bench/send */
double            kith_test_smtp_get_cpu_seconds (KithTestSmtp      *self);
/* Stops the listener by its PID (SIGTERM, wait for exit, SIGKILL after 5 s), removes the temp dir. */
void              kith_test_smtp_stop           (KithTestSmtp        *self);

/* Sets the fault at once (for the next command the listener reads), replacing the last one;
 * the "N-th message" counts messages that reach the end of DATA from this call on:
 *   "none"                 accept everything
 *   "tempfail:N"           451 after the N-th message's DATA, once (":N" left out: the first)
 *   "busy:N"               421 after the N-th message's DATA, then the connection closes, once
 *   "drop-after-data:N"    the N-th message's DATA is read and the connection closed with no
 *                          reply, once; the message is not recorded
 *   "reject:ADDRESS"       550 to RCPT TO for that address, while set
 *   "no-starttls"          STARTTLS neither announced nor accepted (454), while set
 *   "hold"                 the reply after DATA waits until kith_test_smtp_release () or another
 *                          fault; a message whose client goes away meanwhile is not recorded */
void              kith_test_smtp_set_fault      (KithTestSmtp        *self,
                                                 const char          *fault);
/* Lets every held message through (it is recorded and answered 250); the fault is "none" after. */
void              kith_test_smtp_release        (KithTestSmtp        *self);
/* How many messages wait in "hold" now */
guint             kith_test_smtp_get_held       (KithTestSmtp        *self);
/* Waits until exactly n messages wait in "hold" (0: until the held ones are gone); FALSE after timeout_ms. Like kith_test_smtp_wait_received (),
 * it iterates the thread-default main context meanwhile. */
gboolean          kith_test_smtp_wait_held      (KithTestSmtp        *self,
                                                 guint                n,
                                                 guint                timeout_ms);

/* Every message accepted so far, in the order accepted (KithTestSmtpMessage, freed with the array) */
GPtrArray        *kith_test_smtp_received       (KithTestSmtp        *self);
/* Waits until at least n messages have been accepted; FALSE after timeout_ms. The thread-default
 * main context is iterated meanwhile, so a sender running on it in the test's process goes on. */
gboolean          kith_test_smtp_wait_received  (KithTestSmtp        *self,
                                                 guint                n,
                                                 guint                timeout_ms);
/* The listener's events, one a line: "connect", "ehlo tls=no", "starttls", "auth PLAIN tester",
 * "mail tls=yes", "received 1", "fault tempfail", "hold", … (smtp-listener.py) */
char             *kith_test_smtp_get_events     (KithTestSmtp        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTestSmtp, kith_test_smtp_stop)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTestSmtpMessage, kith_test_smtp_message_free)

G_END_DECLS
