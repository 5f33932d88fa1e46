/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMerge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-enums.h"
#include "kith-mail-merge-private.h"
#include "kith-mail-merge-run.h"
#include "kith-object-util.h"
#include "kith-outbox-private.h"
#include "kith-outbox-queue.h"

/*
 * Running a mail merge (docs/merge.md). Its recipients go to the Outbox in batches, each batch
 * one transaction: a recipient's message is saved and queued (send_after = its time) and the
 * recipient marked `queued` with the message's id in the same transaction. So a crash or a
 * kill leaves either both or neither — a recipient is never queued twice nor skipped — and the
 * Outbox's sender sends each message exactly once. The merge then follows its messages:
 * `sent` and `failed` (with the server's text) are read back from the Outbox on demand.
 *
 * Every call here is blocking: run it on the store's worker.
 */

#define BATCH 100

/* A text part of an HTML body: its text without the tags, the common entities read */
char *
kith_merge_html_to_text (const char *html)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        {
          if (g_ascii_strncasecmp (p, "<br", 3) == 0 || g_ascii_strncasecmp (p, "</p", 3) == 0 ||
              g_ascii_strncasecmp (p, "</li", 4) == 0 || g_ascii_strncasecmp (p, "</div", 5) == 0)
            g_string_append_c (text, '\n');
          in_tag = TRUE;
        }
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (text, *p);
    }

  g_string_replace (text, "&lt;", "<", 0);
  g_string_replace (text, "&gt;", ">", 0);
  g_string_replace (text, "&quot;", "\"", 0);
  g_string_replace (text, "&#39;", "'", 0);
  g_string_replace (text, "&nbsp;", " ", 0);
  g_string_replace (text, "&amp;", "&", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct {
  KithStore            *store;
  KithMergeRow         *row;
  KithTemplate         *template;
  KithCompiledTemplate *compiled;
  KithTemplateValues   *values;
} Runner;

static KithOutgoing *
compose (Runner      *r,
         const char  *address,
         const char  *subject,
         const char  *body)
{
  KithOutgoing *msg = kith_outgoing_new ();
  const char *to[] = { address, NULL };

  kith_outgoing_set_account (msg, r->row->account);
  kith_outgoing_set_from_address (msg, r->row->from_address);
  kith_outgoing_set_from_name (msg, r->row->from_name);
  kith_outgoing_set_to (msg, to);
  kith_outgoing_set_subject (msg, subject);
  if (kith_compiled_template_is_html (r->compiled))
    {
      g_autofree char *text = kith_merge_html_to_text (body);

      kith_outgoing_set_body_html (msg, body);
      kith_outgoing_set_body_text (msg, text);
    }
  else
    kith_outgoing_set_body_text (msg, body);
  kith_outgoing_set_attachments (msg, kith_template_get_attachments (r->template));

  return msg;
}

static gboolean
mark_recipient (KithStore   *store,
                gint64       merge_id,
                gint64       position,
                const char  *state,
                const char  *exclusion,
                const char  *detail,
                gint64       outgoing_id,
                GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "UPDATE mail_merge_recipients SET state = ?1, exclusion = ?2, detail = ?3, "
                               "outgoing_id = nullif (?4, 0) WHERE merge_id = ?5 AND position = ?6", error))
    return FALSE;
  kith_statement_bind_text (&st, 1, state);
  kith_statement_bind_text (&st, 2, exclusion);
  kith_statement_bind_text (&st, 3, detail);
  kith_statement_bind_int64 (&st, 4, outgoing_id);
  kith_statement_bind_int64 (&st, 5, merge_id);
  kith_statement_bind_int64 (&st, 6, position);
  return kith_statement_run (&st, error);
}

/* One recipient into the Outbox, inside the batch's transaction. A person changed since the
 * review so that a field is now empty is left out then, named. */
static gboolean
queue_one (Runner      *r,
           gint64       position,
           gint64       person_id,
           const char  *address,
           gint64       send_at,
           GError     **error)
{
  g_autoptr(GString) subject = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(KithOutgoing) msg = NULL;
  gint64 now = kith_store_now (r->store);
  guint delay = send_at > now ? (guint) ((send_at - now + 999) / 1000) : 0;
  gint64 id;

  if (!kith_store_template_fill_person (r->store, person_id, r->values, error))
    return FALSE;
  kith_compiled_template_render (r->compiled, r->values, subject, body, empty);
  if (empty->len > 0)
    {
      g_autofree char *detail = NULL;

      g_ptr_array_add (empty, NULL);
      detail = g_strjoinv (", ", (char **) empty->pdata);
      return mark_recipient (r->store, r->row->id, position, "excluded", "empty-field", detail, 0, error);
    }

  msg = compose (r, address, subject->str, body->str);
  id = kith_store_outgoing_save (r->store, msg, error);

  return id != 0 &&
         kith_store_outgoing_queue (r->store, id, delay, error) &&
         mark_recipient (r->store, r->row->id, position, "queued", "none", NULL, id, error);
}

/* The next batch of pending recipients; how many there were, or -1 with @error set */
static int
queue_batch_write (Runner  *r,
                   GError **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!kith_statement_prepare (&st, r->store,
                               "SELECT position, ifnull (person_id, 0), address, send_at FROM mail_merge_recipients "
                               "WHERE merge_id = ? AND state = 'pending' ORDER BY position LIMIT ?", error))
    return -1;
  kith_statement_bind_int64 (&st, 1, r->row->id);
  kith_statement_bind_int64 (&st, 2, BATCH);
  while (kith_statement_step (&st, error))
    {
      gint64 v[3] = { kith_statement_column_int64 (&st, 0), kith_statement_column_int64 (&st, 1),
                      kith_statement_column_int64 (&st, 3) };

      g_array_append_val (positions, v[0]);
      g_array_append_val (people, v[1]);
      g_array_append_val (times, v[2]);
      g_ptr_array_add (addresses, kith_statement_dup_text (&st, 2));
    }
  if (kith_statement_failed (&st))
    return -1;
  kith_statement_clear (&st);

  for (guint i = 0; i < positions->len; i++)
    {
      gint64 position = g_array_index (positions, gint64, i);
      gint64 person = g_array_index (people, gint64, i);

      /* A person deleted since the review has no one to write to */
      if (person == 0 ? !mark_recipient (r->store, r->row->id, position, "excluded", "no-email", NULL, 0, error)
                      : !queue_one (r, position, person, addresses->pdata[i], g_array_index (times, gint64, i), error))
        return -1;
    }

  return positions->len;
}

static int
queue_batch (KithStore     *store,
             KithMergeRow  *row,
             GError       **error)
{
  g_autoptr(KithTemplate) template = NULL;
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  Runner r = { store, row, NULL, NULL, NULL };
  int n;

  if (!kith_store_begin (store, error))
    return -1;

  r.compiled = compiled = kith_merge_compile_locked (store, row, &template, &values, error);
  r.template = template;
  r.values = values;
  n = compiled != NULL ? queue_batch_write (&r, error) : -1;
  if (n < 0)
    {
      kith_store_rollback (store);
      return -1;
    }

  return kith_store_commit (store, error) ? n : -1;
}

typedef struct {
  gint64          merge_id;
  KithMergeState  state;
} StateChange;

static gboolean
set_state_write (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  StateChange *change = data;

  return kith_merge_set_state_locked (store, change->merge_id, change->state, error);
}

static gboolean
set_state (KithStore       *store,
           gint64           merge_id,
           KithMergeState   state,
           GError         **error)
{
  StateChange change = { merge_id, state };

  return kith_outbox_write (store, set_state_write, &change, error);
}

static gboolean
check_merge_state (KithMergeRow  *row,
                   guint          allowed,
                   GError       **error)
{
  if ((allowed & (1u << row->state)) != 0)
    return TRUE;

  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT,
               /* Translators: the merge's state: "draft", "running", "paused", "cancelled", "finished" */
               _("Mail merge #%" G_GINT64_FORMAT " is %s"), row->id,
               kith_enum_to_nick (KITH_TYPE_MERGE_STATE, row->state));
  return FALSE;
}

/* Queues every pending recipient, batch by batch; how many, or -1 with @error set */
static int
run (KithStore     *store,
     KithMergeRow  *row,
     GError       **error)
{
  int total = 0;
  int n;

  if (!set_state (store, row->id, KITH_MERGE_RUNNING, error))
    return -1;

  while ((n = queue_batch (store, row, error)) > 0)
    total += n;
  if (n < 0)
    return -1;

  return kith_store_mail_merge_follow (store, row->id, error) ? total : -1;
}

static gboolean
read_row (KithStore     *store,
          gint64         merge_id,
          KithMergeRow  *row,
          GError       **error)
{
  gboolean ok;

  kith_store_lock (store);
  ok = kith_merge_read_locked (store, merge_id, row, error);
  kith_store_unlock (store);

  return ok;
}

/**
 * kith_store_mail_merge_start:
 *
 * Starts merge @merge_id, under review until now: each recipient not left out goes to the
 * Outbox, to leave at its time.
 *
 * Returns: how many recipients were queued, or -1 with @error set
 */
int
kith_store_mail_merge_start (KithStore  *self,
                             gint64      merge_id,
                             GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), -1);

  if (!read_row (self, merge_id, &row, error) ||
      !check_merge_state (&row, 1u << KITH_MERGE_DRAFT, error))
    return -1;

  return run (self, &row, error);
}

static gboolean
has_pending (KithStore  *store,
             gint64      merge_id,
             gboolean   *out_pending,
             GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean ok;

  kith_store_lock (store);
  ok = kith_statement_prepare (&st, store,
                               "SELECT 1 FROM mail_merge_recipients WHERE merge_id = ? AND state = 'pending' LIMIT 1",
                               error);
  if (ok)
    {
      kith_statement_bind_int64 (&st, 1, merge_id);
      *out_pending = kith_statement_has_row (&st, error);
      ok = !kith_statement_failed (&st);
    }
  kith_statement_clear (&st);
  kith_store_unlock (store);

  return ok;
}

/**
 * kith_store_mail_merge_go_on:
 *
 * Queues what a running merge still has pending. Start and Resume queue every pending
 * recipient, batch by batch; a process stopped between two batches (a kill, a crash) leaves a
 * running merge with recipients pending and no message for them: they go to the Outbox now,
 * each once (a batch is one transaction). Nothing to do for a merge in another state.
 *
 * Returns: how many were queued, or -1 with @error set
 */
int
kith_store_mail_merge_go_on (KithStore  *self,
                             gint64      merge_id,
                             GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };
  gboolean pending = FALSE;
  int total = 0;
  int n;

  g_return_val_if_fail (KITH_IS_STORE (self), -1);

  if (!read_row (self, merge_id, &row, error) || !has_pending (self, merge_id, &pending, error))
    return -1;
  if (row.state != KITH_MERGE_RUNNING || !pending)
    return 0;

  while ((n = queue_batch (self, &row, error)) > 0)
    total += n;
  return n < 0 ? -1 : total;
}

static gboolean
follow_write (KithStore  *store,
              gint64      merge_id,
              GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_auto(KithStatement) done = KITH_STATEMENT_INIT;

  if (!kith_statement_prepare (&st, store,
                               "UPDATE mail_merge_recipients AS r SET state = o.state, detail = o.error "
                               "FROM outgoing AS o WHERE r.merge_id = ?1 AND r.state = 'queued' "
                               "AND o.id = r.outgoing_id AND o.state IN ('sent','failed')", error))
    return FALSE;
  kith_statement_bind_int64 (&st, 1, merge_id);
  if (!kith_statement_run (&st, error))
    return FALSE;

  if (!kith_statement_prepare (&done, store,
                               "UPDATE mail_merges SET state = 'finished', changed = ?2 WHERE id = ?1 "
                               "AND state = 'running' AND NOT EXISTS (SELECT 1 FROM mail_merge_recipients "
                               " WHERE merge_id = ?1 AND state IN ('pending','queued'))", error))
    return FALSE;
  kith_statement_bind_int64 (&done, 1, merge_id);
  kith_statement_bind_int64 (&done, 2, kith_store_now (store));
  return kith_statement_run (&done, error);
}

static gboolean
follow_write_cb (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  return follow_write (store, *(gint64 *) data, error);
}

/**
 * kith_store_mail_merge_follow:
 *
 * Reads the states of the merge's messages back from the Outbox: a recipient whose message
 * was sent is `sent`, one whose message failed `failed` with the server's text. A running
 * merge with nothing left to send is finished.
 */
gboolean
kith_store_mail_merge_follow (KithStore  *self,
                              gint64      merge_id,
                              GError    **error)
{
  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return kith_outbox_write (self, follow_write_cb, &merge_id, error);
}

/* The merge's messages still waiting in the Outbox (not claimed by a sender) */
static GArray *
list_unsent_locked (KithStore  *store,
                    gint64      merge_id,
                    GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!kith_statement_prepare (&st, store,
                               "SELECT o.id FROM mail_merge_recipients r JOIN outgoing o ON o.id = r.outgoing_id "
                               "WHERE r.merge_id = ? AND r.state = 'queued' AND o.state = 'queued'", error))
    return NULL;
  kith_statement_bind_int64 (&st, 1, merge_id);
  while (kith_statement_step (&st, error))
    {
      gint64 id = kith_statement_column_int64 (&st, 0);

      g_array_append_val (ids, id);
    }

  return kith_statement_failed (&st) ? NULL : g_steal_pointer (&ids);
}

static gboolean
unqueue_write (KithStore  *store,
               gint64      merge_id,
               GArray     *ids,
               GError    **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(KithStatement) del = KITH_STATEMENT_INIT;
      g_auto(KithStatement) back = KITH_STATEMENT_INIT;
      gint64 id = g_array_index (ids, gint64, i);

      if (!kith_statement_prepare (&del, store, "DELETE FROM outgoing WHERE id = ? AND state = 'queued'", error))
        return FALSE;
      kith_statement_bind_int64 (&del, 1, id);
      if (!kith_statement_run (&del, error))
        return FALSE;

      if (!kith_statement_prepare (&back, store,
                                   "UPDATE mail_merge_recipients SET state = 'pending', outgoing_id = NULL "
                                   "WHERE merge_id = ?1 AND outgoing_id = ?2", error))
        return FALSE;
      kith_statement_bind_int64 (&back, 1, merge_id);
      kith_statement_bind_int64 (&back, 2, id);
      if (!kith_statement_run (&back, error))
        return FALSE;
    }

  return TRUE;
}

/* Takes back what is not sent yet and sets @state; a message a sender has claimed goes on */
static gboolean
stop (KithStore       *store,
      gint64           merge_id,
      KithMergeState   state,
      GError         **error)
{
  g_autoptr(GArray) ids = NULL;

  if (!kith_store_begin (store, error))
    return FALSE;
  ids = list_unsent_locked (store, merge_id, error);
  if (ids == NULL || !unqueue_write (store, merge_id, ids, error) ||
      !kith_merge_set_state_locked (store, merge_id, state, error) ||
      !follow_write (store, merge_id, error))
    {
      kith_store_rollback (store);
      return FALSE;
    }
  if (!kith_store_commit (store, error))
    return FALSE;

  /* The copies of a template's attachments, made for each message */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *folder = kith_outbox_dup_folder (store, g_array_index (ids, gint64, i));

      kith_outbox_remove_folder (folder);
    }
  return TRUE;
}

/**
 * kith_store_mail_merge_pause:
 *
 * Takes the merge's messages not sent yet back from the Outbox (their recipients pending
 * again); one a sender is sending goes on.
 */
gboolean
kith_store_mail_merge_pause (KithStore  *self,
                             gint64      merge_id,
                             GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return read_row (self, merge_id, &row, error) &&
         check_merge_state (&row, 1u << KITH_MERGE_RUNNING, error) &&
         stop (self, merge_id, KITH_MERGE_PAUSED, error);
}

/**
 * kith_store_mail_merge_resume:
 *
 * Runs a paused merge again: its pending recipients get new times from now on and go to the
 * Outbox.
 *
 * Returns: how many were queued, or -1 with @error set
 */
int
kith_store_mail_merge_resume (KithStore  *self,
                              gint64      merge_id,
                              GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };
  gboolean ok;

  g_return_val_if_fail (KITH_IS_STORE (self), -1);

  if (!read_row (self, merge_id, &row, error) ||
      !check_merge_state (&row, 1u << KITH_MERGE_PAUSED, error) ||
      !kith_store_begin (self, error))
    return -1;
  ok = kith_merge_schedule_locked (self, &row, error);
  if (!ok)
    {
      kith_store_rollback (self);
      return -1;
    }
  if (!kith_store_commit (self, error))
    return -1;

  return run (self, &row, error);
}

/**
 * kith_store_mail_merge_cancel:
 *
 * Stops the merge for good: what is not sent yet is taken back and stays unsent.
 */
gboolean
kith_store_mail_merge_cancel (KithStore  *self,
                              gint64      merge_id,
                              GError    **error)
{
  g_auto(KithMergeRow) row = { 0 };

  g_return_val_if_fail (KITH_IS_STORE (self), FALSE);

  return read_row (self, merge_id, &row, error) &&
         check_merge_state (&row, (1u << KITH_MERGE_DRAFT) | (1u << KITH_MERGE_RUNNING) | (1u << KITH_MERGE_PAUSED),
                            error) &&
         stop (self, merge_id, KITH_MERGE_CANCELLED, error);
}

static void
append_csv_cell (GString     *csv,
                 const char  *text,
                 gboolean     last)
{
  if (text != NULL && strpbrk (text, ",\"\r\n") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (text);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (csv, "\"%s\"", quoted->str);
    }
  else if (text != NULL)
    g_string_append (csv, text);
  g_string_append (csv, last ? "\r\n" : ",");
}

/**
 * kith_store_mail_merge_report_csv:
 *
 * The merge's report as CSV (RFC 4180): a header, then one line per recipient in order — name,
 * address, state (pending, queued, sent, failed, excluded), reason of an exclusion, and the
 * detail: the empty fields, or the server's text of a failure.
 *
 * Returns: (transfer full) (nullable): the CSV text, or %NULL with @error set
 */
char *
kith_store_mail_merge_report_csv (KithStore  *self,
                                  gint64      merge_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;
  GString *csv;

  if (!kith_store_mail_merge_follow (self, merge_id, error))
    return NULL;
  all = kith_store_mail_merge_recipients (self, merge_id, 0, G_MAXUINT, FALSE, error);
  if (all == NULL)
    return NULL;

  csv = g_string_new ("name,address,state,reason,detail\r\n");
  for (guint i = 0; i < all->len; i++)
    {
      KithMergeRecipient *r = all->pdata[i];
      KithMergeExclusion exclusion = kith_merge_recipient_get_exclusion (r);

      append_csv_cell (csv, kith_merge_recipient_get_name (r), FALSE);
      append_csv_cell (csv, kith_merge_recipient_get_address (r), FALSE);
      append_csv_cell (csv, kith_enum_to_nick (KITH_TYPE_MERGE_RECIPIENT_STATE, kith_merge_recipient_get_state (r)), FALSE);
      append_csv_cell (csv, exclusion == KITH_MERGE_EXCLUSION_NONE ? NULL
                                                                  : kith_enum_to_nick (KITH_TYPE_MERGE_EXCLUSION, exclusion),
                       FALSE);
      append_csv_cell (csv, kith_merge_recipient_get_detail (r), TRUE);
    }

  return g_string_free (csv, FALSE);
}
