/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A private Dovecot IMAP server on 127.0.0.1 for mail-capture tests.
 *
 * Everything lives in a fresh temporary folder: configuration, sockets, state, log
 * (dovecot.log) and the users' Maildir++ stores. The server runs as the invoking user (every
 * process of it, as Dovecot's rootless installation does), or, run by root, with its mail
 * processes as uid/gid 65534. Only when dovecot or doveadm is not installed does
 * kith_test_dovecot_start () fail with G_IO_ERROR_NOT_SUPPORTED, naming what is missing; the
 * tests fail on it as on any other failure to start (build-aux/debian-packages.txt installs
 * them).
 *
 * Folder names use "/" as the hierarchy separator ("Archive/2024"); "INBOX" is the
 * inbox in any case. Every user gets "Sent" and "Archive" (special-use \Sent and
 * \Archive, auto-subscribed); "Unwanted" (\Junk), "Rubbish" (\Trash) and "Unsent"
 * (\Drafts) exist once mail is delivered to them. */
typedef struct _KithTestDovecot KithTestDovecot;

/* Starts dovecot -F with a generated config in a fresh temp dir; users are "name:password" strings.
 * Picks a free loopback port; waits (≤10 s) until the port accepts connections. */
KithTestDovecot *kith_test_dovecot_start           (const char * const *users,
                                                    GError            **error);
/* The same, with Gmail's folders: "Sent Mail" (\Sent), "Drafts" (\Drafts), "Spam" (\Junk),
 * "Trash" (\Trash), no Archive, and "[Gmail]/All Mail" (\All): a virtual mailbox (Dovecot's
 * virtual plugin) of every folder but Spam, Trash and Drafts, so INBOX and Sent Mail are in it
 * too. Moving a message to All Mail stores it in the physical folder "Unlabelled", which All Mail
 * shows. What it cannot play: labels (X-GM-LABELS, X-GM-EXT-1), Gmail's own IDs, and a message
 * in two labels is two copies on disk. */
KithTestDovecot *kith_test_dovecot_start_gmail     (const char * const *users,
                                                    GError            **error);
guint            kith_test_dovecot_get_port        (KithTestDovecot    *self);
/* Stops dovecot by its PID (SIGTERM, wait for exit, SIGKILL after 5 s), removes the temp dir. */
void             kith_test_dovecot_stop            (KithTestDovecot    *self);
/* Writes one message into the user's maildir folder ("INBOX", "Sent", "Archive"...) as a new file in cur/
 * with the given maildir flags (e.g. "S" for seen, "" for none); creates the folder if needed (Maildir++
 * layout: INBOX is Maildir/, others Maildir/.Name/ with cur new tmp and an entry in the subscriptions
 * file); owned by the mail processes' user. */
gboolean         kith_test_dovecot_deliver         (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *folder,
                                                    const char         *message,
                                                    const char         *flags,
                                                    GError            **error);
/* Runs doveadm (with the same config, -c) "mailbox update --uid-validity N -u user folder". */
gboolean         kith_test_dovecot_set_uidvalidity (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *folder,
                                                    guint32             uidvalidity,
                                                    GError            **error);
/* Removes the message whose Message-ID header equals message_id ("<id>" or "id") from the folder
 * (doveadm expunge -u user mailbox FOLDER header Message-ID <id>). Fails with G_IO_ERROR_NOT_FOUND
 * when no such message is there. */
gboolean         kith_test_dovecot_expunge         (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *folder,
                                                    const char         *message_id,
                                                    GError            **error);
/* Moves a message by Message-ID between folders on the server (doveadm move -u user DEST mailbox SRC
 * header Message-ID <id>). Fails with G_IO_ERROR_NOT_FOUND when no such message is in from_folder. */
gboolean         kith_test_dovecot_move            (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *from_folder,
                                                    const char         *to_folder,
                                                    const char         *message_id,
                                                    GError            **error);
/* Adds a flag ("\\Seen", "\\Flagged", "$Label1") to the message whose Message-ID is message_id (doveadm flags
 * add). Fails with G_IO_ERROR_NOT_FOUND when no such message is in the folder. */
gboolean         kith_test_dovecot_add_flag        (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *folder,
                                                    const char         *message_id,
                                                    const char         *flag,
                                                    GError            **error);
/* kill -9 every dovecot "imap" per-connection process of this instance (found by the parent PID chain
 * of our dovecot master via /proc, never by name alone), at a moment when none of them holds a lock file
 * (one left behind would stall the mailbox for two minutes). Returns how many were killed (0 when they
 * held locks for 5 s); they are gone (or reaped-pending zombies) when this returns. */
guint            kith_test_dovecot_kill_imap       (KithTestDovecot    *self);
/* Makes a folder unwritable for the server (its maildir folders mode 0555), so that saving or
 * moving mail into it fails for real, or writable again. */
gboolean         kith_test_dovecot_set_writable    (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *folder,
                                                    gboolean            writable,
                                                    GError            **error);
/* How many messages a folder holds on the server (count files in cur/ and new/). */
guint            kith_test_dovecot_count           (KithTestDovecot    *self,
                                                    const char         *user,
                                                    const char         *folder);

/* A complete RFC 822 message (CRLF line ends). in_reply_to/references/cc may be NULL. date is Unix
 * seconds. Message-IDs may be given with or without angle brackets; references is a space-separated
 * list. A non-ASCII subject is written as RFC 2047 encoded words; other headers are written as given
 * (UTF-8). The body is text/plain; charset=utf-8, its line ends are turned into CRLF. */
char            *kith_test_mail_message            (const char         *from,
                                                    const char         *to,
                                                    const char         *cc,
                                                    const char         *subject,
                                                    const char         *message_id,
                                                    const char         *in_reply_to,
                                                    const char         *references,
                                                    gint64              date,
                                                    const char         *body);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTestDovecot, kith_test_dovecot_stop)

G_END_DECLS
