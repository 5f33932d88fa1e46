/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libedataserver/libedataserver.h>

G_BEGIN_DECLS

/* A private Radicale CalDAV and CardDAV server on 127.0.0.1 for calendar and address book tests,
 * and its collections added to the session's registry as a user's would be.
 *
 * Its configuration, htpasswd file (plain text: these are test passwords) and storage live in a
 * fresh temporary folder; each user may read and write only their own collections. It runs
 * until kith_test_radicale_stop (), which stops it by its PID. When radicale is not installed,
 * kith_test_radicale_start () fails with G_IO_ERROR_NOT_SUPPORTED; the tests fail on it. */
typedef struct _KithTestRadicale KithTestRadicale;

/* Starts radicale with users given as "name:password"; waits (≤10 s) until it answers */
KithTestRadicale *kith_test_radicale_start          (const char * const *users,
                                                     GError            **error);
guint             kith_test_radicale_get_port       (KithTestRadicale   *self);
/* Creates the calendar /<user>/<name>/ over CalDAV (MKCOL for the user's home, MKCALENDAR);
 * returns its address */
char             *kith_test_radicale_make_calendar  (KithTestRadicale   *self,
                                                     const char         *user,
                                                     const char         *password,
                                                     const char         *name,
                                                     GError            **error);
/* Every event of the calendar as Radicale stores it: the .ics files of the collection, one
 * after the other */
char             *kith_test_radicale_read_calendar  (KithTestRadicale   *self,
                                                     const char         *user,
                                                     const char         *name);
/* Writes an event (a VCALENDAR) into the calendar over CalDAV (PUT <uid>.ics), as another client
 * of the server would */
gboolean          kith_test_radicale_put_event      (KithTestRadicale   *self,
                                                     const char         *user,
                                                     const char         *password,
                                                     const char         *name,
                                                     const char         *uid,
                                                     const char         *ical,
                                                     GError            **error);
/* Stops radicale by its PID as kith_test_radicale_stop () does, keeping its folder and port: a
 * server that is down, for kith_test_radicale_resume () to start again */
void              kith_test_radicale_pause          (KithTestRadicale   *self);
/* Starts the paused radicale again on the same port, with its users and calendars; waits
 * (≤10 s) until it answers */
gboolean          kith_test_radicale_resume         (KithTestRadicale   *self,
                                                     GError            **error);
/* Creates the address book /<user>/<name>/ over CardDAV (MKCOL for the user's home, an
 * extended MKCOL making an address book, RFC 5689); returns its address */
char             *kith_test_radicale_make_address_book (KithTestRadicale   *self,
                                                        const char         *user,
                                                        const char         *password,
                                                        const char         *name,
                                                        GError            **error);
/* Every contact of the address book as Radicale stores it: the .vcf files of the collection */
char             *kith_test_radicale_read_address_book (KithTestRadicale   *self,
                                                        const char         *user,
                                                        const char         *name);
/* A CalDAV calendar (@extension E_SOURCE_EXTENSION_CALENDAR) or CardDAV address book
 * (E_SOURCE_EXTENSION_ADDRESS_BOOK) at @uri on this server, added to @registry as a user's
 * would be: named @display_name, signed in as @user, @password saved in the session's keyring.
 * Returns the source once the registry has it */
ESource          *kith_test_radicale_add_source     (KithTestRadicale   *self,
                                                     ESourceRegistry    *registry,
                                                     const char         *extension,
                                                     const char         *uri,
                                                     const char         *display_name,
                                                     const char         *user,
                                                     const char         *password,
                                                     GError            **error);
/* Stops radicale by its PID (SIGTERM, SIGKILL after 20 s) and removes the temporary folder */
void              kith_test_radicale_stop           (KithTestRadicale   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTestRadicale, kith_test_radicale_stop)

G_END_DECLS
