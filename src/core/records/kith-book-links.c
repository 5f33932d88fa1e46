/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecords"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-book-links.h"
#include "kith-records-private.h"
#include "kith-statement.h"
#include "kith-types-private.h"

/*
 * Which record is which contact of an evolution-data-server address book that Kith follows
 * (src/services/contacts/, docs/contacts.md). A link remembers the contact's REV and the
 * record's `changed` time at the moment both sides last agreed: a contact whose REV differs was
 * changed on the book, a record changed later was edited in Kith, and both at once is a
 * conflict, whose losing value goes to the record's audit log.
 */

/* The audit log's field for a value of @field a conflict with an address book set aside */
#define CONFLICT_PREFIX "address-book:"

void
kith_book_link_free (KithBookLink *link)
{
  if (link == NULL)
    return;
  g_free (link->book_uid);
  g_free (link->contact_uid);
  g_free (link->revision);
  g_free (link);
}

static KithBookLink *
read_link (KithStatement *st)
{
  KithBookLink *link = g_new0 (KithBookLink, 1);

  link->book_uid = kith_statement_dup_text (st, 0);
  link->contact_uid = kith_statement_dup_text (st, 1);
  link->record_id = kith_statement_column_int64 (st, 2);
  link->revision = kith_statement_dup_text (st, 3);
  link->record_changed = kith_statement_column_int64 (st, 4);

  return link;
}

/**
 * kith_store_set_book_link:
 * @revision: (nullable): the contact's REV as Kith last read or wrote it
 *
 * Links @record_id to a contact of an address book, as the two agree now: with the record's
 * current `changed` time. A contact linked before to another record is linked to this one.
 *
 * Returns: %FALSE with @error set when the record does not exist
 */
gboolean
kith_store_set_book_link (KithStore   *self,
                          const char  *book_uid,
                          const char  *contact_uid,
                          gint64       record_id,
                          const char  *revision,
                          GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (book_uid != NULL && contact_uid != NULL, FALSE);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self,
                              "INSERT INTO book_links (book_uid, contact_uid, record_id, revision, record_changed) "
                              "SELECT ?1, ?2, id, ?4, changed FROM records WHERE id = ?3 "
                              "ON CONFLICT (book_uid, contact_uid) DO UPDATE SET record_id = excluded.record_id, "
                              "revision = excluded.revision, record_changed = excluded.record_changed",
                              error))
    {
      kith_statement_bind_text (&st, 1, book_uid);
      kith_statement_bind_text (&st, 2, contact_uid);
      kith_statement_bind_int64 (&st, 3, record_id);
      kith_statement_bind_text (&st, 4, revision);
      ok = kith_statement_run (&st, error);
      if (ok && kith_statement_changes (&st) == 0)
        ok = kith_invalid (error, _("There is no record %" G_GINT64_FORMAT " to link to a contact"), record_id);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_get_book_link:
 *
 * Returns: (transfer full) (nullable): the link of a contact, or %NULL when it has none
 *   (@error is set only when reading failed)
 */
KithBookLink *
kith_store_get_book_link (KithStore   *self,
                          const char  *book_uid,
                          const char  *contact_uid,
                          GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  KithBookLink *link = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self,
                              "SELECT book_uid, contact_uid, record_id, revision, record_changed "
                              "FROM book_links WHERE book_uid = ?1 AND contact_uid = ?2", error))
    {
      kith_statement_bind_text (&st, 1, book_uid);
      kith_statement_bind_text (&st, 2, contact_uid);
      if (kith_statement_step (&st, error))
        link = read_link (&st);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return link;
}

/**
 * kith_store_get_record_book_links:
 *
 * Returns: (transfer full) (element-type KithBookLink): the contacts @record_id is linked to,
 *   in any book; %NULL with @error set
 */
GPtrArray *
kith_store_get_record_book_links (KithStore  *self,
                                  gint64      record_id,
                                  GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *links = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self,
                              "SELECT book_uid, contact_uid, record_id, revision, record_changed "
                              "FROM book_links WHERE record_id = ? ORDER BY book_uid, contact_uid", error))
    {
      kith_statement_bind_int64 (&st, 1, record_id);
      links = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_book_link_free);
      while (kith_statement_step (&st, error))
        g_ptr_array_add (links, read_link (&st));
      if (kith_statement_failed (&st))
        g_clear_pointer (&links, g_ptr_array_unref);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return links;
}

/**
 * kith_store_dup_book_contact_uids:
 *
 * Returns: (transfer full): the contacts of @book_uid linked to a record; %NULL with @error set
 */
GStrv
kith_store_dup_book_contact_uids (KithStore   *self,
                                  const char  *book_uid,
                                  GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GStrvBuilder) uids = g_strv_builder_new ();
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  ok = kith_statement_prepare (&st, self, "SELECT contact_uid FROM book_links WHERE book_uid = ?", error);
  if (ok)
    {
      kith_statement_bind_text (&st, 1, book_uid);
      while (kith_statement_step (&st, error))
        g_strv_builder_add (uids, kith_statement_column_text (&st, 0));
      ok = !kith_statement_failed (&st);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return ok ? g_strv_builder_end (uids) : NULL;
}

/**
 * kith_store_remove_book_link:
 *
 * Forgets which record a contact is: the record stays. Nothing to forget is no error.
 */
gboolean
kith_store_remove_book_link (KithStore   *self,
                             const char  *book_uid,
                             const char  *contact_uid,
                             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean ok = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "DELETE FROM book_links WHERE book_uid = ?1 AND contact_uid = ?2", error))
    {
      kith_statement_bind_text (&st, 1, book_uid);
      kith_statement_bind_text (&st, 2, contact_uid);
      ok = kith_statement_run (&st, error);
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return ok;
}

/**
 * kith_store_book_link_is_edited:
 *
 * Returns: whether the linked record was changed in Kith since @link was set; %FALSE also
 *   when the record is gone or reading failed (with @error set)
 */
gboolean
kith_store_book_link_is_edited (KithStore           *self,
                                const KithBookLink  *link,
                                GError             **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean edited = FALSE;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "SELECT changed > ?2 FROM records WHERE id = ?1", error))
    {
      kith_statement_bind_int64 (&st, 1, link->record_id);
      kith_statement_bind_int64 (&st, 2, link->record_changed);
      if (kith_statement_step (&st, error))
        edited = kith_statement_column_int64 (&st, 0) != 0;
    }
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return edited;
}

/**
 * kith_store_add_book_conflict:
 * @field: the field both sides changed, as docs/json.md names it
 * @kith_value: (nullable): what Kith held
 * @book_value: (nullable): what the address book held
 *
 * Notes in @record_id's audit log a conflict with an address book: the field
 * `address-book:FIELD`, Kith's value before it and the book's after, so that the value
 * docs/contacts.md's rule set aside is never lost silently.
 */
gboolean
kith_store_add_book_conflict (KithStore   *self,
                              gint64       record_id,
                              const char  *field,
                              const char  *kith_value,
                              const char  *book_value,
                              GError     **error)
{
  g_autofree char *name = g_strconcat (CONFLICT_PREFIX, field, NULL);
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  ok = kith_records_write_audit (self, record_id, name, kith_value, book_value, error);
  kith_store_unlock (self);

  return ok;
}
