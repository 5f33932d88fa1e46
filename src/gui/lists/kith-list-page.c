/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithListPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-enums.h"
#include "kith-gui-util.h"
#include "kith-kind-names.h"
#include "kith-list-page.h"
#include "kith-list-row.h"
#include "kith-mail-merge-dialog.h"
#include "kith-record-item.h"
#include "kith-record-list-model.h"
#include "kith-record-store.h"
#include "kith-record-selection.h"
#include "kith-segment.h"
#include "kith-undo-toast.h"
#include "kith-view.h"
#include "kith-view-name-dialog.h"

/*
 * People, companies or deals: a search entry that takes the query language, a list that
 * pages rows from the store, sorting and grouping. Searches run on the store's worker; a bad
 * query is explained under the entry, and what was typed stays.
 */

#define SEARCH_DELAY_MS 150
/* Rows the list view is given for its first frame: as many of the rows' least height (a
 * KithListRow's avatar and its margins) as the monitor is tall, or as a screen 2,400 px tall
 * holds when the monitor is not known */
#define ROW_HEIGHT      48
#define FIRST_SHOWN     50

struct _KithListPage
{
  GtkWidget            parent_instance;

  GtkWidget           *box;
  AdwHeaderBar        *header_bar;
  GtkWidget           *back_button;
  GtkWidget           *add_button;
  GtkStack            *title_stack;
  GtkSearchEntry      *search_entry;
  GtkLabel            *selection_label;
  GtkWidget           *action_bar;
  GtkWidget           *merge_button;
  GtkWidget           *tag_button;
  GtkPopover          *tag_popover;
  GtkEntry            *tag_entry;
  GtkWidget           *tag_add_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkLabel            *count_label;
  GtkStack            *stack;
  GtkListView         *list_view;
  GtkScrolledWindow   *scrolled;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_button;

  KithStore           *store;
  KithStore           *reader;   /* where searches and rows are read: see KithWindow */
  KithRecordKind       kind;
  KithKindNames       *names;    /* what the preset calls the records listed */
  KithRecordListModel *model;
  /* The row highlighted, or in selection mode the records chosen: ids, not positions */
  KithRecordSelection *selection;
  GSettings           *settings;
  GCancellable        *cancellable;
  KithSort             sort;
  KithGroup            group;
  guint                search_id;
  guint                serial;
  gulong               changed_id;
  guint                total;
  gboolean             searching;
  /* A new search (query, sort, grouping) is on its way: what comes replaces the list (rows that
   * stay where they were keep their widgets: kith_record_list_model_set_ids ()) */
  gboolean             reset_pending;
  /* The record this list's profile shows: the selection follows it by id, wherever it moves */
  gint64               selected_id;
  /* It was chosen elsewhere (Undo, a link): show it once the list has it */
  gboolean             scroll_pending;
  /* Reads start when the page is first shown or the window is at rest after its first frame
   * (kith_list_page_load()); answered: the first search came back */
  gboolean             started;
  gboolean             answered;
  /* Only the first rows are given to the list view until a frame has shown some: the frame
   * clock's after-paint handler that then gives it the rest (kith_list_page_map ()) */
  GdkFrameClock       *reveal_clock;
  gulong               reveal_id;
};

G_DEFINE_FINAL_TYPE (KithListPage, kith_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_STORE,
  PROP_READER,
  PROP_NAMES,
  PROP_SORT,
  PROP_GROUP,
  PROP_SELECTION_MODE,
  N_PROPS
};

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void run_search (KithListPage *self);

/* Highlights the row of selected_id, wherever a search or a change put it */
static void
apply_selection (KithListPage *self)
{
  guint position = kith_record_list_model_find (self->model, self->selected_id);

  kith_record_selection_set_current (self->selection, self->selected_id);
  if (position == GTK_INVALID_LIST_POSITION || !self->scroll_pending ||
      gtk_list_view_get_model (self->list_view) == NULL)
    return;

  self->scroll_pending = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

typedef struct {
  KithRecordKind  kind;
  char           *query;
  KithSort        sort;
  KithGroup       group;
  guint           serial;
  guint           total;
  gboolean        refresh;   /* after a store change: keep what stayed */
} Search;

/* What a search found: the ids, and for a new list the rows of its first page */
typedef struct {
  GArray    *ids;
  GPtrArray *first_rows;
} Found;

static void
search_free (Search *search)
{
  g_free (search->query);
  g_free (search);
}

static void
found_free (Found *found)
{
  g_clear_pointer (&found->ids, g_array_unref);
  g_clear_pointer (&found->first_rows, g_ptr_array_unref);
  g_free (found);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Found, found_free)

static gpointer
search_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Search *search = data;
  g_autoptr(Found) found = g_new0 (Found, 1);

  found->ids = kith_store_find (store, search->kind, search->query, search->sort, search->group,
                                0, G_MAXUINT, &search->total, error);
  if (found->ids == NULL)
    return NULL;
  /* A new list starts at its top: its first rows come with it, in the same trip */
  if (!search->refresh)
    found->first_rows = kith_record_list_model_read_first_rows (store, found->ids);

  return g_steal_pointer (&found);
}

static void
update_count (KithListPage *self)
{
  g_autofree char *text = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (n == 0 && (query == NULL || *query == '\0'))
    text = g_strdup ("");
  else
    text = kith_kind_names_format_count (self->names, self->kind, n);

  gtk_label_set_text (self->count_label, text);
}

/* The list, or why it is empty; the count; the selection where its record went */
static void
show_results (KithListPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  apply_selection (self);
  update_count (self);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (query != NULL && *query != '\0')
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   KithListPage *self,
                   gboolean      refresh)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(Found) found = kith_store_run_finish (KITH_STORE (source), result, &error);
  GArray *ids;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->searching = FALSE;
  self->reset_pending = FALSE;
  self->answered = TRUE;

  if (found == NULL)
    {
      /* Explain the query, keep the text, keep the last results */
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->search_entry), "error");
      return;
    }

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");

  ids = g_steal_pointer (&found->ids);
  if (refresh)
    kith_record_list_model_update_ids (self->model, ids);
  else
    kith_record_list_model_set_ids (self->model, ids, self->group, found->first_rows);
  show_results (self);
}

typedef struct {
  KithListPage *self;
  guint         serial;
  gboolean      refresh;   /* after a store change: keep what stayed */
} Pending;

static void
on_search_result_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(KithListPage) self = pending->self;
  gboolean refresh = pending->refresh;

  /* Only the newest search counts; older answers are dropped */
  if (pending->serial != self->serial)
    {
      g_autoptr(Found) stale = kith_store_run_finish (KITH_STORE (source), result, NULL);
      g_free (pending);
      return;
    }

  g_free (pending);
  on_search_done_cb (source, result, self, refresh);
}

static void
on_names_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithListPage) self = user_data;
  g_autoptr(GListModel) segments = kith_segment_list_finish (KITH_STORE (source), result, NULL);

  if (segments != NULL)
    kith_record_list_model_set_names (self->model, segments);
}

static void
load_names (KithListPage *self)
{
  kith_segment_list_async (self->reader, self->cancellable, on_names_loaded_cb, g_object_ref (self));
}

static void
start_search (KithListPage *self,
              gboolean      refresh)
{
  Search *search;
  Pending *pending;

  g_clear_handle_id (&self->search_id, g_source_remove);

  if (self->store == NULL)
    return;

  /* A store change during a new search: the new search's answer still replaces everything */
  if (!refresh)
    self->reset_pending = TRUE;
  refresh = refresh && !self->reset_pending;

  search = g_new0 (Search, 1);
  search->kind = self->kind;
  search->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  search->sort = self->sort;
  search->group = self->group;
  search->serial = ++self->serial;
  search->refresh = refresh;

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->serial = search->serial;
  pending->refresh = refresh;
  self->searching = TRUE;

  kith_store_run_async (self->reader, search_job, search, (GDestroyNotify) search_free,
                        (GDestroyNotify) found_free, self->cancellable, on_search_result_cb, pending);
}

static void
run_search (KithListPage *self)
{
  start_search (self, FALSE);
}

static gboolean
on_search_timeout_cb (gpointer data)
{
  KithListPage *self = data;

  self->search_id = 0;
  run_search (self);

  return G_SOURCE_REMOVE;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      KithListPage   *self)
{
  g_clear_handle_id (&self->search_id, g_source_remove);
  self->search_id = g_timeout_add (SEARCH_DELAY_MS, on_search_timeout_cb, self);
}

static void
on_activate_cb (GtkListView  *list_view,
                guint         position,
                KithListPage *self)
{
  gint64 id = kith_record_list_model_get_id (self->model, position);

  if (id == 0)
    return;

  /* In selection mode a click or Enter chooses the record rather than opening it */
  if (kith_record_selection_get_selection_mode (self->selection))
    {
      kith_record_selection_toggle (self->selection, position);
      return;
    }

  self->selected_id = id;
  self->scroll_pending = FALSE;
  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, id);
}

/* The row at @x, @y of the list view, or NULL */
static GtkWidget *
row_at (KithListPage *self,
        double        x,
        double        y)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);

  if (picked == NULL || KITH_IS_LIST_ROW (picked))
    return picked;
  return gtk_widget_get_ancestor (picked, KITH_TYPE_LIST_ROW);
}

/* Where @row's record is listed, or G_MAXUINT */
static guint
position_of (KithListPage *self,
             GtkWidget    *row)
{
  KithRecordItem *item = row != NULL ? kith_list_row_get_item (KITH_LIST_ROW (row)) : NULL;

  if (item == NULL)
    return G_MAXUINT;
  return kith_record_list_model_find (self->model, kith_record_item_get_id (item));
}

/* Ctrl+click chooses a row or leaves it out, Shift+click chooses the rows from the last one
 * chosen: both start selection mode. A plain click goes on to the row (it opens the record,
 * or in selection mode chooses it: on_activate_cb ()). */
static void
on_list_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    KithListPage    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *row = NULL;
  guint position = G_MAXUINT;

  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0)
    {
      row = row_at (self, x, y);
      position = position_of (self, row);
    }
  if (position == G_MAXUINT)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (state & GDK_SHIFT_MASK)
    kith_record_selection_extend (self->selection, position);
  else
    kith_record_selection_toggle (self->selection, position);
  /* The keys go on from the row clicked, as after a plain click: its list item has the focus */
  gtk_widget_grab_focus (gtk_widget_get_parent (row));
}

/* The columns of `records` the order of the list depends on */
static gboolean
order_changed (KithListPage     *self,
               KithStoreChanges *changes)
{
  static const char *sort_columns[] = {
    [KITH_SORT_NAME] = "sort_name",
    [KITH_SORT_LAST_CONTACT] = "last_contact",
    [KITH_SORT_LAST_CHANGED] = "changed",
    [KITH_SORT_CREATED] = "created",
    [KITH_SORT_STAGE] = "stage",
    [KITH_SORT_VALUE] = "value",
  };
  KithRecordKind kind = self->kind;

  if (self->sort == KITH_SORT_STAGE && kith_store_changes_column_changed (changes, kind, "sort_name"))
    return TRUE;
  if (self->group == KITH_GROUP_STAGE && kith_store_changes_column_changed (changes, kind, "stage"))
    return TRUE;
  if (self->group == KITH_GROUP_SEGMENT && kith_store_changes_column_changed (changes, kind, "segment"))
    return TRUE;

  return self->sort >= G_N_ELEMENTS (sort_columns) ||
         kith_store_changes_column_changed (changes, kind, sort_columns[self->sort]);
}

/* Searching again costs the worker a sort of every match: do it only when rows can have
 * come, gone or moved. A capture batch that updates when people were last in touch, with the
 * list by name, only re-reads the rows on screen. */
static gboolean
rows_can_move (KithListPage     *self,
               KithStoreChanges *changes)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* A query can look at anything: tags, the timeline, fields */
  if (query != NULL && *query != '\0')
    return TRUE;

  return kith_store_changes_is_reshaped (changes, self->kind) || order_changed (self, changes);
}

static void
on_placed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithListPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (kith_record_list_model_place_again_finish (KITH_RECORD_LIST_MODEL (source), result, &error))
    show_results (self);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    start_search (self, TRUE);
}

/* Only the records named move, and what they match is theirs alone: placing them again is
 * enough. Not so when there were too many to name, or when a query can match by a name every
 * record shares (a stage's, a tag's): then any record can have moved */
static gboolean
any_can_move (KithListPage     *self,
              KithStoreChanges *changes)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return kith_store_changes_has_many (changes) ||
         (query != NULL && *query != '\0' && kith_store_changes_has_shared (changes, self->kind));
}

/* @changes: (nullable): %NULL when any record can have moved */
static void
place_again (KithListPage     *self,
             KithStoreChanges *changes)
{
  kith_record_list_model_place_again_async (self->model, self->kind,
                                            gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                            self->sort, changes, self->cancellable, on_placed_cb,
                                            g_object_ref (self));
}

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithListPage     *self)
{
  /* Before the first search there is nothing to update: it reads the change too */
  if (self->serial == 0 || !kith_store_changes_has_kind (changes, self->kind))
    return;

  /* A search on its way was asked before the change: it is asked again */
  if (rows_can_move (self, changes) && self->searching)
    start_search (self, TRUE);
  else if (rows_can_move (self, changes))
    place_again (self, any_can_move (self, changes) ? NULL : changes);
  kith_record_list_model_refresh (self->model, changes);

  /* Not only records: stages or segments may have new names */
  if (kith_store_changes_has_shared (changes, self->kind))
    load_names (self);
}

/* Keeps the choice as the enum's nick (the menu's target) when the key offers it: the sorts the
 * menu has no item for (created, stage, value) are not among the key's choices */
static void
keep_choice (KithListPage *self,
             const char   *key,
             GType         type,
             int           value)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (enum_class, value);
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GVariant) nick = NULL;

  if (self->settings == NULL || enum_value == NULL)
    return;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  nick = g_variant_ref_sink (g_variant_new_string (enum_value->value_nick));
  if (g_settings_schema_key_range_check (schema_key, nick))
    g_settings_set_value (self->settings, key, nick);
}

static void
set_sort (KithListPage *self,
          KithSort      sort)
{
  if (self->sort == sort)
    return;

  self->sort = sort;
  keep_choice (self, "sort", KITH_TYPE_SORT, sort);
  run_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

static void
set_group (KithListPage *self,
           KithGroup     group)
{
  if (self->group == group)
    return;

  self->group = group;
  keep_choice (self, "group", KITH_TYPE_GROUP, group);
  run_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KithListPage *self = KITH_LIST_PAGE (widget);

  gtk_widget_activate_action (widget, "win.new-record", "s", kith_record_kind_to_string (self->kind));
}

/* The view is written even when the page goes meanwhile; a page still there tells the user */
static void
on_view_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithListPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (kith_view_write_finish (KITH_STORE (source), result, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.views-changed", NULL);
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
}

static void
on_view_name_response_cb (KithViewNameDialog *dialog,
                          const char         *response,
                          KithListPage       *self)
{
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "confirm"))
    return;

  name = kith_view_name_dialog_dup_name (dialog);
  kith_view_save_async (self->store, name, self->kind, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                        on_view_saved_cb, g_object_ref (self));
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithListPage *self = KITH_LIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *body = g_strdup_printf (_("The view shows what “%s” finds, and stays in the sidebar."),
                                           query != NULL && *query != '\0' ? query : _("everything"));
  GtkWidget *dialog = kith_view_name_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 _("Save Search as View"), body, _("_Save"), NULL);

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_view_name_response_cb), g_object_ref (self),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A mail merge to the records chosen, or else to those the list shows (a search, a view):
 * people, or the people of the companies or deals */
static void
mail_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithListPage *self = KITH_LIST_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autoptr(GArray) ids = NULL;

  /* The records chosen, if any */
  if (kith_record_selection_get_n_selected (self->selection) > 0)
    {
      ids = kith_record_selection_dup_selected_ids (self->selection);
      kith_mail_merge_dialog_open (widget, self->store, (gint64 *) ids->data, ids->len, NULL);
      return;
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = kith_record_list_model_get_id (self->model, i);

      if (id > 0)
        g_array_append_val (ids, id);
    }
  kith_mail_merge_dialog_open (widget, self->store, (gint64 *) ids->data, ids->len, NULL);
}

typedef struct {
  KithListPage *self;
  char         *what;   /* "3 people" */
} Deleting;

static void
on_selected_deleted_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Deleting *deleting = user_data;
  g_autoptr(KithListPage) self = deleting->self;
  g_autofree char *what = deleting->what;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = kith_store_delete_records_finish (KITH_STORE (source), result, &error);
  g_autofree char *text = NULL;

  g_free (deleting);
  if (undo_id == 0)
    {
      kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  /* Translators: %s is a count of records, e.g. "3 people" */
  text = g_strdup_printf (_("%s deleted"), what);
  kith_undo_toast_show (GTK_WIDGET (self), self->store, text, undo_id, NULL);
}

/* The records chosen deleted, all in one go and undone as one; the list follows the store */
static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KithListPage *self = KITH_LIST_PAGE (widget);
  g_autoptr(GArray) ids = kith_record_selection_dup_selected_ids (self->selection);
  Deleting *deleting;

  if (ids->len == 0)
    return;
  if (ids->len > KITH_MAX_DELETED_AT_ONCE)
    {
      g_autofree char *text = g_strdup_printf (_("Choose at most %u to delete at a time"), KITH_MAX_DELETED_AT_ONCE);

      kith_widget_add_toast (widget, adw_toast_new (text));
      return;
    }

  deleting = g_new0 (Deleting, 1);
  deleting->self = g_object_ref (self);
  deleting->what = kith_kind_names_format_count (self->names, self->kind, ids->len);
  kith_record_selection_set_selection_mode (self->selection, FALSE);
  kith_store_delete_records_async (self->store, ids, NULL, on_selected_deleted_cb, deleting);
}

/* Tagging the records chosen; Undo takes the tag away from those that had it not */
typedef struct {
  KithListPage *self;
  char         *tag;
  char         *what;   /* "3 people" */
  gboolean      add;
} Tagging;

static void
tagging_free (Tagging *tagging)
{
  g_object_unref (tagging->self);
  g_free (tagging->tag);
  g_free (tagging->what);
  g_free (tagging);
}

/* What a tagging toast's Undo takes back: @tag from the records @ids it was added to */
typedef struct {
  KithListPage *self;
  GArray       *ids;
  char         *tag;
} Untag;

static void
untag_free (gpointer  data,
            GClosure *closure)
{
  Untag *untag = data;

  g_object_unref (untag->self);
  g_array_unref (untag->ids);
  g_free (untag->tag);
  g_free (untag);
}

static void retag (KithListPage *self, GArray *ids, const char *tag, gboolean add);

static void
on_untag_clicked_cb (AdwToast *toast,
                     Untag    *untag)
{
  retag (untag->self, untag->ids, untag->tag, FALSE);
}

static void
on_retagged_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Tagging *tagging = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = kith_store_tag_records_finish (KITH_STORE (source), result, &error);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (changed == NULL)
    {
      kith_widget_add_toast (GTK_WIDGET (tagging->self), adw_toast_new (error->message));
      tagging_free (tagging);
      return;
    }
  if (!tagging->add)
    {
      tagging_free (tagging);
      return;
    }

  /* Translators: "3 people" tagged "vip" */
  text = g_strdup_printf (_("%s tagged “%s”"), tagging->what, tagging->tag);
  toast = adw_toast_new (text);
  if (changed->len > 0)
    {
      Untag *untag = g_new0 (Untag, 1);

      untag->self = g_object_ref (tagging->self);
      untag->ids = g_array_ref (changed);
      untag->tag = g_strdup (tagging->tag);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_untag_clicked_cb), untag, untag_free, 0);
    }
  kith_widget_add_toast (GTK_WIDGET (tagging->self), toast);
  tagging_free (tagging);
}

static void
retag (KithListPage *self,
       GArray       *ids,
       const char   *tag,
       gboolean      add)
{
  Tagging *tagging = g_new0 (Tagging, 1);

  tagging->self = g_object_ref (self);
  tagging->tag = g_strdup (tag);
  tagging->what = kith_kind_names_format_count (self->names, self->kind, ids->len);
  tagging->add = add;
  kith_store_tag_records_async (self->store, ids, tag, add, NULL, on_retagged_cb, tagging);
}

static void
on_tag_popover_shown_cb (KithListPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

/* A blank tag is not one: Add waits for a name */
static gboolean
tag_typed (KithListPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tag_entry));

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

static void
on_tag_changed_cb (KithListPage *self)
{
  gtk_widget_set_sensitive (self->tag_add_button, tag_typed (self));
}

/* The tag typed goes on every record chosen; they stay chosen */
static void
on_tag_activated_cb (KithListPage *self)
{
  g_autoptr(GArray) ids = kith_record_selection_dup_selected_ids (self->selection);
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry))));

  if (ids->len == 0 || !tag_typed (self))
    return;
  gtk_popover_popdown (self->tag_popover);
  retag (self, ids, tag, TRUE);
}

/* "3 Selected" */
static void
update_selection_title (KithListPage *self)
{
  guint n = kith_record_selection_get_n_selected (self->selection);
  g_autofree char *title = NULL;

  if (n == 0)
    title = g_strdup (_("None Selected"));
  else
    /* Translators: the title of a list in selection mode */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u Selected", "%'u Selected", n), n);
  gtk_label_set_text (self->selection_label, title);
  gtk_widget_set_sensitive (self->merge_button, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.delete-selected", n > 0);
  gtk_widget_set_sensitive (self->tag_button, n > 0);
}

/* Selection mode: the header says how many are chosen, and the bar below the list offers what
 * can be done with them; typing no longer searches (the search is out of sight) */
static void
on_selection_mode_cb (KithRecordSelection *selection,
                      GParamSpec          *pspec,
                      KithListPage        *self)
{
  gboolean on = kith_record_selection_get_selection_mode (selection);

  gtk_stack_set_visible_child_name (self->title_stack, on ? "selection" : "search");
  gtk_widget_set_visible (self->add_button, !on);
  gtk_widget_set_visible (self->action_bar, on);
  if (on)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->header_bar), "selection-mode");
      gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "selection-mode");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->header_bar), "selection-mode");
      gtk_widget_remove_css_class (GTK_WIDGET (self->list_view), "selection-mode");
    }
  gtk_search_entry_set_key_capture_widget (self->search_entry, on ? NULL : GTK_WIDGET (self));
  update_selection_title (self);
  if (!on)
    apply_selection (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

static void
on_n_selected_cb (KithRecordSelection *selection,
                  GParamSpec          *pspec,
                  KithListPage        *self)
{
  update_selection_title (self);
}

static gboolean
focus_in_list (KithListPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
}

/* The keys of selection on the list's rows, caught before the search would take them as typing:
 * Ctrl+A chooses every record listed, Space the focused one (or leaves it out), Escape leaves
 * selection mode, Delete deletes the records chosen */
static gboolean
on_select_all_key_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  KithListPage *self = KITH_LIST_PAGE (widget);

  if (!focus_in_list (self))
    return FALSE;
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
  return TRUE;
}

static gboolean
on_space_key_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  KithListPage *self = KITH_LIST_PAGE (widget);
  GtkWidget *focus;

  if (!focus_in_list (self))
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  return gtk_widget_activate_action (focus, "listitem.select", "(bb)", TRUE, FALSE);
}

static gboolean
on_escape_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  KithListPage *self = KITH_LIST_PAGE (widget);

  if (!kith_record_selection_get_selection_mode (self->selection))
    return FALSE;
  kith_record_selection_set_selection_mode (self->selection, FALSE);
  return TRUE;
}

static gboolean
on_delete_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  KithListPage *self = KITH_LIST_PAGE (widget);

  if (!kith_record_selection_get_selection_mode (self->selection) || !focus_in_list (self) ||
      kith_record_selection_get_n_selected (self->selection) == 0)
    return FALSE;
  return gtk_widget_activate_action (widget, "list.delete-selected", NULL);
}

static void
add_selection_keys (KithListPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; GtkShortcutFunc func; } keys[] = {
    { GDK_KEY_a, GDK_CONTROL_MASK, on_select_all_key_cb },
    { GDK_KEY_space, 0, on_space_key_cb },
    { GDK_KEY_Escape, 0, on_escape_key_cb },
    { GDK_KEY_Delete, 0, on_delete_key_cb },
  };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_callback_action_new (keys[i].func, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (KITH_LIST_PAGE (widget)->search_entry));
}

/* The empty list's words, as the preset calls what it lists */
static void
update_labels (KithListPage *self)
{
  adw_status_page_set_title (self->empty_page, kith_kind_names_get (self->names, self->kind, KITH_KIND_WORD_NONE_YET));
  adw_status_page_set_icon_name (self->empty_page, kith_kind_names_get_icon_name (self->names, self->kind));
  adw_status_page_set_description (self->empty_page,
                                   kith_kind_names_get (self->names, self->kind, KITH_KIND_WORD_NONE_YET_HELP));
  gtk_button_set_label (GTK_BUTTON (self->empty_button), kith_kind_names_get (self->names, self->kind, KITH_KIND_WORD_ADD));
}

static void
on_names_changed_cb (KithKindNames *names,
                     GParamSpec    *pspec,
                     KithListPage  *self)
{
  update_labels (self);
  update_count (self);
}

/* A file dropped on the list is imported, a CSV file's rows as records of the kind listed: the
 * window's import dialog, as File → Import… opens it. The dialog says so when Kith cannot read
 * the file. */
static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            KithListPage  *self)
{
  g_autoptr(GSList) files = NULL;
  g_autofree char *uri = NULL;
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      files = gdk_file_list_get_files (g_value_get_boxed (value));
      file = files != NULL ? files->data : NULL;
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;

  uri = g_file_get_uri (file);
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.import-file", "(si)", uri, (int) self->kind);
}

static void
add_drop_target (KithListPage *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
kith_list_page_constructed (GObject *object)
{
  KithListPage *self = (KithListPage *)object;

  G_OBJECT_CLASS (kith_list_page_parent_class)->constructed (object);

  g_signal_connect_object (self->names, "notify::real-estate", G_CALLBACK (on_names_changed_cb), self, 0);
  update_labels (self);
  add_drop_target (self);
}

static void
stop_reveal (KithListPage *self)
{
  if (self->reveal_clock != NULL)
    g_clear_signal_handler (&self->reveal_id, self->reveal_clock);
  g_clear_object (&self->reveal_clock);
}

/* Every row to the list view, once the first frame with some has been drawn */
static void
reveal_all (KithListPage *self)
{
  stop_reveal (self);
  if (self->selection != NULL)
    kith_record_selection_show_all (self->selection);
}

/* A frame has been drawn: once it showed the first row filled in, the rest may come */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   KithListPage  *self)
{
  g_autoptr(KithRecordItem) first = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);

  if (first != NULL && kith_record_item_get_loaded (first))
    reveal_all (self);
}

static void
kith_list_page_dispose (GObject *object)
{
  KithListPage *self = (KithListPage *)object;

  stop_reveal (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->search_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_LIST_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (kith_list_page_parent_class)->dispose (object);
}

static void
kith_list_page_finalize (GObject *object)
{
  KithListPage *self = (KithListPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->reader);
  g_clear_object (&self->names);
  g_clear_object (&self->model);
  g_clear_object (&self->selection);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_list_page_parent_class)->finalize (object);
}

static void
kith_list_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithListPage *self = KITH_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_READER:
      g_value_set_object (value, self->reader);
      break;
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;
    case PROP_GROUP:
      g_value_set_enum (value, self->group);
      break;
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection != NULL &&
                                  kith_record_selection_get_selection_mode (self->selection));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_list_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithListPage *self = KITH_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_READER:
      self->reader = g_value_dup_object (value);
      break;
    case PROP_NAMES:
      self->names = g_value_dup_object (value);
      break;
    case PROP_SORT:
      set_sort (self, g_value_get_enum (value));
      break;
    case PROP_GROUP:
      set_group (self, g_value_get_enum (value));
      break;
    case PROP_SELECTION_MODE:
      if (self->selection != NULL)
        kith_record_selection_set_selection_mode (self->selection, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* How many rows of the least height the monitor showing @widget holds, and two more */
static guint
rows_on_screen (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface)
                                        : NULL;
  GdkRectangle geometry;

  if (monitor == NULL)
    return FIRST_SHOWN;
  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.height / ROW_HEIGHT + 2;
}

/* A page hidden before its first rows were drawn gives them all when shown again */
static void
kith_list_page_unmap (GtkWidget *widget)
{
  reveal_all (KITH_LIST_PAGE (widget));

  GTK_WIDGET_CLASS (kith_list_page_parent_class)->unmap (widget);
}

static void
kith_list_page_map (GtkWidget *widget)
{
  KithListPage *self = KITH_LIST_PAGE (widget);

  kith_list_page_load (self);

  /* A list view makes a few hundred rows as soon as it has a model; pages the user has not
   * opened yet (Companies, Deals) should not cost that at start-up. GTK 4.8's makes 200 rows
   * for a long list before its first frame, of which a screen shows 15 to 40: the first frame
   * is given the first rows only, and the list view the rest once a frame has shown some, for
   * the frames after it to make (bench/gui: 1.6× the bare window's first frame with 200 rows,
   * 1.4× with 30). Not when a record further down is to be shown. */
  if (gtk_list_view_get_model (self->list_view) == NULL && self->selection != NULL)
    {
      if (!self->scroll_pending && gtk_widget_get_frame_clock (widget) != NULL)
        {
          kith_record_selection_show_first (self->selection, rows_on_screen (widget));
          self->reveal_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
          self->reveal_id = g_signal_connect (self->reveal_clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
        }
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
    }

  GTK_WIDGET_CLASS (kith_list_page_parent_class)->map (widget);

  /* A record chosen while the page was hidden */
  if (self->scroll_pending)
    apply_selection (self);
}

static void
kith_list_page_class_init (KithListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_list_page_constructed;
  object_class->dispose = kith_list_page_dispose;
  object_class->finalize = kith_list_page_finalize;
  object_class->get_property = kith_list_page_get_property;
  object_class->set_property = kith_list_page_set_property;
  widget_class->map = kith_list_page_map;
  widget_class->unmap = kith_list_page_unmap;

  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, 2, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Reads only: a store opened with kith_store_open_reader(), or the store itself */
  properties[PROP_READER] = g_param_spec_object ("reader", NULL, NULL, KITH_TYPE_STORE,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The list's order and grouping: the Sort and Group menus' radio items show them */
  properties[PROP_NAMES] = g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] = g_param_spec_enum ("sort", NULL, NULL, KITH_TYPE_SORT, KITH_SORT_NAME,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP] = g_param_spec_enum ("group", NULL, NULL, KITH_TYPE_GROUP, KITH_GROUP_NONE,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Several records chosen (the Select button, Ctrl+click…), rather than one opened */
  properties[PROP_SELECTION_MODE] = g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithListPage::record-activated:
   * @id: the record chosen
   */
  signals[RECORD_ACTIVATED] = g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (KITH_TYPE_RECORD_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/lists/kith-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithListPage, box);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, title_stack);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, merge_button);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, tag_button);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, tag_popover);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, tag_add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_popover_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KithListPage, empty_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);

  gtk_widget_class_install_property_action (widget_class, "list.sort", "sort");
  gtk_widget_class_install_property_action (widget_class, "list.group", "group");
  gtk_widget_class_install_action (widget_class, "list.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "list.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "list.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "list.mail-merge", NULL, mail_merge_action);
  gtk_widget_class_install_action (widget_class, "list.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_property_action (widget_class, "list.selection-mode", "selection-mode");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "list.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "list.add", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, kith_list_row_new ());
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  kith_list_row_set_item (KITH_LIST_ROW (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
on_unbind_row_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  kith_list_row_set_item (KITH_LIST_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static void
kith_list_page_init (KithListPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  {
    GtkGesture *click = gtk_gesture_click_new ();

    /* Before the row takes the click as opening its record */
    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_list_pressed_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  }

  self->cancellable = g_cancellable_new ();
  /* Ahead of the search's, which would take Space and Ctrl+A as typing */
  add_selection_keys (self);
  /* Typing anywhere on the page goes to the search */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

/**
 * kith_list_page_new:
 * @store: where the page writes, and whose "changed" it follows
 * @reader: where it reads: @store, or a reader of it (kith_store_open_reader())
 * @names: what the preset calls the records of @kind
 * @settings: (nullable): where the sort and grouping are kept
 */
GtkWidget *
kith_list_page_new (KithStore      *store,
                    KithStore      *reader,
                    KithKindNames  *names,
                    KithRecordKind  kind,
                    GSettings      *settings)
{
  KithListPage *self = g_object_new (KITH_TYPE_LIST_PAGE, "store", store, "reader", reader, "names", names,
                                     "kind", kind, NULL);

  self->model = kith_record_list_model_new (reader);
  self->selection = kith_record_selection_new (self->model);
  g_signal_connect_object (self->selection, "notify::selection-mode", G_CALLBACK (on_selection_mode_cb), self, 0);
  g_signal_connect_object (self->selection, "notify::n-selected", G_CALLBACK (on_n_selected_cb), self, 0);
  /* The list view gets its model when the page is first shown (see map) */

  if (settings != NULL)
    {
      g_autofree char *sort = g_settings_get_string (settings, "sort");
      g_autofree char *group = g_settings_get_string (settings, "group");

      self->settings = g_object_ref (settings);
      kith_sort_from_string (sort, &self->sort);
      kith_group_from_string (group, &self->group);
    }

  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  /* The reads start with kith_list_page_load() */

  return GTK_WIDGET (self);
}

/**
 * kith_list_page_load:
 *
 * Starts the page's reads, its first search and the names of its groups, unless they have
 * started; the page starts them itself when first shown. The window starts those of the page
 * it opens on at once, and the others' once it is at rest after its first frame, so that
 * they do not take a core from the frames that page needs.
 */
void
kith_list_page_load (KithListPage *self)
{
  g_return_if_fail (KITH_IS_LIST_PAGE (self));

  if (self->started)
    return;

  self->started = TRUE;
  load_names (self);
  /* A saved view may have searched already */
  if (self->serial == 0)
    run_search (self);
}

/**
 * kith_list_page_get_loaded:
 *
 * Returns: whether the page's first search has come back
 */
gboolean
kith_list_page_get_loaded (KithListPage *self)
{
  g_return_val_if_fail (KITH_IS_LIST_PAGE (self), FALSE);

  return self->answered;
}

/**
 * kith_list_page_set_query:
 *
 * Puts @query in the search entry and searches at once.
 */
void
kith_list_page_set_query (KithListPage *self,
                          const char   *query)
{
  g_return_if_fail (KITH_IS_LIST_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
  run_search (self);
}

void
kith_list_page_set_show_back (KithListPage *self,
                              gboolean      show)
{
  g_return_if_fail (KITH_IS_LIST_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}

/**
 * kith_list_page_scroll_to_end:
 *
 * Jumps to the end of the list, as dragging the scrollbar to the bottom does.
 */
void
kith_list_page_scroll_to_end (KithListPage *self)
{
  GtkAdjustment *adjustment;

  g_return_if_fail (KITH_IS_LIST_PAGE (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

/**
 * kith_list_page_select_record:
 * @id: the record the profile shows, or 0 for none
 *
 * Highlights @id's row now and after every search and change, and scrolls to it once it is
 * listed, as when Undo brings a record back.
 */
void
kith_list_page_select_record (KithListPage *self,
                              gint64        id)
{
  g_return_if_fail (KITH_IS_LIST_PAGE (self));

  if (id == self->selected_id)
    return;

  self->selected_id = id;
  self->scroll_pending = id != 0;
  /* It may be further down than the rows shown so far */
  if (self->scroll_pending)
    reveal_all (self);
  apply_selection (self);
}

/**
 * kith_list_page_get_selected_record:
 *
 * Returns: the record this list's profile shows, or 0
 */
gint64
kith_list_page_get_selected_record (KithListPage *self)
{
  g_return_val_if_fail (KITH_IS_LIST_PAGE (self), 0);

  return self->selected_id;
}
