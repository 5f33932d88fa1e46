/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include "kith-bulk.h"
#include "kith-record-writer.h"
#include "kith-records-private.h"
#include "kith-types.h"
#include "kith-timeline-input.h"
#include "kith-timeline-private.h"

/*
 * Many rows in few transactions. Each row goes through the writers of the normal path, which
 * check the whole row before they write any of it and join the loader's transaction: so a
 * row is refused or written whole, merges by sync key with what is stored (rows of this load
 * included), and its full-text rows, last contacts and change announcements wait for the
 * commit that ends the batch, where the store writes them in rowid order.
 */

struct _KithBulkLoader {
  KithStore   *store;
  gboolean     in_transaction;
  guint        n_rows;        /* written, in all batches */
  guint        in_batch;
  GThreadPool *ahead;         /* one thread normalizing the numbers of rows still to come */
  GPtrArray   *ahead_batch;   /* numbers not handed to it yet: it takes AHEAD_BATCH at a time */
  gboolean     one_record;    /* a row naming two records is refused */
};

/* Numbers handed to the second thread at once: one by one, its wake-ups (three context
 * switches a row) cost the loader's thread more than a number normalized without libphonenumber */
#define AHEAD_BATCH 64

/**
 * kith_bulk_loader_new:
 *
 * Returns: (transfer full): a loader that writes to @store; end it with
 *   kith_bulk_loader_finish() and kith_bulk_loader_free()
 */
KithBulkLoader *
kith_bulk_loader_new (KithStore *store)
{
  KithBulkLoader *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_new0 (KithBulkLoader, 1);
  self->store = g_object_ref (store);
  return self;
}

static gboolean
ensure_transaction (KithBulkLoader  *self,
                    GError         **error)
{
  if (self->in_transaction)
    return TRUE;

  self->in_transaction = kith_store_begin (self->store, error);
  return self->in_transaction;
}

/* Counts a row written; a full batch is committed, and the next one begins with the next row */
static gboolean
row_done (KithBulkLoader  *self,
          GError         **error)
{
  self->n_rows++;
  if (++self->in_batch < KITH_BULK_BATCH)
    return TRUE;

  self->in_batch = 0;
  self->in_transaction = FALSE;
  return kith_store_commit (self->store, error);
}

/* The fields of @values that are set */
static KithFieldMask
set_fields (const KithRecordValues *values)
{
  KithFieldMask mask = 0;

  for (KithField f = 0; f < KITH_N_FIELDS; f++)
    if (values->fields[f].set)
      mask |= KITH_FIELD_BIT (f);

  return mask;
}

/**
 * kith_bulk_loader_set_one_record:
 * @one_record: %TRUE: a row whose emails, domains and app links name two stored records of its
 *   kind is refused, naming both, instead of being added to the first (a row of a file)
 *
 * The check reads the keys the row's write looks up anyway, normalized once.
 */
void
kith_bulk_loader_set_one_record (KithBulkLoader *self,
                                 gboolean        one_record)
{
  g_return_if_fail (self != NULL);

  self->one_record = one_record;
}

/**
 * kith_bulk_loader_add_record:
 * @values: the record, as typed values
 * @fields: the fields of @values the row has, or %KITH_BULK_FIELDS_SET for those set
 * @out_merged: (out) (optional): %TRUE when the row matched a stored record of @kind by a sync
 *   key (an email, a domain, an app link; a phone or handle with the same name) and was added
 *   to it
 *
 * Adds a person, company or deal, as kith_store_create_record_from_values() does.
 *
 * Returns: the record's id, or 0 with @error set (the field and value named, as the normal path
 *   names them); nothing of a refused row is written
 */
gint64
kith_bulk_loader_add_record (KithBulkLoader          *self,
                             KithRecordKind           kind,
                             const KithRecordValues  *values,
                             KithFieldMask            fields,
                             gboolean                *out_merged,
                             GError                 **error)
{
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);

  if (out_merged != NULL)
    *out_merged = FALSE;
  if (!ensure_transaction (self, error))
    return 0;

  if (fields == KITH_BULK_FIELDS_SET)
    fields = set_fields (values);
  id = self->one_record
       ? kith_records_create_one_record (self->store, kind, values, fields, out_merged, error)
       : kith_store_create_record_from_values (self->store, kind, values, fields, out_merged, error);
  if (id == 0 || !row_done (self, error))
    return 0;

  return id;
}

/**
 * kith_bulk_loader_add_timeline_item:
 * @item: the item; checked and cleaned here, as kith_timeline_add_input() does
 * @out_existed: (out) (optional): %TRUE when the item was stored already (the same Message-ID,
 *   or the same source and unique id, which updates it)
 *
 * Returns: the item's id, or 0 with @error set; nothing of a refused item is written
 */
gint64
kith_bulk_loader_add_timeline_item (KithBulkLoader     *self,
                                    KithTimelineInput  *item,
                                    gboolean           *out_existed,
                                    GError            **error)
{
  gint64 id;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (item != NULL, 0);

  if (out_existed != NULL)
    *out_existed = FALSE;
  if (!ensure_transaction (self, error))
    return 0;

  id = kith_timeline_add_input (self->store, item, NULL, out_existed, error);
  if (id == 0 || !row_done (self, error))
    return 0;

  return id;
}

static void
normalize_batch (gpointer data,
                 gpointer user_data)
{
  g_autoptr(GPtrArray) phones = data;

  for (guint i = 0; i < phones->len; i++)
    g_free (kith_store_normalize_phone (user_data, g_ptr_array_index (phones, i)));
}

/* Hands the numbers gathered so far to the second thread */
static void
push_ahead (KithBulkLoader *self)
{
  if (self->ahead_batch == NULL || self->ahead_batch->len == 0)
    return;

  /* The numbers still queued when the loader drops them are freed by the pool */
  if (self->ahead == NULL)
    self->ahead = g_thread_pool_new_full (normalize_batch, self->store, (GDestroyNotify) g_ptr_array_unref,
                                          1, TRUE, NULL);
  g_thread_pool_push (self->ahead, g_steal_pointer (&self->ahead_batch), NULL);
}

/**
 * kith_bulk_loader_normalize_ahead:
 * @values: a row to be added later with kith_bulk_loader_add_record()
 *
 * Starts normalizing the phone and fax numbers of @values on a second thread, into the numbers
 * the store remembers (those named lately), so that the row's kith_bulk_loader_add_record() finds
 * them done: libphonenumber takes some 150,000 instructions a number, a quarter of a person's
 * load. The numbers go to that thread AHEAD_BATCH (64) at a time, and at the end of a batch
 * of rows. Call it for rows some hundreds ahead of adding them. Nothing else changes: a number
 * not normalized yet when its row is added is normalized then, to the same key.
 */
void
kith_bulk_loader_normalize_ahead (KithBulkLoader         *self,
                                  const KithRecordValues *values)
{
  static const KithField numbers[] = { KITH_FIELD_PHONES, KITH_FIELD_FAXES };

  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL);

  if (self->ahead_batch == NULL)
    self->ahead_batch = g_ptr_array_new_full (AHEAD_BATCH, g_free);

  for (guint f = 0; f < G_N_ELEMENTS (numbers); f++)
    {
      const KithValue *value = &values->fields[numbers[f]];

      for (guint i = 0; value->set && value->list != NULL && i < value->list->len; i++)
        {
          const KithRecordChannel *c = g_ptr_array_index (value->list, i);

          /* As kith_input_get_string() cleans it, so that the row looks the same number up */
          if (c->value != NULL && g_utf8_validate (c->value, -1, NULL))
            g_ptr_array_add (self->ahead_batch, g_strstrip (kith_text_strip_controls (c->value, FALSE)));
        }
    }

  if (self->ahead_batch->len >= AHEAD_BATCH)
    push_ahead (self);
}

/* Waits for the numbers still being normalized, or drops those not begun with @drop */
static void
stop_ahead (KithBulkLoader *self,
            gboolean        drop)
{
  if (self->ahead != NULL)
    g_thread_pool_free (g_steal_pointer (&self->ahead), drop, TRUE);
  g_clear_pointer (&self->ahead_batch, g_ptr_array_unref);
}

/* Rows written so far, committed or in the open batch */
guint
kith_bulk_loader_get_n_rows (KithBulkLoader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

/**
 * kith_bulk_loader_end_batch:
 *
 * Ends the open batch (commits it, or hands it to the caller's transaction) and goes on: the
 * next row begins another. The numbers queued by kith_bulk_loader_normalize_ahead() are kept,
 * for a caller that commits its own transactions between rows (an import's checkpoints).
 *
 * Returns: %TRUE when the batch was committed
 */
gboolean
kith_bulk_loader_end_batch (KithBulkLoader  *self,
                            GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  push_ahead (self);
  if (!self->in_transaction)
    return TRUE;

  self->in_transaction = FALSE;
  self->in_batch = 0;
  return kith_store_commit (self->store, error);
}

/**
 * kith_bulk_loader_finish:
 *
 * Commits the last batch (or leaves it to the caller's transaction), and stops normalizing
 * numbers ahead.
 *
 * Returns: %TRUE when every batch was committed
 */
gboolean
kith_bulk_loader_finish (KithBulkLoader  *self,
                         GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  stop_ahead (self, TRUE);
  return kith_bulk_loader_end_batch (self, error);
}

/* Without kith_bulk_loader_finish(), the open batch is rolled back: a cancelled import keeps the
 * batches it committed, each of whole rows */
void
kith_bulk_loader_free (KithBulkLoader *self)
{
  if (self == NULL)
    return;

  stop_ahead (self, TRUE);
  if (self->in_transaction)
    kith_store_rollback (self->store);
  g_object_unref (self->store);
  g_free (self);
}
