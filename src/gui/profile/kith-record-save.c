/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Saving a record a widget edits in place: the write always completes, whatever becomes of the
 * widget (it gets no cancellable); a refused change goes back to what the store has; the widget
 * hears how it went only while it is alive, to show a refusal where the change was made.
 */

#include "config.h"

#include "kith-record-save.h"

typedef struct {
  GObject             *owner;
  GCancellable        *owner_alive;
  KithRecord          *record;
  gpointer             where;
  GDestroyNotify       where_free;
  char                *text;
  KithRecordSavedFunc  done;
} Saving;

static void
saving_free (Saving *saving)
{
  g_clear_object (&saving->owner);
  g_clear_object (&saving->owner_alive);
  g_clear_object (&saving->record);
  if (saving->where_free != NULL)
    g_clear_pointer (&saving->where, saving->where_free);
  g_free (saving->text);
  g_free (saving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Saving, saving_free)

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Saving) saving = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_save_record_finish (KITH_STORE (source), result, &error))
    kith_record_discard_changes (saving->record);
  if (g_cancellable_is_cancelled (saving->owner_alive))
    return;
  saving->done (saving->owner, saving->record, error, saving->where, saving->text);
}

/**
 * kith_record_save:
 * @owner: (type GObject): the widget editing @record
 * @owner_alive: cancelled when @owner goes away; @done is not called after
 * @where: (nullable): where the change was made, for @done, freed with @where_free
 * @text: (nullable): what was typed there
 * @done: told how it went
 *
 * Writes what changed in @record on the store's worker.
 */
void
kith_record_save (KithStore           *store,
                  KithRecord          *record,
                  gpointer             owner,
                  GCancellable        *owner_alive,
                  gpointer             where,
                  GDestroyNotify       where_free,
                  const char          *text,
                  KithRecordSavedFunc  done)
{
  Saving *saving = g_new0 (Saving, 1);

  saving->owner = g_object_ref (owner);
  saving->owner_alive = g_object_ref (owner_alive);
  saving->record = g_object_ref (record);
  saving->where = where;
  saving->where_free = where_free;
  saving->text = g_strdup (text);
  saving->done = done;
  kith_store_save_record_async (store, record, NULL, on_saved_cb, saving);
}
