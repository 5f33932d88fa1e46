/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMultipickFieldRow"

#include "config.h"

#include "kith-multipick-field-row.h"
#include "kith-field-row.h"

/* The row of a custom field that is a multi-pick: a check for each choice */

struct _KithMultipickFieldRow
{
  AdwExpanderRow parent_instance;
};

G_DEFINE_FINAL_TYPE (KithMultipickFieldRow, kith_multipick_field_row, ADW_TYPE_EXPANDER_ROW)

static gboolean
has_choice (GBinding     *binding,
            const GValue *from,
            GValue       *to,
            gpointer      user_data)
{
  const char * const *values = g_value_get_boxed (from);

  g_value_set_boolean (to, values != NULL && g_strv_contains (values, user_data));
  return TRUE;
}

static gboolean
summary_of_values (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char * const *values = g_value_get_boxed (from);

  g_value_take_string (to, values != NULL && values[0] != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("—"));
  return TRUE;
}

static void
on_choice_toggled_cb (GtkCheckButton        *check,
                      KithMultipickFieldRow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
  const char *option = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char * const *values = kith_custom_value_get_values (kith_field_row_get_value (self));
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) picked = NULL;

  /* The check following the value, not the user */
  if (active == g_strv_contains (values, option))
    return;

  for (guint i = 0; values[i] != NULL; i++)
    if (!g_str_equal (values[i], option))
      g_strv_builder_add (builder, values[i]);
  if (active)
    g_strv_builder_add (builder, option);
  picked = g_strv_builder_end (builder);
  kith_field_row_edited (self, NULL, (const char * const *) picked);
}

/* The check row of one choice; as many as the field has choices, so made here, not in the template */
static GtkWidget *
create_check_row (KithMultipickFieldRow *self,
                  const char            *option)
{
  GtkWidget *check_row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  g_object_bind_property_full (kith_field_row_get_value (self), "values", check, "active", G_BINDING_SYNC_CREATE,
                               has_choice, NULL, g_strdup (option), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self, 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (check_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check_row), option);
  adw_action_row_add_prefix (ADW_ACTION_ROW (check_row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (check_row), check);
  return check_row;
}

static void
kith_multipick_field_row_constructed (GObject *object)
{
  KithMultipickFieldRow *self = KITH_MULTIPICK_FIELD_ROW (object);
  const char * const *options = kith_field_definition_get_options (kith_field_row_get_field (self));

  G_OBJECT_CLASS (kith_multipick_field_row_parent_class)->constructed (object);

  for (guint i = 0; options[i] != NULL; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self), create_check_row (self, options[i]));
  g_object_bind_property_full (kith_field_row_get_value (self), "values", self, "subtitle", G_BINDING_SYNC_CREATE,
                               summary_of_values, NULL, NULL, NULL);
}

static void
kith_multipick_field_row_class_init (KithMultipickFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_multipick_field_row_constructed;
  kith_field_row_class_install (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-multipick-field-row.ui");
}

static void
kith_multipick_field_row_init (KithMultipickFieldRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
