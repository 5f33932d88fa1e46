/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithInboxPage: inbound mail from contacts that still needs handling, newest first, with the
 * selected message beside the list. Done (E) archives it on the server — once the Undo toast
 * has gone, so that Undo never has to fetch it back; Snooze hides it until later. The list is
 * a KithInboxModel shown a batch of rows at a time: Done, Snooze and Undo change one row.
 */

#define G_LOG_DOMAIN "KithInboxPage"

#include "config.h"

#include <glib/gi18n.h>

#include "compose/kith-draft-open.h"
#include "kith-gui-util.h"
#include "kith-inbox-format.h"
#include "kith-limit-model.h"
#include "kith-inbox-model.h"
#include "kith-inbox-page.h"
#include "kith-inbox-row.h"
#include "kith-inbox-store.h"
#include "kith-mail-account.h"
#include "kith-message-view.h"

/* Rows built at a time; "Show more" builds the next ones */
#define ROWS_PER_BATCH 50

struct _KithInboxPage
{
  GtkWidget          parent_instance;

  AdwLeaflet        *leaflet;
  GtkWidget         *back_button;
  GtkWidget         *separator;
  GtkWidget         *message_pane;
  AdwWindowTitle    *title;
  GtkStack          *sync_stack;
  GtkSpinner        *spinner;
  GtkStack          *stack;
  GtkListBox        *list;
  GtkButton         *show_more_button;
  GtkStack          *message_stack;

  KithStore         *store;
  KithMailService   *mail;
  KithInboxModel    *inbox;
  KithLimitModel    *shown;
  KithMessage       *selected;
  GCancellable      *cancellable;

  /* The last Done or Snooze, kept until its toast is gone */
  KithMessage       *undo_message;
  KithMailPlace     *undo_place;     /* where on the server, for the archive */
  AdwToast          *undo_toast;     /* not owned: only compared */
  gboolean           undo_snoozed;
};

G_DEFINE_FINAL_TYPE (KithInboxPage, kith_inbox_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COUNT,
  PROP_SELECTED,
  N_PROPS
};

enum {
  OPEN_RECORD,
  RECORD_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Done, Snooze, Open Profile and the answers act on the message shown */
static void
update_actions (KithInboxPage *self)
{
  gboolean shown = self->selected != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.reply", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.reply-all", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.forward", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.done", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.snooze", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.open-profile", shown);
}

static KithMessage *
message_at (KithInboxPage *self,
            guint          position)
{
  return g_list_model_get_item (G_LIST_MODEL (self->inbox), position);
}

/* The message with @id, if still in the Inbox */
static KithMessage *
find_message (KithInboxPage *self,
              gint64         id)
{
  guint position;

  return kith_inbox_model_find (self->inbox, id, &position) ? message_at (self, position) : NULL;
}

/* The mail service's accounts, as Preferences lists them: none without the service */
static guint
n_accounts (KithInboxPage *self)
{
  return self->mail != NULL ? g_list_model_get_n_items (kith_mail_service_get_accounts (self->mail)) : 0;
}

static void
select_row_of (KithInboxPage *self,
               KithMessage   *message)
{
  guint position;
  GtkListBoxRow *row;

  if (message == NULL || !kith_inbox_model_find (self->inbox, kith_message_get_id (message), &position) ||
      (row = gtk_list_box_get_row_at_index (self->list, position)) == NULL)
    {
      gtk_list_box_unselect_all (self->list);
      return;
    }
  gtk_list_box_select_row (self->list, row);
}

static void
on_body_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_load_message_body_finish (KITH_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

/* Shows @message beside the list (NULL: none), its body once read */
static void
select_message (KithInboxPage *self,
                KithMessage   *message)
{
  if (!g_set_object (&self->selected, message))
    return;

  update_actions (self);
  select_row_of (self, message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  if (message == NULL)
    {
      gtk_stack_set_visible_child_name (self->message_stack, "none");
      return;
    }

  gtk_stack_set_visible_child_name (self->message_stack, "message");
  adw_leaflet_set_visible_child_name (self->leaflet, "message");
  if (kith_message_get_body (message) == NULL)
    kith_store_load_message_body_async (self->store, message, self->cancellable, on_body_loaded_cb,
                                        g_object_ref (self));
  g_signal_emit (self, signals[RECORD_SELECTED], 0, kith_message_get_record_id (message));
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     KithInboxPage *self)
{
  select_message (self, kith_inbox_row_get_message (KITH_INBOX_ROW (row)));
}

static void
on_show_more_clicked_cb (KithInboxPage *self)
{
  kith_limit_model_set_limit (self->shown, kith_limit_model_get_limit (self->shown) + ROWS_PER_BATCH);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return kith_inbox_row_new (item);
}

/* What the page shows for the Inbox as it is: the list, "All Done", or "No Mail Accounts" */
static void
update_view (KithInboxPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  guint size = kith_limit_model_get_limit (self->shown);
  gboolean has_accounts = TRUE;

  if (!kith_inbox_model_get_loaded (self->inbox))
    return;

  if (self->mail != NULL && kith_mail_service_is_ready (self->mail))
    has_accounts = n_accounts (self) > 0;

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : has_accounts ? "empty" : "no-accounts");
  /* Nothing to read: the list's page takes the whole width */
  gtk_widget_set_visible (self->message_pane, n > 0);
  gtk_widget_set_visible (self->separator, n > 0);

  gtk_widget_set_visible (GTK_WIDGET (self->show_more_button), n > size);
  if (n > size)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %'u More", "Show %'u More", n - size),
                                                n - size);
      gtk_button_set_label (self->show_more_button, label);
    }
}

static void
on_inbox_changed_cb (KithInboxPage *self,
                     guint          position,
                     guint          removed,
                     guint          added)
{
  /* Keep the selection while the message is still here */
  if (self->selected != NULL && !kith_inbox_model_find (self->inbox, kith_message_get_id (self->selected), NULL))
    select_message (self, NULL);
  else
    select_row_of (self, self->selected);

  update_view (self);
}

static void
on_inbox_count_cb (KithInboxPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/* What is syncing, in the title's subtitle: "Reading INBOX, 120 of 2,000" */
static void
update_sync_state (KithInboxPage *self)
{
  g_autofree char *subtitle = NULL;
  gboolean syncing = FALSE;

  for (guint i = 0; i < n_accounts (self); i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (kith_mail_service_get_accounts (self->mail), i);
      g_autofree char *folder = NULL;
      guint done = 0, total = 0;

      if (!kith_mail_service_get_progress (self->mail, kith_mail_account_get_uid (account), &folder, &done, &total))
        continue;
      syncing = TRUE;
      if (subtitle == NULL && total > 0)
        subtitle = folder != NULL
                   /* Translators: a mail folder, then how many of its new messages were read */
                   ? g_strdup_printf (_("Reading %s, %'u of %'u"), folder, done, total)
                   /* Translators: messages put on the timeline so far */
                   : g_strdup_printf (_("Logging mail, %'u of %'u"), done, total);
    }

  gtk_stack_set_visible_child_name (self->sync_stack, syncing ? "syncing" : "idle");
  gtk_spinner_set_spinning (self->spinner, syncing);
  adw_window_title_set_subtitle (self->title, subtitle != NULL ? subtitle : syncing ? _("Checking for new mail…") : NULL);
}

static void
on_mail_changed_cb (KithMailService *mail,
                    KithInboxPage   *self)
{
  update_sync_state (self);
  update_view (self);
}

static void
on_mail_progress_cb (KithMailService *mail,
                     const char      *account,
                     KithInboxPage   *self)
{
  update_sync_state (self);
}

/* The toast is gone without Undo: now the message moves to the archive on the server */
static void
commit_done (KithInboxPage *self)
{
  if (self->undo_place != NULL && self->mail != NULL)
    kith_mail_service_archive (self->mail, self->undo_place);
  g_clear_pointer (&self->undo_place, kith_mail_place_free);
  g_clear_object (&self->undo_message);
  self->undo_toast = NULL;
}

/* A write and the message it is about, for its callback */
typedef struct {
  KithInboxPage *self;
  KithMessage   *message;
} Write;

static Write *
write_new (KithInboxPage *self,
           KithMessage   *message)
{
  Write *write = g_new0 (Write, 1);

  write->self = g_object_ref (self);
  write->message = g_object_ref (message);

  return write;
}

static void
write_free (Write *write)
{
  g_object_unref (write->self);
  g_object_unref (write->message);
  g_free (write);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

static void
on_done_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  KithInboxPage *self = write->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailPlace) place = NULL;

  /* Stored either way; a page already disposed shows nothing */
  if (!kith_store_set_message_done_finish (KITH_STORE (source), result, &place, &error))
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }
  if (write->message == self->undo_message && kith_message_get_done (write->message) && self->undo_place == NULL)
    self->undo_place = g_steal_pointer (&place);
}

static void
on_snooze_stored_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Write) write = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_snooze_message_finish (KITH_STORE (source), result, &error) &&
      !g_cancellable_is_cancelled (write->self->cancellable))
    kith_widget_show_error (GTK_WIDGET (write->self), error->message);
}

static void
on_toast_dismissed_cb (AdwToast      *toast,
                       KithInboxPage *self)
{
  /* Only the toast of the last Done: an earlier one was committed when this one came */
  if (toast == self->undo_toast)
    commit_done (self);
}

static void
undo (KithInboxPage *self)
{
  g_autoptr(KithMessage) message = g_steal_pointer (&self->undo_message);

  if (message == NULL)
    return;

  g_clear_pointer (&self->undo_place, kith_mail_place_free);
  self->undo_toast = NULL;
  kith_inbox_model_restore (self->inbox, message);
  if (self->undo_snoozed)
    kith_store_snooze_message_async (self->store, message, 0, on_snooze_stored_cb, write_new (self, message));
  else
    kith_store_set_message_done_async (self->store, message, FALSE, on_done_stored_cb, write_new (self, message));
  select_message (self, message);
}

static void
offer_undo (KithInboxPage *self,
            const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  self->undo_toast = toast;
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

/* Takes @message out of the list, showing the one after it (or before it) instead */
static void
take_out (KithInboxPage *self,
          KithMessage   *message,
          gboolean       snoozed)
{
  guint position = 0, n = g_list_model_get_n_items (G_LIST_MODEL (self->inbox));
  g_autoptr(KithMessage) next = NULL;

  commit_done (self);   /* an earlier Done whose toast is still up */
  self->undo_message = g_object_ref (message);
  self->undo_snoozed = snoozed;

  if (kith_inbox_model_find (self->inbox, kith_message_get_id (message), &position) && n > 1)
    next = message_at (self, position + 1 < n ? position + 1 : position - 1);
  if (message == self->selected || self->selected == NULL)
    select_message (self, next);
  kith_inbox_model_remove (self->inbox, message);
}

/* Marks @message Done, with an Undo toast; it is archived on the server when the toast goes */
static void
mark_done (KithInboxPage *self,
           KithMessage   *message)
{
  take_out (self, message, FALSE);
  kith_store_set_message_done_async (self->store, message, TRUE, on_done_stored_cb, write_new (self, message));
  offer_undo (self, _("Marked as done"));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);
  g_autoptr(KithMessage) message = self->selected != NULL ? g_object_ref (self->selected) : NULL;

  if (message != NULL)
    mark_done (self, message);
}

/* The Done button of a row */
static void
done_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);
  g_autoptr(KithMessage) message = find_message (self, g_variant_get_int64 (parameter));


  if (message != NULL)
    mark_done (self, message);
}

/* @when: "later" (in three hours), "tomorrow" (8:00) or "next-week" (Monday 8:00) */
static GDateTime *
snooze_until (const char *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 8, 0, 0);

  if (g_str_equal (when, "later"))
    return g_date_time_add_hours (now, 3);
  if (g_str_equal (when, "tomorrow"))
    return g_date_time_add_days (morning, 1);
  return g_date_time_add_days (morning, 8 - g_date_time_get_day_of_week (now));
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);
  g_autoptr(GDateTime) until = snooze_until (g_variant_get_string (parameter, NULL));
  g_autoptr(KithMessage) message = self->selected != NULL ? g_object_ref (self->selected) : NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (message == NULL)
    return;

  take_out (self, message, TRUE);
  kith_store_snooze_message_async (self->store, message, g_date_time_to_unix (until) * 1000, on_snooze_stored_cb,
                                   write_new (self, message));
  day = g_date_time_format (until, _("%A %H:%M"));
  /* Translators: when a snoozed message comes back, as in "Tuesday 08:00" */
  text = g_strdup_printf (_("Snoozed until %s"), day);
  offer_undo (self, text);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);

  if (self->mail != NULL)
    kith_mail_service_sync (self->mail, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
open_profile_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);

  if (self->selected != NULL && kith_message_get_record_id (self->selected) != 0)
    g_signal_emit (self, signals[OPEN_RECORD], 0, kith_message_get_record_id (self->selected));
}

/* Reply, Reply All or Forward of the message shown, in a composer */
static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);
  if (self->selected != NULL)
    kith_draft_open_answer (widget, self->store, self->selected, kith_draft_kind_of_action (action_name));
}

static char *
subject_text (gpointer    unused,
              const char *subject)
{
  return g_strdup (subject != NULL ? subject : _("(No subject)"));
}

static char *
from_text (gpointer    unused,
           const char *name,
           const char *address,
           gint64      date)
{
  g_autofree char *when = kith_inbox_format_date (date);
  g_autofree char *from = name != NULL && address != NULL ? g_strdup_printf ("%s <%s>", name, address)
                                                         : kith_inbox_format_sender (name, address);

  /* Translators: the sender, then when the message came */
  return g_strdup_printf (_("%s · %s"), from, when);
}

static void
kith_inbox_page_constructed (GObject *object)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  G_OBJECT_CLASS (kith_inbox_page_parent_class)->constructed (object);

  self->inbox = kith_inbox_model_new (self->store);
  kith_inbox_model_set_shown (self->inbox, gtk_widget_get_mapped (GTK_WIDGET (self)));
  self->shown = kith_limit_model_new (G_LIST_MODEL (self->inbox), ROWS_PER_BATCH);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row, NULL, NULL);
  g_signal_connect_object (self->inbox, "items-changed", G_CALLBACK (on_inbox_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inbox, "notify::loaded", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inbox, "notify::count", G_CALLBACK (on_inbox_count_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown, "notify::limit", G_CALLBACK (update_view), self, G_CONNECT_SWAPPED);
}

static void
kith_inbox_page_dispose (GObject *object)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  commit_done (self);
  g_cancellable_cancel (self->cancellable);
  if (self->mail != NULL)
    g_signal_handlers_disconnect_by_data (self->mail, self);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_INBOX_PAGE);
  g_clear_object (&self->shown);
  if (self->inbox != NULL)
    g_object_run_dispose (G_OBJECT (self->inbox));
  g_clear_object (&self->inbox);
  g_clear_object (&self->selected);
  g_clear_object (&self->store);
  g_clear_object (&self->mail);

  G_OBJECT_CLASS (kith_inbox_page_parent_class)->dispose (object);
}

static void
kith_inbox_page_finalize (GObject *object)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_inbox_page_parent_class)->finalize (object);
}

static void
kith_inbox_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, kith_inbox_page_get_count (self));
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_inbox_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The Inbox is read again on every change of the store (mail capture changes it often): only
 * while it is on screen does the list follow; hidden, only the sidebar's count does */
static void
kith_inbox_page_map (GtkWidget *widget)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);

  if (self->inbox != NULL)
    kith_inbox_model_set_shown (self->inbox, TRUE);

  GTK_WIDGET_CLASS (kith_inbox_page_parent_class)->map (widget);
}

static void
kith_inbox_page_unmap (GtkWidget *widget)
{
  KithInboxPage *self = KITH_INBOX_PAGE (widget);

  if (self->inbox != NULL)
    kith_inbox_model_set_shown (self->inbox, FALSE);

  GTK_WIDGET_CLASS (kith_inbox_page_parent_class)->unmap (widget);
}

/* Whether the list's header bar ends the window on the right, and so shows its controls */
static gboolean
list_ends_window (KithInboxPage *self,
                  gboolean       window_folded,
                  gboolean       folded,
                  gboolean       message_shown)
{
  return window_folded && (folded || !message_shown);
}

static void
kith_inbox_page_class_init (KithInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_inbox_page_constructed;
  object_class->dispose = kith_inbox_page_dispose;
  object_class->finalize = kith_inbox_page_finalize;
  object_class->get_property = kith_inbox_page_get_property;
  object_class->set_property = kith_inbox_page_set_property;
  widget_class->map = kith_inbox_page_map;
  widget_class->unmap = kith_inbox_page_unmap;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Messages in the Inbox */
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The message shown beside the list */
  properties[PROP_SELECTED] = g_param_spec_object ("selected", NULL, NULL, KITH_TYPE_MESSAGE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * KithInboxPage::record-selected:
   * @id: the sender of the message now shown, or 0
   *
   * For showing who wrote beside the message, without leaving the Inbox.
   */
  signals[RECORD_SELECTED] = g_signal_new ("record-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (KITH_TYPE_MESSAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/inbox/kith-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, separator);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, message_pane);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, title);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, list);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, show_more_button);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, message_stack);
  gtk_widget_class_bind_template_callback (widget_class, list_ends_window);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_show_more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_text);
  gtk_widget_class_bind_template_callback (widget_class, from_text);

  gtk_widget_class_install_action (widget_class, "inbox.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "inbox.done-message", "x", done_message_action);
  gtk_widget_class_install_action (widget_class, "inbox.snooze", "s", snooze_action);
  gtk_widget_class_install_action (widget_class, "inbox.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "inbox.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "inbox.open-profile", NULL, open_profile_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "inbox.done", NULL);
  /* One key each, as Done's E and Geary's single-key shortcuts */
  gtk_widget_class_install_action (widget_class, "inbox.reply", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "inbox.reply-all", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "inbox.forward", NULL, answer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "inbox.reply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_SHIFT_MASK, "inbox.reply-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "inbox.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "inbox.done", NULL);
}

static void
kith_inbox_page_init (KithInboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  update_actions (self);
}

GtkWidget *
kith_inbox_page_new (KithStore *store)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_INBOX_PAGE, "store", store, NULL);
}

/**
 * kith_inbox_page_set_mail_service:
 * @mail: (nullable): for syncing, archiving Done messages on the server and the account state
 */
void
kith_inbox_page_set_mail_service (KithInboxPage   *self,
                                  KithMailService *mail)
{
  g_return_if_fail (KITH_IS_INBOX_PAGE (self));

  if (self->mail != NULL)
    g_signal_handlers_disconnect_by_data (self->mail, self);
  g_set_object (&self->mail, mail);
  if (mail != NULL)
    {
      g_signal_connect_object (mail, "changed", G_CALLBACK (on_mail_changed_cb), self, 0);
      g_signal_connect_object (mail, "progress", G_CALLBACK (on_mail_progress_cb), self, 0);
    }
  update_sync_state (self);
  update_view (self);
  kith_inbox_model_refresh (self->inbox);
}

guint
kith_inbox_page_get_count (KithInboxPage *self)
{
  g_return_val_if_fail (KITH_IS_INBOX_PAGE (self), 0);

  return self->inbox != NULL ? kith_inbox_model_get_count (self->inbox) : 0;
}

void
kith_inbox_page_set_show_back (KithInboxPage *self,
                               gboolean       show)
{
  g_return_if_fail (KITH_IS_INBOX_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}
