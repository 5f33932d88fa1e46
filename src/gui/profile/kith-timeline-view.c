/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimelineView"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-message-view.h"
#include "kith-timeline-view.h"

/*
 * A profile's timeline, newest first: emails of one thread fold into one row; notes and calls
 * are added in place. Also lists the record's open to-dos.
 */

#define PAGE_SIZE 200

struct _KithTimelineView
{
  AdwBin               parent_instance;

  GtkWidget           *box;
  AdwPreferencesGroup *todos_group;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  GtkWidget           *empty_row;

  /* The inline forms */
  GtkWidget           *note_entry;
  GtkWidget           *call_subject;
  GtkWidget           *call_minutes;
  GtkWidget           *call_outcome;
  GtkWidget           *call_direction;

  KithStore           *store;
  gint64               record_id;
  GCancellable        *cancellable;
  guint                n_rows;
};

G_DEFINE_FINAL_TYPE (KithTimelineView, kith_timeline_view, ADW_TYPE_BIN)

static void reload (KithTimelineView *self);

static void
toast (KithTimelineView *self,
       const char       *text)
{
  kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

static const char *
icon_for (const char *style,
          const char *direction)
{
  if (g_strcmp0 (style, "email") == 0)
    return g_strcmp0 (direction, "outbound") == 0 ? "mail-send-symbolic" : "mail-unread-symbolic";
  if (g_strcmp0 (style, "call") == 0)
    return g_strcmp0 (direction, "inbound") == 0 ? "call-incoming-symbolic" : "call-outgoing-symbolic";
  if (g_strcmp0 (style, "meeting") == 0 || g_strcmp0 (style, "event") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (style, "text") == 0 || g_strcmp0 (style, "direct") == 0)
    return "chat-message-new-symbolic";
  if (g_strcmp0 (style, "todo") == 0)
    return "task-due-symbolic";

  return "text-editor-symbolic";
}

static char *
format_when (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    return g_date_time_format (local, _("%e %b, %H:%M"));

  return g_date_time_format (local, _("%e %b %Y"));
}

static char *
describe (JsonObject *item)
{
  const char *style = json_object_get_string_member_with_default (item, "style", "note");
  JsonArray *people = kith_json_get_array (item, "people");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *when = format_when (json_object_get_int_member (item, "date"));

  g_string_append (text, g_strstrip (when));

  if (g_str_equal (style, "call"))
    {
      static const struct { const char *key; const char *label; } outcomes[] = {
        { "connected", N_("connected") }, { "leftvm", N_("left voicemail") }, { "noanswer", N_("no answer") },
      };
      const char *outcome = json_object_get_string_member_with_default (item, "outcome", NULL);

      if (json_object_has_member (item, "duration"))
        {
          gint64 minutes = (json_object_get_int_member (item, "duration") + 59) / 60;
          g_autofree char *duration = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong) minutes),
                                                       (int) minutes);

          g_string_append_printf (text, " · %s", duration);
        }
      for (guint i = 0; outcome != NULL && i < G_N_ELEMENTS (outcomes); i++)
        if (g_str_equal (outcome, outcomes[i].key))
          g_string_append_printf (text, " · %s", _(outcomes[i].label));
    }

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *p = json_array_get_object_element (people, i);

      if (g_strcmp0 (json_object_get_string_member (p, "role"), "from") == 0 && json_object_has_member (p, "name"))
        {
          g_string_append_printf (text, " · %s", json_object_get_string_member (p, "name"));
          break;
        }
    }

  if (json_object_has_member (item, "preview"))
    {
      g_autofree char *preview = g_utf8_substring (json_object_get_string_member (item, "preview"), 0, 120);
      g_string_append_printf (text, "\n%s", preview);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* An email read in full, in a window of its own over the profile */
static void
on_email_activated_cb (AdwActionRow *row,
                       gpointer      user_data)
{
  JsonObject *item = g_object_get_data (G_OBJECT (row), "item");
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *view = kith_message_view_new ();
  g_autofree char *when = format_when (json_object_get_int_member (item, "date"));
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (row))));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 680, 560);
  gtk_window_set_title (GTK_WINDOW (window),
                        json_object_get_string_member_with_default (item, "subject", _("Message")));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (json_object_get_string_member_with_default (item, "subject",
                                                                                                     _("(No subject)")),
                                                         when));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_set_margin_start (view, 12);
  gtk_widget_set_margin_end (view, 12);
  gtk_box_append (GTK_BOX (box), view);
  kith_message_view_set_body (KITH_MESSAGE_VIEW (view), json_object_get_string_member (item, "body"),
                              json_object_get_string_member_with_default (item, "bodytype", "text"));
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);
  gtk_widget_add_css_class (window, "kith-message-window");
  gtk_window_present (GTK_WINDOW (window));
}

static GtkWidget *
make_item_row (JsonObject *item)
{
  GtkWidget *row = adw_action_row_new ();
  const char *style = json_object_get_string_member_with_default (item, "style", "note");
  const char *subject = json_object_get_string_member_with_default (item, "subject", NULL);
  g_autofree char *subtitle = describe (item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 subject != NULL ? subject
                                 : g_str_equal (style, "call") ? _("Call")
                                 : g_str_equal (style, "meeting") ? _("Meeting")
                                 : g_str_equal (style, "note") ? _("Note") : _("Message"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (icon_for (style,
                                                                     json_object_get_string_member_with_default (item, "direction", NULL))));

  /* A captured email opens in full */
  if (g_str_equal (style, "email") && json_object_has_member (item, "body"))
    {
      g_object_set_data_full (G_OBJECT (row), "item", json_object_ref (item), (GDestroyNotify) json_object_unref);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (on_email_activated_cb), NULL);
      gtk_widget_add_css_class (row, "email-row");
    }

  return row;
}

typedef struct {
  JsonArray *items;
  JsonArray *todos;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->items, json_array_unref);
  g_clear_pointer (&loaded->todos, json_array_unref);
  g_free (loaded);
}

static gpointer
load_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  gint64 id = *(gint64 *) data;
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->items = kith_store_get_timeline (store, id, 0, PAGE_SIZE, error);
  if (loaded->items != NULL)
    loaded->todos = kith_store_list_todos (store, id, FALSE, error);
  if (loaded->items == NULL || loaded->todos == NULL)
    {
      loaded_free (loaded);
      return NULL;
    }

  return loaded;
}

static void
add_row (KithTimelineView    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithTimelineView) self = user_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = kith_store_run_finish (KITH_STORE (source), result, &error);
  g_autoptr(GHashTable) threads = NULL;

  if (loaded == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)), row);
    }
  g_ptr_array_set_size (self->rows, 0);

  /* Emails of one thread: the newest message's row, folding the others */
  threads = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_rows = 0;
  for (guint i = 0; i < json_array_get_length (loaded->items); i++)
    {
      JsonObject *item = json_array_get_object_element (loaded->items, i);
      const char *thread = json_object_get_string_member_with_default (item, "threadid", NULL);
      gboolean email = g_strcmp0 (json_object_get_string_member_with_default (item, "style", NULL), "email") == 0;
      GtkWidget *expander;

      if (email && thread != NULL && (expander = g_hash_table_lookup (threads, thread)) != NULL)
        {
          guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "count")) + 1;
          g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", n), n);

          g_object_set_data (G_OBJECT (expander), "count", GUINT_TO_POINTER (n));
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), make_item_row (item));
          continue;
        }

      if (email && thread != NULL)
        {
          /* The first (newest) message opens a thread row; later ones fold into it */
          gboolean more = FALSE;

          for (guint j = i + 1; j < json_array_get_length (loaded->items) && !more; j++)
            more = g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (loaded->items, j),
                                                                          "threadid", NULL), thread) == 0;
          if (more)
            {
              g_autofree char *when = format_when (json_object_get_int_member (item, "date"));

              expander = adw_expander_row_new ();
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                             json_object_get_string_member_with_default (item, "subject", _("Message")));
              adw_expander_row_set_icon_name (ADW_EXPANDER_ROW (expander), "mail-unread-symbolic");
              g_object_set_data (G_OBJECT (expander), "count", GUINT_TO_POINTER (1));
              adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), make_item_row (item));
              g_hash_table_insert (threads, (gpointer) thread, expander);
              add_row (self, self->group, expander);
              self->n_rows++;
              continue;
            }
        }

      add_row (self, self->group, make_item_row (item));
      self->n_rows++;
    }
  gtk_widget_set_visible (self->empty_row, self->n_rows == 0);

  gtk_widget_set_visible (GTK_WIDGET (self->todos_group), json_array_get_length (loaded->todos) > 0);
  for (guint i = 0; i < json_array_get_length (loaded->todos); i++)
    {
      JsonObject *todo = json_array_get_object_element (loaded->todos, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (todo, "subject"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_strcmp0 (json_object_get_string_member (todo, "when"), "someday") == 0
                                                         ? _("Someday") : json_object_get_string_member (todo, "when"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("task-due-symbolic"));
      add_row (self, self->todos_group, row);
    }

  loaded_free (loaded);
}

static void
reload (KithTimelineView *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_run_async (self->store, load_job, g_memdup2 (&self->record_id, sizeof (gint64)), g_free,
                        (GDestroyNotify) loaded_free, self->cancellable, on_loaded_cb, g_object_ref (self));
}

static gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  return GINT_TO_POINTER (kith_store_add_timeline_item (store, data, NULL, error) != 0);
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithTimelineView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_run_finish (KITH_STORE (source), result, &error) != NULL;

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  reload (self);
}

static void
add_item (KithTimelineView *self,
          JsonObject       *item)
{
  JsonArray *refs = json_array_new ();
  g_autofree char *ref = g_strdup_printf ("#%" G_GINT64_FORMAT, self->record_id);

  json_array_add_string_element (refs, ref);
  json_object_set_array_member (item, g_str_equal (json_object_get_string_member (item, "style"), "note")
                                      ? "references" : "participants", refs);
  kith_store_run_async (self->store, add_job, item, (GDestroyNotify) json_object_unref, NULL,
                        NULL, on_added_cb, g_object_ref (self));
}

/**
 * kith_timeline_view_add_note:
 *
 * Adds a note about the record, dated now.
 */
void
kith_timeline_view_add_note (KithTimelineView *self,
                             const char       *text)
{
  g_autofree char *clean = NULL;
  JsonObject *item;

  g_return_if_fail (KITH_IS_TIMELINE_VIEW (self));

  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    return;

  item = json_object_new ();
  json_object_set_string_member (item, "style", "note");
  json_object_set_string_member (item, "body", clean);
  {
    g_autofree char *first_line = g_utf8_substring (clean, 0, 80);
    char *nl = strchr (first_line, '\n');

    if (nl != NULL)
      *nl = '\0';
    json_object_set_string_member (item, "subject", first_line);
  }
  add_item (self, item);
}

/**
 * kith_timeline_view_log_call:
 * @outcome: "connected", "leftvm" or "noanswer"
 * @direction: "inbound" or "outbound"
 */
void
kith_timeline_view_log_call (KithTimelineView *self,
                             const char       *subject,
                             guint             minutes,
                             const char       *outcome,
                             const char       *direction)
{
  JsonObject *item;

  g_return_if_fail (KITH_IS_TIMELINE_VIEW (self));

  item = json_object_new ();
  json_object_set_string_member (item, "style", "call");
  if (subject != NULL && *subject != '\0')
    json_object_set_string_member (item, "subject", subject);
  json_object_set_int_member (item, "duration", (gint64) minutes * 60);
  json_object_set_string_member (item, "outcome", outcome);
  json_object_set_string_member (item, "direction", direction);
  add_item (self, item);
}

static void
on_note_activate_cb (GtkEntry         *entry,
                     KithTimelineView *self)
{
  kith_timeline_view_add_note (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
log_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  static const char *outcomes[] = { "connected", "leftvm", "noanswer" };
  static const char *directions[] = { "outbound", "inbound" };
  guint outcome = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->call_outcome));
  guint direction = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->call_direction));
  GtkWidget *popover = gtk_widget_get_ancestor (self->call_subject, GTK_TYPE_POPOVER);

  kith_timeline_view_log_call (self, gtk_editable_get_text (GTK_EDITABLE (self->call_subject)),
                               (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->call_minutes)),
                               outcomes[MIN (outcome, 2)], directions[MIN (direction, 1)]);
  gtk_editable_set_text (GTK_EDITABLE (self->call_subject), "");
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static GtkWidget *
make_call_button (KithTimelineView *self)
{
  const char *outcomes[] = { _("Connected"), _("Left voicemail"), _("No answer"), NULL };
  const char *directions[] = { _("I called"), _("They called"), NULL };
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *minutes_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *log = gtk_button_new_with_mnemonic (_("_Log Call"));

  self->call_subject = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->call_subject), _("What it was about"));
  self->call_minutes = gtk_spin_button_new_with_range (0, 600, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->call_minutes), 5);
  self->call_outcome = gtk_drop_down_new_from_strings (outcomes);
  self->call_direction = gtk_drop_down_new_from_strings (directions);

  gtk_box_append (GTK_BOX (box), self->call_subject);
  gtk_box_append (GTK_BOX (minutes_box), self->call_minutes);
  gtk_box_append (GTK_BOX (minutes_box), gtk_label_new (_("minutes")));
  gtk_box_append (GTK_BOX (box), minutes_box);
  gtk_box_append (GTK_BOX (box), self->call_outcome);
  gtk_box_append (GTK_BOX (box), self->call_direction);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (log), "timeline.log-call");
  gtk_widget_add_css_class (log, "suggested-action");
  gtk_box_append (GTK_BOX (box), log);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "call-start-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, _("Log a Call"));
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
kith_timeline_view_dispose (GObject *object)
{
  KithTimelineView *self = (KithTimelineView *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kith_timeline_view_parent_class)->dispose (object);
}

static void
kith_timeline_view_finalize (GObject *object)
{
  KithTimelineView *self = (KithTimelineView *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kith_timeline_view_parent_class)->finalize (object);
}

static void
kith_timeline_view_class_init (KithTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_timeline_view_dispose;
  object_class->finalize = kith_timeline_view_finalize;

  gtk_widget_class_install_action (widget_class, "timeline.log-call", NULL, log_call_action);
}

static void
kith_timeline_view_init (KithTimelineView *self)
{
  GtkWidget *note_row;

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);

  self->todos_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->todos_group, _("To-Dos"));
  gtk_widget_set_visible (GTK_WIDGET (self->todos_group), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->todos_group));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Timeline"));
  adw_preferences_group_set_header_suffix (self->group, make_call_button (self));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->group));

  note_row = adw_action_row_new ();
  self->note_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->note_entry), _("Add a note…"));
  gtk_widget_set_hexpand (self->note_entry, TRUE);
  gtk_widget_set_valign (self->note_entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a note"), -1);
  g_signal_connect_object (self->note_entry, "activate", G_CALLBACK (on_note_activate_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (note_row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (note_row), self->note_entry);
  adw_preferences_group_add (self->group, note_row);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("Nothing on the timeline yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->empty_row), _("Email, calls and meetings show up here"));
  adw_preferences_group_add (self->group, self->empty_row);

  adw_bin_set_child (ADW_BIN (self), self->box);
}

GtkWidget *
kith_timeline_view_new (void)
{
  return g_object_new (KITH_TYPE_TIMELINE_VIEW, NULL);
}

void
kith_timeline_view_set_record (KithTimelineView *self,
                               KithStore        *store,
                               gint64            record_id)
{
  g_return_if_fail (KITH_IS_TIMELINE_VIEW (self));

  g_set_object (&self->store, store);
  self->record_id = record_id;
  reload (self);
}

/**
 * kith_timeline_view_get_n_rows:
 *
 * Returns: the rows shown, a thread of emails counting once
 */
guint
kith_timeline_view_get_n_rows (KithTimelineView *self)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_VIEW (self), 0);

  return self->n_rows;
}
