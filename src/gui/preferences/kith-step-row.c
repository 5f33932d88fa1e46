/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStepRow: one next step in a stage's editor — its name, reminder and email template. An
 * edit changes the step and tells the editor (`editor.changed`), which saves the stage's steps;
 * Move Up, Move Down and Remove ask the editor to do so with the row's place in the list.
 */

#define G_LOG_DOMAIN "KithStepRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-step-row.h"

struct _KithStepRow
{
  AdwExpanderRow  parent_instance;

  GtkEditable    *name_row;
  GtkSpinButton  *days_spin;
  GtkEditable    *template_row;

  KithStep       *step;
};

G_DEFINE_FINAL_TYPE (KithStepRow, kith_step_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_reminder (KithStepRow *self)
{
  int days = kith_step_get_reminder_days (self->step);
  g_autofree char *subtitle = days > 0
                              ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder after %d day",
                                                              "Reminder after %d days", (gulong) days), days)
                              : g_strdup (_("No reminder"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
changed (KithStepRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.changed", NULL);
}

static void
on_name_changed_cb (GtkEditable *editable,
                    KithStepRow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* A step keeps its last name while the field is emptied to type a new one */
  if (*name == '\0' || g_strcmp0 (name, kith_step_get_name (self->step)) == 0)
    return;

  kith_step_set_name (self->step, name);
  changed (self);
}

static void
on_template_changed_cb (GtkEditable *editable,
                        KithStepRow *self)
{
  g_autofree char *template = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (g_strcmp0 (*template != '\0' ? template : NULL, kith_step_get_template (self->step)) == 0)
    return;

  kith_step_set_template (self->step, *template != '\0' ? template : NULL);
  changed (self);
}

static void
on_days_changed_cb (GtkSpinButton *spin,
                    KithStepRow   *self)
{
  int days = gtk_spin_button_get_value_as_int (spin);

  if (days == kith_step_get_reminder_days (self->step))
    return;

  /* 0 is "no reminder" */
  kith_step_set_reminder_days (self->step, days);
  show_reminder (self);
  changed (self);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (widget));
  int delta = g_str_equal (action_name, "step-row.move-up") ? -1 : 1;

  gtk_widget_activate_action (widget, "editor.move-step", "(ii)", index, delta);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "editor.remove-step", "i", gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (widget)));
}

static void
show_step (KithStepRow *self)
{
  /* Shown before the handlers look: the values are the step's own, nothing to save */
  gtk_editable_set_text (self->name_row, kith_step_get_name (self->step));
  gtk_editable_set_text (self->template_row, kith_step_get_template (self->step) ?: "");
  gtk_spin_button_set_value (self->days_spin, kith_step_get_reminder_days (self->step));
  show_reminder (self);
}

static void
kith_step_row_dispose (GObject *object)
{
  KithStepRow *self = KITH_STEP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_STEP_ROW);
  g_clear_object (&self->step);

  G_OBJECT_CLASS (kith_step_row_parent_class)->dispose (object);
}

static void
kith_step_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithStepRow *self = KITH_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_object (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithStepRow *self = KITH_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_assert (self->step == NULL);
      self->step = g_value_dup_object (value);
  /* A GBinding, not a <binding> in the template: GTK 4.8 warns on finalizing a row whose template
   * binds one of the row's own properties once its list drops it */
      g_object_bind_property (self->step, "name", self, "title", G_BINDING_SYNC_CREATE);
      show_step (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_step_row_class_init (KithStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_step_row_dispose;
  object_class->get_property = kith_step_row_get_property;
  object_class->set_property = kith_step_row_set_property;

  properties[PROP_STEP] = g_param_spec_object ("step", NULL, NULL, KITH_TYPE_STEP,
                                               G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithStepRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, KithStepRow, days_spin);
  gtk_widget_class_bind_template_child (widget_class, KithStepRow, template_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed_cb);

  gtk_widget_class_install_action (widget_class, "step-row.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "step-row.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "step-row.remove", NULL, remove_action);
}

static void
kith_step_row_init (KithStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The item is set once the row is made: the row's use-markup (FALSE), set while it is made,
 * reaches its labels only when construction ends, and a title set before would be read as
 * markup */
GtkWidget *
kith_step_row_new (KithStep *step)
{
  GtkWidget *row = g_object_new (KITH_TYPE_STEP_ROW, NULL);

  g_object_set (row, "step", step, NULL);

  return row;
}
