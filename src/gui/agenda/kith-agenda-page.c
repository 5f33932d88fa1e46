/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-agenda-store.h"
#include "kith-agenda-page.h"
#include "kith-date-format.h"
#include "kith-agenda-section-row.h"
#include "kith-draft-open.h"
#include "kith-todo-dialog.h"
#include "kith-todos.h"

/*
 * The Agenda: a list of sections (KithAgendaSectionRow), each a list of entries, shown through
 * gtk_list_box_bind_model() from a KithAgendaModel that the page owns. The Agenda is computed
 * on the store's worker whenever the store changes, and the model on screen is updated with
 * it, which changes only what changed: marking a to-do done removes one row. While the page is
 * hidden, the model on screen waits until it is shown; only the sidebar's count follows, and
 * computing again waits KITH_HIDDEN_WAIT_S after the last computation (kith-types.h).
 */

struct _KithAgendaPage
{
  GtkWidget        parent_instance;

  GtkWidget       *back_button;
  GtkListBox      *sections;

  KithStore       *store;
  KithAgendaModel *agenda;
  /* Computed while the page was hidden: shown when it is mapped; its count is the sidebar's */
  KithAgendaModel *pending;
  GCancellable    *cancellable;
  gulong           changed_id;
  guint            midnight_id;
  KithSerial       refresh;
  guint            wait_id;        /* a computation for the hidden page, waiting its turn */
  gint64           computed_at;    /* when the last computation came back, monotonic µs */
  gboolean         rows_bound;
  /* Computing starts when the page is first shown or the window is at rest after its first
   * frame (kith_agenda_page_load()); computed: the first computation came back */
  gboolean         started;
  gboolean         computed;

  /* The last change, for Undo */
  gint64           undo_todo;
  char            *undo_due;
  gboolean         undo_done;
};

G_DEFINE_FINAL_TYPE (KithAgendaPage, kith_agenda_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_AGENDA,
  PROP_COUNT,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh (KithAgendaPage *self);
static void refresh_soon (KithAgendaPage *self);

/* Which page of the stack: loading until computed, then the Agenda or, when empty, a hint */
static char *
stack_page (KithAgendaPage *self,
            gboolean        loaded,
            guint           total)
{
  return g_strdup (!loaded ? "loading" : total > 0 ? "agenda" : "empty");
}

/* The heading, such as "Monday 23 November" */
static char *
date_heading (KithAgendaPage *self,
              const char     *date)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate day;

  if (date == NULL || !kith_parse_date (date, FALSE, &day))
    return NULL;

  dt = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 0, 0, 0);
  /* Translators: the Agenda's heading, such as "Monday 23 November" */
  return kith_date_format (dt, _("%A %-d %B"));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithAgendaPage) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Saved or not, the store's "changed" updates the Agenda; a page gone shows nothing */
  if (!kith_store_change_todo_finish (KITH_STORE (source), result, &error) &&
      !g_cancellable_is_cancelled (self->cancellable))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

/* A write the user asked for: it completes even if the page goes away */
static void
set_done (KithAgendaPage *self,
          gint64          todo,
          gboolean        done)
{
  kith_store_set_todo_done_async (self->store, todo, done, on_written_cb, g_object_ref (self));
}

static void
move_to (KithAgendaPage *self,
         gint64          todo,
         const char     *due)
{
  kith_store_reschedule_todo_async (self->store, todo, due, on_written_cb, g_object_ref (self));
}

static void
undo (KithAgendaPage *self)
{
  if (self->undo_todo == 0)
    return;

  if (self->undo_done)
    set_done (self, self->undo_todo, FALSE);
  else
    move_to (self, self->undo_todo, self->undo_due);

  self->undo_todo = 0;
}

static void
on_undo_clicked_cb (AdwToast       *toast,
                    KithAgendaPage *self)
{
  undo (self);
}

/* Remembers how @entry is now, for Undo, and says what was done with an Undo button */
static void
offer_undo (KithAgendaPage  *self,
            KithAgendaEntry *entry,
            gboolean         done,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  self->undo_todo = kith_agenda_entry_get_id (entry);
  self->undo_done = done;
  g_free (self->undo_due);
  self->undo_due = g_strdup (kith_agenda_entry_get_day (entry));

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);
  gint64 todo = g_variant_get_int64 (parameter);
  KithAgendaEntry *entry = kith_agenda_model_find_todo (self->agenda, todo);

  if (entry == NULL)
    return;

  offer_undo (self, entry, TRUE, _("To-do done"));
  set_done (self, todo, TRUE);
}

/* "today", "tomorrow", "next-week" or "someday" as a day, at the time of day the to-do had
 * (@due), if any; NULL for someday */
static char *
due_for (const char *when,
         const char *due)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  GDate old;
  int minute;

  if (g_strcmp0 (when, "tomorrow") == 0)
    day = g_date_time_add_days (now, 1);
  else if (g_strcmp0 (when, "next-week") == 0)
    day = g_date_time_add_days (now, 7);
  else if (g_strcmp0 (when, "today") == 0)
    day = g_date_time_ref (now);
  else
    return NULL;

  date = g_date_time_format (day, "%Y-%m-%d");
  if (due == NULL || !kith_todo_parse_due (due, &old, &minute) || minute < 0)
    return g_steal_pointer (&date);
  return g_strdup_printf ("%sT%02d:%02d", date, minute / 60, minute % 60);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);
  g_autofree char *due = NULL;
  KithAgendaEntry *entry;
  const char *when;
  gint64 todo;

  g_variant_get (parameter, "(x&s)", &todo, &when);
  entry = kith_agenda_model_find_todo (self->agenda, todo);
  if (entry == NULL)
    return;

  due = due_for (when, kith_agenda_entry_get_day (entry));
  offer_undo (self, entry, FALSE, due != NULL ? _("To-do moved") : _("To-do moved to Someday"));
  move_to (self, todo, due);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_RECORD], 0, g_variant_get_int64 (parameter));
}

/* A reminder's Compose: the step's template merged for the person, in a composer */
static void
compose_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  kith_draft_open_for_step (widget, KITH_AGENDA_PAGE (widget)->store, g_variant_get_int64 (parameter));
}

static void
add_todo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = kith_todo_dialog_new (self->store, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_section_row (gpointer item,
                    gpointer user_data)
{
  return kith_agenda_section_row_new (item);
}

/* A hidden page keeps what the worker computed and only tells the sidebar its count: updating
 * the shown model (and its rows) on the main thread waits until the page is shown (bench/stall) */
static void
set_pending (KithAgendaPage  *self,
             KithAgendaModel *computed)
{
  g_set_object (&self->pending, computed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
on_computed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithAgendaPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithAgendaModel) computed = kith_store_compute_agenda_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->computed = TRUE;
  self->computed_at = g_get_monotonic_time ();
  if (computed == NULL)
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kith_agenda_model_update (self->agenda, computed);
  else
    set_pending (self, computed);

  if (kith_serial_end (&self->refresh))
    refresh_soon (self);
}

static void
refresh (KithAgendaPage *self)
{
  /* One computation at a time; a change during it asks for another. Before the first, nothing
   * to do: it will see the change. */
  if (self->store == NULL || !self->started || !kith_serial_begin (&self->refresh))
    return;

  g_clear_handle_id (&self->wait_id, g_source_remove);
  kith_store_compute_agenda_async (self->store, self->cancellable, on_computed_cb, g_object_ref (self));
}

static gboolean
on_wait_over_cb (gpointer data)
{
  KithAgendaPage *self = data;

  self->wait_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* After a change: at once when the page is shown, else KITH_HIDDEN_WAIT_S after the last
 * computation. While one runs, refresh () only asks for the next, which comes back here. */
static void
refresh_soon (KithAgendaPage *self)
{
  guint wait_ms = kith_hidden_wait_ms (self->computed_at);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || self->refresh.running || wait_ms == 0)
    refresh (self);
  else if (self->wait_id == 0)
    self->wait_id = g_timeout_add (wait_ms, on_wait_over_cb, self);
}

static void
on_store_changed_cb (KithStore      *store,
                     KithStoreChanges *changes,
                     KithAgendaPage *self)
{
  refresh_soon (self);
}

static void
on_count_changed_cb (KithAgendaModel *agenda,
                     GParamSpec      *pspec,
                     KithAgendaPage  *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
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
  if (g_strcmp0 (today, kith_agenda_model_get_date (self->agenda)) != 0)
    refresh (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
kith_agenda_page_constructed (GObject *object)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (object);

  G_OBJECT_CLASS (kith_agenda_page_parent_class)->constructed (object);

  g_return_if_fail (KITH_IS_STORE (self->store));

  self->changed_id = g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  /* Computing starts with kith_agenda_page_load() */
}

static void
kith_agenda_page_dispose (GObject *object)
{
  KithAgendaPage *self = (KithAgendaPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->wait_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->sections != NULL)
    gtk_list_box_bind_model (self->sections, NULL, NULL, NULL, NULL);

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
  g_clear_object (&self->agenda);
  g_clear_object (&self->pending);
  g_clear_object (&self->cancellable);
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

    case PROP_AGENDA:
      g_value_set_object (value, self->agenda);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, kith_agenda_page_get_count (self));
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
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The sections' rows are built when the Agenda is first shown: a window that opens on People
 * does not build them before the list's first frame, nor after its jumps (bench/gui) */
static void
kith_agenda_page_map (GtkWidget *widget)
{
  KithAgendaPage *self = KITH_AGENDA_PAGE (widget);
  g_autoptr(KithAgendaModel) pending = g_steal_pointer (&self->pending);

  kith_agenda_page_load (self);
  /* A change the hidden page waited to compute: now */
  if (self->wait_id != 0)
    refresh (self);

  /* Before the rows are bound, so a first showing builds them once */
  if (pending != NULL)
    kith_agenda_model_update (self->agenda, pending);

  if (!self->rows_bound)
    {
      self->rows_bound = TRUE;
      gtk_list_box_bind_model (self->sections, G_LIST_MODEL (self->agenda), create_section_row, NULL, NULL);
    }

  GTK_WIDGET_CLASS (kith_agenda_page_parent_class)->map (widget);
}

static void
kith_agenda_page_class_init (KithAgendaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_agenda_page_constructed;
  object_class->dispose = kith_agenda_page_dispose;
  object_class->finalize = kith_agenda_page_finalize;
  object_class->get_property = kith_agenda_page_get_property;
  object_class->set_property = kith_agenda_page_set_property;
  GTK_WIDGET_CLASS (klass)->map = kith_agenda_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * KithAgendaPage:agenda:
   *
   * The Agenda shown, updated in place as it is computed again.
   */
  properties[PROP_AGENDA] =
    g_param_spec_object ("agenda", NULL, NULL, KITH_TYPE_AGENDA_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_child (widget_class, KithAgendaPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithAgendaPage, sections);
  gtk_widget_class_bind_template_callback (widget_class, stack_page);
  gtk_widget_class_bind_template_callback (widget_class, date_heading);

  gtk_widget_class_install_action (widget_class, "agenda.add-todo", NULL, add_todo_action);
  gtk_widget_class_install_action (widget_class, "agenda.done", "x", done_action);
  gtk_widget_class_install_action (widget_class, "agenda.reschedule", "(xs)", reschedule_action);
  gtk_widget_class_install_action (widget_class, "agenda.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "agenda.compose-step", "x", compose_step_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "agenda.add-todo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kith-agenda-page");
}

static void
kith_agenda_page_init (KithAgendaPage *self)
{
  /* Before the template: its bindings look at the Agenda */
  self->agenda = kith_agenda_model_new (NULL);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->agenda, "notify::count", G_CALLBACK (on_count_changed_cb), self, 0);
  schedule_midnight (self);
}

GtkWidget *
kith_agenda_page_new (KithStore *store)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_AGENDA_PAGE, "store", store, NULL);
}

/**
 * kith_agenda_page_load:
 *
 * Starts computing the Agenda, unless it has started; the page starts it itself when first
 * shown. The window starts it at once when it opens on the Agenda, else once it is at rest
 * after its first frame: with 100,000 people it takes the store's worker a fifth of a second,
 * which the first frames of another page should not share a core with (bench/gui). The
 * sidebar's count comes with it.
 */
void
kith_agenda_page_load (KithAgendaPage *self)
{
  g_return_if_fail (KITH_IS_AGENDA_PAGE (self));

  if (self->started)
    return;

  self->started = TRUE;
  refresh (self);
}

/**
 * kith_agenda_page_get_loaded:
 *
 * Returns: whether the Agenda has been computed once
 */
gboolean
kith_agenda_page_get_loaded (KithAgendaPage *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_PAGE (self), FALSE);

  return self->computed;
}

guint
kith_agenda_page_get_count (KithAgendaPage *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_PAGE (self), 0);

  return kith_agenda_model_get_count (self->pending != NULL ? self->pending : self->agenda);
}

void
kith_agenda_page_set_show_back (KithAgendaPage *self,
                                gboolean        show)
{
  g_return_if_fail (KITH_IS_AGENDA_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}
