/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMultipickChoiceRow: one choice of a multi-pick custom field, ticked when the record's
 * value has it. Ticking or unticking it emits "picked" with the choices the value then has;
 * the check following the value does not.
 */

#define G_LOG_DOMAIN "KithMultipickChoiceRow"

#include "config.h"

#include "kith-multipick-choice-row.h"

struct _KithMultipickChoiceRow
{
  AdwActionRow     parent_instance;

  KithCustomValue *value;
  char            *choice;
};

G_DEFINE_FINAL_TYPE (KithMultipickChoiceRow, kith_multipick_choice_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_CHOICE,
  N_PROPS
};

enum {
  PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_choice (KithMultipickChoiceRow *self,
            const char * const     *values,
            const char             *choice)
{
  return values != NULL && choice != NULL && g_strv_contains (values, choice);
}

static void
on_check_toggled_cb (GtkCheckButton         *check,
                     KithMultipickChoiceRow *self)
{
  const char * const *values = kith_custom_value_get_values (self->value);
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) picked = NULL;

  /* The check following the value, not the user */
  if (active == has_choice (self, values, self->choice))
    return;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!g_str_equal (values[i], self->choice))
      g_strv_builder_add (builder, values[i]);
  if (active)
    g_strv_builder_add (builder, self->choice);
  picked = g_strv_builder_end (builder);
  g_signal_emit (self, signals[PICKED], 0, picked);
}

static void
kith_multipick_choice_row_constructed (GObject *object)
{
  KithMultipickChoiceRow *self = KITH_MULTIPICK_CHOICE_ROW (object);

  G_OBJECT_CLASS (kith_multipick_choice_row_parent_class)->constructed (object);

  /* Set here, not bound in the template: GTK 4.8 fails at finalization on a template binding
   * whose target is the template object itself */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->choice);
}

static void
kith_multipick_choice_row_finalize (GObject *object)
{
  KithMultipickChoiceRow *self = KITH_MULTIPICK_CHOICE_ROW (object);

  g_clear_object (&self->value);
  g_free (self->choice);

  G_OBJECT_CLASS (kith_multipick_choice_row_parent_class)->finalize (object);
}

static void
kith_multipick_choice_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  KithMultipickChoiceRow *self = KITH_MULTIPICK_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_object (value, self->value);
      break;
    case PROP_CHOICE:
      g_value_set_string (value, self->choice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_multipick_choice_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  KithMultipickChoiceRow *self = KITH_MULTIPICK_CHOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      self->value = g_value_dup_object (value);
      break;
    case PROP_CHOICE:
      self->choice = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_multipick_choice_row_class_init (KithMultipickChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_multipick_choice_row_constructed;
  object_class->finalize = kith_multipick_choice_row_finalize;
  object_class->get_property = kith_multipick_choice_row_get_property;
  object_class->set_property = kith_multipick_choice_row_set_property;

  /* The record's value of the field, whose choices tick the check */
  properties[PROP_VALUE] = g_param_spec_object ("value", NULL, NULL, KITH_TYPE_CUSTOM_VALUE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHOICE] = g_param_spec_string ("choice", NULL, NULL, NULL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithMultipickChoiceRow::picked:
   * @values: the choices the value has with this one ticked or unticked
   */
  signals[PICKED] = g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-multipick-choice-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, has_choice);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);
}

static void
kith_multipick_choice_row_init (KithMultipickChoiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_multipick_choice_row_new (KithCustomValue *value,
                               const char      *choice)
{
  g_return_val_if_fail (KITH_IS_CUSTOM_VALUE (value), NULL);

  return g_object_new (KITH_TYPE_MULTIPICK_CHOICE_ROW, "value", value, "choice", choice, NULL);
}
