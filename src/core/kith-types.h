/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KITH_STORE_ERROR (kith_store_error_quark ())

typedef enum {
  KITH_STORE_ERROR_FAILED,
  KITH_STORE_ERROR_INVALID,       /* bad input: the message names the field and the value */
  KITH_STORE_ERROR_NOT_FOUND,
  KITH_STORE_ERROR_CONFLICT,      /* a sync key already belongs to another record */
  KITH_STORE_ERROR_SCHEMA,        /* database is newer than this program, or corrupt */
} KithStoreError;

GQuark kith_store_error_quark (void);

typedef enum {
  KITH_RECORD_PERSON,
  KITH_RECORD_COMPANY,
  KITH_RECORD_PROJECT,
} KithRecordKind;

#define KITH_RECORD_KIND_INVALID ((KithRecordKind) -1)

const char     *kith_record_kind_to_string   (KithRecordKind kind);
KithRecordKind  kith_record_kind_from_string (const char    *str);

typedef enum {
  KITH_SORT_NAME,
  KITH_SORT_LAST_CONTACT,
  KITH_SORT_LAST_CHANGED,
  KITH_SORT_CREATED,
  KITH_SORT_STAGE,
  KITH_SORT_VALUE,
} KithSort;

typedef enum {
  KITH_GROUP_NONE,
  KITH_GROUP_STAGE,
  KITH_GROUP_SEGMENT,
} KithGroup;

gboolean kith_sort_from_string  (const char *str, KithSort  *out_sort);
gboolean kith_group_from_string (const char *str, KithGroup *out_group);

/* Milliseconds since the Unix epoch, UTC. Injected so tests run on fixed clocks. */
typedef gint64 (*KithClockFunc) (gpointer user_data);

/* What a list row shows; cheap to load a page of. */
typedef struct {
  gint64          id;
  KithRecordKind  kind;
  char           *name;
  char           *headline;      /* person headline, else company name; company/project description */
  char           *company;
  char           *segment;
  char           *stage;
  char           *picture;
  gboolean        private;       /* shown with a lock */
  gint64          last_contact;  /* ms, 0 when never */
  gint64          changed;       /* ms */
  gboolean        has_value;     /* a deal's value, in its currency */
  double          value;
  char           *currency;
} KithRecordRow;

gboolean kith_parse_date (const char *text,
                          gboolean    allow_no_year,
                          GDate      *out_date);
gint64   kith_parse_time (const char *text);
gboolean kith_parse_number (const char *text,
                            double     *out);

/* The last millisecond of the year 9999: later dates are refused, as dates before 1970 are */
#define KITH_MAX_TIME G_GINT64_CONSTANT (253402300799999)

char    *kith_text_strip_controls (const char *text,
                                   gboolean    multi_line);

void kith_record_row_free (KithRecordRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRecordRow, kith_record_row_free)

/* A job that runs one at a time: a request while it runs asks for one more run after it, and
 * requests meanwhile coalesce into that one (a page reloading after store changes) */
typedef struct {
  gboolean running;
  gboolean again;
} KithSerial;

gboolean kith_serial_begin (KithSerial *serial);
gboolean kith_serial_end   (KithSerial *serial);

/* How long a view nobody sees (the Agenda's count, the Inbox's) waits after its last reading
 * before reading again for a change. With 100,000 people the Agenda takes the store's reader a
 * fifth of a second, and mail capture changes the store a few times a second: read after every
 * change, a hidden Agenda kept one of two cores busy, and capture took 2.4 times as long beside
 * the window as beside a bare one (bench/stall). Shown, a view reads at once. */
#define KITH_HIDDEN_WAIT_S 2

guint kith_hidden_wait_ms (gint64 read_at);

G_END_DECLS
