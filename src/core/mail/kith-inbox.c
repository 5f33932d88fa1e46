/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-inbox.h"
#include "kith-mail-private.h"
#include "kith-statement.h"

/* The Inbox: inbound mail from contacts still to handle, Done (archived on the server through
 * a queue), Undo and Snooze */

/* A message just marked Done can still be brought back (Undo): a sync leaves it alone this long */
#define ARCHIVE_UNDO_MS (60 * G_GINT64_CONSTANT (1000))

static JsonObject *
read_inbox_row (KithStatement *st)
{
  JsonObject *m = json_object_new ();

  json_object_set_int_member (m, "itemId", kith_statement_column_int64 (st, 0));
  kith_statement_set_text_member (st, 1, m, "subject");
  kith_statement_set_text_member (st, 2, m, "preview");
  json_object_set_int_member (m, "date", kith_statement_column_int64 (st, 3));
  kith_statement_set_text_member (st, 4, m, "account");
  if (!kith_statement_column_is_null (st, 5))
    json_object_set_int_member (m, "recordId", kith_statement_column_int64 (st, 5));
  kith_statement_set_text_member (st, 6, m, "name");
  kith_statement_set_text_member (st, 7, m, "from");

  return m;
}

static JsonArray *
read_inbox (KithStore  *self,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonArray *out;

  if (!kith_statement_prepare (&st, self,
                               "SELECT t.id, t.subject, t.preview, t.date, m.account, tp.record_id, r.name, tp.value "
                               "FROM mail_messages m JOIN timeline t ON t.id = m.item_id "
                               "LEFT JOIN timeline_people tp ON tp.item_id = t.id AND tp.role = 'from' "
                               "LEFT JOIN records r ON r.id = tp.record_id "
                               "WHERE m.state = 'open' AND m.direction = 'inbound' "
                               "  AND (m.snoozed_until IS NULL OR m.snoozed_until <= ?1) "
                               "ORDER BY m.date DESC, m.id DESC LIMIT 1000",
                               error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, kith_store_now (self));

  out = json_array_new ();
  while (kith_statement_step (&st, NULL))
    json_array_add_object_element (out, read_inbox_row (&st));

  return out;
}

/**
 * kith_store_list_inbox:
 *
 * Returns: (transfer full): inbound mail from contacts still to handle, newest first:
 *   [{itemId, subject, preview, date, account, recordId, name, from}]
 */
JsonArray *
kith_store_list_inbox (KithStore   *self,
                       GError     **error)
{
  JsonArray *out;

  kith_store_lock (self);
  out = read_inbox (self, error);
  kith_store_unlock (self);

  return out;
}

/* Where a message is on the server, from a row that starts with account, folder, uid, message_id */
static JsonObject *
read_where (KithStatement *st)
{
  JsonObject *where = json_object_new ();

  kith_statement_set_text_member (st, 0, where, "account");
  kith_statement_set_text_member (st, 1, where, "folder");
  kith_statement_set_text_member (st, 2, where, "uid");
  /* The message's own Message-ID, for the server; the key it is stored under, for the queue
   * (not the same for a message that reuses another's Message-ID) */
  kith_statement_set_text_member (st, 3, where, "key");
  if (!kith_statement_column_is_null (st, 3))
    {
      g_autofree char *message_id = kith_mail_message_id_of_key (kith_statement_column_text (st, 3));

      json_object_set_string_member (where, "messageid", message_id);
    }

  return where;
}

/* Where the Inbox message of @item_id is, with `archive` set when Done should archive it;
 * its row in @out_message */
static JsonObject *
find_inbox_message (KithStore  *self,
                    gint64      item_id,
                    gint64     *out_message,
                    GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonObject *where;
  gboolean archive;

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

  where = read_where (&st);
  *out_message = kith_statement_column_int64 (&st, 4);
  /* Still in INBOX on the server, and the account archives on Done */
  archive = g_strcmp0 (kith_statement_column_text (&st, 5), "inbox") == 0 &&
            kith_statement_column_int64 (&st, 6) != 0;
  json_object_set_boolean_member (where, "archive", archive);

  return where;
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
set_done (KithStore   *self,
          gint64       item_id,
          gint64       message,
          gboolean     done,
          JsonObject  *where,
          GError     **error)
{
  gboolean archive = json_object_get_boolean_member (where, "archive");

  if (!kith_store_begin (self, error))
    return FALSE;

  if (!write_state (self, item_id, done, error) ||
      !(done && archive
        ? queue_archive (self, message, json_object_get_string_member (where, "account"), error)
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
 * Returns: (transfer full): where the message is on the server — {account, folder, uid,
 *   messageid, archive} — for the capture service to move it (when `archive`); %NULL with
 *   @error set
 */
JsonObject *
kith_store_inbox_set_done (KithStore   *self,
                           gint64       item_id,
                           gboolean     done,
                           GError     **error)
{
  g_autoptr(JsonObject) where = NULL;
  gint64 message = 0;

  kith_store_lock (self);
  where = find_inbox_message (self, item_id, &message, error);
  if (where != NULL && !set_done (self, item_id, message, done, where, error))
    g_clear_pointer (&where, json_object_unref);
  kith_store_unlock (self);

  return g_steal_pointer (&where);
}

static JsonArray *
read_archive_pending (KithStore   *self,
                      const char  *account,
                      GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  JsonArray *out;

  if (!kith_statement_prepare (&st, self, "SELECT m.account, m.folder, m.uid, m.message_id "
                                          "FROM mail_archive_queue q JOIN mail_messages m ON m.id = q.message "
                                          "WHERE q.account = ? AND (q.attempts > 0 OR q.queued <= ?) "
                                          "ORDER BY q.message", error))
    return NULL;
  kith_statement_bind_text (&st, 1, account);
  kith_statement_bind_int64 (&st, 2, kith_store_now (self) - ARCHIVE_UNDO_MS);

  out = json_array_new ();
  while (kith_statement_step (&st, NULL))
    {
      JsonObject *where = read_where (&st);

      json_object_set_boolean_member (where, "archive", TRUE);
      json_array_add_object_element (out, where);
    }

  return out;
}

/**
 * kith_store_mail_archive_pending:
 *
 * Returns: (transfer full): the messages of @account Done in Kith and not yet archived on the
 *   server — those that failed, and those Done longer ago than Undo could take back — oldest
 *   first, as kith_store_inbox_set_done() describes them; %NULL with @error set
 */
JsonArray *
kith_store_mail_archive_pending (KithStore   *self,
                                 const char  *account,
                                 GError     **error)
{
  JsonArray *out;

  kith_store_lock (self);
  out = read_archive_pending (self, account, error);
  kith_store_unlock (self);

  return out;
}

static gboolean
write_archive_attempt (KithStore   *self,
                       JsonObject  *where,
                       const char  *error_message,
                       GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  const char *sql = error_message == NULL
    ? "DELETE FROM mail_archive_queue WHERE message = "
      "(SELECT id FROM mail_messages WHERE account = ?1 AND message_id = ?2)"
    : "UPDATE mail_archive_queue SET attempts = attempts + 1, last_error = ?3 "
      "WHERE message = (SELECT id FROM mail_messages WHERE account = ?1 AND message_id = ?2)";

  if (!kith_statement_prepare (&st, self, sql, error))
    return FALSE;
  kith_statement_bind_text (&st, 1, json_object_get_string_member_with_default (where, "account", NULL));
  kith_statement_bind_text (&st, 2, json_object_get_string_member_with_default (where, "key", NULL));
  if (error_message != NULL)
    kith_statement_bind_text (&st, 3, error_message);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_mail_archive_record:
 * @where: as kith_store_inbox_set_done() returns it
 * @error_message: (nullable): why the server did not archive it, or %NULL when it did
 *
 * Records an attempt to archive a message on the server: done, it leaves the queue; failed, it
 * stays there for the next sync, and the account shows the error once it keeps failing.
 */
gboolean
kith_store_mail_archive_record (KithStore   *self,
                                JsonObject  *where,
                                const char  *error_message,
                                GError     **error)
{
  gboolean ok;

  kith_store_lock (self);
  ok = write_archive_attempt (self, where, error_message, error);
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
