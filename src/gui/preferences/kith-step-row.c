/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStepRow: one next step in a stage's editor — its name, reminder and email template. An
 * edit changes the step and tells the editor (`editor.changed`), which saves the stage's steps;
 * Move Up, Move Down and Remove ask the editor to do so with the row's place in the list.
 *
 * The template is chosen from the library (read on the store's worker), "No Template" first. A
 * step naming a template the library does not have shows "No Template" and says so under it,
 * keeping the name until another choice is made (docs/templates.md, "Next steps").
 */

#define G_LOG_DOMAIN "KithStepRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-step-row.h"
#include "kith-gui-util.h"
#include "kith-template-store.h"

struct _KithStepRow
{
  AdwExpanderRow  parent_instance;

  GtkEditable    *name_row;
  GtkSpinButton  *days_spin;
  AdwComboRow    *template_row;

  KithStep       *step;
  KithStore      *store;
  GListStore     *parts;       /* the combo's: "No Template", then the library */
  GListModel     *library;     /* KithTemplate, as the store listed them */
  GCancellable   *cancellable; /* the library's read */
  gboolean        showing;     /* choosing what the step has: no change of the user's */
};

G_DEFINE_FINAL_TYPE (KithStepRow, kith_step_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_STEP,
  PROP_STORE,
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

/* The place of the step's template in the combo: 0 ("No Template") when the library has none
 * of its id */
static guint
template_position (KithStepRow *self)
{
  gint64 id = kith_step_get_template_id (self->step);
  guint n = g_list_model_get_n_items (self->library);

  for (guint i = 0; id != 0 && i < n; i++)
    {
      g_autoptr(KithTemplate) template = g_list_model_get_item (self->library, i);

      if (kith_template_get_id (template) == id)
        return i + 1;
    }
  return 0;
}

/* A name the library does not have stays on the step, and the row says so */
static void
show_template (KithStepRow *self)
{
  const char *name = kith_step_get_template (self->step);
  guint position = template_position (self);
  g_autofree char *missing = NULL;
  g_autofree char *missing_markup = NULL;

  /* The store found no template of its name: known before the library is read */
  if (kith_step_get_template_id (self->step) == 0 && name != NULL)
    /* Translators: a next step's email template that no template of the library is */
    missing = g_strdup_printf (_("“%s” is not in the library"), name);

  self->showing = TRUE;
  adw_combo_row_set_selected (self->template_row, position);
  missing_markup = kith_markup_escape (missing);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->template_row), missing_markup);
  self->showing = FALSE;
}

static void
on_template_selected_cb (KithStepRow *self)
{
  guint position = adw_combo_row_get_selected (self->template_row);
  g_autoptr(KithTemplate) template = NULL;

  if (self->showing || position == GTK_INVALID_LIST_POSITION)
    return;
  if (position > 0)
    template = g_list_model_get_item (self->library, position - 1);
  if (template == NULL && kith_step_get_template (self->step) == NULL)
    return;
  if (template != NULL && kith_template_get_id (template) == kith_step_get_template_id (self->step))
    return;

  /* The store links the step to the template of that name, which is this one */
  kith_step_set_template (self->step, template != NULL ? kith_template_get_name (template) : NULL);
  kith_step_set_template_id (self->step, template != NULL ? kith_template_get_id (template) : 0);
  show_template (self);
  changed (self);
}

static void
on_library_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithStepRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = kith_store_templates_list_finish (KITH_STORE (source), result, &error);

  if (templates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the templates: %s", error->message);
      return;
    }
  /* The list read takes the empty one's place after "No Template" */
  g_set_object (&self->library, templates);
  self->showing = TRUE;
  g_list_store_splice (self->parts, 1, 1, (gpointer *) &templates, 1);
  self->showing = FALSE;
  show_template (self);
}

/* "No Template", then the library: empty until it is read */
static GListModel *
combo_model (KithStepRow *self)
{
  g_autoptr(GListStore) none = g_list_store_new (KITH_TYPE_TEMPLATE);
  g_autoptr(KithTemplate) placeholder = kith_template_new (_("No Template"));

  self->library = G_LIST_MODEL (g_list_store_new (KITH_TYPE_TEMPLATE));
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (none, placeholder);
  g_list_store_append (self->parts, none);
  g_list_store_append (self->parts, self->library);

  return G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->parts))));
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
  show_template (self);
  gtk_spin_button_set_value (self->days_spin, kith_step_get_reminder_days (self->step));
  show_reminder (self);
}

static void
kith_step_row_dispose (GObject *object)
{
  KithStepRow *self = KITH_STEP_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_STEP_ROW);
  g_clear_object (&self->step);
  g_clear_object (&self->store);
  g_clear_object (&self->library);
  g_clear_object (&self->parts);

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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
      kith_preferences_row_bind_text_title (ADW_PREFERENCES_ROW (self), self->step, "name");
      show_step (self);
      break;
    case PROP_STORE:
      g_assert (self->store == NULL);
      self->store = g_value_dup_object (value);
      self->cancellable = g_cancellable_new ();
      kith_store_templates_list_async (self->store, self->cancellable, on_library_read_cb, g_object_ref (self));
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
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithStepRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, KithStepRow, days_spin);
  gtk_widget_class_bind_template_child (widget_class, KithStepRow, template_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed_cb);

  gtk_widget_class_install_action (widget_class, "step-row.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "step-row.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "step-row.remove", NULL, remove_action);
}

static void
kith_step_row_init (KithStepRow *self)
{
  g_autoptr(GListModel) model = NULL;

  g_type_ensure (KITH_TYPE_TEMPLATE);
  gtk_widget_init_template (GTK_WIDGET (self));

  model = combo_model (self);
  self->showing = TRUE;
  adw_combo_row_set_model (self->template_row, model);
  self->showing = FALSE;
}

/* A row for @step; the library is read once the step is set, for its template to be found
 * in it */
GtkWidget *
kith_step_row_new (KithStep  *step,
                   KithStore *store)
{
  GtkWidget *row = g_object_new (KITH_TYPE_STEP_ROW, NULL);

  g_object_set (row, "step", step, "store", store, NULL);

  return row;
}
