/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTemplatePicker: the composer's Insert Template button — a popover listing the template
 * library, searched by name, read afresh each time it opens; choosing one emits ::chosen.
 */

#define G_LOG_DOMAIN "KithTemplatePicker"

#include "config.h"

#include "kith-template-picker.h"
#include "kith-template-store.h"

struct _KithTemplatePicker
{
  GtkWidget        parent_instance;

  GtkWidget       *button;
  GtkPopover      *popover;
  GtkEditable     *search_entry;
  GtkListBox      *list;

  KithStore       *store;
  GListStore      *templates;
  GtkStringFilter *filter;
  GtkFilterListModel *shown;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (KithTemplatePicker, kith_template_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithTemplatePicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = kith_store_templates_list_finish (KITH_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (templates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the templates: %s", error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    g_ptr_array_add (items, g_list_model_get_item (templates, i));
  g_list_store_splice (self->templates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->templates)),
                       items->pdata, items->len);
}

static void
on_popover_show_cb (KithTemplatePicker *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_editable_set_text (self->search_entry, "");
  kith_store_templates_list_async (self->store, self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_search_changed_cb (KithTemplatePicker *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (self->search_entry));
}

static void
choose (KithTemplatePicker *self,
        guint               position)
{
  g_autoptr(KithTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (template == NULL)
    return;
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[CHOSEN], 0, template);
}

/* Enter in the search picks the first template it shows */
static void
on_search_activate_cb (KithTemplatePicker *self)
{
  choose (self, 0);
}

static void
on_row_activated_cb (KithTemplatePicker *self,
                     GtkListBoxRow      *row)
{
  choose (self, gtk_list_box_row_get_index (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *label = gtk_label_new (kith_template_get_name (item));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  return label;
}

static void
kith_template_picker_dispose (GObject *object)
{
  KithTemplatePicker *self = KITH_TEMPLATE_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TEMPLATE_PICKER);
  g_clear_object (&self->shown);

  G_OBJECT_CLASS (kith_template_picker_parent_class)->dispose (object);
}

static void
kith_template_picker_finalize (GObject *object)
{
  KithTemplatePicker *self = KITH_TEMPLATE_PICKER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_template_picker_parent_class)->finalize (object);
}

static void
kith_template_picker_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithTemplatePicker *self = KITH_TEMPLATE_PICKER (object);

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
kith_template_picker_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithTemplatePicker *self = KITH_TEMPLATE_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_template_picker_class_init (KithTemplatePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_template_picker_dispose;
  object_class->finalize = kith_template_picker_finalize;
  object_class->get_property = kith_template_picker_get_property;
  object_class->set_property = kith_template_picker_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithTemplatePicker::chosen:
   * @template: the template chosen
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, KITH_TYPE_TEMPLATE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/compose/kith-template-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTemplatePicker, button);
  gtk_widget_class_bind_template_child (widget_class, KithTemplatePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, KithTemplatePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KithTemplatePicker, list);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
kith_template_picker_init (KithTemplatePicker *self)
{
  GtkExpression *name = gtk_property_expression_new (KITH_TYPE_TEMPLATE, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->templates = g_list_store_new (KITH_TYPE_TEMPLATE);
  self->filter = gtk_string_filter_new (name);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (self->templates), GTK_FILTER (self->filter));
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row, NULL, NULL);
}
