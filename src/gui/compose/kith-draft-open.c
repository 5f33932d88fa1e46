/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Opening a composer from a widget: its window's application shows the draft
 * (kith_application_compose()). An answer waits for the original's body and recipients when
 * they are not read yet, so that the quote and Reply All are whole; a mail to everyone on a
 * record waits for their addresses, read on the store's worker.
 */

#define G_LOG_DOMAIN "KithDraftOpen"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-application.h"
#include "kith-draft-open.h"
#include "kith-gui-util.h"
#include "kith-inbox-store.h"
#include "kith-core.h"
#include "records/kith-company-people.h"
#include "kith-record-reader.h"

static KithApplication *
application_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return KITH_IS_APPLICATION (app) ? KITH_APPLICATION (app) : NULL;
}

/**
 * kith_draft_open:
 * @widget: where the user asked for it, in a window of the application
 * @draft: the message to write
 *
 * Opens a composer on @draft.
 */
void
kith_draft_open (GtkWidget    *widget,
                 KithOutgoing *draft)
{
  KithApplication *app;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_OUTGOING (draft));

  app = application_of (widget);
  if (app != NULL)
    kith_application_compose (app, draft);
}

/**
 * kith_draft_kind_of_action:
 * @action_name: an answer's action, "inbox.reply-all", "row.forward"…: the part after the dot
 *   is "reply", "reply-all" or "forward"
 *
 * Returns: the answer the action writes
 */
KithDraftKind
kith_draft_kind_of_action (const char *action_name)
{
  const char *dot = strchr (action_name, '.');
  const char *name = dot != NULL ? dot + 1 : action_name;

  if (g_str_equal (name, "reply-all"))
    return KITH_DRAFT_REPLY_ALL;
  if (g_str_equal (name, "forward"))
    return KITH_DRAFT_FORWARD;
  return KITH_DRAFT_REPLY;
}

static void
open_answer (GtkWidget     *widget,
             KithMessage   *original,
             KithDraftKind  kind)
{
  KithApplication *app = application_of (widget);
  g_autoptr(KithOutgoing) draft = NULL;

  if (app == NULL)
    return;
  draft = kith_draft_new_answer (original, kind, kith_application_get_mail_accounts (app));
  kith_application_compose (app, draft);
}

typedef struct {
  GtkWidget     *widget;
  KithMessage   *original;
  KithDraftKind  kind;
} Answer;

static void
answer_free (Answer *answer)
{
  g_clear_object (&answer->widget);
  g_clear_object (&answer->original);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static void
on_original_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Answer) answer = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_load_message_body_finish (KITH_STORE (source), result, &error))
    {
      kith_widget_show_error (answer->widget, error->message);
      return;
    }
  /* The widget may have left its window while the body was read: then nobody waits for it */
  open_answer (answer->widget, answer->original, answer->kind);
}

/**
 * kith_draft_open_answer:
 * @store: (nullable): where to read @original's body and recipients, when they are not yet;
 *   %NULL when they are
 * @original: the message answered or forwarded
 *
 * Opens a composer on a Reply, Reply All or Forward of @original (kith_draft_new_answer()),
 * from the account it arrived on.
 */
void
kith_draft_open_answer (GtkWidget     *widget,
                        KithStore     *store,
                        KithMessage   *original,
                        KithDraftKind  kind)
{
  Answer *answer;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (store == NULL || KITH_IS_STORE (store));
  g_return_if_fail (KITH_IS_MESSAGE (original));

  if (store == NULL || (kith_message_get_body (original) != NULL && kith_message_get_to (original) != NULL))
    {
      open_answer (widget, original, kind);
      return;
    }

  answer = g_new0 (Answer, 1);
  answer->widget = g_object_ref (widget);
  answer->original = g_object_ref (original);
  answer->kind = kind;
  kith_store_load_message_body_async (store, original, NULL, on_original_loaded_cb, answer);
}

/* The first email of @record, named, added to @to unless it is there already */
static void
add_first_email (KithRecord *record,
                 GPtrArray  *to)
{
  GListModel *emails = kith_record_get_list (record, KITH_RECORD_EMAILS);
  g_autoptr(KithRecordEntry) first = emails != NULL ? g_list_model_get_item (emails, 0) : NULL;
  char *address;

  if (first == NULL || kith_record_entry_get_value (first) == NULL)
    return;

  address = kith_message_format_address (kith_record_get_name (record), kith_record_entry_get_value (first));
  if (g_ptr_array_find_with_equal_func (to, address, g_str_equal, NULL))
    g_free (address);
  else
    g_ptr_array_add (to, address);
}

/* A deal's participants and team, each read in full; a name typed that matches no record yet
 * is left out */
static gboolean
add_deal_people (KithStore  *store,
                 KithDeal   *deal,
                 GPtrArray  *to,
                 GError    **error)
{
  GListModel *participants = kith_deal_get_participants (deal);

  for (guint i = 0; participants != NULL && i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(KithDealParticipant) participant = g_list_model_get_item (participants, i);
      g_autoptr(KithRecord) record = NULL;

      if (kith_deal_participant_get_id (participant) == 0)
        continue;
      record = kith_store_read_record (store, kith_deal_participant_get_id (participant), error);
      if (record == NULL)
        return FALSE;
      add_first_email (record, to);
    }
  return TRUE;
}

/* Everyone on the record with an email: itself, a company's people, a deal's participants and
 * team; each one's first email, as "Name <address>". A store job (kith_store_run_async ()) on
 * a gint64 record id, giving a GStrv; Schedule Meeting uses it too */
gpointer
kith_draft_read_everyone_job (KithStore  *store,
                              gpointer    data,
                              GError    **error)
{
  gint64 record_id = *(gint64 *) data;
  g_autoptr(KithRecord) record = kith_store_read_record (store, record_id, error);
  g_autoptr(GPtrArray) to = g_ptr_array_new_with_free_func (g_free);

  if (record == NULL)
    return NULL;

  add_first_email (record, to);
  if (KITH_IS_COMPANY (record))
    {
      g_autoptr(GListModel) people = kith_store_read_people_of (store, record_id, error);

      if (people == NULL)
        return NULL;
      for (guint i = 0; i < g_list_model_get_n_items (people); i++)
        {
          g_autoptr(KithRecord) person = g_list_model_get_item (people, i);

          add_first_email (person, to);
        }
    }
  else if (KITH_IS_DEAL (record) && !add_deal_people (store, KITH_DEAL (record), to, error))
    return NULL;

  g_ptr_array_add (to, NULL);
  return g_ptr_array_steal (to, NULL);
}

static void
on_everyone_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) to = kith_store_run_finish (KITH_STORE (source), result, &error);
  g_autoptr(KithOutgoing) draft = NULL;

  if (to == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kith_widget_show_error (widget, error->message);
      return;
    }
  if (to[0] == NULL)
    {
      kith_widget_show_error (widget, _("Nobody here has an email address"));
      return;
    }

  draft = kith_draft_new_to ((const char * const *) to);
  kith_draft_open (widget, draft);
}

/**
 * kith_draft_open_to_record:
 * @record_id: a person, company or deal
 *
 * Opens a composer on a new mail to everyone on the record who has an email: the person, the
 * company and its people, the deal's participants and team.
 */
void
kith_draft_open_to_record (GtkWidget *widget,
                           KithStore *store,
                           gint64     record_id)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_store_run_async (store, kith_draft_read_everyone_job, g_memdup2 (&record_id, sizeof record_id), g_free,
                        (GDestroyNotify) g_strfreev, NULL, on_everyone_read_cb, g_object_ref (widget));
}

static void
on_step_composed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft = kith_store_step_compose_finish (KITH_STORE (source), result, &error);

  if (draft == NULL)
    {
      kith_widget_show_error (widget, error->message);
      return;
    }
  kith_draft_open (widget, draft);
}

/**
 * kith_draft_open_for_step:
 * @person_id: a person with a next step whose template is in the library
 *
 * Opens a composer on the template of the person's next step, merged for them on the store's
 * worker (kith_store_step_compose_async()); sent, the message completes the step. The sender's
 * own fields are the first mail account's.
 */
void
kith_draft_open_for_step (GtkWidget *widget,
                          KithStore *store,
                          gint64     person_id)
{
  KithApplication *app;
  GListModel *accounts;
  g_autoptr(KithMailAccount) me = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  app = application_of (widget);
  accounts = app != NULL ? kith_application_get_mail_accounts (app) : NULL;
  if (accounts != NULL && g_list_model_get_n_items (accounts) > 0)
    me = g_list_model_get_item (accounts, 0);
  kith_store_step_compose_async (store, person_id, me != NULL ? kith_mail_account_get_name (me) : NULL,
                                 me != NULL ? kith_mail_account_get_address (me) : NULL, NULL, NULL,
                                 on_step_composed_cb, g_object_ref (widget));
}
