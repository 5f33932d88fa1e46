/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStructuredGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-record-save.h"
#include "kith-structured-group.h"
#include "kith-structured-row.h"

/*
 * A structured list of a record — addresses, app links, anniversaries — edited on its profile:
 * a row for each item, bound to the record's list of entries, that opens on the item's parts
 * with Save and Remove (and Undo in the toast), then a row that adds one. What is typed is
 * checked by the subclass (kith-addresses-group.c and the like) before anything is saved; the
 * store's refusals show in the row the change was made at. Every change is saved at once.
 */

typedef struct
{
  GtkListBox        *items_list;
  GtkWidget         *add_list;
  KithStructuredRow *add_row;

  char              *title;
  char              *add_title;

  KithStore         *store;
  KithRecord        *record;
  GCancellable      *cancellable;  /* cancelled on dispose; writes get none */
} KithStructuredGroupPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KithStructuredGroup, kith_structured_group, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  PROP_TITLE,
  PROP_ADD_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GROUP_CLASS(self) KITH_STRUCTURED_GROUP_GET_CLASS (self)

/* Shows the parts of an item in @row, with @texts or empty; titles and help translated */
static void
show_fields (KithStructuredGroup *self,
             KithStructuredRow   *row,
             const char * const  *texts)
{
  const char *titles[KITH_STRUCTURED_ROW_MAX_FIELDS + 1] = { NULL };
  const char *helps[KITH_STRUCTURED_ROW_MAX_FIELDS] = { NULL };
  KithStructuredGroupClass *klass = GROUP_CLASS (self);

  for (guint i = 0; i < KITH_STRUCTURED_ROW_MAX_FIELDS && klass->field_titles[i] != NULL; i++)
    {
      titles[i] = _(klass->field_titles[i]);
      helps[i] = klass->field_helps[i] != NULL ? _(klass->field_helps[i]) : NULL;
    }
  kith_structured_row_set_fields (row, titles, helps, texts);
}

static void
on_saved (gpointer      owner,
          KithRecord   *record,
          const GError *error,
          gpointer      where,
          const char   *text)
{
  KithStructuredGroup *self = owner;
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  GtkWidget *row = where;

  if (error == NULL && row == GTK_WIDGET (priv->add_row))
    {
      /* Added: the row is ready for the next one */
      show_fields (self, priv->add_row, NULL);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
    }
  if (error == NULL || record != priv->record)
    return;
  if (row != NULL && gtk_widget_get_parent (row) != NULL)
    kith_structured_row_set_refusal (KITH_STRUCTURED_ROW (row), error->message);
  else
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

/* Writes @items as the record's list; a refusal shows at @row (or in a toast without one) */
static void
save_items (KithStructuredGroup *self,
            GPtrArray           *items,
            KithStructuredRow   *row)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);

  kith_record_set_items (priv->record, GROUP_CLASS (self)->list, items);
  kith_record_save (priv->store, priv->record, self, priv->cancellable,
                    row != NULL ? g_object_ref (row) : NULL, g_object_unref, NULL, on_saved);
}

/* The item @row typed, replacing @old (nullable); %NULL, the reason shown in @row, when what
 * was typed makes none */
static gpointer
typed_item (KithStructuredGroup *self,
            KithStructuredRow   *row,
            gconstpointer        old)
{
  g_auto(GStrv) texts = kith_structured_row_dup_texts (row);
  g_autoptr(GError) error = NULL;
  gpointer item = GROUP_CLASS (self)->new_item ((const char * const *) texts, old, &error);

  kith_structured_row_set_refusal (row, error != NULL ? error->message : NULL);
  return item;
}

/* Rows of the items */

static guint
position_of (KithStructuredRow *row)
{
  return kith_record_entry_get_position (kith_structured_row_get_entry (row));
}

/* Shows in @row the item at its entry's place as the record has it now */
static void
update_row (KithStructuredRow *row)
{
  KithStructuredGroup *self = KITH_STRUCTURED_GROUP (kith_structured_row_get_group (row));
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *uri = NULL;
  g_auto(GStrv) texts = NULL;
  gconstpointer item;

  if (priv->record == NULL)
    return;
  items = kith_record_dup_items (priv->record, GROUP_CLASS (self)->list);
  if (position_of (row) >= items->len)
    return;

  item = g_ptr_array_index (items, position_of (row));
  title = GROUP_CLASS (self)->describe (item, &subtitle);
  texts = GROUP_CLASS (self)->dup_texts (item);
  uri = GROUP_CLASS (self)->dup_uri != NULL ? GROUP_CLASS (self)->dup_uri (item) : NULL;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  kith_structured_row_set_item_name (row, title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle != NULL ? subtitle : "");
  show_fields (self, row, (const char * const *) texts);
  kith_structured_row_set_link (row, uri, uri != NULL ? _(GROUP_CLASS (self)->link_label) : NULL);
}

static void
on_row_save_cb (KithStructuredRow   *row,
                KithStructuredGroup *self)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  g_autoptr(GPtrArray) items = kith_record_dup_items (priv->record, GROUP_CLASS (self)->list);
  guint position = position_of (row);
  gpointer item;

  if (position >= items->len || (item = typed_item (self, row, g_ptr_array_index (items, position))) == NULL)
    return;

  g_ptr_array_insert (items, position, item);
  g_ptr_array_remove_index (items, position + 1);
  save_items (self, g_steal_pointer (&items), row);
}

/* What the Undo of a removal puts back: the item, kept in a list of its own, in its place in
 * the record's list, while the group still shows that record */
typedef struct
{
  GWeakRef    group;
  KithRecord *record;
  GPtrArray  *removed;
  guint       position;
} Removed;

static Removed *
removed_new (KithStructuredGroup *self,
             GPtrArray           *removed,
             guint                position)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  Removed *r = g_new0 (Removed, 1);

  g_weak_ref_init (&r->group, self);
  r->record = g_object_ref (priv->record);
  r->removed = removed;
  r->position = position;
  return r;
}

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *r = data;

  g_weak_ref_clear (&r->group);
  g_object_unref (r->record);
  g_ptr_array_unref (r->removed);
  g_free (r);
}

static void
on_undo_cb (AdwToast *toast,
            Removed  *r)
{
  g_autoptr(KithStructuredGroup) self = g_weak_ref_get (&r->group);
  KithStructuredGroupPrivate *priv;
  g_autoptr(GPtrArray) items = NULL;

  if (self == NULL)
    return;
  priv = kith_structured_group_get_instance_private (self);
  if (priv->record != r->record || r->removed->len == 0)
    return;

  items = kith_record_dup_items (priv->record, GROUP_CLASS (self)->list);
  g_ptr_array_insert (items, MIN (r->position, items->len), g_ptr_array_steal_index (r->removed, 0));
  save_items (self, g_steal_pointer (&items), NULL);
}

static void
on_row_remove_cb (KithStructuredRow   *row,
                  KithStructuredGroup *self)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  g_autoptr(GPtrArray) items = kith_record_dup_items (priv->record, GROUP_CLASS (self)->list);
  g_autoptr(GPtrArray) removed = kith_record_dup_items (priv->record, GROUP_CLASS (self)->list);
  guint position = position_of (row);
  AdwToast *toast;

  if (position >= items->len)
    return;

  /* The copy keeps the removed item alone, freed with it */
  g_ptr_array_remove_range (removed, position + 1, removed->len - position - 1);
  g_ptr_array_remove_range (removed, 0, position);
  g_ptr_array_remove_index (items, position);
  save_items (self, g_steal_pointer (&items), NULL);

  toast = adw_toast_new (_(GROUP_CLASS (self)->removed));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_cb),
                         removed_new (self, g_steal_pointer (&removed), position), removed_free, 0);
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
on_row_open_cb (KithStructuredRow *row,
                const char        *uri)
{
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (row))), uri, GDK_CURRENT_TIME);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KithStructuredGroup *self = user_data;
  GtkWidget *row = kith_structured_row_new_for_entry (item, GTK_WIDGET (self));

  g_signal_connect_object (row, "save", G_CALLBACK (on_row_save_cb), self, 0);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove_cb), self, 0);
  g_signal_connect (row, "open", G_CALLBACK (on_row_open_cb), NULL);
  /* The entry changes with the item at its place: its value, label or link */
  g_signal_connect_object (item, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (KITH_STRUCTURED_ROW (row));
  return row;
}

/* The row that adds one */

static void
on_add_cb (KithStructuredGroup *self)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  g_autoptr(GPtrArray) items = NULL;
  gpointer item;

  if (priv->record == NULL || (item = typed_item (self, priv->add_row, NULL)) == NULL)
    return;

  items = kith_record_dup_items (priv->record, GROUP_CLASS (self)->list);
  g_ptr_array_add (items, item);
  save_items (self, g_steal_pointer (&items), priv->add_row);
}

static void
update_visibility (KithStructuredGroup *self)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  GListModel *entries = kith_record_get_list (priv->record, GROUP_CLASS (self)->list);

  gtk_widget_set_visible (GTK_WIDGET (self), (GROUP_CLASS (self)->kinds & (1u << kith_record_get_kind (priv->record))) != 0);
  gtk_widget_set_visible (GTK_WIDGET (priv->items_list), g_list_model_get_n_items (entries) > 0);
  /* A record with as many as it can have has no row to add one */
  gtk_widget_set_visible (priv->add_list, GROUP_CLASS (self)->max_items == NULL ||
                                          g_list_model_get_n_items (entries) < GROUP_CLASS (self)->max_items (priv->record));
}

static void
set_record (KithStructuredGroup *self,
            KithRecord          *record)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);
  GListModel *entries;

  if (priv->record != NULL)
    g_signal_handlers_disconnect_by_func (kith_record_get_list (priv->record, GROUP_CLASS (self)->list),
                                          update_visibility, self);
  if (!g_set_object (&priv->record, record))
    return;

  show_fields (self, priv->add_row, NULL);
  kith_structured_row_set_refusal (priv->add_row, NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (priv->add_row), FALSE);
  if (record == NULL)
    {
      gtk_list_box_bind_model (priv->items_list, NULL, NULL, NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
  else
    {
      entries = kith_record_get_list (record, GROUP_CLASS (self)->list);
      gtk_list_box_bind_model (priv->items_list, entries, create_row, self, NULL);
      g_signal_connect_object (entries, "items-changed", G_CALLBACK (update_visibility), self, G_CONNECT_SWAPPED);
      update_visibility (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

KithRecord *
kith_structured_group_get_record (KithStructuredGroup *self)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);

  g_return_val_if_fail (KITH_IS_STRUCTURED_GROUP (self), NULL);

  return priv->record;
}

static void
kith_structured_group_dispose (GObject *object)
{
  KithStructuredGroup *self = KITH_STRUCTURED_GROUP (object);
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_STRUCTURED_GROUP);

  G_OBJECT_CLASS (kith_structured_group_parent_class)->dispose (object);
}

static void
kith_structured_group_finalize (GObject *object)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (KITH_STRUCTURED_GROUP (object));

  g_clear_object (&priv->store);
  g_clear_object (&priv->record);
  g_clear_object (&priv->cancellable);
  g_free (priv->title);
  g_free (priv->add_title);

  G_OBJECT_CLASS (kith_structured_group_parent_class)->finalize (object);
}

static void
kith_structured_group_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (KITH_STRUCTURED_GROUP (object));

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, priv->record);
      break;
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_ADD_TITLE:
      g_value_set_string (value, priv->add_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_structured_group_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithStructuredGroup *self = KITH_STRUCTURED_GROUP (object);
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&priv->store, g_value_get_object (value));
      break;
    case PROP_RECORD:
      set_record (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      g_free (priv->title);
      priv->title = g_value_dup_string (value);
      break;
    case PROP_ADD_TITLE:
      g_free (priv->add_title);
      priv->add_title = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_structured_group_class_init (KithStructuredGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_structured_group_dispose;
  object_class->finalize = kith_structured_group_finalize;
  object_class->get_property = kith_structured_group_get_property;
  object_class->set_property = kith_structured_group_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The group's title, and the title of the row that adds an item */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_TITLE] =
    g_param_spec_string ("add-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_STRUCTURED_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-structured-group.ui");
  gtk_widget_class_bind_template_child_private (widget_class, KithStructuredGroup, items_list);
  gtk_widget_class_bind_template_child_private (widget_class, KithStructuredGroup, add_list);
  gtk_widget_class_bind_template_child_private (widget_class, KithStructuredGroup, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_cb);
}

static void
kith_structured_group_init (KithStructuredGroup *self)
{
  KithStructuredGroupPrivate *priv = kith_structured_group_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
