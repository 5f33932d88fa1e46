/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithRecordSelection: what a record list shows as selected, kept as record ids rather than
 * positions, so that it stays with its records while the list scrolls, is searched again or
 * changes under it (a list of 100,000 records is only ever read a page at a time).
 *
 * Outside selection mode one row is highlighted: the record the profile shows, or the row the
 * pointer or the arrow keys moved to, as a single selection would. In selection mode the
 * selected records are those chosen (Ctrl+click, Shift+click, Space, Ctrl+A), and moving the
 * pointer or the focus chooses nothing.
 *
 * GTK's list view asks the model to select for a hover and an arrow key with "unselect the
 * rest", and for Space, Ctrl+Space or Ctrl+A without: only the latter choose records, and
 * they start selection mode.
 */

#define G_LOG_DOMAIN "KithRecordSelection"

#include "config.h"

#include "kith-record-item.h"
#include "kith-record-selection.h"

struct _KithRecordSelection
{
  GObject              parent_instance;

  KithRecordListModel *model;
  GHashTable          *selected;   /* gint64 * → itself */
  gint64               current;    /* highlighted outside selection mode */
  gint64               anchor;     /* where Shift+click extends from */
  gboolean             selection_mode;
  guint                shown;      /* rows the list view is given: all (G_MAXUINT), or the first */
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithRecordSelection, kith_record_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL, selection_model_iface_init))

enum {
  PROP_0,
  PROP_SELECTION_MODE,
  PROP_N_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_items (KithRecordSelection *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

/* What the list view is told the list holds: see kith_record_selection_show_first () */
static guint
n_shown (KithRecordSelection *self)
{
  return MIN (n_items (self), self->shown);
}

/* Tells the list view of a change in [@position, @position + @n), of the rows it was given */
static void
changed (KithRecordSelection *self,
         guint                position,
         guint                n)
{
  guint shown = n_shown (self);

  if (position < shown && n > 0)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, MIN (n, shown - position));
}

static void
changed_all (KithRecordSelection *self)
{
  changed (self, 0, n_shown (self));
}

static void
set_mode (KithRecordSelection *self,
          gboolean             selection_mode)
{
  if (self->selection_mode == selection_mode)
    return;

  self->selection_mode = selection_mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION_MODE]);
}

/* Chooses or leaves out the records from @position on, @n of them (group headings have no
 * record); starts selection mode */
static void
mark_range (KithRecordSelection *self,
            guint                position,
            guint                n,
            gboolean             selected)
{
  guint before = g_hash_table_size (self->selected);
  gboolean mode_before = self->selection_mode;

  for (guint i = position; i < position + n; i++)
    {
      gint64 id = kith_record_list_model_get_id (self->model, i);

      if (id == 0)
        continue;
      if (selected && !g_hash_table_contains (self->selected, &id))
        {
          gint64 *key = g_memdup2 (&id, sizeof id);

          g_hash_table_add (self->selected, key);
        }
      else if (!selected)
        g_hash_table_remove (self->selected, &id);
    }

  set_mode (self, TRUE);
  if (!mode_before)
    changed_all (self);
  else
    changed (self, position, n);
  if (g_hash_table_size (self->selected) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static void
clear_selected (KithRecordSelection *self)
{
  if (g_hash_table_size (self->selected) == 0)
    return;

  g_hash_table_remove_all (self->selected);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

static GType
get_item_type (GListModel *model)
{
  return KITH_TYPE_RECORD_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return n_shown (KITH_RECORD_SELECTION (model));
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (KITH_RECORD_SELECTION (model)->model), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);
  gint64 id = kith_record_list_model_get_id (self->model, position);

  if (id == 0)
    return FALSE;
  if (self->selection_mode)
    return g_hash_table_contains (self->selected, &id);
  return id == self->current;
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);
  gint64 id = kith_record_list_model_get_id (self->model, position);

  if (id == 0)
    return FALSE;
  /* The pointer or the focus moved: the highlight follows, the records chosen stay */
  if (unselect_rest)
    {
      if (self->selection_mode)
        return FALSE;
      kith_record_selection_set_current (self, id);
      return TRUE;
    }

  self->anchor = id;
  mark_range (self, position, 1, TRUE);
  return TRUE;
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);

  if (kith_record_list_model_get_id (self->model, position) == 0)
    return FALSE;

  /* Space on the highlighted row, outside selection mode, chooses it */
  self->anchor = kith_record_list_model_get_id (self->model, position);
  mark_range (self, position, 1, !self->selection_mode);
  return TRUE;
}

static gboolean
select_range (GtkSelectionModel *model,
              guint              position,
              guint              n,
              gboolean           unselect_rest)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);

  if (unselect_rest && self->selection_mode)
    {
      clear_selected (self);
      changed_all (self);
    }
  mark_range (self, position, n, TRUE);
  return TRUE;
}

static gboolean
unselect_range (GtkSelectionModel *model,
                guint              position,
                guint              n)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);

  if (!self->selection_mode)
    return FALSE;
  mark_range (self, position, n, FALSE);
  return TRUE;
}

static gboolean
select_all (GtkSelectionModel *model)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);

  mark_range (self, 0, n_items (self), TRUE);
  return TRUE;
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (model);

  if (!self->selection_mode)
    return FALSE;
  clear_selected (self);
  changed_all (self);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->select_range = select_range;
  iface->unselect_range = unselect_range;
  iface->select_all = select_all;
  iface->unselect_all = unselect_all;
}

static void
on_items_changed_cb (GListModel          *model,
                     guint                position,
                     guint                removed,
                     guint                added,
                     KithRecordSelection *self)
{
  guint n, before;

  if (self->shown == G_MAXUINT)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* Only the first rows are shown: what moved into or out of them from @position on */
  if (position >= self->shown)
    return;
  n = n_items (self);
  before = MIN (n - added + removed, self->shown);
  g_list_model_items_changed (G_LIST_MODEL (self), position, before - position, MIN (n, self->shown) - position);
}

static void
kith_record_selection_dispose (GObject *object)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kith_record_selection_parent_class)->dispose (object);
}

static void
kith_record_selection_finalize (GObject *object)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (kith_record_selection_parent_class)->finalize (object);
}

static void
kith_record_selection_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (object);

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      g_value_set_boolean (value, self->selection_mode);
      break;
    case PROP_N_SELECTED:
      g_value_set_uint (value, kith_record_selection_get_n_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_selection_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithRecordSelection *self = KITH_RECORD_SELECTION (object);

  switch (prop_id)
    {
    case PROP_SELECTION_MODE:
      kith_record_selection_set_selection_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_selection_class_init (KithRecordSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_record_selection_dispose;
  object_class->finalize = kith_record_selection_finalize;
  object_class->get_property = kith_record_selection_get_property;
  object_class->set_property = kith_record_selection_set_property;

  properties[PROP_SELECTION_MODE] = g_param_spec_boolean ("selection-mode", NULL, NULL, FALSE,
                                                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] = g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_record_selection_init (KithRecordSelection *self)
{
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * kith_record_selection_new:
 * @model: the records listed
 *
 * Returns: (transfer full): a selection of @model's records, by id
 */
KithRecordSelection *
kith_record_selection_new (KithRecordListModel *model)
{
  KithRecordSelection *self;

  g_return_val_if_fail (KITH_IS_RECORD_LIST_MODEL (model), NULL);

  self = g_object_new (KITH_TYPE_RECORD_SELECTION, NULL);
  self->model = g_object_ref (model);
  self->shown = G_MAXUINT;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  return self;
}

/**
 * kith_record_selection_show_first:
 * @n: rows to give the list view
 *
 * Until kith_record_selection_show_all(), the list view is told the list holds at most its
 * first @n records. GTK 4.8's list view makes 200 rows for a long list whatever the window's
 * height, before its first frame; told of the rows a screen holds, it makes those, and the
 * other rows in a later frame (see kith_list_page_map ()).
 */
void
kith_record_selection_show_first (KithRecordSelection *self,
                                  guint                n)
{
  guint before;

  g_return_if_fail (KITH_IS_RECORD_SELECTION (self));

  before = n_shown (self);
  self->shown = n;
  if (before > n_shown (self))
    g_list_model_items_changed (G_LIST_MODEL (self), n_shown (self), before - n_shown (self), 0);
}

/**
 * kith_record_selection_show_all:
 *
 * Gives the list view every record again, after kith_record_selection_show_first().
 */
void
kith_record_selection_show_all (KithRecordSelection *self)
{
  guint before;

  g_return_if_fail (KITH_IS_RECORD_SELECTION (self));

  if (self->shown == G_MAXUINT)
    return;
  before = n_shown (self);
  self->shown = G_MAXUINT;
  if (n_items (self) > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n_items (self) - before);
}

/**
 * kith_record_selection_set_current:
 * @id: the record to highlight outside selection mode, or 0
 */
void
kith_record_selection_set_current (KithRecordSelection *self,
                                   gint64               id)
{
  guint old_position, new_position;

  g_return_if_fail (KITH_IS_RECORD_SELECTION (self));

  if (self->current == id)
    return;

  old_position = kith_record_list_model_find (self->model, self->current);
  new_position = kith_record_list_model_find (self->model, id);
  self->current = id;
  if (self->selection_mode)
    return;
  if (old_position != G_MAXUINT)
    changed (self, old_position, 1);
  if (new_position != G_MAXUINT)
    changed (self, new_position, 1);
}

gboolean
kith_record_selection_get_selection_mode (KithRecordSelection *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_SELECTION (self), FALSE);

  return self->selection_mode;
}

/**
 * kith_record_selection_set_selection_mode:
 *
 * Starts selection mode with nothing chosen, or leaves it, forgetting what was chosen.
 */
void
kith_record_selection_set_selection_mode (KithRecordSelection *self,
                                          gboolean             selection_mode)
{
  g_return_if_fail (KITH_IS_RECORD_SELECTION (self));

  if (self->selection_mode == selection_mode)
    return;

  clear_selected (self);
  self->anchor = 0;
  set_mode (self, selection_mode);
  changed_all (self);
}

/**
 * kith_record_selection_get_n_selected:
 *
 * Returns: how many records are chosen, listed or not
 */
guint
kith_record_selection_get_n_selected (KithRecordSelection *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_SELECTION (self), 0);

  return g_hash_table_size (self->selected);
}

/**
 * kith_record_selection_toggle:
 *
 * Chooses the record at @position, or leaves it out when it was chosen (Ctrl+click, a click
 * in selection mode); starts selection mode.
 */
void
kith_record_selection_toggle (KithRecordSelection *self,
                              guint                position)
{
  gint64 id;

  g_return_if_fail (KITH_IS_RECORD_SELECTION (self));

  id = kith_record_list_model_get_id (self->model, position);
  if (id == 0)
    return;
  self->anchor = id;
  mark_range (self, position, 1, !(self->selection_mode && g_hash_table_contains (self->selected, &id)));
}

/**
 * kith_record_selection_extend:
 *
 * Chooses every record from the one chosen or left out last to the one at @position
 * (Shift+click); without such a record, only that one.
 */
void
kith_record_selection_extend (KithRecordSelection *self,
                              guint                position)
{
  guint anchor;

  g_return_if_fail (KITH_IS_RECORD_SELECTION (self));

  anchor = self->anchor != 0 ? kith_record_list_model_find (self->model, self->anchor) : G_MAXUINT;
  if (anchor == G_MAXUINT)
    anchor = position;
  if (kith_record_list_model_get_id (self->model, position) == 0)
    return;

  mark_range (self, MIN (anchor, position), MAX (anchor, position) - MIN (anchor, position) + 1, TRUE);
}

/**
 * kith_record_selection_dup_selected_ids:
 *
 * Returns: (transfer full): the chosen records (gint64), those listed in the list's order,
 *   then those the list no longer shows
 */
GArray *
kith_record_selection_dup_selected_ids (KithRecordSelection *self)
{
  g_autoptr(GHashTable) rest = NULL;
  GArray *ids;
  GHashTableIter iter;
  gpointer key;
  guint n;

  g_return_val_if_fail (KITH_IS_RECORD_SELECTION (self), NULL);

  n = n_items (self);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->selected));
  rest = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (rest, key);

  for (guint i = 0; i < n && g_hash_table_size (rest) > 0; i++)
    {
      gint64 id = kith_record_list_model_get_id (self->model, i);

      if (id != 0 && g_hash_table_remove (rest, &id))
        g_array_append_val (ids, id);
    }
  g_hash_table_iter_init (&iter, rest);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  return ids;
}
