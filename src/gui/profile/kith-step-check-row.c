/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStepCheckRow: a step of the record's next-step checklist, ticked when done; the current
 * step says so, with its reminder, and composes its email template when it has one
 * ("relationship.compose-step"). Emits "toggled" when the user ticks or unticks it.
 */

#define G_LOG_DOMAIN "KithStepCheckRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-step-check-row.h"

struct _KithStepCheckRow
{
  AdwActionRow    parent_instance;

  GtkCheckButton *check;
  GtkWidget      *compose_button;

  KithStep       *step;
  gboolean        showing;   /* the check follows the record: not the user */
};

G_DEFINE_FINAL_TYPE (KithStepCheckRow, kith_step_check_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

enum {
  TOGGLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_check_toggled_cb (KithStepCheckRow *self)
{
  if (!self->showing)
    g_signal_emit (self, signals[TOGGLED], 0);
}

static void
kith_step_check_row_constructed (GObject *object)
{
  KithStepCheckRow *self = KITH_STEP_CHECK_ROW (object);

  G_OBJECT_CLASS (kith_step_check_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kith_step_get_name (self->step));
  if (kith_step_get_template (self->step) != NULL)
    {
      /* Translators: the button of a next step that writes the step's email template */
      g_autofree char *compose = g_strdup_printf (_("Compose “%s”"), kith_step_get_template (self->step));

      gtk_widget_set_tooltip_text (self->compose_button, compose);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->compose_button), GTK_ACCESSIBLE_PROPERTY_LABEL, compose, -1);
    }
}

static void
kith_step_check_row_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template (): AdwActionRow takes its prefixes down itself (GTK issue
   * 5834: they would be disposed twice) */
  g_clear_object (&KITH_STEP_CHECK_ROW (object)->step);

  G_OBJECT_CLASS (kith_step_check_row_parent_class)->dispose (object);
}

static void
kith_step_check_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_object (value, KITH_STEP_CHECK_ROW (object)->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_check_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STEP:
      KITH_STEP_CHECK_ROW (object)->step = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_check_row_class_init (KithStepCheckRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_step_check_row_constructed;
  object_class->dispose = kith_step_check_row_dispose;
  object_class->get_property = kith_step_check_row_get_property;
  object_class->set_property = kith_step_check_row_set_property;

  properties[PROP_STEP] = g_param_spec_object ("step", NULL, NULL, KITH_TYPE_STEP,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithStepCheckRow::toggled:
   *
   * The user ticked the step (done) or unticked it.
   */
  signals[TOGGLED] = g_signal_new ("toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-step-check-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithStepCheckRow, check);
  gtk_widget_class_bind_template_child (widget_class, KithStepCheckRow, compose_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);
}

static void
kith_step_check_row_init (KithStepCheckRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_step_check_row_new (KithStep *step)
{
  g_return_val_if_fail (KITH_IS_STEP (step), NULL);

  return g_object_new (KITH_TYPE_STEP_CHECK_ROW, "step", step, NULL);
}

/**
 * kith_step_check_row_show:
 * @done: the record is past this step
 * @current: this step comes next
 *
 * Shows where the record is in the checklist; "toggled" is not emitted for it.
 */
void
kith_step_check_row_show (KithStepCheckRow *self,
                          gboolean          done,
                          gboolean          current)
{
  gint64 days = kith_step_get_reminder_days (self->step);
  g_autofree char *subtitle = NULL;

  g_return_if_fail (KITH_IS_STEP_CHECK_ROW (self));

  self->showing = TRUE;
  gtk_check_button_set_active (self->check, done);
  self->showing = FALSE;
  if (current)
    subtitle = days >= 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Next step · reminder after %d day",
                                                         "Next step · reminder after %d days", (gulong) days), (int) days)
                         : g_strdup (_("Next step"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  /* A template the library has: the one step to act on now */
  gtk_widget_set_visible (self->compose_button, current && kith_step_get_template_id (self->step) != 0);
  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "accent");
}

/* Whether the step is ticked */
gboolean
kith_step_check_row_get_done (KithStepCheckRow *self)
{
  g_return_val_if_fail (KITH_IS_STEP_CHECK_ROW (self), FALSE);

  return gtk_check_button_get_active (self->check);
}
