/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-agenda.h"
#include "kith-agenda-page.h"
#include "kith-todo-dialog.h"

struct _KithAgendaPage
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkWidget    *back_button;
  GtkListBox   *sections;
  GtkLabel     *date_label;

  KithStore    *store;
  JsonObject   *agenda;
  GCancellable *cancellable;
  GHashTable   *collapsed;      /* section names the user folded */
  gulong        changed_id;
  guint         midnight_id;
  guint         count;
  KithSerial    refresh;
  gboolean      sections_stale; /* rows to rebuild when the page is next shown */

  /* The last change, for Undo */
  gint64        undo_todo;
  char         *undo_due;
  gboolean      undo_done;
};

G_DEFINE_FINAL_TYPE (KithAgendaPage, kith_agenda_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COUNT,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum {
  SECTION_TODOS,
  SECTION_REMINDERS,
  SECTION_MEETINGS,
  SECTION_REPLY,
  SECTION_TOUCH,
  SECTION_OCCASIONS,
} SectionKind;

typedef struct {
  const char  *name;         /* member of the agenda, "todos.<x>" for to-dos */
  const char  *title;
  SectionKind  kind;
  const char  *drop_due;     /* where a to-do dropped here is moved: "today", "tomorrow", "someday" */
} Section;

static const Section section_defs[] = {
  { "todos.overdue", N_("Overdue"), SECTION_TODOS, NULL },
  { "todos.today", N_("Today"), SECTION_TODOS, "today" },
  { "meetings", N_("Meetings Today"), SECTION_MEETINGS, NULL },
  { "reminders", N_("Next Steps"), SECTION_REMINDERS, NULL },
  { "needsReply", N_("Waiting for a Reply"), SECTION_REPLY, NULL },
  { "stayInTouch", N_("Stay in Touch"), SECTION_TOUCH, NULL },
  { "occasions", N_("Birthdays and Anniversaries"), SECTION_OCCASIONS, NULL },
  { "todos.upcoming", N_("Upcoming"), SECTION_TODOS, "tomorrow" },
  { "todos.someday", N_("Someday"), SECTION_TODOS, "someday" },
};

static void refresh (KithAgendaPage *self);

/* Rows built per section before a "Show more" row */
#define ROWS_PER_BATCH 25

static JsonArray *
section_items (JsonObject    *agenda,
               const Section *section)
{
  if (g_str_has_prefix (section->name, "todos."))
    return kith_json_get_array (kith_json_get_object (agenda, "todos"),
                                         section->name + strlen ("todos."));

  return kith_json_get_array (agenda, section->name);
}

static char *
format_date_ms (gint64      ms,
                const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, format);
}

static char *
format_day (const char *iso_date)
{
  GDate date;

  if (!kith_parse_date (iso_date, FALSE, &date))
    return g_strdup (iso_date);

  {
    g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                     g_date_get_day (&date), 0, 0, 0);
    /* Translators: a day in a list of to-dos, such as "Mon 23 Nov" */
    return g_date_time_format (dt, _("%a %e %b"));
  }
}

static char *
days_phrase (gint64 days)
{
  if (days == 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("tomorrow"));
  if (days == -1)
    return g_strdup (_("yesterday"));
  if (days < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) -days), (int) -days);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", (gulong) days), (int) days);
}

static void
show_toast (KithAgendaPage *self,
            AdwToast       *toast)
{
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
show_error (KithAgendaPage *self,
            const GError   *error)
{
  kith_widget_show_error (GTK_WIDGET (self), error->message);
}

typedef struct {
  gint64  todo;
  char   *due;       /* "YYYY-MM-DD", NULL for someday */
  int     done;      /* -1 to leave alone */
  int     reschedule;
} TodoChange;

static void
todo_change_free (TodoChange *change)
{
  g_free (change->due);
  g_free (change);
}

static gpointer
change_todo_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  TodoChange *change = data;

  if (change->done >= 0 && !kith_store_set_todo_done (store, change->todo, change->done, error))
    return NULL;
  if (change->reschedule && !kith_store_reschedule_todo (store, change->todo, change->due, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
on_todo_changed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithAgendaPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_run_finish (KITH_STORE (source), result, &error) != NULL;

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  refresh (self);
}

static void
change_todo (KithAgendaPage *self,
             gint64          todo,
             int             done,
             gboolean        reschedule,
             const char     *due)
{
  TodoChange *change = g_new0 (TodoChange, 1);

  change->todo = todo;
  change->done = done;
  change->reschedule = reschedule;
  change->due = g_strdup (due);

  kith_store_run_async (self->store, change_todo_job, change, (GDestroyNotify) todo_change_free,
                        NULL, NULL, on_todo_changed_cb, g_object_ref (self));
}

static const char *
todo_due (KithAgendaPage *self,
          gint64          todo)
{
  JsonObject *todos = kith_json_get_object (self->agenda, "todos");
  static const char *sections[] = { "overdue", "today", "upcoming", "someday" };

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonArray *items = kith_json_get_array (todos, sections[s]);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          if (json_object_get_int_member (item, "id") == todo)
            return json_object_get_string_member (item, "when");
        }
    }

  return NULL;
}

static void
on_undo_clicked_cb (AdwToast       *toast,
                    KithAgendaPage *self)
{
  kith_agenda_page_undo (self);
}

static void
remember_for_undo (KithAgendaPage *self,
                   gint64          todo,
                   gboolean        done)
{
  const char *due = todo_due (self, todo);

  self->undo_todo = todo;
  self->undo_done = done;
  g_free (self->undo_due);
  self->undo_due = g_strdup (due != NULL && g_strcmp0 (due, "someday") != 0 ? due : NULL);
}

static void
offer_undo (KithAgendaPage *self,
            const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  show_toast (self, toast);
}

/**
 * kith_agenda_page_complete_todo:
 *
 * Marks a to-do done, with an Undo toast.
 *
 * Returns: %TRUE when the to-do is on the Agenda
 */
gboolean
kith_agenda_page_complete_todo (KithAgendaPage *self,
                                gint64          todo_id)
{
  g_return_val_if_fail (KITH_IS_AGENDA_PAGE (self), FALSE);

  if (self->agenda == NULL || todo_due (self, todo_id) == NULL)
    return FALSE;

  remember_for_undo (self, todo_id, TRUE);
  change_todo (self, todo_id, TRUE, FALSE, NULL);
  offer_undo (self, _("To-do done"));

  return TRUE;
}

/**
 * kith_agenda_page_undo:
 *
 * Takes back the last to-do marked done or rescheduled.
 */
void
kith_agenda_page_undo (KithAgendaPage *self)
{
  g_return_if_fail (KITH_IS_AGENDA_PAGE (self));

  if (self->undo_todo == 0)
    return;

  if (self->undo_done)
    change_todo (self, self->undo_todo, FALSE, FALSE, NULL);
  else
    change_todo (self, self->undo_todo, -1, TRUE, self->undo_due);

  self->undo_todo = 0;
}

static char *
due_for (const char *when)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;

  if (g_strcmp0 (when, "someday") == 0)
    return NULL;
  if (g_strcmp0 (when, "tomorrow") == 0)
    day = g_date_time_add_days (now, 1);
  else if (g_strcmp0 (when, "next-week") == 0)
    day = g_date_time_add_days (now, 7);
  else if (g_strcmp0 (when, "today") == 0)
    day = g_date_time_ref (now);
  else
    return g_strdup (when);

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
reschedule (KithAgendaPage *self,
            gint64          todo,
            const char     *when)
{
  g_autofree char *due = due_for (when);

  remember_for_undo (self, todo, FALSE);
  change_todo (self, todo, -1, TRUE, due);
  offer_undo (self, due != NULL ? _("To-do moved") : _("To-do moved to Someday"));
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);
  gint64 todo;
  const char *when;

  g_variant_get (parameter, "(x&s)", &todo, &when);
  reschedule (self, todo, when);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kith_agenda_page_complete_todo (KITH_AGENDA_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_RECORD], 0, g_variant_get_int64 (parameter));
}

static void
on_todo_added_cb (KithTodoDialog *dialog,
                  gint64          todo,
                  KithAgendaPage *self)
{
  refresh (self);
}

static void
add_todo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = kith_todo_dialog_new (self->store, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, 0);

  g_signal_connect_object (dialog, "added", G_CALLBACK (on_todo_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_done_toggled_cb (GtkCheckButton *check,
                    KithAgendaPage *self)
{
  gint64 todo = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "todo"));

  if (gtk_check_button_get_active (check))
    kith_agenda_page_complete_todo (self, todo);
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    gpointer       user_data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  gint64 todo = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "todo"));
  GValue value = G_VALUE_INIT;
  GdkContentProvider *provider;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, todo);
  provider = gdk_content_provider_new_for_value (&value);
  g_value_unset (&value);

  return provider;
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            KithAgendaPage *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const char *when = g_object_get_data (G_OBJECT (row), "drop-due");

  if (!G_VALUE_HOLDS_INT64 (value) || when == NULL)
    return FALSE;

  reschedule (self, g_value_get_int64 (value), when);
  return TRUE;
}

static GtkWidget *
make_reschedule_button (gint64 todo)
{
  static const struct { const char *label; const char *when; } choices[] = {
    { N_("_Today"), "today" },
    { N_("To_morrow"), "tomorrow" },
    { N_("_Next Week"), "next-week" },
    { N_("_Someday"), "someday" },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(choices[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "agenda.reschedule",
                                               g_variant_new ("(xs)", todo, choices[i].when));
      g_menu_append_item (menu, item);
    }

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-open-recent-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (button, _("Reschedule"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static char *
participants_text (JsonArray *people)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; people != NULL && i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, json_object_get_string_member_with_default (person, "name", ""));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint64
first_participant (JsonArray *people)
{
  if (people == NULL || json_array_get_length (people) == 0)
    return 0;

  return json_object_get_int_member (json_array_get_object_element (people, 0), "id");
}

static void
set_open_target (AdwActionRow *row,
                 gint64        record_id)
{
  if (record_id == 0)
    return;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "agenda.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (record_id));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
}

static GtkWidget *
make_todo_row (KithAgendaPage *self,
               JsonObject     *todo)
{
  gint64 id = json_object_get_int_member (todo, "id");
  const char *when = json_object_get_string_member (todo, "when");
  JsonArray *people = kith_json_get_array (todo, "participants");
  g_autofree char *who = participants_text (people);
  g_autofree char *day = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  if (g_strcmp0 (when, "someday") != 0)
    {
      g_autofree char *relative = days_phrase (json_object_get_int_member_with_default (todo, "inDays", 0));
      g_autofree char *date = format_day (when);

      day = g_strdup_printf ("%s (%s)", date, relative);
    }

  subtitle = *who != '\0' && day != NULL ? g_strdup_printf ("%s · %s", who, day)
             : g_strdup (*who != '\0' ? who : day);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (todo, "subject"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  g_object_set_data (G_OBJECT (check), "todo", GSIZE_TO_POINTER (id));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_done_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), NULL);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), make_reschedule_button (id));
  set_open_target (ADW_ACTION_ROW (row), first_participant (people));

  g_object_set_data (G_OBJECT (row), "todo", GSIZE_TO_POINTER (id));
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_name (row, "todo-row");
  gtk_widget_add_css_class (row, "todo-row");

  return row;
}

static GtkWidget *
make_row (KithAgendaPage *self,
          SectionKind     kind,
          JsonObject     *item)
{
  GtkWidget *row;
  g_autofree char *subtitle = NULL;
  const char *title = NULL;
  gint64 record_id = json_object_get_int_member_with_default (item, "recordId", 0);

  if (kind == SECTION_TODOS)
    return make_todo_row (self, item);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  switch (kind)
    {
    case SECTION_REMINDERS:
      {
        g_autofree char *when = days_phrase (json_object_get_int_member_with_default (item, "inDays", 0));
        const char *template = json_object_get_string_member_with_default (item, "template", NULL);

        title = json_object_get_string_member (item, "name");
        subtitle = template != NULL
                   /* Translators: a next step, when it was due, and the email template it suggests */
                   ? g_strdup_printf (_("%s · due %s · template “%s”"),
                                      json_object_get_string_member_with_default (item, "stepName", ""), when, template)
                   : g_strdup_printf (_("%s · due %s"),
                                      json_object_get_string_member_with_default (item, "stepName", ""), when);
        break;
      }

    case SECTION_MEETINGS:
      {
        g_autofree char *time = format_date_ms (json_object_get_int_member (item, "date"), "%H:%M");
        g_autofree char *who = participants_text (kith_json_get_array (item, "people"));
        const char *location = json_object_get_string_member_with_default (item, "location", NULL);

        title = json_object_get_string_member_with_default (item, "subject", _("Meeting"));
        subtitle = location != NULL ? g_strdup_printf ("%s · %s · %s", time, who, location)
                                    : g_strdup_printf ("%s · %s", time, who);
        record_id = first_participant (kith_json_get_array (item, "people"));
        break;
      }

    case SECTION_REPLY:
      {
        g_autofree char *when = format_date_ms (json_object_get_int_member (item, "date"), "%e %b %H:%M");

        title = json_object_get_string_member (item, "name");
        subtitle = g_strdup_printf ("%s · %s", json_object_get_string_member_with_default (item, "subject", ""), when);
        break;
      }

    case SECTION_TOUCH:
      {
        gint64 overdue = json_object_get_int_member (item, "overdueDays");
        gint64 cadence = json_object_get_int_member (item, "cadence");

        title = json_object_get_string_member (item, "name");
        if (json_object_has_member (item, "lastContact"))
          {
            g_autofree char *last = format_date_ms (json_object_get_int_member (item, "lastContact"), "%e %b %Y");
            /* Translators: last contact date, then the stay-in-touch cadence in days */
            subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last contact %s · every %d day",
                                                     "Last contact %s · every %d days", (gulong) cadence),
                                        last, (int) cadence);
          }
        else
          subtitle = g_strdup (_("Never contacted"));
        if (overdue > 0)
          {
            g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d day overdue",
                                                                  "%s · %d days overdue", (gulong) overdue),
                                                     subtitle, (int) overdue);
            g_free (subtitle);
            subtitle = g_steal_pointer (&more);
          }
        break;
      }

    case SECTION_OCCASIONS:
      {
        g_autofree char *when = days_phrase (json_object_get_int_member (item, "inDays"));
        g_autofree char *day = format_day (json_object_get_string_member (item, "date"));

        title = json_object_get_string_member (item, "name");
        if (json_object_has_member (item, "years"))
          /* Translators: "Birthday · 40 years · Sat 28 Feb (in 3 days)" */
          subtitle = g_strdup_printf (_("%s · %d years · %s (%s)"), json_object_get_string_member (item, "label"),
                                      (int) json_object_get_int_member (item, "years"), day, when);
        else
          subtitle = g_strdup_printf ("%s · %s (%s)", json_object_get_string_member (item, "label"), day, when);
        break;
      }

    case SECTION_TODOS:
    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  set_open_target (ADW_ACTION_ROW (row), record_id);

  return row;
}

static void
on_expanded_cb (AdwExpanderRow *expander,
                GParamSpec     *pspec,
                KithAgendaPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (expander), "section");

  if (adw_expander_row_get_expanded (expander))
    g_hash_table_remove (self->collapsed, name);
  else
    g_hash_table_add (self->collapsed, g_strdup (name));
}

static void
clear_sections (KithAgendaPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections))) != NULL)
    gtk_list_box_remove (self->sections, child);
}

static void add_rows (KithAgendaPage *self, AdwExpanderRow *expander, const Section *section,
                      JsonArray *items, guint from);

static void
on_show_more_cb (AdwActionRow   *more,
                 KithAgendaPage *self)
{
  AdwExpanderRow *expander = g_object_get_data (G_OBJECT (more), "expander");
  const Section *section = g_object_get_data (G_OBJECT (more), "section");
  JsonArray *items = json_array_ref (g_object_get_data (G_OBJECT (more), "items"));
  guint from = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (more), "from"));

  adw_expander_row_remove (expander, GTK_WIDGET (more));
  add_rows (self, expander, section, items, from);
  json_array_unref (items);
}

/* Builds one batch of a section's rows from @from on, and a "Show more" row after it when there
 * are more: a long section costs a screenful of widgets, not one per item */
static void
add_rows (KithAgendaPage *self,
          AdwExpanderRow *expander,
          const Section  *section,
          JsonArray      *items,
          guint           from)
{
  guint n = json_array_get_length (items);
  guint end = MIN (n, from + ROWS_PER_BATCH);
  GtkWidget *more;
  g_autofree char *label = NULL;

  for (guint i = from; i < end; i++)
    adw_expander_row_add_row (expander, make_row (self, section->kind, json_array_get_object_element (items, i)));

  if (end == n)
    return;

  more = adw_action_row_new ();
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", n - end), n - end);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), TRUE);
  gtk_widget_add_css_class (more, "show-more");
  g_object_set_data (G_OBJECT (more), "expander", expander);
  g_object_set_data (G_OBJECT (more), "section", (gpointer) section);
  g_object_set_data_full (G_OBJECT (more), "items", json_array_ref (items), (GDestroyNotify) json_array_unref);
  g_object_set_data (G_OBJECT (more), "from", GUINT_TO_POINTER (end));
  g_signal_connect_object (more, "activated", G_CALLBACK (on_show_more_cb), self, 0);
  adw_expander_row_add_row (expander, more);
}

/* Builds the sections' rows; only while the page is on screen (see map) */
static void
build_sections (KithAgendaPage *self)
{
  self->sections_stale = FALSE;
  clear_sections (self);

  for (guint s = 0; s < G_N_ELEMENTS (section_defs); s++)
    {
      const Section *section = &section_defs[s];
      JsonArray *items = section_items (self->agenda, section);
      guint n = items != NULL ? json_array_get_length (items) : 0;
      GtkWidget *expander;
      g_autofree char *count = NULL;

      if (n == 0)
        continue;

      expander = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(section->title));
      count = g_strdup_printf ("%u", n);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      g_object_set_data_full (G_OBJECT (expander), "section", g_strdup (section->name), g_free);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                     !g_hash_table_contains (self->collapsed, section->name));
      g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (on_expanded_cb), self, 0);

      if (section->drop_due != NULL)
        {
          GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

          g_object_set_data (G_OBJECT (expander), "drop-due", (gpointer) section->drop_due);
          g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
          gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drop));
        }

      add_rows (self, ADW_EXPANDER_ROW (expander), section, items, 0);
      gtk_list_box_append (self->sections, expander);
    }
}

static void
show_agenda (KithAgendaPage *self)
{
  guint total = 0;
  guint due_now = 0;
  GDate today;

  for (guint s = 0; s < G_N_ELEMENTS (section_defs); s++)
    {
      const Section *section = &section_defs[s];
      JsonArray *items = section_items (self->agenda, section);
      guint n = items != NULL ? json_array_get_length (items) : 0;

      total += n;
      if (g_str_equal (section->name, "todos.overdue") || g_str_equal (section->name, "todos.today") ||
          g_str_equal (section->name, "reminders"))
        due_now += n;
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_sections (self);
  else
    self->sections_stale = TRUE;

  if (kith_parse_date (json_object_get_string_member (self->agenda, "date"), FALSE, &today))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&today), g_date_get_month (&today),
                                                       g_date_get_day (&today), 0, 0, 0);
      /* Translators: the Agenda's heading, such as "Monday 23 November" */
      g_autofree char *text = g_date_time_format (dt, _("%A %e %B"));

      gtk_label_set_text (self->date_label, g_strstrip (text));
    }

  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "agenda" : "empty");

  if (self->count != due_now)
    {
      self->count = due_now;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
}

static void
kith_agenda_page_map (GtkWidget *widget)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);

  if (self->sections_stale && self->agenda != NULL)
    build_sections (self);

  GTK_WIDGET_CLASS (kith_agenda_page_parent_class)->map (widget);
}

static gpointer
compute_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return kith_agenda_compute (store, NULL, NULL, error);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithAgendaPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *agenda = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (agenda == NULL)
    show_error (self, error);
  else
    {
      g_clear_pointer (&self->agenda, json_object_unref);
      self->agenda = agenda;
      show_agenda (self);
    }

  if (kith_serial_end (&self->refresh))
    refresh (self);
}

static void
refresh (KithAgendaPage *self)
{
  /* One computation at a time; a change during it asks for another */
  if (self->store == NULL || !kith_serial_begin (&self->refresh))
    return;

  kith_store_run_async (self->store, compute_job, NULL, NULL, (GDestroyNotify) json_object_unref,
                        self->cancellable, on_computed_cb, g_object_ref (self));
}

static void
on_store_changed_cb (KithStore      *store,
                     KithStoreChanges *changes,
                     KithAgendaPage *self)
{
  refresh (self);
}

static gboolean on_midnight_cb (gpointer data);

/* "Today" ends at the local midnight: recompute then. */
static void
schedule_midnight (KithAgendaPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow), 0, 0, 1);
  GTimeSpan wait = g_date_time_difference (midnight, now);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  /* At most an hour at a time, so a time-zone change or a suspend is caught soon */
  self->midnight_id = g_timeout_add_seconds ((guint) MIN (wait / G_TIME_SPAN_SECOND + 1, 3600),
                                             on_midnight_cb, self);
}

static gboolean
on_midnight_cb (gpointer data)
{
  KithAgendaPage *self = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  self->midnight_id = 0;
  if (self->agenda == NULL || g_strcmp0 (today, json_object_get_string_member (self->agenda, "date")) != 0)
    refresh (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
kith_agenda_page_set_store (KithAgendaPage *self,
                            KithStore      *store)
{
  if (self->store == store)
    return;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
kith_agenda_page_dispose (GObject *object)
{
  KithAgendaPage *self = (KithAgendaPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_AGENDA_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (kith_agenda_page_parent_class)->dispose (object);
}

static void
kith_agenda_page_finalize (GObject *object)
{
  KithAgendaPage *self = (KithAgendaPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->agenda, json_object_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_free (self->undo_due);

  G_OBJECT_CLASS (kith_agenda_page_parent_class)->finalize (object);
}

static void
kith_agenda_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      kith_agenda_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_page_class_init (KithAgendaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_agenda_page_dispose;
  object_class->finalize = kith_agenda_page_finalize;
  object_class->get_property = kith_agenda_page_get_property;
  object_class->set_property = kith_agenda_page_set_property;
  widget_class->map = kith_agenda_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KithAgendaPage:count:
   *
   * What is due now: overdue and today's to-dos and due next steps; shown in the sidebar.
   */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithAgendaPage::open-record:
   * @id: the record to show
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/agenda/kith-agenda-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAgendaPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaPage, sections);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaPage, date_label);

  gtk_widget_class_install_action (widget_class, "agenda.add-todo", NULL, add_todo_action);
  gtk_widget_class_install_action (widget_class, "agenda.done", "x", done_action);
  gtk_widget_class_install_action (widget_class, "agenda.reschedule", "(xs)", reschedule_action);
  gtk_widget_class_install_action (widget_class, "agenda.open", "x", open_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agenda.add-todo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kith-agenda-page");
}

static void
kith_agenda_page_init (KithAgendaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  schedule_midnight (self);
}

GtkWidget *
kith_agenda_page_new (KithStore *store)
{
  return g_object_new (KITH_TYPE_AGENDA_PAGE, "store", store, NULL);
}

KithStore *
kith_agenda_page_get_store (KithAgendaPage *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_PAGE (self), NULL);

  return self->store;
}

guint
kith_agenda_page_get_count (KithAgendaPage *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_PAGE (self), 0);

  return self->count;
}

/**
 * kith_agenda_page_get_agenda:
 *
 * Returns: (transfer none) (nullable): the Agenda shown, as computed by kith_agenda_compute()
 */
JsonObject *
kith_agenda_page_get_agenda (KithAgendaPage *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_PAGE (self), NULL);

  return self->agenda;
}

void
kith_agenda_page_set_show_back (KithAgendaPage *self,
                                gboolean        show)
{
  g_return_if_fail (KITH_IS_AGENDA_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}

void
kith_agenda_page_refresh (KithAgendaPage *self)
{
  g_return_if_fail (KITH_IS_AGENDA_PAGE (self));

  refresh (self);
}
