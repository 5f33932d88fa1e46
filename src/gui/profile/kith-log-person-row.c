/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithLogPersonRow: someone who took part in a call, text, meeting or message, on the form that
 * logs or edits it (KithItemDialog), with a button that takes them off (people.remove, with
 * the person's value as its target).
 */

#define G_LOG_DOMAIN "KithLogPersonRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-log-person-row.h"

struct _KithLogPersonRow
{
  AdwActionRow        parent_instance;

  GtkWidget          *remove_button;

  KithTimelinePerson *person;
  gboolean            removable;
};

G_DEFINE_FINAL_TYPE (KithLogPersonRow, kith_log_person_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_REMOVABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_log_person_row_constructed (GObject *object)
{
  KithLogPersonRow *self = KITH_LOG_PERSON_ROW (object);
  const char *name = kith_timeline_person_get_name (self->person);
  const char *value = kith_timeline_person_get_value (self->person);
  g_autofree char *remove_name = NULL;

  G_OBJECT_CLASS (kith_log_person_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name != NULL ? name : value);
  gtk_widget_set_visible (self->remove_button, self->removable);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button), g_variant_new_string (value));
  /* Translators: the button that takes someone off a call or meeting being logged */
  remove_name = g_strdup_printf (_("Remove “%s”"), name != NULL ? name : value);
  gtk_widget_set_tooltip_text (self->remove_button, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
}

static void
kith_log_person_row_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template (): AdwActionRow takes its suffixes down itself (GTK issue
   * 5834: they would be disposed twice) */
  g_clear_object (&KITH_LOG_PERSON_ROW (object)->person);

  G_OBJECT_CLASS (kith_log_person_row_parent_class)->dispose (object);
}

static void
kith_log_person_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithLogPersonRow *self = KITH_LOG_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;
    case PROP_REMOVABLE:
      g_value_set_boolean (value, self->removable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_log_person_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithLogPersonRow *self = KITH_LOG_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      self->person = g_value_dup_object (value);
      break;
    case PROP_REMOVABLE:
      self->removable = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_log_person_row_class_init (KithLogPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_log_person_row_constructed;
  object_class->dispose = kith_log_person_row_dispose;
  object_class->get_property = kith_log_person_row_get_property;
  object_class->set_property = kith_log_person_row_set_property;

  properties[PROP_PERSON] = g_param_spec_object ("person", NULL, NULL, KITH_TYPE_TIMELINE_PERSON,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Whether the form may take them off: not from a meeting a calendar keeps */
  properties[PROP_REMOVABLE] = g_param_spec_boolean ("removable", NULL, NULL, TRUE,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-log-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithLogPersonRow, remove_button);
}

static void
kith_log_person_row_init (KithLogPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_log_person_row_new (KithTimelinePerson *person,
                         gboolean            removable)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_PERSON (person), NULL);

  return g_object_new (KITH_TYPE_LOG_PERSON_ROW, "person", person, "removable", removable, NULL);
}
