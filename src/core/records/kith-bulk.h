/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-record-values.h"
#include "kith-store.h"

G_BEGIN_DECLS

/* kith-timeline-input.h */
typedef struct _KithTimelineInput KithTimelineInput;

/*
 * The bulk path: many records and timeline items written through one loader, for imports and
 * the demo data. Every row passes the checks of the normal path (kith-record-writer.c, whose
 * writers it calls) and merges by sync key as it does. What it saves is the JSON (rows come as
 * typed values) and the commits: rows go in KITH_BULK_BATCH at a time, and their full-text rows,
 * last contacts and change announcements wait for the commit of their batch. (The checks a
 * brand-new record cannot fail measured about 1 % of a load, and are shared, not skipped.)
 *
 * Transactions: the loader joins the transaction its caller holds, or commits every
 * KITH_BULK_BATCH rows and at kith_bulk_loader_finish(); kith_bulk_loader_free() without
 * finish rolls back the rows not yet committed. A refused row writes nothing and leaves the
 * others; a failed write (a full disk, not a bad row) loses the rows of its batch, and the
 * commit that ends the batch reports it.
 *
 * An import is no undoable step: the audit log shows where each new record started (its
 * segment, stage and step), and the store announces the changed kinds of records once a batch
 * commits, as for any transaction.
 *
 * Call it where store calls belong: on the store's worker, or in a program without a window.
 *
 * A batch holds the store's writer for its time: 5,000 rows take half a second to a second,
 * and cost 1 % more instructions than batches of 25,000 (bench/README.md), which hold it for
 * seconds.
 */
#define KITH_BULK_BATCH 5000

/* The fields of a row: those of its values that are set */
#define KITH_BULK_FIELDS_SET 0

typedef struct _KithBulkLoader KithBulkLoader;

KithBulkLoader *kith_bulk_loader_new         (KithStore               *store);
void            kith_bulk_loader_set_one_record (KithBulkLoader       *self,
                                              gboolean                 one_record);
gint64          kith_bulk_loader_add_record  (KithBulkLoader          *self,
                                              KithRecordKind           kind,
                                              const KithRecordValues  *values,
                                              KithFieldMask            fields,
                                              gboolean                *out_merged,
                                              GError                 **error);
gint64          kith_bulk_loader_add_timeline_item (KithBulkLoader    *self,
                                              KithTimelineInput       *item,
                                              gboolean                *out_existed,
                                              GError                 **error);
void            kith_bulk_loader_normalize_ahead (KithBulkLoader      *self,
                                              const KithRecordValues  *values);
guint           kith_bulk_loader_get_n_rows  (KithBulkLoader          *self);
gboolean        kith_bulk_loader_end_batch   (KithBulkLoader          *self,
                                              GError                 **error);
gboolean        kith_bulk_loader_finish      (KithBulkLoader          *self,
                                              GError                 **error);
void            kith_bulk_loader_free        (KithBulkLoader          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithBulkLoader, kith_bulk_loader_free)

G_END_DECLS
