/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimelineView"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-agenda-store.h"
#include "kith-enums.h"
#include "kith-gui-util.h"
#include "kith-item-dialog.h"
#include "kith-list-sync.h"
#include "kith-meeting-delete.h"
#include "kith-object-util.h"
#include "kith-schedule-dialog.h"
#include "kith-timeline-delete.h"
#include "kith-timeline-manual.h"
#include "kith-timeline-model.h"
#include "kith-timeline-row.h"
#include "kith-timeline-store.h"
#include "kith-timeline-thread-row.h"
#include "kith-timeline-view.h"
#include "kith-todo-dialog.h"
#include "kith-todo-row.h"

/*
 * A profile's timeline, newest first, through a KithTimelineModel: emails of one thread fold
 * into one row; notes and calls added here appear as one more row. Its Log menu logs a call,
 * text, meeting or direct message by hand (KithItemDialog), which edits them too, and the notes
 * on a meeting. The model holds a page at first; as the user scrolls the window the view is in
 * near its last row, it reads the next.
 * Also lists the record's open to-dos, the KithTodos the Agenda has.
 * A meeting Kith wrote into a calendar (Schedule Meeting) is edited in Edit Meeting and deleted
 * from its calendar, with Undo; the view asks the calendar which meetings Kith made.
 */

struct _KithTimelineView
{
  AdwBin             parent_instance;

  GListStore        *todos;
  GtkListBox        *todos_list;
  GtkListBox        *items_list;
  GtkWidget         *note_entry;
  GtkWidget         *call_popover;
  GtkWidget         *call_subject;
  GtkWidget         *call_minutes;
  GtkWidget         *call_outcome;
  GtkWidget         *call_direction;

  GtkAdjustment     *vadjustment;   /* of the scrolled window the view is in, while mapped */
  guint              near_end_idle;

  KithStore         *store;
  KithCalendarService *calendars;   /* NULL without calendars: no meeting is edited here */
  gint64             record_id;
  KithTimelineModel *timeline;
  KithTimelineItem  *editing;       /* the note the field is filled with, to save over */
  GCancellable      *cancellable;
};

G_DEFINE_FINAL_TYPE (KithTimelineView, kith_timeline_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD_ID,
  PROP_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GWeakRef, weak_ref_free)

static void
on_made_in_kith_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GWeakRef) row_ref = user_data;
  g_autoptr(GtkWidget) row = g_weak_ref_get (row_ref);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCalendarEvent) event = kith_calendar_service_read_event_finish (KITH_CALENDAR_SERVICE (source),
                                                                               result, &error);

  /* Not Kith's (or gone, or the calendar unreachable): the menu offers no change */
  if (event == NULL)
    g_debug ("Not a meeting Kith can change: %s", error->message);
  else if (row != NULL)
    kith_timeline_row_set_made_in_kith (KITH_TIMELINE_ROW (row), TRUE);
}

/* Whether the meeting of @row is one Kith made, asked of its calendar */
static void
look_up_meeting (KithTimelineView *self,
                 KithTimelineItem *item,
                 GtkWidget        *row)
{
  g_autofree char *calendar_uid = NULL;
  g_autofree char *event_uid = NULL;
  GWeakRef *row_ref;

  if (self->calendars == NULL ||
      !kith_calendar_event_locate (kith_timeline_item_get_source (item), kith_timeline_item_get_unique_id (item),
                                   &calendar_uid, &event_uid))
    return;

  row_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (row_ref, row);
  kith_calendar_service_read_event_async (self->calendars, calendar_uid, event_uid, self->cancellable,
                                          on_made_in_kith_cb, row_ref);
}

static GtkWidget *
create_item_row (gpointer item,
                 gpointer user_data)
{
  KithTimelineView *self = user_data;
  GListModel *thread = kith_timeline_model_get_thread (self->timeline, item);
  GtkWidget *row;

  if (thread != NULL)
    return kith_timeline_thread_row_new (item, thread);

  row = kith_timeline_row_new (item);
  look_up_meeting (self, item, row);
  return row;
}

static GtkWidget *
create_todo_row (gpointer item,
                 gpointer user_data)
{
  return kith_todo_row_new (item);
}

/* The same to-do, about the same records: what else changed is updated in place; its records
 * are no property, so a to-do about others is shown anew */
static gboolean
same_todo (gpointer todo,
           gpointer other)
{
  guint n, n_other;
  const gint64 *ids = kith_todo_get_participants (todo, &n);
  const gint64 *other_ids = kith_todo_get_participants (other, &n_other);

  return kith_todo_get_id (todo) == kith_todo_get_id (other) &&
         n == n_other && (n == 0 || memcmp (ids, other_ids, n * sizeof (gint64)) == 0);
}

static void
update_todo (gpointer todo,
             gpointer from)
{
  kith_object_update (todo, from, NULL);
}

static void
on_todos_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithTimelineView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) todos = kith_store_list_todos_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (todos == NULL)
    {
      kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  kith_list_store_sync_model (self->todos, todos, same_todo, update_todo);
}

static void
load_todos (KithTimelineView *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_list_todos_async (self->store, self->record_id, FALSE, self->cancellable, on_todos_cb,
                               g_object_ref (self));
}

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithTimelineView *self)
{
  load_todos (self);
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithTimelineView) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Stored either way; the model shows it when the store says it changed. A view already
   * disposed shows nothing */
  if (kith_store_add_timeline_item_finish (KITH_STORE (source), result, &error) == 0 &&
      !g_cancellable_is_cancelled (self->cancellable))
    kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithTimelineView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_update_timeline_item_finish (KITH_STORE (source), result, &error) &&
      !g_cancellable_is_cancelled (self->cancellable))
    kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
}

/* A new item, or, while the form holds one being edited, that one with what the form says now
 * (its id, date and people stay). It shows the change at once; the store writes it */
static void
add_item (KithTimelineView *self,
          KithTimelineItem *item)
{
  g_autoptr(KithTimelineItem) editing = g_steal_pointer (&self->editing);

  if (self->store == NULL || self->record_id == 0)
    return;

  if (editing != NULL && kith_timeline_item_get_style (editing) == kith_timeline_item_get_style (item))
    {
      kith_timeline_item_set_subject (editing, kith_timeline_item_get_subject (item));
      kith_timeline_item_set_body (editing, kith_timeline_item_get_body (item));
      kith_timeline_item_set_duration (editing, kith_timeline_item_get_duration (item));
      kith_timeline_item_set_outcome (editing, kith_timeline_item_get_outcome (item));
      kith_timeline_item_set_direction (editing, kith_timeline_item_get_direction (item));
      kith_store_update_timeline_item_async (self->store, editing, on_updated_cb, g_object_ref (self));
      return;
    }

  kith_store_add_timeline_item_async (self->store, item, self->record_id, on_added_cb, g_object_ref (self));
}

/* A note about the record, dated now; its first line is its subject */
static void
add_note (KithTimelineView *self,
          const char       *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));
  g_autofree char *first_line = NULL;
  g_autoptr(KithTimelineItem) note = NULL;
  char *nl;

  /* Emptied, the field adds a new note again */
  if (*clean == '\0')
    {
      g_clear_object (&self->editing);
      return;
    }

  first_line = g_utf8_substring (clean, 0, 80);
  if ((nl = strchr (first_line, '\n')) != NULL)
    *nl = '\0';
  note = kith_timeline_item_new (KITH_TIMELINE_STYLE_NOTE);
  kith_timeline_item_set_subject (note, first_line);
  kith_timeline_item_set_body (note, clean);
  add_item (self, note);
}

static void
on_note_activate_cb (GtkEntry         *entry,
                     KithTimelineView *self)
{
  add_note (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
log_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  static const KithCallOutcome outcomes[] = {
    KITH_CALL_OUTCOME_CONNECTED, KITH_CALL_OUTCOME_LEFT_VOICEMAIL, KITH_CALL_OUTCOME_NO_ANSWER,
  };
  guint outcome = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->call_outcome));
  guint direction = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->call_direction));
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->call_subject));
  g_autoptr(KithTimelineItem) call = kith_timeline_item_new (KITH_TIMELINE_STYLE_CALL);

  if (*subject != '\0')
    kith_timeline_item_set_subject (call, subject);
  kith_timeline_item_set_duration (call, 60 * (gint64) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->call_minutes)));
  kith_timeline_item_set_outcome (call, outcomes[MIN (outcome, G_N_ELEMENTS (outcomes) - 1)]);
  kith_timeline_item_set_direction (call, direction == 1 ? KITH_DIRECTION_INBOUND : KITH_DIRECTION_OUTBOUND);
  add_item (self, call);

  gtk_editable_set_text (GTK_EDITABLE (self->call_subject), "");
  gtk_popover_popdown (GTK_POPOVER (self->call_popover));
}

/* The last row within a screenful below what the scrolled window shows. A row not laid out
 * yet (a page just added) says nothing: the adjustment changes again once it is */
static gboolean
is_near_end (KithTimelineView *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));
  GtkWidget *last = n > 0 ? GTK_WIDGET (gtk_list_box_get_row_at_index (self->items_list, n - 1)) : NULL;
  double x, y;

  if (scrolled == NULL || last == NULL || gtk_widget_get_height (last) == 0 ||
      !gtk_widget_translate_coordinates (last, scrolled, 0, 0, &x, &y))
    return FALSE;

  return y < 2 * gtk_widget_get_height (scrolled);
}

static gboolean
load_more_if_near_end (gpointer data)
{
  KithTimelineView *self = data;

  self->near_end_idle = 0;
  if (self->timeline != NULL && kith_timeline_model_get_has_more (self->timeline) && is_near_end (self))
    kith_timeline_model_load_more (self->timeline);

  return G_SOURCE_REMOVE;
}

/* Scrolled, or laid out again: looked at once the frame is laid out, where the rows are */
static void
on_scrolled_cb (KithTimelineView *self)
{
  if (self->near_end_idle == 0)
    self->near_end_idle = g_idle_add (load_more_if_near_end, self);
}

static void
kith_timeline_view_map (GtkWidget *widget)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  GTK_WIDGET_CLASS (kith_timeline_view_parent_class)->map (widget);

  if (scrolled == NULL)
    return;
  g_set_object (&self->vadjustment, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vadjustment, "changed", G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
  on_scrolled_cb (self);
}

static void
kith_timeline_view_unmap (GtkWidget *widget)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  g_clear_handle_id (&self->near_end_idle, g_source_remove);

  GTK_WIDGET_CLASS (kith_timeline_view_parent_class)->unmap (widget);
}

static void
kith_timeline_view_dispose (GObject *object)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->near_end_idle, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->items_list != NULL)
    gtk_list_box_bind_model (self->items_list, NULL, NULL, NULL, NULL);
  if (self->todos_list != NULL)
    gtk_list_box_bind_model (self->todos_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TIMELINE_VIEW);
  g_clear_object (&self->timeline);
  g_clear_object (&self->store);
  g_clear_object (&self->calendars);
  g_clear_object (&self->editing);

  G_OBJECT_CLASS (kith_timeline_view_parent_class)->dispose (object);
}

static void
kith_timeline_view_finalize (GObject *object)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_timeline_view_parent_class)->finalize (object);
}

static void
kith_timeline_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      kith_timeline_view_set_record (self, g_value_get_object (value), self->record_id);
      break;
    case PROP_RECORD_ID:
      kith_timeline_view_set_record (self, self->store, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static KithTimelineItem *
find_item (KithTimelineView *self,
           gint64            item_id)
{
  guint n = self->timeline != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelineItem) item = g_list_model_get_item (G_LIST_MODEL (self->timeline), i);

      if (kith_timeline_item_get_id (item) == item_id)
        return g_steal_pointer (&item);
    }

  return NULL;
}

/* A row asks for its item to be edited: a note in the field that added it, anything else in
 * the form that logs it (KithItemDialog), filled in; saving writes over the item */
static void
edit_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  g_autoptr(KithTimelineItem) item = find_item (self, g_variant_get_int64 (parameter));
  const char *body;

  if (item == NULL || self->store == NULL)
    return;

  if (kith_timeline_item_get_style (item) != KITH_TIMELINE_STYLE_NOTE || kith_timeline_item_is_meeting_note (item))
    {
      gtk_window_present (GTK_WINDOW (kith_item_dialog_new (self->store, GTK_WINDOW (gtk_widget_get_root (widget)), item)));
      return;
    }

  g_set_object (&self->editing, item);
  body = kith_timeline_item_get_body (item);
  if (body == NULL)
    body = kith_timeline_item_get_subject (item);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), body != NULL ? body : "");
  gtk_widget_grab_focus (self->note_entry);
}

/* The Log menu: a call, text, meeting or direct message (the nick of its kind), logged by
 * hand in a form that starts with the record's people */
static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  GEnumClass *styles = g_type_class_ref (KITH_TYPE_TIMELINE_STYLE);
  GEnumValue *style = g_enum_get_value_by_nick (styles, g_variant_get_string (parameter, NULL));

  if (style != NULL && self->store != NULL && self->record_id != 0)
    gtk_window_present (GTK_WINDOW (kith_item_dialog_new_log (self->store, GTK_WINDOW (gtk_widget_get_root (widget)),
                                                              style->value, self->record_id)));
  g_type_class_unref (styles);
}

/* A meeting's row asks for notes on it */
static void
add_notes_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  g_autoptr(KithTimelineItem) meeting = find_item (self, g_variant_get_int64 (parameter));

  if (meeting != NULL && self->store != NULL)
    gtk_window_present (GTK_WINDOW (kith_item_dialog_new_meeting_notes (self->store, GTK_WINDOW (gtk_widget_get_root (widget)), meeting)));
}

/* The calendar and UID of the meeting @item_id shows, when Kith can change it */
static gboolean
locate_meeting (KithTimelineView  *self,
                gint64             item_id,
                char             **out_calendar_uid,
                char             **out_event_uid)
{
  g_autoptr(KithTimelineItem) meeting = find_item (self, item_id);

  return meeting != NULL && self->store != NULL && self->calendars != NULL &&
         kith_calendar_event_locate (kith_timeline_item_get_source (meeting), kith_timeline_item_get_unique_id (meeting),
                                     out_calendar_uid, out_event_uid);
}

/* A row of a meeting Kith made asks for Edit Meeting (kith-timeline-row.c) */
static void
edit_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  g_autofree char *calendar_uid = NULL;
  g_autofree char *event_uid = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (locate_meeting (self, g_variant_get_int64 (parameter), &calendar_uid, &event_uid))
    gtk_window_present (GTK_WINDOW (kith_schedule_dialog_new_for_event (self->store, self->calendars, calendar_uid, event_uid,
                                                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL)));
}

/* A row of a meeting Kith made asks for it to be deleted from its calendar */
static void
delete_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  g_autofree char *calendar_uid = NULL;
  g_autofree char *event_uid = NULL;

  if (locate_meeting (self, g_variant_get_int64 (parameter), &calendar_uid, &event_uid))
    kith_meeting_delete (widget, self->calendars, calendar_uid, event_uid);
}

/* A row asks for its item to be deleted (kith-timeline-row.c) */
static void
delete_item_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);

  if (self->store != NULL)
    kith_timeline_delete_item (widget, self->store, g_variant_get_int64 (parameter));
}

/* A to-do's row asks for it to be edited (kith-todo-row.c): the to-do dialog, filled in */
static void
edit_todo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->todos));

  for (guint i = 0; self->store != NULL && i < n; i++)
    {
      g_autoptr(KithTodo) todo = g_list_model_get_item (G_LIST_MODEL (self->todos), i);

      if (kith_todo_get_id (todo) == g_variant_get_int64 (parameter))
        gtk_window_present (GTK_WINDOW (kith_todo_dialog_new_for_todo (self->store, GTK_WINDOW (gtk_widget_get_root (widget)), todo)));
    }
}

/* A to-do's row asks for it to be deleted */
static void
delete_todo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithTimelineView *self = KITH_TIMELINE_VIEW (widget);

  if (self->store != NULL)
    kith_timeline_delete_todo (widget, self->store, g_variant_get_int64 (parameter));
}

static void
kith_timeline_view_class_init (KithTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_timeline_view_dispose;
  object_class->finalize = kith_timeline_view_finalize;
  object_class->get_property = kith_timeline_view_get_property;
  object_class->set_property = kith_timeline_view_set_property;
  widget_class->map = kith_timeline_view_map;
  widget_class->unmap = kith_timeline_view_unmap;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What the view shows: the record's timeline */
  properties[PROP_TIMELINE] = g_param_spec_object ("timeline", NULL, NULL, KITH_TYPE_TIMELINE_MODEL,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_TODO);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, todos);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, todos_list);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, items_list);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, note_entry);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, call_popover);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, call_subject);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, call_minutes);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, call_outcome);
  gtk_widget_class_bind_template_child (widget_class, KithTimelineView, call_direction);
  gtk_widget_class_bind_template_callback (widget_class, on_note_activate_cb);

  gtk_widget_class_install_action (widget_class, "timeline.log-call", NULL, log_call_action);
  gtk_widget_class_install_action (widget_class, "timeline.log", "s", log_action);
  gtk_widget_class_install_action (widget_class, "timeline.add-notes", "x", add_notes_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete-item", "x", delete_item_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit-item", "x", edit_item_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit-meeting", "x", edit_meeting_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete-meeting", "x", delete_meeting_action);
  gtk_widget_class_install_action (widget_class, "timeline.edit-todo", "x", edit_todo_action);
  gtk_widget_class_install_action (widget_class, "timeline.delete-todo", "x", delete_todo_action);
}

static void
kith_timeline_view_init (KithTimelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_list_box_bind_model (self->todos_list, G_LIST_MODEL (self->todos), create_todo_row, NULL, NULL);
}

GtkWidget *
kith_timeline_view_new (void)
{
  return g_object_new (KITH_TYPE_TIMELINE_VIEW, NULL);
}

/**
 * kith_timeline_view_set_record:
 * @store: (nullable): where the record is
 * @record_id: the record whose timeline to show, 0 for none
 *
 * Shows the record's timeline and open to-dos, read on the store's worker.
 */
void
kith_timeline_view_set_record (KithTimelineView *self,
                               KithStore        *store,
                               gint64            record_id)
{
  g_return_if_fail (KITH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (store == NULL || KITH_IS_STORE (store));

  /* What the last record's reads still bring is dropped */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->editing);

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  if (self->record_id != record_id)
    {
      self->record_id = record_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
    }

  g_clear_object (&self->timeline);
  if (store != NULL && record_id != 0)
    self->timeline = kith_timeline_model_new (store, record_id);
  gtk_list_box_bind_model (self->items_list, G_LIST_MODEL (self->timeline), create_item_row, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);

  g_list_store_remove_all (self->todos);
  load_todos (self);
}

/**
 * kith_timeline_view_set_calendar_service:
 * @calendars: (nullable): the application's calendars; without them, no meeting is edited or
 *   deleted from the timeline
 *
 * The calendars meetings Kith made are edited in and deleted from.
 */
void
kith_timeline_view_set_calendar_service (KithTimelineView    *self,
                                         KithCalendarService *calendars)
{
  g_return_if_fail (KITH_IS_TIMELINE_VIEW (self));
  g_return_if_fail (calendars == NULL || KITH_IS_CALENDAR_SERVICE (calendars));

  if (!g_set_object (&self->calendars, calendars))
    return;
  /* The rows shown are made again, and ask the calendars which meetings Kith made */
  gtk_list_box_bind_model (self->items_list, G_LIST_MODEL (self->timeline), create_item_row, self, NULL);
}
