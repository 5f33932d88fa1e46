/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-statement.h"
#include "kith-synckey.h"
#include "kith-timeline-input-json.h"
#include "kith-timeline-private.h"
#include "kith-timeline-writer.h"
#include "kith-undo-private.h"

/* Adding and deleting timeline items: emails, calls, texts, meetings, notes, events */

/* The sender, recipients, participants and the records the item is about */
static gboolean
collect_parties (KithStore          *self,
                 KithTimelineInput  *in,
                 GHashTable         *unlinked,
                 GPtrArray          *parties,
                 GError            **error)
{
  if (in->from != NULL)
    {
      KithParty *p = kith_party_new (self, "from", in->from, in->from_name, unlinked, error);

      if (p == NULL)
        return FALSE;
      g_ptr_array_add (parties, p);
    }

  return kith_timeline_add_parties (self, in->recipients, "to", unlinked, parties, error) &&
         kith_timeline_add_parties (self, in->participants, "participant", unlinked, parties, error) &&
         kith_timeline_add_parties (self, in->references, "about", unlinked, parties, error) &&
         kith_timeline_check_known (self, parties, "about", error);
}

/* The item with the same Message-ID, or from the same app with the same unique id */
static gboolean
find_existing (KithStore          *self,
               KithTimelineInput  *in,
               gint64             *out_id,
               gboolean           *out_same_message,
               GError            **error)
{
  g_auto(KithStatement) by_message = KITH_STATEMENT_INIT;
  g_auto(KithStatement) by_source = KITH_STATEMENT_INIT;

  *out_id = 0;
  *out_same_message = FALSE;
  if (in->message_id != NULL)
    {
      if (!kith_statement_prepare (&by_message, self, "SELECT id FROM timeline WHERE message_id = ?", error))
        return FALSE;
      kith_statement_bind_text (&by_message, 1, in->message_id);
      *out_id = kith_statement_get_int64 (&by_message, NULL);
      *out_same_message = *out_id != 0;
      if (*out_same_message)
        return TRUE;
    }
  if (in->unique_id != NULL)
    {
      if (!kith_statement_prepare (&by_source, self, "SELECT id FROM timeline "
                                                     "WHERE source = ? AND unique_id = ?", error))
        return FALSE;
      kith_statement_bind_text (&by_source, 1, in->source);
      kith_statement_bind_text (&by_source, 2, in->unique_id);
      *out_id = kith_statement_get_int64 (&by_source, NULL);
    }

  return TRUE;
}

static gboolean
delete_item_fts (KithStore  *self,
                 gint64      item_id,
                 GError    **error)
{
  /* Not indexed yet: nothing to take out */
  if (kith_store_fts_item_pending (self, item_id))
    {
      kith_store_forget_fts_item (self, item_id);
      return TRUE;
    }

  return kith_records_run_for_id (self, "INSERT INTO timeline_fts (timeline_fts, rowid, subject, body) "
                                        "SELECT 'delete', id, subject, coalesce(body, preview) "
                                        "FROM timeline WHERE id = ?", item_id, error);
}

/* The records whose last contact item @item_id counts for: its people and their companies */
static gboolean
affected_records (KithStore  *self,
                  gint64      item_id,
                  GArray     *ids,
                  GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) found = NULL;

  if (!kith_statement_prepare (&st, self,
                               "SELECT DISTINCT record_id FROM timeline_people "
                               "WHERE item_id = ?1 AND record_id IS NOT NULL "
                               "UNION SELECT DISTINCT r.company_id FROM timeline_people tp "
                               "JOIN records r ON r.id = tp.record_id "
                               "WHERE tp.item_id = ?1 AND r.company_id IS NOT NULL",
                               error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, item_id);

  found = kith_statement_get_ids (&st, NULL);
  if (found != NULL)
    g_array_append_vals (ids, found->data, found->len);

  return TRUE;
}

static gboolean
refresh_last_contacts (KithStore  *self,
                       GArray     *ids,
                       GError    **error)
{
  for (guint i = 0; i < ids->len; i++)
    if (!kith_records_refresh_last_contact (self, g_array_index (ids, gint64, i), error))
      return FALSE;

  return TRUE;
}

#define INSERT_ITEM_SQL \
  "INSERT INTO timeline (id, kind, date, subject, preview, body, body_type, direction, outcome, " \
  "duration, location, thread_id, message_id, source, unique_id, links, account, created, reply_to) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) " \
  "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, date = excluded.date, " \
  "subject = excluded.subject, preview = excluded.preview, body = excluded.body, " \
  "body_type = excluded.body_type, direction = excluded.direction, outcome = excluded.outcome, " \
  "duration = excluded.duration, location = excluded.location, thread_id = excluded.thread_id, " \
  "links = excluded.links, account = excluded.account, reply_to = excluded.reply_to"

/* Inserts @in, or overwrites item @existing with it; the item's id, or 0 with @error set */
static gint64
write_item_row (KithStore          *self,
                KithTimelineInput  *in,
                gint64              existing,
                GError            **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, INSERT_ITEM_SQL, error))
    return 0;
  if (existing != 0)
    kith_statement_bind_int64 (&st, 1, existing);
  kith_statement_bind_text (&st, 2, in->style);
  kith_statement_bind_int64 (&st, 3, in->date);
  kith_statement_bind_text (&st, 4, in->subject);
  kith_statement_bind_text (&st, 5, in->preview);
  kith_statement_bind_text (&st, 6, in->body);
  kith_statement_bind_text (&st, 7, in->body_type);
  kith_statement_bind_text (&st, 8, in->direction);
  kith_statement_bind_text (&st, 9, in->outcome);
  if (in->has_duration)
    kith_statement_bind_int64 (&st, 10, in->duration);
  kith_statement_bind_text (&st, 11, in->location);
  kith_statement_bind_text (&st, 12, in->thread_id ? in->thread_id : in->message_id);
  kith_statement_bind_text (&st, 13, in->message_id);
  kith_statement_bind_text (&st, 14, in->source);
  kith_statement_bind_text (&st, 15, in->unique_id);
  kith_statement_bind_text (&st, 16, in->links);
  kith_statement_bind_text (&st, 17, in->account);
  kith_statement_bind_int64 (&st, 18, kith_store_now (self));
  kith_statement_bind_text (&st, 19, in->reply_to);
  if (!kith_statement_run (&st, error))
    return 0;

  return existing != 0 ? existing : kith_statement_last_insert_id (&st);
}

/* @out_linked: set when a party is a record */
static gboolean
write_parties (KithStore  *self,
               gint64      id,
               GPtrArray  *parties,
               gboolean   *out_linked,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT INTO timeline_people (item_id, role, value, key, "
                                          "name, record_id) VALUES (?, ?, ?, ?, ?, ?)", error))
    return FALSE;

  for (guint i = 0; i < parties->len; i++)
    {
      KithParty *p = g_ptr_array_index (parties, i);

      kith_statement_bind_int64 (&st, 1, id);
      kith_statement_bind_text (&st, 2, p->role);
      kith_statement_bind_text (&st, 3, p->value);
      kith_statement_bind_text (&st, 4, p->key);
      kith_statement_bind_text (&st, 5, p->name);
      if (p->record_id != 0)
        kith_statement_bind_int64 (&st, 6, p->record_id);
      else
        kith_statement_bind_null (&st, 6);
      *out_linked |= p->record_id != 0;
      if (!kith_statement_run (&st, error))
        return FALSE;
    }

  return TRUE;
}

/* Last contact: only communications count, and a company hears from its people */
static gboolean
note_contacts (KithStore          *self,
               KithTimelineInput  *in,
               GPtrArray          *parties,
               GError            **error)
{
  static const char *communications[] = { "email", "call", "text", "meeting", "direct", "postal", NULL };

  /* A meeting from a calendar still to come is no contact yet (kith-meetings.c) */
  if (!g_strv_contains (communications, in->style) ||
      (in->date > kith_store_now (self) && g_str_has_prefix (in->source ? in->source : "", "calendar:")))
    return TRUE;

  for (guint i = 0; i < parties->len; i++)
    {
      KithParty *p = g_ptr_array_index (parties, i);

      if (p->record_id != 0 && !kith_store_note_contact (self, p->record_id, in->date, error))
        return FALSE;
    }

  return TRUE;
}

/* Inside the transaction: writes the item (over @existing when there is one) and its people */
static gint64
write_item (KithStore          *self,
            KithTimelineInput  *in,
            GPtrArray          *parties,
            gint64              existing,
            GError            **error)
{
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean linked = FALSE;
  gint64 id;

  if (existing != 0 &&
      (!affected_records (self, existing, affected, error) ||
       !delete_item_fts (self, existing, error) ||
       !kith_records_run_for_id (self, "DELETE FROM timeline_people WHERE item_id = ?", existing, error)))
    return 0;

  if ((id = write_item_row (self, in, existing, error)) == 0 ||
      !kith_store_queue_fts_item (self, id, error) ||
      !write_parties (self, id, parties, &linked, error))
    return 0;

  /* An item written over may have been the newest contact of records it no longer names */
  if (existing != 0)
    {
      if (!affected_records (self, id, affected, error) ||
          !refresh_last_contacts (self, affected, error))
        return 0;
    }
  else if (!note_contacts (self, in, parties, error))
    return 0;

  if (linked || affected->len > 0)
    kith_store_mark_changed (self, KITH_RECORD_PERSON);

  return id;
}

static gint64
add_item_locked (KithStore          *self,
                 KithTimelineInput  *in,
                 GHashTable         *unlinked,
                 gboolean           *out_existed,
                 GError            **error)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_party_free);
  gboolean same_message;
  gint64 existing, id;

  if (!collect_parties (self, in, unlinked, parties, error) ||
      !find_existing (self, in, &existing, &same_message, error))
    return 0;

  /* Idempotence: a message is logged once; an item from another app is updated in place */
  if (same_message && out_existed != NULL)
    *out_existed = TRUE;
  if (same_message)
    return existing;

  if (!kith_store_begin (self, error))
    return 0;
  if (out_existed != NULL)
    *out_existed = existing != 0;
  if ((id = write_item (self, in, parties, existing, error)) == 0)
    {
      kith_store_rollback (self);
      return 0;
    }

  return kith_store_commit (self, error) ? id : 0;
}

/**
 * kith_store_add_timeline_item:
 * @data: the item (docs/json.md, "Timeline items")
 * @out_existed: (out) (optional): %TRUE when the item was known already (same Message-ID, or same
 *   source + uniqueid, which updates it)
 *
 * Adds an email, call, text, meeting, direct message, note, event or external to-do, and links
 * it to every record whose email, phone or handle it names.
 *
 * Returns: the item's id, or 0 with @error set
 */
gint64
kith_store_add_timeline_item (KithStore   *self,
                              JsonObject  *data,
                              gboolean    *out_existed,
                              GError     **error)
{
  g_auto(KithTimelineInput) in = { NULL, };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (data != NULL, 0);

  if (out_existed != NULL)
    *out_existed = FALSE;
  if (!kith_timeline_input_from_json (data, &in, error))
    return 0;

  return kith_timeline_add_input (self, &in, NULL, out_existed, error);
}

/**
 * kith_timeline_add_input:
 * @in: the item, from JSON or from a typed draft; checked and cleaned here
 * @unlinked: (nullable): addresses (a set of the values as given) that only name someone:
 *   mail capture's coworkers and the user's own addresses
 * @out_existed: (out) (optional): as kith_store_add_timeline_item() says
 *
 * Returns: the item's id, or 0 with @error set
 */
gint64
kith_timeline_add_input (KithStore          *self,
                         KithTimelineInput  *in,
                         GHashTable         *unlinked,
                         gboolean           *out_existed,
                         GError            **error)
{
  gint64 id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  if (out_existed != NULL)
    *out_existed = FALSE;
  if (!kith_timeline_input_check (in, kith_store_now (self), error))
    return 0;

  kith_store_lock (self);
  id = add_item_locked (self, in, unlinked, out_existed, error);
  kith_store_unlock (self);

  return id;
}

/* Checks that item @item_id is there and begins the transaction that deletes it */
static gboolean
begin_delete (KithStore  *self,
              gint64      item_id,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT 1 FROM timeline WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, item_id);
  if (!kith_statement_has_row (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                   _("There is no timeline item #%" G_GINT64_FORMAT), item_id);
      return FALSE;
    }

  return kith_store_begin (self, error);
}

static gboolean
delete_item (KithStore  *self,
             gint64      item_id,
             GError    **error)
{
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!affected_records (self, item_id, affected, error) ||
      !delete_item_fts (self, item_id, error) ||
      !kith_records_run_for_id (self, "DELETE FROM timeline WHERE id = ?", item_id, error) ||
      !refresh_last_contacts (self, affected, error))
    return FALSE;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return TRUE;
}

gboolean
kith_store_delete_timeline_item (KithStore  *self,
                                 gint64      item_id,
                                 GError    **error)
{
  gboolean begun;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  kith_store_lock (self);
  begun = begin_delete (self, item_id, error);
  kith_store_unlock (self);
  if (!begun)
    return FALSE;

  if (!delete_item (self, item_id, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

/**
 * kith_store_delete_timeline_item_with_undo:
 *
 * Deletes an item from the timeline, as kith_store_delete_timeline_item() does; until
 * kith_store_forget_undo(), kith_store_undo() brings it back with its id, its people and the mail
 * that pointed at it.
 *
 * Returns: the id to undo the delete with, or 0 with @error set
 */
gint64
kith_store_delete_timeline_item_with_undo (KithStore  *self,
                                           gint64      item_id,
                                           GError    **error)
{
  g_autoptr(JsonObject) snapshot = NULL;
  gboolean begun;
  gint64 undo_id;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_undo_forget_old (self);

  kith_store_lock (self);
  begun = begin_delete (self, item_id, error);
  kith_store_unlock (self);
  if (!begun)
    return 0;

  if ((snapshot = kith_undo_snapshot_item (self, item_id, error)) == NULL ||
      !delete_item (self, item_id, error) ||
      (undo_id = kith_undo_save (self, "delete", snapshot, error)) == 0)
    {
      kith_store_rollback (self);
      return 0;
    }

  return kith_store_commit (self, error) ? undo_id : 0;
}

/**
 * kith_timeline_item_restored:
 *
 * After item @item_id is written back as it was (kith_store_undo()): it is searched again, and
 * counts again for the last contact of its people and their companies.
 */
gboolean
kith_timeline_item_restored (KithStore  *self,
                             gint64      item_id,
                             GError    **error)
{
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!kith_store_queue_fts_item (self, item_id, error) ||
      !affected_records (self, item_id, affected, error) ||
      !refresh_last_contacts (self, affected, error))
    return FALSE;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return TRUE;
}

/* Only what an edit form says: the thread, links, Reply-To, account, body type and where the
 * item came from are not in the form, and an edit keeps them as stored */
#define UPDATE_ITEM_SQL \
  "UPDATE timeline SET kind = ?2, date = ?3, subject = ?4, preview = ?5, body = ?6, " \
  "direction = ?7, outcome = ?8, duration = ?9, location = ?10 WHERE id = ?1"

static gboolean
update_item_row (KithStore          *self,
                 gint64              item_id,
                 KithTimelineInput  *in,
                 GError            **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, UPDATE_ITEM_SQL, error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, item_id);
  kith_statement_bind_text (&st, 2, in->style);
  kith_statement_bind_int64 (&st, 3, in->date);
  kith_statement_bind_text (&st, 4, in->subject);
  kith_statement_bind_text (&st, 5, in->preview);
  kith_statement_bind_text (&st, 6, in->body);
  kith_statement_bind_text (&st, 7, in->direction);
  kith_statement_bind_text (&st, 8, in->outcome);
  if (in->has_duration)
    kith_statement_bind_int64 (&st, 9, in->duration);
  kith_statement_bind_text (&st, 10, in->location);

  return kith_statement_run (&st, error);
}

/* Inside the transaction: who took part in item @item_id is @in's participants now; who
 * sent it, received it or is named by it stays */
static gboolean
replace_participants (KithStore          *self,
                      gint64              item_id,
                      KithTimelineInput  *in,
                      GError            **error)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_party_free);
  gboolean linked = FALSE;

  return kith_timeline_add_parties (self, in->participants, "participant", NULL, parties, error) &&
         kith_timeline_check_known (self, parties, "participant", error) &&
         kith_records_run_for_id (self, "DELETE FROM timeline_people "
                                        "WHERE item_id = ? AND role = 'participant'", item_id, error) &&
         write_parties (self, item_id, parties, &linked, error);
}

/* Inside the transaction: item @item_id says what @in says; its people stay unless
 * @with_people, when its participants become @in's */
static gboolean
update_item (KithStore          *self,
             gint64              item_id,
             KithTimelineInput  *in,
             gboolean            with_people,
             GError            **error)
{
  g_autoptr(GArray) affected = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Those it named before count too: it may have been their newest contact */
  if (!affected_records (self, item_id, affected, error) ||
      !delete_item_fts (self, item_id, error) ||
      !update_item_row (self, item_id, in, error) ||
      (with_people && !replace_participants (self, item_id, in, error)) ||
      !kith_store_queue_fts_item (self, item_id, error) ||
      !affected_records (self, item_id, affected, error) ||
      !refresh_last_contacts (self, affected, error))
    return FALSE;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return TRUE;
}

/**
 * kith_timeline_update_input:
 * @in: what item @item_id says now: its kind, date, text, place, length, direction and
 *   outcome; checked as an item added is. Who the item names, its thread, links, account and
 *   source stay as they are.
 *
 * Returns: %TRUE on success; on error nothing is written
 */
static gboolean
update_input (KithStore          *self,
              gint64              item_id,
              KithTimelineInput  *in,
              gboolean            with_people,
              GError            **error)
{
  gboolean begun;

  if (!kith_timeline_input_check (in, kith_store_now (self), error))
    return FALSE;

  kith_store_lock (self);
  begun = begin_delete (self, item_id, error);
  kith_store_unlock (self);
  if (!begun)
    return FALSE;

  if (!update_item (self, item_id, in, with_people, error))
    {
      kith_store_rollback (self);
      return FALSE;
    }

  return kith_store_commit (self, error);
}

gboolean
kith_timeline_update_input (KithStore          *self,
                            gint64              item_id,
                            KithTimelineInput  *in,
                            GError            **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return update_input (self, item_id, in, FALSE, error);
}

/**
 * kith_timeline_update_input_people:
 * @in: what item @item_id says now, as kith_timeline_update_input() takes it, and who took
 *   part: its participants (a list, maybe empty) replace the item's
 *
 * Returns: %TRUE on success; on error nothing is written
 */
gboolean
kith_timeline_update_input_people (KithStore          *self,
                                   gint64              item_id,
                                   KithTimelineInput  *in,
                                   GError            **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);
  g_return_val_if_fail (in->participants != NULL, FALSE);

  return update_input (self, item_id, in, TRUE, error);
}
