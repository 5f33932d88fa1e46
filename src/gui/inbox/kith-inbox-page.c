/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithInboxPage: inbound mail from contacts that still needs handling, newest first, with the
 * selected message beside the list. Done (E) archives it on the server — once the Undo toast
 * has gone, so that Undo never has to fetch it back; Snooze hides it until later.
 */

#define G_LOG_DOMAIN "KithInboxPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-inbox-page.h"
#include "kith-mail.h"
#include "kith-message-view.h"

/* Rows built at a time; a "Show more" row builds the next ones */
#define ROWS_PER_BATCH 50

struct _KithInboxPage
{
  GtkWidget        parent_instance;

  AdwLeaflet      *leaflet;
  GtkWidget       *back_button;
  GtkWidget       *message_back_button;
  GtkWidget       *separator;
  GtkWidget       *message_pane;
  AdwWindowTitle  *title;
  GtkStack        *sync_stack;
  GtkSpinner      *spinner;
  GtkStack        *stack;
  GtkListBox      *list;
  GtkStack        *message_stack;
  GtkLabel        *subject_label;
  GtkLabel        *from_label;
  GtkWidget       *body_box;
  KithMessageView *message_view;

  KithStore       *store;
  KithMailService *mail;
  GCancellable    *cancellable;
  JsonArray       *items;
  gint64           selected;
  guint            shown;          /* rows built */
  KithSerial       refresh;
  guint            tick_id;        /* snoozed mail comes back on time */

  /* The last Done, kept until its toast is gone */
  gint64           undo_item;
  JsonObject      *undo_where;
  gint64           undo_snoozed;
};

G_DEFINE_FINAL_TYPE (KithInboxPage, kith_inbox_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COUNT,
  N_PROPS
};

enum {
  OPEN_RECORD,
  RECORD_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh (KithInboxPage *self);

/* Done, Snooze and Open Profile act on the message shown */
static void
update_actions (KithInboxPage *self)
{
  gboolean shown = self->selected != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.done", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.snooze", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inbox.open-profile", shown);
}

static JsonObject *
item_by_id (KithInboxPage *self,
            gint64         item_id)
{
  for (guint i = 0; self->items != NULL && i < json_array_get_length (self->items); i++)
    {
      JsonObject *item = json_array_get_object_element (self->items, i);

      if (json_object_get_int_member (item, "itemId") == item_id)
        return item;
    }

  return NULL;
}

static char *
format_when (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%H:%M");
  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a date this year, as in "23 Nov" */
    return g_date_time_format (when, _("%e %b"));
  /* Translators: a date in another year, as in "23 Nov 2025" */
  return g_date_time_format (when, _("%e %b %Y"));
}

static const char *
sender_of (JsonObject *item)
{
  const char *name = json_object_get_string_member_with_default (item, "name", NULL);

  return name != NULL ? name : json_object_get_string_member_with_default (item, "from", _("Unknown sender"));
}

static void
on_done_clicked_cb (GtkButton     *button,
                    KithInboxPage *self)
{
  self->selected = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "item"));
  kith_inbox_page_done (self);
}

static GtkWidget *
make_row (KithInboxPage *self,
          JsonObject    *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *when;
  GtkWidget *done = gtk_button_new_from_icon_name ("object-select-symbolic");
  g_autofree char *date = format_when (json_object_get_int_member (item, "date"));
  const char *subject = json_object_get_string_member_with_default (item, "subject", NULL);
  gint64 id = json_object_get_int_member (item, "itemId");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sender_of (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subject != NULL ? subject : _("(No subject)"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);

  when = gtk_label_new (g_strstrip (date));
  gtk_widget_add_css_class (when, "dim-label");
  gtk_widget_add_css_class (when, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), when);

  gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (done, "flat");
  gtk_widget_set_tooltip_text (done, _("Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
  g_object_set_data (G_OBJECT (done), "item", GSIZE_TO_POINTER (id));
  g_signal_connect_object (done, "clicked", G_CALLBACK (on_done_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);

  g_object_set_data (G_OBJECT (row), "item", GSIZE_TO_POINTER (id));
  gtk_widget_add_css_class (row, "inbox-row");

  return row;
}

static void
add_rows (KithInboxPage *self)
{
  guint n = self->items != NULL ? json_array_get_length (self->items) : 0;
  guint end = MIN (n, self->shown + ROWS_PER_BATCH);
  GtkListBoxRow *more = gtk_list_box_get_row_at_index (self->list, self->shown);

  if (more != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (more));

  for (guint i = self->shown; i < end; i++)
    gtk_list_box_append (self->list, make_row (self, json_array_get_object_element (self->items, i)));
  self->shown = end;

  if (end < n)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", n - end),
                                                n - end);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      gtk_widget_add_css_class (row, "show-more");
      gtk_list_box_append (self->list, row);
    }
}

static void
show_message (KithInboxPage *self,
              JsonObject    *item)
{
  const char *body = json_object_get_string_member_with_default (item, "body", NULL);
  const char *type = json_object_get_string_member_with_default (item, "bodytype", "text");
  JsonArray *people = kith_json_get_array (item, "people");
  g_autofree char *date = format_when (json_object_get_int_member (item, "date"));
  g_autofree char *from = NULL;
  gint64 sender = 0;

  for (guint i = 0; people != NULL && i < json_array_get_length (people) && from == NULL; i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (p, "role", NULL), "from") == 0)
        {
          sender = json_object_get_int_member_with_default (p, "recordId", 0);
          const char *name = json_object_get_string_member_with_default (p, "name", NULL);
          const char *value = json_object_get_string_member_with_default (p, "value", "");

          from = name != NULL ? g_strdup_printf ("%s <%s>", name, value) : g_strdup (value);
        }
    }

  gtk_label_set_text (self->subject_label, json_object_get_string_member_with_default (item, "subject", _("(No subject)")));
  {
    /* Translators: the sender, then when the message came */
    g_autofree char *line = g_strdup_printf (_("%s · %s"), from != NULL ? from : _("Unknown sender"), g_strstrip (date));
    gtk_label_set_text (self->from_label, line);
  }
  kith_message_view_set_body (self->message_view,
                              body != NULL ? body : json_object_get_string_member_with_default (item, "preview", ""),
                              type);
  gtk_stack_set_visible_child_name (self->message_stack, "message");
  g_signal_emit (self, signals[RECORD_SELECTED], 0, sender);
}

static gpointer
get_item_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  return kith_store_get_timeline_item (store, *(gint64 *) data, error);
}

static void
on_item_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) item = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (item == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }
  if (json_object_get_int_member (item, "id") == self->selected)
    show_message (self, item);
}

/**
 * kith_inbox_page_select:
 * @item_id: a timeline item in the Inbox, or 0 for none
 */
void
kith_inbox_page_select (KithInboxPage *self,
                        gint64         item_id)
{
  g_return_if_fail (KITH_IS_INBOX_PAGE (self));

  self->selected = item_id;
  update_actions (self);
  if (item_id == 0)
    {
      gtk_list_box_unselect_all (self->list);
      gtk_stack_set_visible_child_name (self->message_stack, "none");
      return;
    }
  for (guint i = 0; i < self->shown; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "item")) == item_id)
        gtk_list_box_select_row (self->list, row);
    }

  kith_store_run_async (self->store, get_item_job, g_memdup2 (&item_id, sizeof item_id), g_free,
                        (GDestroyNotify) json_object_unref, self->cancellable, on_item_loaded_cb, g_object_ref (self));
  adw_leaflet_set_visible_child_name (self->leaflet, "message");
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     KithInboxPage *self)
{
  if (gtk_widget_has_css_class (GTK_WIDGET (row), "show-more"))
    {
      add_rows (self);
      return;
    }

  kith_inbox_page_select (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "item")));
}

static void
show_items (KithInboxPage *self)
{
  GtkWidget *child;
  guint n = json_array_get_length (self->items);
  gboolean has_accounts = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->shown = 0;
  add_rows (self);

  if (self->mail != NULL && kith_mail_service_is_ready (self->mail))
    {
      g_autoptr(JsonArray) accounts = kith_mail_service_list_accounts (self->mail);
      has_accounts = json_array_get_length (accounts) > 0;
    }

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : has_accounts ? "empty" : "no-accounts");
  /* Nothing to read: the list's page takes the whole width */
  gtk_widget_set_visible (self->message_pane, n > 0);
  gtk_widget_set_visible (self->separator, n > 0);

  /* Keep the selection when the message is still here; otherwise the next one */
  if (self->selected != 0 && item_by_id (self, self->selected) == NULL)
    kith_inbox_page_select (self, 0);
  for (guint i = 0; i < self->shown; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, i);

      if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "item")) == self->selected)
        gtk_list_box_select_row (self->list, row);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_list_inbox (store, error);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonArray *items = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (items == NULL)
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  else
    {
      g_clear_pointer (&self->items, json_array_unref);
      self->items = items;
      show_items (self);
    }

  if (kith_serial_end (&self->refresh))
    refresh (self);
}

static void
refresh (KithInboxPage *self)
{
  if (self->store == NULL || !kith_serial_begin (&self->refresh))
    return;

  kith_store_run_async (self->store, list_job, NULL, NULL, (GDestroyNotify) json_array_unref,
                        self->cancellable, on_listed_cb, g_object_ref (self));
}

static void
on_store_changed_cb (KithStore     *store,
                     KithStoreChanges *changes,
                     KithInboxPage *self)
{
  refresh (self);
}

/* What is syncing, in the title's subtitle: "Reading INBOX, 120 of 2,000" */
static void
update_sync_state (KithInboxPage *self)
{
  g_autoptr(JsonArray) accounts = NULL;
  g_autofree char *subtitle = NULL;
  gboolean syncing = FALSE;

  if (self->mail != NULL)
    accounts = kith_mail_service_list_accounts (self->mail);

  for (guint i = 0; accounts != NULL && i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      const char *uid = json_object_get_string_member (account, "uid");
      g_autofree char *folder = NULL;
      guint done = 0, total = 0;

      if (!kith_mail_service_get_progress (self->mail, uid, &folder, &done, &total))
        continue;
      syncing = TRUE;
      if (subtitle == NULL && total > 0)
        subtitle = folder != NULL
                   /* Translators: a mail folder, then how many of its new messages were read */
                   ? g_strdup_printf (_("Reading %s, %u of %u"), folder, done, total)
                   /* Translators: messages put on the timeline so far */
                   : g_strdup_printf (_("Logging mail, %u of %u"), done, total);
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
  if (self->items != NULL)
    show_items (self);
}

static void
on_mail_progress_cb (KithMailService *mail,
                     const char      *account,
                     KithInboxPage   *self)
{
  update_sync_state (self);
}

typedef struct {
  gint64  item;
  gint64  snooze_until;   /* snooze; 0 for done */
  gboolean done;
} Change;

static gpointer
change_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Change *change = data;

  if (change->snooze_until != 0)
    {
      if (!kith_store_inbox_snooze (store, change->item, change->snooze_until > 0 ? change->snooze_until : 0, error))
        return NULL;
      return json_object_new ();
    }

  return kith_store_inbox_set_done (store, change->item, change->done, error);
}

static void
on_changed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithInboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) where = kith_store_run_finish (KITH_STORE (source), result, &error);

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (where == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  else if (where != NULL && json_object_has_member (where, "account") && self->undo_item != 0 && self->undo_where == NULL)
    self->undo_where = json_object_ref (where);
}

static void
change (KithInboxPage *self,
        gint64         item,
        gboolean       done,
        gint64         snooze_until)
{
  Change *c = g_new0 (Change, 1);

  c->item = item;
  c->done = done;
  c->snooze_until = snooze_until;
  kith_store_run_async (self->store, change_job, c, g_free, (GDestroyNotify) json_object_unref,
                        NULL, on_changed_cb, g_object_ref (self));
}

/* The toast is gone without Undo: now the message moves to the archive on the server */
static void
commit_done (KithInboxPage *self)
{
  if (self->undo_where != NULL && self->mail != NULL)
    kith_mail_service_archive (self->mail, self->undo_where);
  g_clear_pointer (&self->undo_where, json_object_unref);
  self->undo_item = 0;
  self->undo_snoozed = 0;
}

static void
on_toast_dismissed_cb (AdwToast      *toast,
                       KithInboxPage *self)
{
  if (g_object_get_data (G_OBJECT (toast), "undone") == NULL)
    commit_done (self);
}

static void
on_undo_clicked_cb (AdwToast      *toast,
                    KithInboxPage *self)
{
  g_object_set_data (G_OBJECT (toast), "undone", GINT_TO_POINTER (TRUE));
  kith_inbox_page_undo (self);
}

static void
offer_undo (KithInboxPage *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

/* The message after @item in the list, to select once @item is gone */
static gint64
next_item (KithInboxPage *self,
           gint64         item)
{
  guint n = self->items != NULL ? json_array_get_length (self->items) : 0;

  for (guint i = 0; i < n; i++)
    if (json_object_get_int_member (json_array_get_object_element (self->items, i), "itemId") == item)
      {
        if (i + 1 < n)
          return json_object_get_int_member (json_array_get_object_element (self->items, i + 1), "itemId");
        if (i > 0)
          return json_object_get_int_member (json_array_get_object_element (self->items, i - 1), "itemId");
      }

  return 0;
}

/**
 * kith_inbox_page_done:
 *
 * Marks the selected message Done, with an Undo toast; it is archived on the server when the
 * toast goes away.
 *
 * Returns: whether a message was selected
 */
gboolean
kith_inbox_page_done (KithInboxPage *self)
{
  gint64 item = self->selected;

  g_return_val_if_fail (KITH_IS_INBOX_PAGE (self), FALSE);

  if (item == 0 || item_by_id (self, item) == NULL)
    return FALSE;

  commit_done (self);   /* an earlier Done whose toast is still up */
  self->undo_item = item;
  kith_inbox_page_select (self, next_item (self, item));
  change (self, item, TRUE, 0);
  offer_undo (self, _("Marked as done"));

  return TRUE;
}

/**
 * kith_inbox_page_snooze:
 * @when: "later" (in three hours), "tomorrow" (8:00) or "next-week" (Monday 8:00)
 */
gboolean
kith_inbox_page_snooze (KithInboxPage *self,
                        const char    *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) morning = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                        g_date_time_get_day_of_month (now), 8, 0, 0);
  g_autoptr(GDateTime) until = NULL;
  gint64 item = self->selected;

  if (item == 0 || item_by_id (self, item) == NULL)
    return FALSE;

  if (g_str_equal (when, "later"))
    until = g_date_time_add_hours (now, 3);
  else if (g_str_equal (when, "tomorrow"))
    until = g_date_time_add_days (morning, 1);
  else
    until = g_date_time_add_days (morning, 8 - g_date_time_get_day_of_week (now));

  commit_done (self);
  self->undo_item = item;
  self->undo_snoozed = g_date_time_to_unix (until) * 1000;
  kith_inbox_page_select (self, next_item (self, item));
  change (self, item, FALSE, self->undo_snoozed);
  {
    g_autofree char *day = g_date_time_format (until, _("%A %H:%M"));
    /* Translators: when a snoozed message comes back, as in "Tuesday 08:00" */
    g_autofree char *message = g_strdup_printf (_("Snoozed until %s"), day);
    offer_undo (self, message);
  }

  return TRUE;
}

/* Brings back the last message marked Done or snoozed */
void
kith_inbox_page_undo (KithInboxPage *self)
{
  gint64 item = self->undo_item;

  if (item == 0)
    return;

  if (self->undo_snoozed != 0)
    change (self, item, FALSE, -1);
  else
    change (self, item, FALSE, 0);

  g_clear_pointer (&self->undo_where, json_object_unref);
  self->undo_item = 0;
  self->undo_snoozed = 0;
  self->selected = item;
  kith_inbox_page_select (self, item);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kith_inbox_page_done (KITH_INBOX_PAGE (widget));
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kith_inbox_page_snooze (KITH_INBOX_PAGE (widget), g_variant_get_string (parameter, NULL));
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
  JsonObject *item = item_by_id (self, self->selected);

  if (item != NULL && json_object_has_member (item, "recordId"))
    g_signal_emit (self, signals[OPEN_RECORD], 0, json_object_get_int_member (item, "recordId"));
}

static void
on_folded_cb (AdwLeaflet    *leaflet,
              GParamSpec    *pspec,
              KithInboxPage *self)
{
  gtk_widget_set_visible (self->message_back_button, adw_leaflet_get_folded (leaflet));
}

static gboolean
on_tick_cb (gpointer data)
{
  refresh (data);

  return G_SOURCE_CONTINUE;
}

static void
kith_inbox_page_dispose (GObject *object)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  commit_done (self);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->mail != NULL)
    g_signal_handlers_disconnect_by_data (self->mail, self);
  g_clear_object (&self->store);
  g_clear_object (&self->mail);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_INBOX_PAGE);

  G_OBJECT_CLASS (kith_inbox_page_parent_class)->dispose (object);
}

static void
kith_inbox_page_finalize (GObject *object)
{
  KithInboxPage *self = KITH_INBOX_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, json_array_unref);

  G_OBJECT_CLASS (kith_inbox_page_parent_class)->finalize (object);
}

static void
kith_inbox_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_uint (value, kith_inbox_page_get_count (KITH_INBOX_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_inbox_page_class_init (KithInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_inbox_page_dispose;
  object_class->finalize = kith_inbox_page_finalize;
  object_class->get_property = kith_inbox_page_get_property;

  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/inbox/kith-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, message_back_button);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, separator);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, message_pane);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, title);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, list);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, message_stack);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, from_label);
  gtk_widget_class_bind_template_child (widget_class, KithInboxPage, body_box);

  gtk_widget_class_install_action (widget_class, "inbox.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "inbox.snooze", "s", snooze_action);
  gtk_widget_class_install_action (widget_class, "inbox.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "inbox.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "inbox.open-profile", NULL, open_profile_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "inbox.done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "inbox.done", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_inbox_page_init (KithInboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->message_view = KITH_MESSAGE_VIEW (kith_message_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->message_view), TRUE);
  gtk_box_append (GTK_BOX (self->body_box), GTK_WIDGET (self->message_view));

  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self, 0);
  update_actions (self);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded_cb), self, 0);
}

GtkWidget *
kith_inbox_page_new (KithStore *store)
{
  KithInboxPage *self = g_object_new (KITH_TYPE_INBOX_PAGE, NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  self->tick_id = g_timeout_add_seconds (60, on_tick_cb, self);
  refresh (self);

  return GTK_WIDGET (self);
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
  refresh (self);
}

guint
kith_inbox_page_get_count (KithInboxPage *self)
{
  g_return_val_if_fail (KITH_IS_INBOX_PAGE (self), 0);

  return self->items != NULL ? json_array_get_length (self->items) : 0;
}

/**
 * kith_inbox_page_get_items:
 *
 * Returns: (transfer none) (nullable): what the page shows, as kith_store_list_inbox() lists it
 */
JsonArray *
kith_inbox_page_get_items (KithInboxPage *self)
{
  return self->items;
}

void
kith_inbox_page_refresh (KithInboxPage *self)
{
  refresh (self);
}

void
kith_inbox_page_set_show_back (KithInboxPage *self,
                               gboolean       show)
{
  gtk_widget_set_visible (self->back_button, show);
}
