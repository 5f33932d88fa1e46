/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithOutbox"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kith-enums.h"
#include "kith-files.h"
#include "kith-json.h"
#include "kith-object-util.h"
#include "kith-outbox-private.h"

/*
 * The Outbox's drafts: a message the user writes is a row of `outgoing` from its first
 * keystroke, saved again and again while it is a draft, read back as a KithOutgoing, listed
 * for the Drafts and the Outbox, and discarded with the copies of its attachments. Sending —
 * queue, claim and the server's answer — is in kith-outbox-queue.c; docs/mail.md tells the
 * states and the rule that a message leaves exactly once.
 *
 * Every write is a transaction of its own: the store announces it (KithStore::changed, with
 * KITH_STORE_AREA_OUTGOING) when it commits.
 */

#define COLUMNS "id, state, account, from_address, from_name, to_addresses, cc_addresses, " \
                "bcc_addresses, subject, body_text, body_html, attachments, in_reply_to, refs, " \
                "message_id, date, send_after, attempts, error, updated, completes_step_person, " \
                "completes_step_key"

/* µs since the epoch, from the store's clock (ms) so that tests can set it */
gint64
kith_outbox_now (KithStore *store)
{
  return kith_store_now (store) * 1000;
}

static KithOutgoing *
read_row (KithStatement *st)
{
  g_auto(GStrv) to = kith_json_text_to_strv (kith_statement_column_text (st, 5));
  g_auto(GStrv) cc = kith_json_text_to_strv (kith_statement_column_text (st, 6));
  g_auto(GStrv) bcc = kith_json_text_to_strv (kith_statement_column_text (st, 7));
  g_auto(GStrv) attachments = kith_json_text_to_strv (kith_statement_column_text (st, 11));

  return g_object_new (KITH_TYPE_OUTGOING,
                       "id", kith_statement_column_int64 (st, 0),
                       "state", kith_enum_from_nick (KITH_TYPE_OUTGOING_STATE, kith_statement_column_text (st, 1)),
                       "account", kith_statement_column_text (st, 2),
                       "from-address", kith_statement_column_text (st, 3),
                       "from-name", kith_statement_column_text (st, 4),
                       "to", to,
                       "cc", cc,
                       "bcc", bcc,
                       "subject", kith_statement_column_text (st, 8),
                       "body-text", kith_statement_column_text (st, 9),
                       "body-html", kith_statement_column_text (st, 10),
                       "attachments", attachments,
                       "in-reply-to", kith_statement_column_text (st, 12),
                       "references", kith_statement_column_text (st, 13),
                       "message-id", kith_statement_column_text (st, 14),
                       "date", kith_statement_column_int64 (st, 15),
                       "send-after", kith_statement_column_int64 (st, 16),
                       "attempts", (guint) kith_statement_column_int64 (st, 17),
                       "error", kith_statement_column_text (st, 18),
                       "updated", kith_statement_column_int64 (st, 19),
                       "completes-step-person", kith_statement_column_int64 (st, 20),
                       "completes-step-key", kith_statement_column_text (st, 21),
                       NULL);
}

/* With the store's lock held: message @id, or %NULL with NOT_FOUND */
KithOutgoing *
kith_outbox_get_locked (KithStore  *store,
                        gint64      id,
                        GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store, "SELECT " COLUMNS " FROM outgoing WHERE id = ?", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, id);
  if (kith_statement_has_row (&st, error))
    return read_row (&st);
  if (!kith_statement_failed (&st))
    g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND,
                 _("There is no outgoing message #%" G_GINT64_FORMAT), id);

  return NULL;
}

static const char *
describe_state (KithOutgoingState state)
{
  switch (state)
    {
    case KITH_OUTGOING_DRAFT: return _("a draft");
    case KITH_OUTGOING_QUEUED: return _("waiting in the Outbox");
    case KITH_OUTGOING_SENDING: return _("being sent");
    case KITH_OUTGOING_SENT: return _("sent");
    case KITH_OUTGOING_FAILED: return _("failed");
    default: g_return_val_if_reached ("?");
    }
}

/* Whether @msg is in one of the states of @states_mask; a CONFLICT error saying where it is
 * when it is not */
gboolean
kith_outbox_check_state (KithOutgoing  *msg,
                         guint          states_mask,
                         GError       **error)
{
  KithOutgoingState state = kith_outgoing_get_state (msg);

  if ((states_mask & KITH_OUTGOING_MASK (state)) != 0)
    return TRUE;

  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
               /* Translators: the second %s is "a draft", "being sent", "sent"… */
               _("Message #%" G_GINT64_FORMAT " is %s"), kith_outgoing_get_id (msg), describe_state (state));
  return FALSE;
}

/**
 * kith_store_outgoing_get:
 *
 * Returns: (transfer full) (nullable): message @id, or %NULL with @error set
 */
KithOutgoing *
kith_store_outgoing_get (KithStore  *self,
                         gint64      id,
                         GError    **error)
{
  KithOutgoing *msg;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  msg = kith_outbox_get_locked (self, id, error);
  kith_store_unlock (self);

  return msg;
}

static char *
states_to_json (guint states_mask)
{
  g_autoptr(GStrvBuilder) nicks = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint s = KITH_OUTGOING_DRAFT; s <= KITH_OUTGOING_FAILED; s++)
    if ((states_mask & KITH_OUTGOING_MASK (s)) != 0)
      g_strv_builder_add (nicks, kith_enum_to_nick (KITH_TYPE_OUTGOING_STATE, s));
  strv = g_strv_builder_end (nicks);

  return kith_json_strv_to_text ((const char * const *) strv);
}

/**
 * kith_store_outgoing_list:
 * @states_mask: the states wanted: `KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT) | …`
 *
 * Returns: (transfer full) (element-type KithOutgoing) (nullable): the messages in those
 *   states, the last written first, or %NULL with @error set
 */
GPtrArray *
kith_store_outgoing_list (KithStore  *self,
                          guint       states_mask,
                          GError    **error)
{
  g_autofree char *states = states_to_json (states_mask);

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return kith_outbox_read_rows (self,
                                "SELECT " COLUMNS " FROM outgoing "
                                "WHERE state IN (SELECT value FROM json_each (?)) "
                                "ORDER BY updated DESC, id DESC",
                                states, (KithOutboxReadRow) read_row, error);
}

/**
 * kith_store_outgoing_list_unfiled:
 *
 * The sender files a message in Sent and logs it on the timeline after it has committed it
 * `sent`, behind the next message's SMTP transaction: Kith may quit in between. Those it did
 * not get to are the `sent` messages the mail index does not know yet.
 *
 * Returns: (transfer full) (element-type KithOutgoing) (nullable): the `sent` messages not in
 *   the mail index, or %NULL with @error set
 */
GPtrArray *
kith_store_outgoing_list_unfiled (KithStore  *self,
                                  GError    **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  return kith_outbox_read_rows (self,
                                "SELECT " COLUMNS " FROM outgoing o WHERE state = ?1 AND NOT EXISTS "
                                "(SELECT 1 FROM mail_messages m WHERE m.account = o.account "
                                " AND m.message_id = o.message_id) "
                                "ORDER BY id",
                                "sent", (KithOutboxReadRow) read_row, error);
}

/**
 * kith_outbox_read_rows:
 * @sql: a query of one text parameter
 * @read_row: makes an object of each row
 *
 * Returns: (transfer full) (element-type GObject) (nullable): the objects of the rows @sql
 *   finds, in order; %NULL with @error set
 */
GPtrArray *
kith_outbox_read_rows (KithStore          *store,
                       const char         *sql,
                       const char         *param,
                       KithOutboxReadRow   read_row,
                       GError            **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  kith_store_lock (store);
  ok = kith_statement_prepare (&st, store, sql, error);
  if (ok)
    {
      kith_statement_bind_text (&st, 1, param);
      while (kith_statement_step (&st, error))
        g_ptr_array_add (list, read_row (&st));
      ok = !kith_statement_failed (&st);
    }
  kith_statement_clear (&st);
  kith_store_unlock (store);

  return ok ? g_steal_pointer (&list) : NULL;
}

/**
 * kith_outbox_write:
 * @write: the writes, run with the store's lock held in a transaction
 *
 * Runs @write in a transaction of its own: committed when it returns %TRUE, rolled back when
 * it fails.
 */
gboolean
kith_outbox_write (KithStore       *store,
                   KithOutboxWrite  write,
                   gpointer         data,
                   GError         **error)
{
  if (!kith_store_begin (store, error))
    return FALSE;

  if (!write (store, data, error))
    {
      kith_store_rollback (store);
      return FALSE;
    }

  return kith_store_commit (store, error);
}

static gboolean
check_length (const char  *field,
              const char  *text,
              gsize        max,
              GError     **error)
{
  if (text == NULL || strlen (text) <= max)
    return TRUE;

  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
               /* Translators: a field of a message, e.g. "subject", and the most bytes it takes */
               _("The %s is too long: at most %" G_GSIZE_FORMAT " bytes"), field, max);
  return FALSE;
}

static gboolean
check_draft (KithOutgoing  *msg,
             GError       **error)
{
  if (kith_outgoing_get_state (msg) != KITH_OUTGOING_DRAFT)
    return kith_outbox_check_state (msg, KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT), error);

  return check_length ("subject", kith_outgoing_get_subject (msg), KITH_MAX_TEXT, error) &&
         check_length ("body-text", kith_outgoing_get_body_text (msg), KITH_MAX_LONG_TEXT, error) &&
         check_length ("body-html", kith_outgoing_get_body_html (msg), 4 * KITH_MAX_LONG_TEXT, error);
}

/* Binds the draft's own columns, ?1 to ?15; the rest is the Outbox's to set */
static void
bind_draft (KithStatement *st,
            KithOutgoing  *msg,
            gint64         updated)
{
  const char * const *lists[] = {
    kith_outgoing_get_to (msg), kith_outgoing_get_cc (msg), kith_outgoing_get_bcc (msg),
  };

  kith_statement_bind_text (st, 1, kith_outgoing_get_account (msg));
  kith_statement_bind_text (st, 2, kith_outgoing_get_from_address (msg));
  kith_statement_bind_text (st, 3, kith_outgoing_get_from_name (msg));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *json = kith_json_strv_to_text (lists[i]);

      kith_statement_bind_text (st, 4 + i, json);
    }
  kith_statement_bind_text (st, 7, kith_outgoing_get_subject (msg));
  kith_statement_bind_text (st, 8, kith_outgoing_get_body_text (msg));
  kith_statement_bind_text (st, 9, kith_outgoing_get_body_html (msg));
  {
    g_autofree char *json = kith_json_strv_to_text (kith_outgoing_get_attachments (msg));

    kith_statement_bind_text (st, 10, json);
  }
  kith_statement_bind_text (st, 11, kith_outgoing_get_in_reply_to (msg));
  kith_statement_bind_text (st, 12, kith_outgoing_get_references (msg));
  kith_statement_bind_int64 (st, 13, updated);
  /* NULL, not 0: the column refers to a record */
  if (kith_outgoing_get_completes_step_person (msg) != 0)
    kith_statement_bind_int64 (st, 14, kith_outgoing_get_completes_step_person (msg));
  else
    kith_statement_bind_null (st, 14);
  kith_statement_bind_text (st, 15, kith_outgoing_get_completes_step_key (msg));
}

typedef struct {
  KithOutgoing *msg;
  gint64        id;
  gint64        updated;
} SaveJob;

static gboolean
insert_draft (KithStore  *store,
              SaveJob    *job,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "INSERT INTO outgoing (account, from_address, from_name, to_addresses, "
                               "cc_addresses, bcc_addresses, subject, body_text, body_html, attachments, "
                               "in_reply_to, refs, updated, completes_step_person, completes_step_key) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", error))
    return FALSE;
  bind_draft (&st, job->msg, job->updated);
  if (!kith_statement_run (&st, error))
    return FALSE;

  job->id = kith_statement_last_insert_id (&st);
  return TRUE;
}

/* Only while it is a draft: a message that has left for the Outbox is not written over by
 * the composer's last autosave */
static gboolean
update_draft (KithStore  *store,
              SaveJob    *job,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(KithOutgoing) stored = NULL;

  if (!kith_statement_prepare (&st, store,
                               "UPDATE outgoing SET account = ?1, from_address = ?2, from_name = ?3, "
                               "to_addresses = ?4, cc_addresses = ?5, bcc_addresses = ?6, subject = ?7, "
                               "body_text = ?8, body_html = ?9, attachments = ?10, in_reply_to = ?11, "
                               "refs = ?12, updated = ?13, completes_step_person = ?14, completes_step_key = ?15 "
                               "WHERE id = ?16 AND state = 'draft'", error))
    return FALSE;
  bind_draft (&st, job->msg, job->updated);
  kith_statement_bind_int64 (&st, 16, job->id);
  if (!kith_statement_run (&st, error))
    return FALSE;
  if (kith_statement_changes (&st) > 0)
    return TRUE;

  stored = kith_outbox_get_locked (store, job->id, error);
  return stored != NULL && kith_outbox_check_state (stored, KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT), error);
}

static gboolean
save_write (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  SaveJob *job = data;

  return job->id == 0 ? insert_draft (store, job, error) : update_draft (store, job, error);
}

/**
 * kith_store_outgoing_save:
 * @msg: a draft: new (id 0) or read from the store
 *
 * Inserts or updates the draft @msg: its addresses, subject, bodies, attachments and reply
 * headers. Refuses a message that is not a draft, here or in the store (it has been queued
 * since it was read). Sets @msg's id and updated time.
 *
 * Returns: its id, or 0 with @error set
 */
gint64
kith_store_outgoing_save (KithStore     *self,
                          KithOutgoing  *msg,
                          GError       **error)
{
  SaveJob job = { msg, 0, 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), 0);
  g_return_val_if_fail (KITH_IS_OUTGOING (msg), 0);

  if (!check_draft (msg, error))
    return 0;

  job.id = kith_outgoing_get_id (msg);
  job.updated = kith_outbox_now (self);
  if (!kith_outbox_write (self, save_write, &job, error))
    return 0;

  kith_outgoing_set_id (msg, job.id);
  kith_outgoing_set_updated (msg, job.updated);
  return job.id;
}

/**
 * kith_outbox_dup_folder:
 *
 * Returns: (transfer full): where the attachments of message @id are copied when it is queued:
 *   files/outgoing/<id>/ next to the database
 */
char *
kith_outbox_dup_folder (KithStore *store,
                        gint64     id)
{
  g_autofree char *files = kith_files_dup_folder (store);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  return g_build_filename (files, "outgoing", name, NULL);
}

/* Removes @folder and what is in it; Kith made all of it, so nothing in it is a link to
 * follow */
void
kith_outbox_remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        kith_outbox_remove_folder (child);
      else if (g_unlink (child) != 0)
        g_warning ("Could not remove %s: %s", child, g_strerror (errno));
    }
  g_rmdir (folder);
}

static gboolean
discard_write (KithStore  *store,
               gpointer    data,
               GError    **error)
{
  gint64 id = *(gint64 *) data;
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(KithOutgoing) msg = kith_outbox_get_locked (store, id, error);

  if (msg == NULL ||
      !kith_outbox_check_state (msg, KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT) | KITH_OUTGOING_MASK (KITH_OUTGOING_FAILED),
                                error))
    return FALSE;

  if (!kith_statement_prepare (&st, store, "DELETE FROM outgoing WHERE id = ?", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, id);

  return kith_statement_run (&st, error);
}

/**
 * kith_store_outgoing_discard:
 *
 * Deletes draft or failed message @id and the copies of its attachments. A message queued,
 * being sent or sent stays: unqueue it first.
 */
gboolean
kith_store_outgoing_discard (KithStore  *self,
                             gint64      id,
                             GError    **error)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if (!kith_outbox_write (self, discard_write, &id, error))
    return FALSE;

  /* After the commit: a row that stayed keeps its files */
  folder = kith_outbox_dup_folder (self, id);
  kith_outbox_remove_folder (folder);
  return TRUE;
}

/**
 * kith_store_outgoing_release_files:
 *
 * Removes the copies of sent message @id's attachments (files/outgoing/<id>/): once it is
 * filed in Sent and on the timeline, nothing composes it again, and its copy in Sent has them.
 * A message in any other state keeps them.
 */
gboolean
kith_store_outgoing_release_files (KithStore  *self,
                                   gint64      id,
                                   GError    **error)
{
  g_autoptr(KithOutgoing) msg = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  if ((msg = kith_store_outgoing_get (self, id, error)) == NULL ||
      !kith_outbox_check_state (msg, KITH_OUTGOING_MASK (KITH_OUTGOING_SENT), error))
    return FALSE;

  folder = kith_outbox_dup_folder (self, id);
  kith_outbox_remove_folder (folder);
  return TRUE;
}
