/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithImport: one import of records from a file (CSV, vCard, Kith's JSON), whatever its format.
 * The format's reader turns each row into a record and adds it here: typed values (CSV, vCard,
 * an address book's contacts) go through the bulk path (KithBulkLoader), a record of Kith's
 * JSON file, in the shape of docs/json.md, through the store's JSON writer; both write by the store's own rules (checks, sync keys, merge with the
 * record an email or an app link already belongs to), and this counts what became of each row.
 *
 * Rows are written in transactions of BATCH rows: a cancelled or crashed import leaves whole
 * records, never half of one, and running it again converges (rows match what the first run
 * wrote). A dry run writes everything in one transaction and rolls it back, so its counts are
 * exactly what the real import would do. The import holds the store's write lock from its first
 * row to kith_import_finish (or the end of a batch): every call belongs on one thread, the
 * store's worker or a command's.
 */

#define G_LOG_DOMAIN "KithImport"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-bulk.h"
#include "kith-import.h"
#include "kith-store-private.h"

/* Rows a transaction takes: large enough that the commit is not the cost of a row, small
 * enough that other writers (mail capture) wait a fraction of a second. The loader's own
 * batches (KITH_BULK_BATCH) are larger, so within an import ours are the ones that commit. */
#define BATCH 2000

struct _KithImport
{
  GObject     parent_instance;

  KithStore  *store;
  gboolean    dry_run;
  gboolean    bulk_held;     /* the store's bulk settings (kith_store_hold_bulk ()) */
  gboolean    open;          /* in a transaction of ours */
  KithBulkLoader *loader;    /* for typed rows: joins our transaction */
  guint       in_batch;      /* rows written in it */
  GHashTable *created;       /* ids this import created, to tell a merge from an update */
  guint       counts[KITH_IMPORT_N_OUTCOMES];
  GArray     *rejections;    /* KithImportRejection */
  GPtrArray  *notes;         /* char*, NULL-terminated: what the user should know of the file */
  gboolean    one_record;    /* typed rows naming two records are refused */
};

G_DEFINE_FINAL_TYPE (KithImport, kith_import, G_TYPE_OBJECT)

static void
rejection_clear (gpointer data)
{
  KithImportRejection *r = data;

  g_free (r->reason);
}

static void
kith_import_finalize (GObject *object)
{
  KithImport *self = KITH_IMPORT (object);

  kith_import_abort (self);
  g_clear_object (&self->store);
  g_hash_table_unref (self->created);
  g_array_unref (self->rejections);
  g_ptr_array_unref (self->notes);

  G_OBJECT_CLASS (kith_import_parent_class)->finalize (object);
}

static void
kith_import_class_init (KithImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kith_import_finalize;
}

static void
kith_import_init (KithImport *self)
{
  self->created = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rejections = g_array_new (FALSE, FALSE, sizeof (KithImportRejection));
  g_array_set_clear_func (self->rejections, rejection_clear);
  self->notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

/**
 * kith_import_new:
 * @dry_run: count what would happen and write nothing
 *
 * Returns: (transfer full): an import into @store
 */
KithImport *
kith_import_new (KithStore *store,
                 gboolean   dry_run)
{
  KithImport *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_object_new (KITH_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->dry_run = dry_run;
  /* Its batches commit without waiting for the disk each, with a larger page cache
   * (kith_store_hold_bulk ()) */
  self->bulk_held = !dry_run;
  if (self->bulk_held)
    kith_store_hold_bulk (store);

  return self;
}

/* Done writing: the store's own settings come back, and the memory of the larger cache goes
 * back to the system, on the thread that wrote */
static void
release_bulk (KithImport *self)
{
  if (!self->bulk_held)
    return;
  self->bulk_held = FALSE;
  kith_store_release_bulk (self->store);
}

/**
 * kith_import_reject:
 * @row: the row's number in its file, from 1
 * @reason: why nothing of it is imported, for the user: names the column or property and value
 *
 * Counts a row the format's reader refused itself (an unclosed quote, a card without a name).
 */
void
kith_import_reject (KithImport *self,
                    guint       row,
                    const char *reason)
{
  KithImportRejection r = { row, g_strdup (reason) };

  g_return_if_fail (KITH_IS_IMPORT (self));

  g_array_append_val (self->rejections, r);
  self->counts[KITH_IMPORT_REJECTED]++;
}

static gboolean
ensure_transaction (KithImport  *self,
                    GError     **error)
{
  if (self->open)
    return TRUE;
  self->open = kith_store_begin (self->store, error);
  self->in_batch = 0;

  return self->open;
}

static KithImportOutcome
outcome_of (KithImport *self,
            gint64      id,
            gboolean    merged,
            gboolean    wrote)
{
  if (!merged)
    {
      g_hash_table_add (self->created, g_memdup2 (&id, sizeof id));
      return KITH_IMPORT_CREATED;
    }
  if (g_hash_table_contains (self->created, &id))
    return KITH_IMPORT_MERGED;

  return wrote ? KITH_IMPORT_UPDATED : KITH_IMPORT_UNCHANGED;
}

static void
ensure_loader (KithImport *self)
{
  if (self->loader != NULL)
    return;
  self->loader = kith_bulk_loader_new (self->store);
  kith_bulk_loader_set_one_record (self->loader, self->one_record);
}

/**
 * kith_import_set_one_record_a_row:
 * @one_record: %TRUE: a typed row whose emails, domains and app links name two records of its
 *   kind is refused with both named ("one row cannot be both records"), rather than added to
 *   the first with the other's key left out (a CSV file's rows)
 *
 * Call it before the first row.
 */
void
kith_import_set_one_record_a_row (KithImport *self,
                                  gboolean    one_record)
{
  g_return_if_fail (KITH_IS_IMPORT (self));

  self->one_record = one_record;
  if (self->loader != NULL)
    kith_bulk_loader_set_one_record (self->loader, one_record);
}

/* Writes one row, a JSON @record or typed @values, in the open batch */
static gint64
write_row (KithImport              *self,
           KithRecordKind           kind,
           JsonObject              *record,
           const KithRecordValues  *values,
           gboolean                *merged,
           GError                 **error)
{
  if (record != NULL)
    return kith_store_create_record (self->store, kind, record, merged, error);

  ensure_loader (self);
  return kith_bulk_loader_add_record (self->loader, kind, values, KITH_BULK_FIELDS_SET, merged, error);
}

static KithImportOutcome
add_row (KithImport              *self,
         guint                    row,
         KithRecordKind           kind,
         JsonObject              *record,
         const KithRecordValues  *values,
         gint64                  *out_id)
{
  g_autoptr(GError) error = NULL;
  KithImportOutcome outcome;
  gboolean merged = FALSE;
  sqlite3_int64 before;
  gint64 id = 0;

  if (out_id != NULL)
    *out_id = 0;
  if (!ensure_transaction (self, &error))
    {
      kith_import_reject (self, row, error->message);
      return KITH_IMPORT_REJECTED;
    }

  before = sqlite3_total_changes64 (kith_store_get_db (self->store));
  id = write_row (self, kind, record, values, &merged, &error);
  if (id == 0)
    {
      kith_import_reject (self, row, error->message);
      return KITH_IMPORT_REJECTED;
    }

  outcome = outcome_of (self, id, merged, sqlite3_total_changes64 (kith_store_get_db (self->store)) != before);
  self->counts[outcome]++;
  if (out_id != NULL)
    *out_id = id;

  if (++self->in_batch >= BATCH && !self->dry_run && !kith_import_checkpoint (self, &error))
    g_warning ("Import: %s", error->message);

  return outcome;
}

/**
 * kith_import_add_record:
 * @row: the row's number in its file, from 1
 * @record: a person, company or project in the shape of docs/json.md
 * @out_id: (out) (optional): the record it was written to, 0 when rejected
 *
 * Writes @record as kith_store_create_record () does: a new record, or added to the one its
 * email, domain, phone or app link belongs to. A refused row is counted with the store's reason
 * (naming the field and the value) and nothing of it is written.
 *
 * Returns: what became of the row
 */
KithImportOutcome
kith_import_add_record (KithImport     *self,
                        guint           row,
                        KithRecordKind  kind,
                        JsonObject     *record,
                        gint64         *out_id)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), KITH_IMPORT_REJECTED);
  g_return_val_if_fail (record != NULL, KITH_IMPORT_REJECTED);

  return add_row (self, row, kind, record, NULL, out_id);
}

/**
 * kith_import_add_values:
 * @row: the row's number in its file, from 1
 * @values: a person, company or deal as typed values: the fields set are those the row has
 * @out_id: (out) (optional): the record it was written to, 0 when rejected
 *
 * As kith_import_add_record (), for a reader that makes typed rows: written through the bulk
 * path (#KithBulkLoader), by the same rules, without a JSON object for each row.
 *
 * Returns: what became of the row
 */
KithImportOutcome
kith_import_add_values (KithImport              *self,
                        guint                    row,
                        KithRecordKind           kind,
                        const KithRecordValues  *values,
                        gint64                  *out_id)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), KITH_IMPORT_REJECTED);
  g_return_val_if_fail (values != NULL, KITH_IMPORT_REJECTED);

  return add_row (self, row, kind, NULL, values, out_id);
}

/**
 * kith_import_normalize_ahead:
 * @values: a row the reader will add later with kith_import_add_values ()
 *
 * Lets the bulk path normalize the row's phone numbers on its second thread meanwhile (see
 * kith_bulk_loader_normalize_ahead ()), for a reader that reads some hundreds of rows ahead.
 * It changes nothing else: a number not ready when its row is added is normalized then.
 */
void
kith_import_normalize_ahead (KithImport              *self,
                             const KithRecordValues  *values)
{
  g_return_if_fail (KITH_IS_IMPORT (self));
  g_return_if_fail (values != NULL);

  ensure_loader (self);
  kith_bulk_loader_normalize_ahead (self->loader, values);
}

/**
 * kith_import_checkpoint:
 *
 * Commits the rows written so far (not in a dry run), for a reader to call between the parts
 * of a file that belong together (a JSON file's people before its timeline).
 *
 * Returns: %FALSE when the commit failed; its rows are then not written
 */
gboolean
kith_import_checkpoint (KithImport  *self,
                        GError     **error)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), FALSE);

  if (!self->open || self->dry_run)
    return TRUE;
  self->open = FALSE;

  /* The loader's open batch is part of ours: it ends first, then ours commits its rows. The
   * loader goes on into the next batch, with the numbers it is normalizing ahead. */
  if (self->loader != NULL && !kith_bulk_loader_end_batch (self->loader, error))
    {
      g_clear_pointer (&self->loader, kith_bulk_loader_free);
      kith_store_rollback (self->store);
      return FALSE;
    }

  return kith_store_commit (self->store, error);
}

/**
 * kith_import_finish:
 *
 * Commits the last rows, or in a dry run rolls everything back. The store's settings for an
 * import (kith_store_hold_bulk ()) end here, or at kith_import_abort().
 */
gboolean
kith_import_finish (KithImport  *self,
                    GError     **error)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), FALSE);

  if (self->dry_run)
    {
      kith_import_abort (self);
      return TRUE;
    }

  if (!kith_import_checkpoint (self, error))
    return FALSE;
  g_clear_pointer (&self->loader, kith_bulk_loader_free);
  release_bulk (self);
  return TRUE;
}

/**
 * kith_import_abort:
 *
 * Stops the import (cancelled, or its file failed to read): the rows of the batch under way are
 * not written, those of committed batches are, whole.
 */
void
kith_import_abort (KithImport *self)
{
  g_return_if_fail (KITH_IS_IMPORT (self));

  g_clear_pointer (&self->loader, kith_bulk_loader_free);
  if (self->open)
    {
      self->open = FALSE;
      kith_store_rollback (self->store);
    }
  release_bulk (self);
}

gboolean
kith_import_get_dry_run (KithImport *self)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), FALSE);

  return self->dry_run;
}

/**
 * kith_import_get_store:
 *
 * Returns: (transfer none): the store the import writes to, for a reader that keeps more of a
 *   row than its record (a vCard's other properties)
 */
KithStore *
kith_import_get_store (KithImport *self)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), NULL);

  return self->store;
}

guint
kith_import_get_count (KithImport        *self,
                       KithImportOutcome  outcome)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), 0);
  g_return_val_if_fail (outcome < KITH_IMPORT_N_OUTCOMES, 0);

  return self->counts[outcome];
}

guint
kith_import_get_n_rejections (KithImport *self)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), 0);

  return self->rejections->len;
}

/**
 * kith_import_get_rejection:
 *
 * Returns: (transfer none): the @i-th refused row, in the order they were refused
 */
const KithImportRejection *
kith_import_get_rejection (KithImport *self,
                           guint       i)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), NULL);
  g_return_val_if_fail (i < self->rejections->len, NULL);

  return &g_array_index (self->rejections, KithImportRejection, i);
}

/**
 * kith_import_describe:
 *
 * Returns: (transfer full): the counts in a sentence, for a dialog or a command's output
 */
char *
kith_import_describe (KithImport *self)
{
  g_return_val_if_fail (KITH_IS_IMPORT (self), NULL);

  /* Translators: what an import did (or, in a dry run, would do), by rows */
  return g_strdup_printf (_("%'u new, %'u updated, %'u merged, %'u unchanged, %'u rejected"),
                          self->counts[KITH_IMPORT_CREATED], self->counts[KITH_IMPORT_UPDATED],
                          self->counts[KITH_IMPORT_MERGED], self->counts[KITH_IMPORT_UNCHANGED],
                          self->counts[KITH_IMPORT_REJECTED]);
}

/**
 * kith_import_add_note:
 * @note: for the user, about the file as a whole: what of it is not imported, and why
 *
 * Keeps a note a reader has about the file that is no row's refusal (a CSV column that matches
 * no field is left out of every row), so that nothing is left out without a word.
 */
void
kith_import_add_note (KithImport *self,
                      const char *note)
{
  g_return_if_fail (KITH_IS_IMPORT (self));
  g_return_if_fail (note != NULL);

  g_ptr_array_add (self->notes, g_strdup (note));
}

/**
 * kith_import_get_notes:
 *
 * Returns: (transfer none) (array zero-terminated=1): the notes, in the order they were added
 */
const char * const *
kith_import_get_notes (KithImport *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (KITH_IS_IMPORT (self), NULL);

  /* An empty array may have no storage yet */
  return self->notes->len > 0 ? (const char * const *) self->notes->pdata : none;
}
