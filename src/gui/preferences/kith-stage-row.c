/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStageRow: a stage in its segment's row, with how many next steps it has; activated, it
 * opens the stage's editor (`relationships.open-stage`).
 */

#define G_LOG_DOMAIN "KithStageRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-stage-row.h"
#include "kith-gui-util.h"

struct _KithStageRow
{
  AdwActionRow  parent_instance;

  KithStage    *stage;
};

G_DEFINE_FINAL_TYPE (KithStageRow, kith_stage_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_n_steps_cb (KithStage    *stage,
               GParamSpec   *pspec,
               KithStageRow *self)
{
  guint n = kith_stage_get_n_steps (stage);
  g_autofree char *subtitle = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u next step",
                                                                     "%u next steps", n), n)
                                    : g_strdup (_("No next steps"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
on_activated_cb (KithStageRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "relationships.open-stage", "(ss)",
                              kith_stage_get_segment (self->stage), kith_stage_get_key (self->stage));
}

static void
show_stage (KithStageRow *self)
{
  g_signal_connect_object (self->stage, "notify::n-steps", G_CALLBACK (on_n_steps_cb), self, 0);
  on_n_steps_cb (self->stage, NULL, self);
}

static void
kith_stage_row_dispose (GObject *object)
{
  KithStageRow *self = KITH_STAGE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_STAGE_ROW);
  g_clear_object (&self->stage);

  G_OBJECT_CLASS (kith_stage_row_parent_class)->dispose (object);
}

static void
kith_stage_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithStageRow *self = KITH_STAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_object (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithStageRow *self = KITH_STAGE_ROW (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_assert (self->stage == NULL);
      self->stage = g_value_dup_object (value);
  /* A GBinding, not a <binding> in the template: GTK 4.8 warns on finalizing a row whose template
   * binds one of the row's own properties once its list drops it */
      kith_preferences_row_bind_text_title (ADW_PREFERENCES_ROW (self), self->stage, "name");
      show_stage (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_row_class_init (KithStageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_stage_row_dispose;
  object_class->get_property = kith_stage_row_get_property;
  object_class->set_property = kith_stage_row_set_property;

  properties[PROP_STAGE] = g_param_spec_object ("stage", NULL, NULL, KITH_TYPE_STAGE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-stage-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);
}

static void
kith_stage_row_init (KithStageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A row for @stage */
GtkWidget *
kith_stage_row_new (KithStage *stage)
{
  GtkWidget *row = g_object_new (KITH_TYPE_STAGE_ROW, NULL);

  g_object_set (row, "stage", stage, NULL);

  return row;
}
