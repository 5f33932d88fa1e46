/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "kith-store.h"

G_BEGIN_DECLS

/* Both check that they do not run on the main thread (check_thread() in kith-store.c), and name
 * the store function that called them and where it was called from. */
typedef struct {
  const char *function;
  gpointer    return_address;
} KithStoreCaller;

#define KITH_STORE_CALLER (&(const KithStoreCaller) { G_STRFUNC, __builtin_return_address (0) })
#define kith_store_lock(self)               kith_store_lock_from ((self), KITH_STORE_CALLER)
#define kith_store_prepare(self, sql, error) kith_store_prepare_from ((self), (sql), KITH_STORE_CALLER, (error))

/* Limits on what the store accepts; longer input is an error naming the field. */
#define KITH_MAX_TEXT       (64 * 1024)
#define KITH_MAX_LONG_TEXT  (1024 * 1024)
#define KITH_MAX_PREVIEW    1024

sqlite3      *kith_store_get_db          (KithStore     *self);
sqlite3_stmt *kith_store_prepare_from    (KithStore     *self,
                                          const char    *sql,
                                          const KithStoreCaller *caller,
                                          GError       **error);
sqlite3_stmt *kith_store_take_built      (KithStore     *self,
                                          const char    *sql);
void          kith_store_give_back_built (KithStore     *self,
                                          sqlite3_stmt  *stmt);
gboolean      kith_store_exec            (KithStore     *self,
                                          const char    *sql,
                                          GError       **error);
void          kith_store_hold_bulk       (KithStore     *self);
void          kith_store_release_bulk    (KithStore     *self);
gboolean      kith_store_step_done       (KithStore     *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);
gboolean      kith_store_set_sqlite_error (KithStore    *self,
                                          GError       **error);
void          kith_store_bind_params     (sqlite3_stmt  *stmt,
                                          GPtrArray     *params,
                                          int            first);
void          kith_store_bind_text       (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
void          kith_store_lock_from       (KithStore     *self,
                                          const KithStoreCaller *caller);
void          kith_store_unlock          (KithStore     *self);
void          kith_store_mark_changed    (KithStore     *self,
                                          KithRecordKind kind);
char         *kith_store_normalize_phone (KithStore     *self,
                                          const char    *phone);
gboolean      kith_store_queue_fts_record (KithStore    *self,
                                          gint64         id,
                                          GError       **error);
gboolean      kith_store_queue_fts_item  (KithStore     *self,
                                          gint64         id,
                                          GError       **error);
gboolean      kith_store_fts_item_pending (KithStore    *self,
                                          gint64         id);
void          kith_store_forget_fts_item (KithStore     *self,
                                          gint64         id);
gboolean      kith_store_note_contact    (KithStore     *self,
                                          gint64         id,
                                          gint64         date,
                                          GError       **error);
gboolean      kith_store_flush_pending   (KithStore     *self,
                                          GError       **error);

typedef struct _KithNameOrder KithNameOrder;
KithNameOrder *kith_store_get_name_order (KithStore     *self);
gboolean       kith_store_get_names_moved (KithStore    *self);

G_END_DECLS

/* What the store's areas offer one another, each declared next to its implementation */
#include "kith-fields-private.h"
#include "kith-relationship-private.h"
#include "kith-records-private.h"
#include "kith-timeline-private.h"
#include "kith-types-private.h"
#include "kith-undo-private.h"
