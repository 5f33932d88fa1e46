/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-inbox.h"
#include "kith-mail-private.h"
#include "kith-message.h"
#include "kith-statement.h"

/* The Inbox: inbound mail from contacts still to handle, Done (archived on the server through
 * a queue), Undo and Snooze */

/* A message just marked Done can still be brought back (Undo): a sync leaves it alone this long */
#define ARCHIVE_UNDO_MS (60 * G_GINT64_CONSTANT (1000))

static KithMessage *
read_inbox_row (KithStatement *st)
{
  return g_object_new (KITH_TYPE_MESSAGE,
                       "id", kith_statement_column_int64 (st, 0),
                       "subject", kith_statement_column_text (st, 1),
                       "preview", kith_statement_column_text (st, 2),
                       "date", kith_statement_column_int64 (st, 3),
                       "account", kith_statement_column_text (st, 4),
                       "record-id", kith_statement_column_int64 (st, 5),
                       "sender-name", kith_statement_column_text (st, 6),
                       "sender-address", kith_statement_column_text (st, 7),
                       "message-id", kith_statement_column_text (st, 8),
                       "thread-id", kith_statement_column_text (st, 9),
                       NULL);
}

static GPtrArray *
read_inbox (KithStore  *self,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *out;

  if (!kith_statement_prepare (&st, self,
                               "SELECT t.id, t.subject, t.preview, t.date, m.account, tp.record_id, r.name, tp.value, "
                               "t.message_id, t.thread_id "
                               "FROM mail_messages m JOIN timeline t ON t.id = m.item_id "
                               "LEFT JOIN timeline_people tp ON tp.item_id = t.id AND tp.role = 'from' "
                               "LEFT JOIN records r ON r.id = tp.record_id "
                               "WHERE m.state = 'open' AND m.direction = 'inbound' "
                               "  AND (m.snoozed_until IS NULL OR m.snoozed_until <= ?1) "
                               "ORDER BY m.date DESC, m.id DESC LIMIT 1000",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, kith_store_now (self));

  out = g_ptr_array_new_with_free_func (g_object_unref);
  while (kith_statement_step (&st, NULL))
    g_ptr_array_add (out, read_inbox_row (&st));

  return out;
}

/**
 * kith_store_list_inbox:
 *
 * Returns: (transfer full) (element-type KithMessage): inbound mail from contacts still to
 *   handle, newest first, without bodies; %NULL with @error set
 */
GPtrArray *
kith_store_list_inbox (KithStore   *self,
                       GError     **error)
{
  GPtrArray *out;

  kith_store_lock (self);
  out = read_inbox (self, error);
  kith_store_unlock (self);

  return out;
}

/* Where a message is on the server, from a row that starts with account, folder, uid, message_id */
static KithMailPlace *
read_place (KithStatement *st)
{
  /* The message's own Message-ID, for the server; the key it is stored under, for the queue
   * (not the same for a message that reuses another's Message-ID) */
  const char *key = kith_statement_column_text (st, 3);
  g_autofree char *message_id = key != NULL ? kith_mail_message_id_of_key (key) : NULL;

  return kith_mail_place_new (kith_statement_column_text (st, 0), kith_statement_column_text (st, 1),
                              kith_statement_column_text (st, 2), message_id, key);
}

/* Where the Inbox message of @item_id is, with @out_archive set when Done should archive it;
 * its row in @out_message */
static KithMailPlace *
find_inbox_message (KithStore  *self,
                    gint64      item_id,
                    gint64     *out_message,
                    gboolean   *out_archive,
                    GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "SELECT m.account, m.folder, m.uid, m.message_id, m.id, m.role, "
                                          "coalesce(a.archive, 1) FROM mail_messages m "
                                          "LEFT JOIN mail_accounts a ON a.uid = m.account "
                                          "WHERE m.item_id = ? AND m.state IS NOT NULL", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, item_id);
  if (!kith_statement_step (&st, NULL))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("This message is not in the Inbox"));
      return NULL;
    }

  *out_message = kith_statement_column_int64 (&st, 4);
  /* Still in INBOX on the server, and the account archives on Done */
  *out_archive = g_strcmp0 (kith_statement_column_text (&st, 5), "inbox") == 0 &&
                 kith_statement_column_int64 (&st, 6) != 0;

  return read_place (&st);
}

static gboolean
write_state (KithStore   *self,
             gint64       item_id,
             gboolean     done,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "UPDATE mail_messages SET state = ?, snoozed_until = NULL "
                                          "WHERE item_id = ?", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, done ? "done" : "open");
  kith_statement_bind_int64 (&st, 2, item_id);

  return kith_statement_run (&st, error);
}

/* Done waits in the queue until the server has archived it (kith_store_mail_archive_record());
 * Undo takes it out */
static gboolean
queue_archive (KithStore   *self,
               gint64       message,
               const char  *account,
               GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "INSERT OR IGNORE INTO mail_archive_queue (message, account, queued) "
                                          "VALUES (?1, ?2, ?3)", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, message);
  kith_statement_bind_text (&st, 2, account);
  kith_statement_bind_int64 (&st, 3, kith_store_now (self));

  return kith_statement_run (&st, error);
}

static gboolean
set_done (KithStore      *self,
          gint64          item_id,
          gint64          message,
          gboolean        done,
          gboolean        archive,
          KithMailPlace  *place,
          GError        **error)
{
  if (!kith_store_begin (self, error))
    return FALSE;

  if (!write_state (self, item_id, done, error) ||
      !(done && archive
        ? queue_archive (self, message, kith_mail_place_get_account (place), error)
        : kith_records_run_for_id (self, "DELETE FROM mail_archive_queue WHERE message = ?1", message, error)))
    {
      kith_store_rollback (self);
      return FALSE;
    }
  if (!kith_store_commit (self, error))
    return FALSE;

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return TRUE;
}

/**
 * kith_store_inbox_set_done:
 * @done: %FALSE to bring a message back (Undo)
 *
 * Done puts the message in the queue of messages to archive on the server, unless the account
 * does not archive on Done or it is no longer in INBOX there; Undo takes it out again.
 *
 * @out_place: (out) (optional) (transfer full) (nullable): where the message is on the server,
 *   for the capture service to move it; %NULL when Done does not archive it there
 *
 * Returns: %FALSE with @error set
 */
gboolean
kith_store_inbox_set_done (KithStore      *self,
                           gint64          item_id,
                           gboolean        done,
                           KithMailPlace **out_place,
                           GError        **error)
{
  g_autoptr(KithMailPlace) place = NULL;
  gint64 message = 0;
  gboolean archive = FALSE;
  gboolean ok;

  kith_store_lock (self);
  place = find_inbox_message (self, item_id, &message, &archive, error);
  ok = place != NULL && set_done (self, item_id, message, done, archive, place, error);
  kith_store_unlock (self);

  if (ok && out_place != NULL)
    *out_place = archive ? g_steal_pointer (&place) : NULL;

  return ok;
}

static GPtrArray *
read_archive_pending (KithStore   *self,
                      const char  *account,
                      GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  GPtrArray *out;

  if (!kith_statement_prepare (&st, self, "SELECT m.account, m.folder, m.uid, m.message_id "
                                          "FROM mail_archive_queue q JOIN mail_messages m ON m.id = q.message "
                                          "WHERE q.account = ? AND (q.attempts > 0 OR q.queued <= ?) "
                                          "ORDER BY q.message", error))
    return NULL;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_int64 (&st, 2, kith_store_now (self) - ARCHIVE_UNDO_MS);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_mail_place_free);
  while (kith_statement_step (&st, NULL))
    g_ptr_array_add (out, read_place (&st));

  return out;
}

/**
 * kith_store_mail_archive_pending:
 *
 * Returns: (transfer full) (element-type KithMailPlace): where the messages of @account Done
 *   in Kith and not yet archived on the server are — those that failed, and those Done longer
 *   ago than Undo could take back — oldest first; %NULL with @error set
 */
GPtrArray *
kith_store_mail_archive_pending (KithStore   *self,
                                 const char  *account,
                                 GError     **error)
{
  GPtrArray *out;

  kith_store_lock (self);
  out = read_archive_pending (self, account, error);
  kith_store_unlock (self);

  return out;
}

static gboolean
write_archive_attempt (KithStore            *self,
                       const KithMailPlace  *place,
                       const char           *error_message,
                       GError              **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *sql = error_message == NULL
    ? "DELETE FROM mail_archive_queue WHERE message = "
      "(SELECT id FROM mail_messages WHERE account = ?1 AND message_id = ?2)"
    : "UPDATE mail_archive_queue SET attempts = attempts + 1, last_error = ?3 "
      "WHERE message = (SELECT id FROM mail_messages WHERE account = ?1 AND message_id = ?2)";

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_text (&st, 1, kith_mail_place_get_account (place));
  kith_statement_bind_text (&st, 2, kith_mail_place_get_key (place));
  if (error_message != NULL)
    kith_statement_bind_text (&st, 3, error_message);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_mail_archive_record:
 * @place: as kith_store_inbox_set_done() returns it
 * @error_message: (nullable): why the server did not archive it, or %NULL when it did
 *
 * Records an attempt to archive a message on the server: done, it leaves the queue; failed, it
 * stays there for the next sync, and the account shows the error once it keeps failing.
 */
gboolean
kith_store_mail_archive_record (KithStore            *self,
                                const KithMailPlace  *place,
                                const char           *error_message,
                                GError              **error)
{
  gboolean ok;

  kith_store_lock (self);
  ok = write_archive_attempt (self, place, error_message, error);
  kith_store_unlock (self);

  return ok;
}

static gboolean
write_snooze (KithStore   *self,
              gint64       item_id,
              gint64       until,
              GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, self, "UPDATE mail_messages SET snoozed_until = ? "
                                          "WHERE item_id = ? AND state = 'open'", error))
    return FALSE;
  if (until > 0)
    kith_statement_bind_int64 (&st, 1, until);
  kith_statement_bind_int64 (&st, 2, item_id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (kith_statement_changes (&st) == 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND, _("This message is not in the Inbox"));
      return FALSE;
    }

  kith_store_mark_changed (self, KITH_RECORD_PERSON);
  return TRUE;
}

/**
 * kith_store_inbox_snooze:
 * @until: when the message comes back (ms); 0 brings it back now
 */
gboolean
kith_store_inbox_snooze (KithStore   *self,
                         gint64       item_id,
                         gint64       until,
                         GError     **error)
{
  gboolean ok;

  kith_store_lock (self);
  ok = write_snooze (self, item_id, until, error);
  kith_store_unlock (self);

  return ok;
}
