/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithViewRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-view-row.h"

/* A saved view in the sidebar: its name, and buttons that rename and remove it through the
 * window's actions, which take the view's id */

struct _KithViewRow
{
  GtkListBoxRow  parent_instance;

  GtkWidget     *rename_button;
  GtkWidget     *remove_button;

  KithView      *view;
};

G_DEFINE_FINAL_TYPE (KithViewRow, kith_view_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A screen reader says which view each button acts on */
static void
name_buttons (KithViewRow *self)
{
  /* Translators: the buttons of a saved view in the sidebar, named by the view */
  g_autofree char *rename = g_strdup_printf (_("Rename View “%s”"), kith_view_get_name (self->view));
  g_autofree char *remove = g_strdup_printf (_("Remove View “%s”"), kith_view_get_name (self->view));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rename_button), GTK_ACCESSIBLE_PROPERTY_LABEL, rename, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

static void
kith_view_row_constructed (GObject *object)
{
  KithViewRow *self = (KithViewRow *)object;
  GVariant *id = g_variant_ref_sink (g_variant_new_int64 (kith_view_get_id (self->view)));

  G_OBJECT_CLASS (kith_view_row_parent_class)->constructed (object);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->rename_button), id);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), id);
  g_variant_unref (id);
  name_buttons (self);
}

static void
kith_view_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_VIEW_ROW);

  G_OBJECT_CLASS (kith_view_row_parent_class)->dispose (object);
}

static void
kith_view_row_finalize (GObject *object)
{
  KithViewRow *self = (KithViewRow *)object;

  g_clear_object (&self->view);

  G_OBJECT_CLASS (kith_view_row_parent_class)->finalize (object);
}

static void
kith_view_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithViewRow *self = KITH_VIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_view_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithViewRow *self = KITH_VIEW_ROW (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      self->view = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_view_row_class_init (KithViewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_view_row_constructed;
  object_class->dispose = kith_view_row_dispose;
  object_class->finalize = kith_view_row_finalize;
  object_class->get_property = kith_view_row_get_property;
  object_class->set_property = kith_view_row_set_property;

  properties[PROP_VIEW] = g_param_spec_object ("view", NULL, NULL, KITH_TYPE_VIEW,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/kith-view-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithViewRow, rename_button);
  gtk_widget_class_bind_template_child (widget_class, KithViewRow, remove_button);
}

static void
kith_view_row_init (KithViewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_view_row_new (KithView *view)
{
  g_return_val_if_fail (KITH_IS_VIEW (view), NULL);

  return g_object_new (KITH_TYPE_VIEW_ROW, "view", view, NULL);
}

KithView *
kith_view_row_get_view (KithViewRow *self)
{
  g_return_val_if_fail (KITH_IS_VIEW_ROW (self), NULL);

  return self->view;
}
