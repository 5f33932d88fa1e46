/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTodoDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-todo-dialog.h"

struct _KithTodoDialog
{
  AdwWindow        parent_instance;

  AdwEntryRow     *subject_row;
  AdwComboRow     *when_row;
  GtkWidget       *calendar_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  AdwEntryRow     *search_row;
  GtkListBox      *matches;
  GtkFlowBox      *chips;
  GtkLabel        *error_label;

  KithStore       *store;
  GCancellable    *cancellable;
  GArray          *participants;   /* gint64 record ids */
  guint            search_id;
  guint            search_serial;
};

G_DEFINE_FINAL_TYPE (KithTodoDialog, kith_todo_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  WHEN_TODAY,
  WHEN_TOMORROW,
  WHEN_NEXT_WEEK,
  WHEN_SOMEDAY,
  WHEN_DATE,
};

static void
show_error (KithTodoDialog *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
dup_due (KithTodoDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;

  switch (adw_combo_row_get_selected (self->when_row))
    {
    case WHEN_TODAY:
      day = g_date_time_ref (now);
      break;
    case WHEN_TOMORROW:
      day = g_date_time_add_days (now, 1);
      break;
    case WHEN_NEXT_WEEK:
      day = g_date_time_add_days (now, 7);
      break;
    case WHEN_DATE:
      day = gtk_calendar_get_date (self->calendar);
      break;
    case WHEN_SOMEDAY:
    default:
      return g_strdup ("someday");
    }

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
on_remove_chip_cb (GtkButton      *button,
                   KithTodoDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "record"));

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, gint64, i) == id)
      {
        g_array_remove_index (self->participants, i);
        break;
      }

  gtk_flow_box_remove (self->chips, gtk_widget_get_parent (GTK_WIDGET (button)));
}

static void
add_chip (KithTodoDialog *self,
          gint64          id,
          const char     *name)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), name);

  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), name);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "window-close-symbolic");
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  g_object_set_data (G_OBJECT (button), "record", GSIZE_TO_POINTER (id));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_chip_cb), self, 0);
  gtk_flow_box_append (self->chips, button);
}

/**
 * kith_todo_dialog_add_participant:
 *
 * Adds a person, company or project the to-do is about.
 */
void
kith_todo_dialog_add_participant (KithTodoDialog *self,
                                  gint64          record_id)
{
  g_autoptr(KithRecordRow) row = NULL;

  g_return_if_fail (KITH_IS_TODO_DIALOG (self));

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, gint64, i) == record_id)
      return;

  row = kith_store_get_row (self->store, record_id);
  if (row == NULL)
    return;

  g_array_append_val (self->participants, record_id);
  add_chip (self, record_id, row->name);
}

static void
on_match_activated_cb (GtkListBox     *list,
                       GtkListBoxRow  *row,
                       KithTodoDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "record"));

  kith_todo_dialog_add_participant (self, id);
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->matches), FALSE);
}

typedef struct {
  char  *text;
  guint  serial;
} Search;

static void
search_free (Search *search)
{
  g_free (search->text);
  g_free (search);
}

static gpointer
search_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Search *search = data;
  g_autoptr(GArray) ids = NULL;

  /* A bad query while typing is not an error worth showing: no matches */
  ids = kith_store_find (store, KITH_RECORD_PERSON, search->text, KITH_SORT_NAME, KITH_GROUP_NONE,
                         0, 8, NULL, NULL);
  if (ids == NULL)
    return g_ptr_array_new ();

  return kith_store_get_rows (store, (const gint64 *) (gpointer) ids->data, ids->len);
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KithTodoDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kith_store_run_finish (KITH_STORE (source), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || rows == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matches))) != NULL)
    gtk_list_box_remove (self->matches, child);

  for (guint i = 0; i < rows->len; i++)
    {
      KithRecordRow *row = g_ptr_array_index (rows, i);
      GtkWidget *list_row;

      if (row == NULL)
        continue;
      list_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (list_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (list_row), row->name);
      if (row->company != NULL || row->headline != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (list_row), row->company ? row->company : row->headline);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), TRUE);
      g_object_set_data (G_OBJECT (list_row), "record", GSIZE_TO_POINTER (row->id));
      gtk_list_box_append (self->matches, list_row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->matches), rows->len > 0);
}

static gboolean
on_search_timeout_cb (gpointer data)
{
  KithTodoDialog *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_row));
  Search *search;

  self->search_id = 0;

  if (text == NULL || *text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->matches), FALSE);
      return G_SOURCE_REMOVE;
    }

  search = g_new0 (Search, 1);
  search->text = g_strdup (text);
  search->serial = ++self->search_serial;
  kith_store_run_async (self->store, search_job, search, (GDestroyNotify) search_free,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_search_done_cb, self);

  return G_SOURCE_REMOVE;
}

static void
on_search_changed_cb (GtkEditable    *editable,
                      KithTodoDialog *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  self->search_id = g_timeout_add (150, on_search_timeout_cb, self);
}

/* The button shows the date chosen; choosing one closes the calendar */
static void
on_day_selected_cb (GtkCalendar    *calendar,
                    KithTodoDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  /* Translators: the date a to-do is due, as on its button; see g_date_time_format () */
  g_autofree char *label = g_date_time_format (day, _("%a, %-d %b %Y"));

  gtk_menu_button_set_label (self->date_button, label);
  gtk_menu_button_popdown (self->date_button);
}

static void
on_when_changed_cb (AdwComboRow    *row,
                    GParamSpec     *pspec,
                    KithTodoDialog *self)
{
  gtk_widget_set_visible (self->calendar_row, adw_combo_row_get_selected (row) == WHEN_DATE);
}

static gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  gint64 id = kith_store_add_todo (store, data, error);

  return id != 0 ? g_memdup2 (&id, sizeof id) : NULL;
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithTodoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = kith_store_run_finish (KITH_STORE (source), result, &error);

  /* Saved either way; a dialog already closed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);

  if (id == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * kith_todo_dialog_save:
 *
 * Adds the to-do; on success emits #KithTodoDialog::added and closes, otherwise shows why.
 */
void
kith_todo_dialog_save (KithTodoDialog *self)
{
  g_autofree char *subject = NULL;
  g_autofree char *due = NULL;
  JsonObject *todo;
  JsonArray *people;

  g_return_if_fail (KITH_IS_TODO_DIALOG (self));

  subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  if (*subject == '\0')
    {
      show_error (self, _("Say what there is to do"));
      gtk_widget_add_css_class (GTK_WIDGET (self->subject_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->subject_row), "error");

  due = dup_due (self);
  todo = json_object_new ();
  json_object_set_string_member (todo, "subject", subject);
  json_object_set_string_member (todo, "when", due);
  people = json_array_new ();
  for (guint i = 0; i < self->participants->len; i++)
    {
      g_autofree char *ref = g_strdup_printf ("#%" G_GINT64_FORMAT, g_array_index (self->participants, gint64, i));
      json_array_add_string_element (people, ref);
    }
  json_object_set_array_member (todo, "participants", people);

  show_error (self, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  kith_store_run_async (self->store, add_job, todo, (GDestroyNotify) json_object_unref, g_free,
                        NULL, on_added_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  kith_todo_dialog_save (KITH_TODO_DIALOG (widget));
}

static void
kith_todo_dialog_dispose (GObject *object)
{
  KithTodoDialog *self = (KithTodoDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->search_id, g_source_remove);

  G_OBJECT_CLASS (kith_todo_dialog_parent_class)->dispose (object);
}

static void
kith_todo_dialog_finalize (GObject *object)
{
  KithTodoDialog *self = (KithTodoDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->participants, g_array_unref);

  G_OBJECT_CLASS (kith_todo_dialog_parent_class)->finalize (object);
}

static void
kith_todo_dialog_class_init (KithTodoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_todo_dialog_dispose;
  object_class->finalize = kith_todo_dialog_finalize;

  /**
   * KithTodoDialog::added:
   * @id: the new to-do
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/agenda/kith-todo-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, search_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, matches);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, chips);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, error_label);

  gtk_widget_class_install_action (widget_class, "todo.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "todo.save", NULL);
}

static void
kith_todo_dialog_init (KithTodoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->participants = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_signal_connect_object (self->search_row, "changed", G_CALLBACK (on_search_changed_cb), self, 0);
  g_signal_connect_object (self->matches, "row-activated", G_CALLBACK (on_match_activated_cb), self, 0);
  g_signal_connect_object (self->when_row, "notify::selected", G_CALLBACK (on_when_changed_cb), self, 0);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self, 0);
  on_day_selected_cb (self->calendar, self);
  g_signal_connect_object (self->subject_row, "entry-activated", G_CALLBACK (kith_todo_dialog_save), self,
                           G_CONNECT_SWAPPED);
}

/**
 * kith_todo_dialog_new:
 * @participant: a record the to-do is about, or 0
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
kith_todo_dialog_new (KithStore *store,
                      GtkWindow *parent,
                      gint64     participant)
{
  KithTodoDialog *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_object_new (KITH_TYPE_TODO_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  /* What is typed first is what there is to do */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->subject_row));
  if (participant != 0)
    kith_todo_dialog_add_participant (self, participant);

  return GTK_WIDGET (self);
}

void
kith_todo_dialog_set_subject (KithTodoDialog *self,
                              const char     *subject)
{
  g_return_if_fail (KITH_IS_TODO_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
}

/**
 * kith_todo_dialog_set_when:
 * @when: "today", "tomorrow", "next-week" or "someday"
 */
void
kith_todo_dialog_set_when (KithTodoDialog *self,
                           const char     *when)
{
  static const char *choices[] = { "today", "tomorrow", "next-week", "someday" };

  g_return_if_fail (KITH_IS_TODO_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (g_strcmp0 (when, choices[i]) == 0)
      adw_combo_row_set_selected (self->when_row, i);
}

GtkWidget *
kith_todo_dialog_get_error_label (KithTodoDialog *self)
{
  g_return_val_if_fail (KITH_IS_TODO_DIALOG (self), NULL);

  return GTK_WIDGET (self->error_label);
}
