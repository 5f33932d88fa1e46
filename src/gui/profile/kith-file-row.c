/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithFileRow: a file of the record's Files group — its name, size and the day it was added, an
 * icon for its type. Activated it opens (files.open); its button removes it (files.remove).
 */

#define G_LOG_DOMAIN "KithFileRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-file-row.h"

struct _KithFileRow
{
  AdwActionRow  parent_instance;

  GtkImage     *icon;
  GtkWidget    *remove_button;

  KithFile     *file;
};

G_DEFINE_FINAL_TYPE (KithFileRow, kith_file_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "12.3 kB · 1 Dec 2026", or the day alone when the size is not known */
static char *
subtitle_text (KithFile *file)
{
  g_autoptr(GDateTime) added = g_date_time_new_from_unix_local (kith_file_get_added (file) / 1000);
  g_autofree char *date = g_date_time_format (added, "%-d %b %Y");
  g_autofree char *size = kith_file_get_size (file) >= 0 ? g_format_size (kith_file_get_size (file)) : NULL;

  return size != NULL ? g_strdup_printf ("%s · %s", size, g_strstrip (date)) : g_strdup (g_strstrip (date));
}

/* A screen reader says which file the button takes off */
static void
name_remove_button (KithFileRow *self)
{
  /* Translators: the button that takes a file off a profile, named by the file */
  g_autofree char *label = g_strdup_printf (_("Remove “%s”"), kith_file_get_name (self->file));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
kith_file_row_constructed (GObject *object)
{
  KithFileRow *self = KITH_FILE_ROW (object);
  const char *content_type = kith_file_get_content_type (self->file);
  g_autoptr(GIcon) icon = content_type != NULL ? g_content_type_get_symbolic_icon (content_type)
                                               : g_themed_icon_new ("text-x-generic-symbolic");
  g_autofree char *subtitle = subtitle_text (self->file);

  G_OBJECT_CLASS (kith_file_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kith_file_get_name (self->file));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_image_set_from_gicon (self->icon, icon);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), g_variant_new_string (kith_file_get_uri (self->file)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button),
                                          g_variant_new_int64 (kith_file_get_id (self->file)));
  name_remove_button (self);
}

static void
kith_file_row_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template (): AdwActionRow takes its prefixes and suffixes down itself
   * (GTK issue 5834: they would be disposed twice) */
  g_clear_object (&KITH_FILE_ROW (object)->file);

  G_OBJECT_CLASS (kith_file_row_parent_class)->dispose (object);
}

static void
kith_file_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, KITH_FILE_ROW (object)->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_file_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_FILE:
      KITH_FILE_ROW (object)->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_file_row_class_init (KithFileRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_file_row_constructed;
  object_class->dispose = kith_file_row_dispose;
  object_class->get_property = kith_file_row_get_property;
  object_class->set_property = kith_file_row_set_property;

  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, KITH_TYPE_FILE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-file-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithFileRow, icon);
  gtk_widget_class_bind_template_child (widget_class, KithFileRow, remove_button);
}

static void
kith_file_row_init (KithFileRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_file_row_new (KithFile *file)
{
  g_return_val_if_fail (KITH_IS_FILE (file), NULL);

  return g_object_new (KITH_TYPE_FILE_ROW, "file", file, NULL);
}
