/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTodoDialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "kith-agenda-store.h"
#include "kith-participant-chip.h"
#include "kith-record-item.h"
#include "kith-todo-dialog.h"
#include "kith-todo-store.h"
#include "kith-todos.h"

/*
 * New To-Do, or Edit To-Do filled in from one: what to do, when, and with whom. People are found as the name is typed and
 * shown as chips; both lists are list models of KithRecordItem (matches, participants), and
 * every store call (the search, looking up a participant, adding the to-do) runs on the
 * store's worker.
 */

struct _KithTodoDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *add_button;
  AdwEntryRow     *subject_row;
  AdwComboRow     *when_row;
  GtkWidget       *calendar_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  AdwEntryRow     *time_row;
  AdwEntryRow     *search_row;
  GtkListBox      *matches;
  GtkFlowBox      *chips;
  GtkLabel        *error_label;
  GListStore      *found;          /* KithRecordItem: people matching what is typed */
  GListStore      *participants;   /* KithRecordItem: who the to-do is with */

  KithStore       *store;
  gint64           todo_id;        /* the to-do edited, or 0 for a new one */
  guint            n_loading;      /* participants whose names are being read */
  gboolean         saving;
  GCancellable    *cancellable;
  guint            search_id;
  guint            n_searching;    /* searches on the worker */
  gboolean         add_first;      /* Enter in the search: add the first match once found */
};

G_DEFINE_FINAL_TYPE (KithTodoDialog, kith_todo_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
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

/* Saving waits for the participants' names (a to-do saved without them would lose them) and
 * happens once. The action goes off rather than the dialog insensitive: a focused field made
 * insensitive loses the keyboard without being told (GTK warns) */
static gboolean
can_save (KithTodoDialog *self)
{
  return self->n_loading == 0 && !self->saving;
}

static void
set_saving (KithTodoDialog *self,
            gboolean        saving)
{
  self->saving = saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "todo.save", can_save (self));
}

/* The time of day typed ("15:00", "9:30") as minutes into the day; -1 when none is typed,
 * -2 when what is typed is not a time */
static int
time_of_day (KithTodoDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_row))));
  int hour, minute, length = 0;

  if (*text == '\0')
    return -1;
  if (sscanf (text, "%2d:%2d%n", &hour, &minute, &length) != 2 || text[length] != '\0' ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return -2;

  return hour * 60 + minute;
}

/* The day chosen ("YYYY-MM-DD"), with the time of day when one is typed ("YYYY-MM-DDTHH:MM"),
 * or NULL for someday */
static char *
dup_due (KithTodoDialog *self,
         int             minute)
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
      return NULL;
    }

  if (minute >= 0)
    {
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      return g_strdup_printf ("%sT%02d:%02d", date, minute / 60, minute % 60);
    }
  return g_date_time_format (day, "%Y-%m-%d");
}

static gboolean
find_participant (KithTodoDialog *self,
                  gint64          id,
                  guint          *out_position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      if (kith_record_item_get_id (item) == id)
        {
          *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
add_item (KithTodoDialog *self,
          KithRecordItem *item)
{
  guint position;

  if (!find_participant (self, kith_record_item_get_id (item), &position))
    g_list_store_append (self->participants, item);
}

static void
on_remove_chip_cb (KithParticipantChip *chip,
                   KithTodoDialog      *self)
{
  guint position;

  if (find_participant (self, kith_record_item_get_id (kith_participant_chip_get_item (chip)), &position))
    g_list_store_remove (self->participants, position);
}

/* A participant's chip: their name, and a click takes them off */
static GtkWidget *
create_chip (gpointer item,
             gpointer user_data)
{
  GtkWidget *chip = kith_participant_chip_new (item);

  g_signal_connect_object (chip, "clicked", G_CALLBACK (on_remove_chip_cb), user_data, 0);
  return chip;
}

/* A person found: name, and company or headline */
static GtkWidget *
create_match (gpointer item,
              gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (item, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (item, "subtitle", row, "subtitle", G_BINDING_SYNC_CREATE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static gpointer
items_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  GArray *ids = data;
  g_autoptr(GPtrArray) rows = kith_store_get_rows (store, (const gint64 *) (gpointer) ids->data, ids->len);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      KithRecordRow *row = g_ptr_array_index (rows, i);
      KithRecordItem *item;

      if (row == NULL)
        continue;
      item = kith_record_item_new (row->id);
      kith_record_item_set_row (item, row, NULL, NULL, NULL);
      g_ptr_array_add (items, item);
    }

  return items;
}

static void
on_participant_found_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  KithTodoDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loading--;
  set_saving (self, self->saving);
  if (items == NULL)
    return;

  for (guint i = 0; i < items->len; i++)
    add_item (self, g_ptr_array_index (items, i));
}

/**
 * kith_todo_dialog_add_participant:
 *
 * Adds a person, company or project the to-do is about, once its name is read.
 */
void
kith_todo_dialog_add_participant (KithTodoDialog *self,
                                  gint64          record_id)
{
  GArray *ids;

  g_return_if_fail (KITH_IS_TODO_DIALOG (self));

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (ids, record_id);
  self->n_loading++;
  set_saving (self, self->saving);
  kith_store_run_async (self->store, items_job, ids, (GDestroyNotify) g_array_unref,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable, on_participant_found_cb, self);
}

static void
on_match_activated (GtkListBox     *list,
                    GtkListBoxRow  *row,
                    KithTodoDialog *self)
{
  g_autoptr(KithRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->found),
                                                          gtk_list_box_row_get_index (row));

  if (item != NULL)
    add_item (self, item);
  gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
  g_list_store_remove_all (self->found);
}

static gpointer
search_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  g_autoptr(GArray) ids = NULL;

  /* A bad query while typing is not an error worth showing: no matches */
  ids = kith_store_find (store, KITH_RECORD_PERSON, data, KITH_SORT_NAME, KITH_GROUP_NONE, 0, 8, NULL, NULL);
  if (ids == NULL)
    return g_ptr_array_new ();

  return items_job (store, ids, error);
}

/* Adds the first of the people found, as a click on it does */
static void
add_first_match (KithTodoDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->matches, 0);

  self->add_first = FALSE;
  if (row != NULL)
    on_match_activated (self->matches, row, self);
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KithTodoDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = kith_store_run_finish (KITH_STORE (source), result, &error);

  /* Cancelled: the dialog is gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_searching--;
  if (items != NULL)
    g_list_store_splice (self->found, 0, g_list_model_get_n_items (G_LIST_MODEL (self->found)),
                         items->pdata, items->len);
  if (self->add_first && self->n_searching == 0 && self->search_id == 0)
    add_first_match (self);
}

static gboolean
on_search_timeout_cb (gpointer data)
{
  KithTodoDialog *self = data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_row));

  self->search_id = 0;

  if (text == NULL || *text == '\0')
    {
      g_list_store_remove_all (self->found);
      return G_SOURCE_REMOVE;
    }

  self->n_searching++;
  kith_store_run_async (self->store, search_job, g_strdup (text), g_free, (GDestroyNotify) g_ptr_array_unref,
                        self->cancellable, on_search_done_cb, self);

  return G_SOURCE_REMOVE;
}

/* Enter in the search adds the first person found; what was just typed may not be searched
 * yet, so the search runs now and the first match is added when it is found */
static void
on_search_activated (AdwEntryRow    *row,
                     KithTodoDialog *self)
{
  if (self->search_id != 0)
    {
      g_clear_handle_id (&self->search_id, g_source_remove);
      on_search_timeout_cb (self);
    }

  if (self->n_searching > 0)
    self->add_first = TRUE;
  else
    add_first_match (self);
}

static void
on_search_changed (GtkEditable    *editable,
                   KithTodoDialog *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  self->search_id = g_timeout_add (150, on_search_timeout_cb, self);
}

/* The matches show while there are any */
static gboolean
has_items (KithTodoDialog *self,
           guint           n_items)
{
  return n_items > 0;
}

/* The button shows the date chosen; choosing one closes the calendar */
static void
on_day_selected (GtkCalendar    *calendar,
                 KithTodoDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  /* Translators: the date a to-do is due, as on its button; see g_date_time_format () */
  g_autofree char *label = g_date_time_format (day, _("%a, %-d %b %Y"));

  gtk_menu_button_set_label (self->date_button, label);
  gtk_menu_button_popdown (self->date_button);
}

static gboolean
is_on_a_date (KithTodoDialog *self,
              guint           selected)
{
  return selected == WHEN_DATE;
}

/* A time of day goes with any day, not with someday */
static gboolean
is_on_a_day (KithTodoDialog *self,
             guint           selected)
{
  return selected != WHEN_SOMEDAY;
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithTodoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_add_todo_finish (KITH_STORE (source), result, &error);

  /* Saved either way; a dialog already closed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  set_saving (self, FALSE);

  if (id == 0)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithTodoDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_update_todo_finish (KITH_STORE (source), result, &error);

  /* Saved either way; a dialog already closed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  set_saving (self, FALSE);
  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static KithTodo *
todo_from_form (KithTodoDialog *self,
                const char     *subject,
                int             minute)
{
  g_autofree char *due = dup_due (self, minute);
  KithTodo *todo = kith_todo_new (subject, due);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithRecordItem) item = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      kith_todo_add_participant (todo, kith_record_item_get_id (item));
    }

  return todo;
}

/* Adds the to-do; on success emits KithTodoDialog::added and closes, otherwise shows why */
static void
save (KithTodoDialog *self)
{
  g_autofree char *subject = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row))));
  g_autoptr(KithTodo) todo = NULL;
  int minute;

  /* Enter in a field while the action is off */
  if (!can_save (self))
    return;

  if (*subject == '\0')
    {
      show_error (self, _("Say what there is to do"));
      gtk_widget_add_css_class (GTK_WIDGET (self->subject_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->subject_row), "error");
  minute = time_of_day (self);
  if (minute == -2)
    {
      show_error (self, _("Type the time of day as hours and minutes, such as 15:00"));
      gtk_widget_add_css_class (GTK_WIDGET (self->time_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->time_row));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");

  todo = todo_from_form (self, subject, minute);
  show_error (self, NULL);
  set_saving (self, TRUE);
  /* A write: it completes even if the dialog is closed meanwhile */
  if (self->todo_id != 0)
    kith_store_update_todo_async (self->store, self->todo_id, todo, on_updated_cb, g_object_ref (self));
  else
    kith_store_add_todo_async (self->store, todo, on_added_cb, g_object_ref (self));
}

static void
on_subject_activated (AdwEntryRow    *row,
                      KithTodoDialog *self)
{
  save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (KITH_TODO_DIALOG (widget));
}

static void
kith_todo_dialog_dispose (GObject *object)
{
  KithTodoDialog *self = (KithTodoDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->search_id, g_source_remove);
  if (self->matches != NULL)
    gtk_list_box_bind_model (self->matches, NULL, NULL, NULL, NULL);
  if (self->chips != NULL)
    gtk_flow_box_bind_model (self->chips, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TODO_DIALOG);

  G_OBJECT_CLASS (kith_todo_dialog_parent_class)->dispose (object);
}

static void
kith_todo_dialog_finalize (GObject *object)
{
  KithTodoDialog *self = (KithTodoDialog *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_todo_dialog_parent_class)->finalize (object);
}

static void
kith_todo_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithTodoDialog *self = KITH_TODO_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_todo_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithTodoDialog *self = KITH_TODO_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_todo_dialog_class_init (KithTodoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_todo_dialog_dispose;
  object_class->finalize = kith_todo_dialog_finalize;
  object_class->get_property = kith_todo_dialog_get_property;
  object_class->set_property = kith_todo_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithTodoDialog::added:
   * @id: the new to-do
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* The template's lists hold them: GtkBuilder finds the type by name */
  g_type_ensure (KITH_TYPE_RECORD_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/agenda/kith-todo-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, search_row);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, matches);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, chips);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, found);
  gtk_widget_class_bind_template_child (widget_class, KithTodoDialog, participants);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_match_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_activated);
  gtk_widget_class_bind_template_callback (widget_class, is_on_a_date);
  gtk_widget_class_bind_template_callback (widget_class, is_on_a_day);
  gtk_widget_class_bind_template_callback (widget_class, has_items);

  gtk_widget_class_install_action (widget_class, "todo.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "todo.save", NULL);
}

static void
kith_todo_dialog_init (KithTodoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  gtk_list_box_bind_model (self->matches, G_LIST_MODEL (self->found), create_match, NULL, NULL);
  gtk_flow_box_bind_model (self->chips, G_LIST_MODEL (self->participants), create_chip, self, NULL);
  on_day_selected (self->calendar, self);
  /* What is typed first is what there is to do */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->subject_row));
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

  self = g_object_new (KITH_TYPE_TODO_DIALOG, "store", store, "transient-for", parent, NULL);
  if (participant != 0)
    kith_todo_dialog_add_participant (self, participant);

  return GTK_WIDGET (self);
}

/* The day and time @due names ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM"), or someday */
static void
fill_due (KithTodoDialog *self,
          const char     *due)
{
  g_autoptr(GDateTime) day = NULL;
  GDate date;
  int minute;

  if (due == NULL || !kith_todo_parse_due (due, &date, &minute))
    {
      adw_combo_row_set_selected (self->when_row, WHEN_SOMEDAY);
      return;
    }

  day = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, day);
  adw_combo_row_set_selected (self->when_row, WHEN_DATE);
  if (minute >= 0)
    {
      g_autofree char *time = g_strdup_printf ("%02d:%02d", minute / 60, minute % 60);

      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
    }
}

/**
 * kith_todo_dialog_new_for_todo:
 * @todo: a stored to-do
 *
 * The dialog filled in with @todo: its title, when it is due and who it is about; saving
 * writes over it.
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
kith_todo_dialog_new_for_todo (KithStore *store,
                               GtkWindow *parent,
                               KithTodo  *todo)
{
  KithTodoDialog *self;
  const gint64 *participants;
  guint n;

  g_return_val_if_fail (KITH_IS_TODO (todo), NULL);

  self = KITH_TODO_DIALOG (kith_todo_dialog_new (store, parent, 0));
  self->todo_id = kith_todo_get_id (todo);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit To-Do"));
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Save"));
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), kith_todo_get_subject (todo));
  fill_due (self, kith_todo_get_due (todo));
  participants = kith_todo_get_participants (todo, &n);
  for (guint i = 0; i < n; i++)
    kith_todo_dialog_add_participant (self, participants[i]);

  return GTK_WIDGET (self);
}
