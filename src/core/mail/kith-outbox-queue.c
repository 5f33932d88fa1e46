/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithOutbox"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "kith-enums.h"
#include "kith-files.h"
#include "kith-json.h"
#include "kith-outbox-address.h"
#include "kith-object-util.h"
#include "kith-outbox-private.h"
#include "kith-outbox-queue.h"
#include "kith-step-complete.h"

/*
 * The Outbox: a draft is queued when Send is pressed — its addresses checked, its attachments
 * copied into Kith's files (the user may move or change theirs before it leaves), its
 * Message-ID and Date fixed — and waits for its send_after (the undo delay) while Undo can
 * take it back. The sender claims it (state `sending`, committed before the SMTP transaction
 * starts) and then says how it went: sent, failed for good, or to be tried again later.
 *
 * Exactly once: a claim is one UPDATE in a transaction, so no two senders ever claim the same
 * message, and only a claimed message can be marked sent. A message found `sending` after a
 * crash stays so — the store cannot know whether the server took it; the sender looks for its
 * Message-ID in the Sent folder before it sends again (docs/mail.md).
 */

/* Each transition from one state to the next: one UPDATE, of a message in state @from only */
typedef struct {
  gint64             id;
  KithOutgoingState  from;
  KithOutgoingState  to;
  const char        *error_text;     /* the server's text, or %NULL to clear it */
  gint64             send_after;     /* 0: as it was */
  gboolean           reset_attempts; /* else attempts + 1 when @to is queued again from sending */
} Transition;

/* Runs @sql, which takes no values */
static gboolean
run_sql (KithStore   *store,
         const char  *sql,
         GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  return kith_statement_prepare (&st, store, sql, error) && kith_statement_run (&st, error);
}

/* A next step's email completes its step in the same transaction as it becomes sent. The
 * message has left by then: a step that cannot be completed (a database error) is said in the
 * log and left, never allowed to undo the "sent" that keeps the message from leaving twice */
static void
complete_step (KithStore *store,
               gint64     outgoing_id)
{
  g_autoptr(GError) error = NULL;

  if (!run_sql (store, "SAVEPOINT complete_step", &error))
    {
      g_warning ("Message %" G_GINT64_FORMAT " was sent; its step was not completed: %s", outgoing_id, error->message);
      return;
    }
  if (!kith_step_complete_sent_locked (store, outgoing_id, &error))
    {
      g_warning ("Message %" G_GINT64_FORMAT " was sent; its step was not completed: %s", outgoing_id, error->message);
      run_sql (store, "ROLLBACK TO complete_step", NULL);
    }
  run_sql (store, "RELEASE complete_step", NULL);
}

static gboolean
transition_write (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  const Transition *tr = data;
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(KithOutgoing) msg = NULL;
  gboolean again = tr->from == KITH_OUTGOING_SENDING && tr->to == KITH_OUTGOING_QUEUED;

  if (!kith_statement_prepare (&st, store,
                               "UPDATE outgoing SET state = ?1, error = ?2, "
                               "send_after = CASE WHEN ?3 > 0 THEN ?3 ELSE send_after END, "
                               "attempts = CASE WHEN ?4 THEN 0 ELSE attempts + ?5 END, updated = ?6 "
                               "WHERE id = ?7 AND state = ?8", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, kith_enum_to_nick (KITH_TYPE_OUTGOING_STATE, tr->to));
  kith_statement_bind_text (&st, 2, tr->error_text);
  kith_statement_bind_int64 (&st, 3, tr->send_after);
  kith_statement_bind_int64 (&st, 4, tr->reset_attempts);
  kith_statement_bind_int64 (&st, 5, again ? 1 : 0);
  kith_statement_bind_int64 (&st, 6, kith_outbox_now (store));
  kith_statement_bind_int64 (&st, 7, tr->id);
  kith_statement_bind_text (&st, 8, kith_enum_to_nick (KITH_TYPE_OUTGOING_STATE, tr->from));
  if (!kith_statement_run (&st, error))
    return FALSE;
  if (kith_statement_changes (&st) > 0)
    {
      if (tr->to == KITH_OUTGOING_SENT)
        complete_step (store, tr->id);
      return TRUE;
    }

  /* Not in state @from: say where it is instead */
  msg = kith_outbox_get_locked (store, tr->id, error);
  return msg != NULL && kith_outbox_check_state (msg, KITH_OUTGOING_MASK (tr->from), error);
}

static gboolean
run_transition (KithStore         *self,
                Transition         tr,
                GError           **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return kith_outbox_write (self, transition_write, &tr, error);
}

/* Whether each address of @field is one; INVALID naming the field and the address when not */
static gboolean
check_addresses (const char          *field,
                 const char * const  *addresses,
                 guint               *n_found,
                 GError             **error)
{
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      if (!kith_outbox_parse_address (addresses[i], NULL, NULL))
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                       /* Translators: a header ("To", "Cc", "Bcc", "From") and what was typed there */
                       _("%s: “%s” is not an email address"), field, addresses[i]);
          return FALSE;
        }
      (*n_found)++;
    }

  return TRUE;
}

static gboolean
check_recipients (KithOutgoing  *msg,
                  GError       **error)
{
  const char *from_address = kith_outgoing_get_from_address (msg);
  const char *from[] = { from_address != NULL ? from_address : "", NULL };
  guint n_from = 0, n_recipients = 0;

  /* The From address too: the Message-ID takes its domain */
  if (!check_addresses ("From", from, &n_from, error) ||
      !check_addresses ("To", kith_outgoing_get_to (msg), &n_recipients, error) ||
      !check_addresses ("Cc", kith_outgoing_get_cc (msg), &n_recipients, error) ||
      !check_addresses ("Bcc", kith_outgoing_get_bcc (msg), &n_recipients, error))
    return FALSE;

  if (n_recipients == 0)
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                           _("To: the message has no recipient"));
      return FALSE;
    }

  return TRUE;
}

typedef struct {
  gint64     id;
  guint      delay_seconds;
  char      *folder;     /* files/outgoing/<id> */
  GPtrArray *made;       /* folders this call made, removed again when it fails */
} QueueJob;

/* Whether the file at @path can be attached: it is there, it is a file and it can be read */
static gboolean
check_readable (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  stream = g_file_read (file, NULL, &local_error);
  if (stream != NULL)
    return TRUE;

  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
               /* Translators: a file's path, and why it cannot be read */
               _("Attachment “%s” cannot be read: %s"), path, local_error->message);
  return FALSE;
}

/* A folder of its own for each copy, @folder/<n>/, so that two files of one name keep their
 * names: the name is what the recipient sees */
static char *
copy_attachment (const char  *folder,
                 GPtrArray   *made,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = kith_files_safe_name (base);
  g_autofree char *dir = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint n = 1; dir == NULL || g_file_test (dir, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *number = g_strdup_printf ("%u", n);

      g_free (dir);
      dir = g_build_filename (folder, number, NULL);
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED,
                   _("Could not make the folder “%s”: %s"), dir, g_strerror (errno));
      return NULL;
    }
  g_ptr_array_add (made, g_strdup (dir));

  dest = g_build_filename (dir, name, NULL);
  target = g_file_new_for_path (dest);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_FAILED,
                   _("Attachment “%s” could not be copied: %s"), path, local_error->message);
      return NULL;
    }

  return g_steal_pointer (&dest);
}

/**
 * kith_outbox_copy_files:
 * @folder: where the copies go: files/outgoing/<id>/ for a message (or a template's folder)
 * @made: the folders made are added here, for the caller to remove when its write fails
 *
 * The attachments as the message will send them: copies in Kith's files. A file copied
 * before (a message queued, then taken back with Undo) is already one. Every file is checked
 * before any is copied, so an unreadable one copies nothing.
 *
 * Returns: (transfer full) (nullable): the copies' paths, or %NULL with @error set
 */
GStrv
kith_outbox_copy_files (const char          *folder,
                        GPtrArray           *made,
                        const char * const  *paths,
                        GError             **error)
{
  g_autoptr(GStrvBuilder) copies = g_strv_builder_new ();
  g_autofree char *prefix = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    if (!check_readable (paths[i], error))
      return NULL;

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *copy = g_str_has_prefix (paths[i], prefix) ? g_strdup (paths[i])
                                                                  : copy_attachment (folder, made, paths[i], error);

      if (copy == NULL)
        return NULL;
      g_strv_builder_add (copies, copy);
    }

  return g_strv_builder_end (copies);
}

static gboolean
write_queued (KithStore     *store,
              KithOutgoing  *msg,
              QueueJob      *job,
              const char    *attachments,
              GError       **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *message_id = kith_outbox_new_message_id (kith_outgoing_get_from_address (msg));
  gint64 now = kith_outbox_now (store);

  if (!kith_statement_prepare (&st, store,
                               "UPDATE outgoing SET state = 'queued', attachments = ?1, message_id = ?2, "
                               "date = ?3, send_after = ?4, attempts = 0, error = NULL, updated = ?3 "
                               "WHERE id = ?5 AND state = 'draft'", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, attachments);
  kith_statement_bind_text (&st, 2, message_id);
  kith_statement_bind_int64 (&st, 3, now);
  kith_statement_bind_int64 (&st, 4, now + (gint64) job->delay_seconds * G_USEC_PER_SEC);
  kith_statement_bind_int64 (&st, 5, job->id);

  return kith_statement_run (&st, error);
}

static gboolean
queue_write (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  QueueJob *job = data;
  g_autoptr(KithOutgoing) msg = kith_outbox_get_locked (store, job->id, error);
  g_auto(GStrv) copies = NULL;
  g_autofree char *attachments = NULL;

  if (msg == NULL || !kith_outbox_check_state (msg, KITH_OUTGOING_MASK (KITH_OUTGOING_DRAFT), error) ||
      !check_recipients (msg, error))
    return FALSE;

  copies = kith_outbox_copy_files (job->folder, job->made, kith_outgoing_get_attachments (msg), error);
  if (copies == NULL)
    return FALSE;
  attachments = kith_json_strv_to_text ((const char * const *) copies);

  return write_queued (store, msg, job, attachments, error);
}

/**
 * kith_store_outgoing_queue:
 * @delay_seconds: how long Undo can take it back before it may leave
 *
 * Puts draft @id in the Outbox: checks that it has a recipient and that every address is one
 * (an INVALID error names the field and the address), copies each attachment into
 * files/outgoing/<id>/ (a file that cannot be read is an INVALID error naming it), fixes its
 * Message-ID and Date, and lets it leave after @delay_seconds. When it fails nothing changed:
 * the message is still the draft it was, and no file was copied.
 */
gboolean
kith_store_outgoing_queue (KithStore  *self,
                           gint64      id,
                           guint       delay_seconds,
                           GError    **error)
{
  QueueJob job = { id, delay_seconds, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  job.folder = kith_outbox_dup_folder (self, id);
  job.made = g_ptr_array_new_with_free_func (g_free);
  ok = kith_outbox_write (self, queue_write, &job, error);
  if (!ok)
    {
      for (guint i = 0; i < job.made->len; i++)
        kith_outbox_remove_folder (job.made->pdata[i]);
      g_rmdir (job.folder);   /* only when nothing else is in it */
    }

  g_ptr_array_unref (job.made);
  g_free (job.folder);
  return ok;
}

/**
 * kith_store_outgoing_unqueue:
 *
 * Undo: takes queued message @id back to the drafts. A CONFLICT error once it has started to
 * leave (claimed, sent or failed).
 */
gboolean
kith_store_outgoing_unqueue (KithStore  *self,
                             gint64      id,
                             GError    **error)
{
  return run_transition (self, (Transition) { id, KITH_OUTGOING_QUEUED, KITH_OUTGOING_DRAFT }, error);
}

static gboolean
claim_write (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  gpointer *io = data;
  gint64 now = *(gint64 *) io[0];
  gint64 id;

  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    if (!kith_statement_prepare (&st, store,
                                 "UPDATE outgoing SET state = 'sending', updated = ?2 WHERE id = "
                                 "(SELECT id FROM outgoing WHERE state = 'queued' AND send_after <= ?1 "
                                 " ORDER BY send_after, id LIMIT 1) RETURNING id", error))
      return FALSE;
    kith_statement_bind_int64 (&st, 1, now);
    kith_statement_bind_int64 (&st, 2, kith_outbox_now (store));
    id = kith_statement_get_int64 (&st, error);
    if (kith_statement_failed (&st))
      return FALSE;
  }

  if (id != 0)
    io[1] = kith_outbox_get_locked (store, id, error);

  return id == 0 || io[1] != NULL;
}

/**
 * kith_store_outgoing_claim:
 * @now: µs since the epoch
 *
 * Takes the next queued message due by @now (the earliest send_after first) and marks it
 * `sending`, committed before this returns: call it just before the SMTP transaction starts.
 * Two callers never get the same message.
 *
 * Returns: (transfer full) (nullable): the message claimed; %NULL when none is due, or with
 *   @error set
 */
KithOutgoing *
kith_store_outgoing_claim (KithStore  *self,
                           gint64      now,
                           GError    **error)
{
  gpointer io[2] = { &now, NULL };

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  if (!kith_outbox_write (self, claim_write, io, error))
    {
      g_clear_object ((KithOutgoing **) &io[1]);
      return NULL;
    }

  return io[1];
}

/**
 * kith_store_outgoing_set_sent:
 *
 * The server accepted claimed message @id.
 */
gboolean
kith_store_outgoing_set_sent (KithStore  *self,
                              gint64      id,
                              GError    **error)
{
  return run_transition (self, (Transition) { id, KITH_OUTGOING_SENDING, KITH_OUTGOING_SENT }, error);
}

/**
 * kith_store_outgoing_set_failed:
 * @error_text: the server's text, shown on the message
 *
 * The server refused claimed message @id for good (5xx, a recipient rejected).
 */
gboolean
kith_store_outgoing_set_failed (KithStore   *self,
                                gint64       id,
                                const char  *error_text,
                                GError     **error)
{
  return run_transition (self,
                         (Transition) { id, KITH_OUTGOING_SENDING, KITH_OUTGOING_FAILED, error_text },
                         error);
}

/**
 * kith_store_outgoing_retry_later:
 * @error_text: what went wrong this time
 * @send_after: when to try again, µs since the epoch
 *
 * Claimed message @id did not leave for a reason that may pass (4xx, a connection lost,
 * offline): queued again, one attempt more, until @send_after.
 */
gboolean
kith_store_outgoing_retry_later (KithStore   *self,
                                 gint64       id,
                                 const char  *error_text,
                                 gint64       send_after,
                                 GError     **error)
{
  g_return_val_if_fail (send_after > 0, FALSE);

  return run_transition (self,
                         (Transition) { id, KITH_OUTGOING_SENDING, KITH_OUTGOING_QUEUED, error_text, send_after },
                         error);
}

/**
 * kith_store_outgoing_retry:
 *
 * Retry: failed message @id back in the Outbox, due now, its attempts counted afresh.
 */
gboolean
kith_store_outgoing_retry (KithStore  *self,
                           gint64      id,
                           GError    **error)
{
  return run_transition (self,
                         (Transition) { id, KITH_OUTGOING_FAILED, KITH_OUTGOING_QUEUED, NULL,
                                        kith_outbox_now (self), TRUE },
                         error);
}

/**
 * kith_store_outgoing_next_due:
 *
 * Returns: the earliest send_after of a queued message (µs since the epoch), when the sender
 *   should wake; 0 when nothing is queued, or with @error set
 */
gint64
kith_store_outgoing_next_due (KithStore  *self,
                              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 due = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_store_lock (self);
  if (kith_statement_prepare (&st, self, "SELECT ifnull (min (send_after), 0) FROM outgoing WHERE state = 'queued'",
                              error))
    due = kith_statement_get_int64 (&st, error);
  kith_statement_clear (&st);
  kith_store_unlock (self);

  return due;
}
