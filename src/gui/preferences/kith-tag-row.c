/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTagRow: a tag in Preferences, how many records have it, its name to edit (applied, it is
 * renamed: `tags.rename`) and Delete (`tags.delete`).
 */

#define G_LOG_DOMAIN "KithTagRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-tag-row.h"

struct _KithTagRow
{
  AdwEntryRow  parent_instance;

  KithTag     *tag;
};

G_DEFINE_FINAL_TYPE (KithTagRow, kith_tag_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_applied_cb (KithTagRow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  gtk_widget_activate_action (GTK_WIDGET (self), "tags.rename", "(ss)", kith_tag_get_name (self->tag), name);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithTagRow *self = KITH_TAG_ROW (widget);

  gtk_widget_activate_action (widget, "tags.delete", "s", kith_tag_get_name (self->tag));
}

static void
kith_tag_row_constructed (GObject *object)
{
  KithTagRow *self = KITH_TAG_ROW (object);
  guint count = kith_tag_get_count (self->tag);
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %'u record", "Used by %'u records",
                                                         count), count);

  G_OBJECT_CLASS (kith_tag_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self), kith_tag_get_name (self->tag));
}

static void
kith_tag_row_dispose (GObject *object)
{
  KithTagRow *self = KITH_TAG_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TAG_ROW);
  g_clear_object (&self->tag);

  G_OBJECT_CLASS (kith_tag_row_parent_class)->dispose (object);
}

static void
kith_tag_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KithTagRow *self = KITH_TAG_ROW (object);

  switch (prop_id)
    {
    case PROP_TAG:
      g_value_set_object (value, self->tag);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_tag_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KithTagRow *self = KITH_TAG_ROW (object);

  switch (prop_id)
    {
    case PROP_TAG:
      self->tag = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_tag_row_class_init (KithTagRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_tag_row_constructed;
  object_class->dispose = kith_tag_row_dispose;
  object_class->get_property = kith_tag_row_get_property;
  object_class->set_property = kith_tag_row_set_property;

  properties[PROP_TAG] = g_param_spec_object ("tag", NULL, NULL, KITH_TYPE_TAG,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-tag-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_applied_cb);
  gtk_widget_class_install_action (widget_class, "tag-row.delete", NULL, delete_action);
}

static void
kith_tag_row_init (KithTagRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_tag_row_new (KithTag *tag)
{
  return g_object_new (KITH_TYPE_TAG_ROW, "tag", tag, NULL);
}
