/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kith-store-changes.h"
#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_TYPE_STORE (kith_store_get_type ())
G_DECLARE_FINAL_TYPE (KithStore, kith_store, KITH, STORE, GObject)

/**
 * KithPhoneNormalizeFunc:
 * @phone: the phone number as the user typed it
 * @region: (nullable): ISO 3166 country code used when @phone has no country code
 * @user_data: closure
 *
 * Returns: (transfer full) (nullable): the number in E.164 (`+14155552671`),
 *   or %NULL when @phone is not a phone number.
 */
typedef char *(*KithPhoneNormalizeFunc) (const char *phone,
                                         const char *region,
                                         gpointer    user_data);

/* Called inside the store's lock, on whatever thread runs the job. */
typedef gpointer (*KithStoreJobFunc) (KithStore  *store,
                                      gpointer    job_data,
                                      GError    **error);

KithStore  *kith_store_open                (const char              *path,
                                            GError                 **error);
void        kith_store_open_async          (const char              *path,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
KithStore  *kith_store_open_finish         (GAsyncResult            *result,
                                            GError                 **error);
KithStore  *kith_store_open_reader         (KithStore               *self,
                                            GError                 **error);
const char *kith_store_get_path            (KithStore               *self);
int         kith_store_get_schema_version  (KithStore               *self);
void        kith_store_set_phone_normalizer (KithStore              *self,
                                            KithPhoneNormalizeFunc   func,
                                            gpointer                 user_data,
                                            GDestroyNotify           destroy);
void        kith_store_set_region          (KithStore               *self,
                                            const char              *region);
const char *kith_store_get_region          (KithStore               *self);
void        kith_store_set_clock           (KithStore               *self,
                                            KithClockFunc            clock,
                                            gpointer                 user_data);
gint64      kith_store_now                 (KithStore               *self);

/* Transactions: nestable; the outermost commit writes. */
gboolean    kith_store_begin               (KithStore               *self,
                                            GError                 **error);
gboolean    kith_store_commit              (KithStore               *self,
                                            GError                 **error);
void        kith_store_rollback            (KithStore               *self);

/* Running work off the main thread: jobs run one at a time on the store's worker. */
void        kith_store_run_async           (KithStore               *self,
                                            KithStoreJobFunc         func,
                                            gpointer                 job_data,
                                            GDestroyNotify           job_data_free,
                                            GDestroyNotify           result_free,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
gpointer    kith_store_run_finish          (KithStore               *self,
                                            GAsyncResult            *result,
                                            GError                 **error);

G_END_DECLS

/* The store's calls by area, each declared next to its implementation; including kith-store.h
 * brings them all, as it always has. */
#include "kith-audit.h"
#include "kith-file-rows.h"
#include "kith-find.h"
#include "kith-json.h"
#include "kith-record-identity.h"
#include "kith-record-merge.h"
#include "kith-record-reader.h"
#include "kith-record-writer.h"
#include "kith-settings.h"
#include "kith-stats.h"
#include "kith-timeline-reader.h"
#include "kith-timeline-writer.h"
#include "kith-todos.h"
#include "kith-undo.h"
#include "kith-views.h"
