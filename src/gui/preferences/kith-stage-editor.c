/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStageEditor: the subpage of Preferences that edits one stage — its name and its next
 * steps, in order. The steps edited are copies, saved together a moment after the last edit
 * and at once when the editor goes away (Back, or the window closed): the store outlives both,
 * and a save is never cancelled. Saved, the stage takes them, so its row shows their count.
 */

#define G_LOG_DOMAIN "KithStageEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-stage-editor.h"
#include "kith-step-row.h"
#include "kith-step.h"

#define SAVE_DELAY_MS 400

struct _KithStageEditor
{
  GtkBox       parent_instance;

  GtkListBox  *steps_list;
  AdwEntryRow *name_row;

  KithStore   *store;
  KithStage   *stage;
  GListStore  *steps;   /* copies of the stage's, as edited */
  guint        save_id;
};

G_DEFINE_FINAL_TYPE (KithStageEditor, kith_stage_editor, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_steps_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithStageEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_stage_save_steps_finish (KITH_STAGE (source), result, &error))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

static void
save (KithStageEditor *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  kith_stage_save_steps_async (self->stage, self->store, G_LIST_MODEL (self->steps), on_steps_saved_cb,
                               g_object_ref (self));
}

static gboolean
on_save_timeout_cb (gpointer data)
{
  KithStageEditor *self = data;

  self->save_id = 0;
  save (self);

  return G_SOURCE_REMOVE;
}

/* Typing goes on: one save once it pauses */
static void
changed_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (widget);

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  g_autoptr(KithStep) step = NULL;
  int index, delta;

  g_variant_get (parameter, "(ii)", &index, &delta);
  if (index < 0 || (guint) index >= n || index + delta < 0 || (guint) (index + delta) >= n)
    return;

  step = g_list_model_get_item (G_LIST_MODEL (self->steps), index);
  g_list_store_remove (self->steps, index);
  g_list_store_insert (self->steps, index + delta, step);
  save (self);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (widget);
  int index = g_variant_get_int32 (parameter);

  if (index < 0 || (guint) index >= g_list_model_get_n_items (G_LIST_MODEL (self->steps)))
    return;

  g_list_store_remove (self->steps, index);
  save (self);
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (widget);
  g_autoptr(KithStep) step = kith_step_new (NULL, _("New step"), NULL, 0);

  g_list_store_append (self->steps, step);
  save (self);
}

static void
on_renamed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithStageEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_stage_rename_finish (KITH_STAGE (source), result, &error))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

static void
on_name_applied_cb (AdwEntryRow     *row,
                    KithStageEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*name == '\0')
    {
      kith_widget_show_error (GTK_WIDGET (self), _("A stage needs a name"));
      return;
    }

  kith_stage_rename_async (self->stage, self->store, name, on_renamed_cb, g_object_ref (self));
}

static void
on_back_clicked_cb (GtkButton       *button,
                    KithStageEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  KithStageEditor *self = user_data;

  return kith_step_row_new (item, self->store);
}

/* The first step cannot go up, nor the last down: their buttons say so, and follow every
 * move, addition and removal */
static void
on_steps_changed_cb (GListModel      *steps,
                     guint            position,
                     guint            removed,
                     guint            added,
                     KithStageEditor *self)
{
  guint n = g_list_model_get_n_items (steps);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->steps_list, i));

      gtk_widget_action_set_enabled (row, "step-row.move-up", i > 0);
      gtk_widget_action_set_enabled (row, "step-row.move-down", i + 1 < n);
    }
}

static void
kith_stage_editor_constructed (GObject *object)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (object);

  G_OBJECT_CLASS (kith_stage_editor_parent_class)->constructed (object);

  self->steps = kith_stage_dup_steps (self->stage);
  gtk_list_box_bind_model (self->steps_list, G_LIST_MODEL (self->steps), create_step_row, self, NULL);
  /* After the list box's own handler, so the rows are there */
  g_signal_connect_object (self->steps, "items-changed", G_CALLBACK (on_steps_changed_cb), self, 0);
  on_steps_changed_cb (G_LIST_MODEL (self->steps), 0, 0, 0, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), kith_stage_get_name (self->stage));
}

static void
kith_stage_editor_dispose (GObject *object)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (object);

  /* The last edit is kept: Back and closing the window come before the save's delay is over */
  if (self->save_id != 0)
    save (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_STAGE_EDITOR);
  g_clear_object (&self->steps);
  g_clear_object (&self->stage);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_stage_editor_parent_class)->dispose (object);
}

static void
kith_stage_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STAGE:
      g_value_set_object (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithStageEditor *self = KITH_STAGE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_STAGE:
      self->stage = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_editor_class_init (KithStageEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_stage_editor_constructed;
  object_class->dispose = kith_stage_editor_dispose;
  object_class->get_property = kith_stage_editor_get_property;
  object_class->set_property = kith_stage_editor_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE, flags);
  properties[PROP_STAGE] = g_param_spec_object ("stage", NULL, NULL, KITH_TYPE_STAGE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-stage-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KithStageEditor, steps_list);
  gtk_widget_class_bind_template_child (widget_class, KithStageEditor, name_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "editor.changed", NULL, changed_action);
  gtk_widget_class_install_action (widget_class, "editor.move-step", "(ii)", move_step_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-step", "i", remove_step_action);
  gtk_widget_class_install_action (widget_class, "editor.add-step", NULL, add_step_action);
}

static void
kith_stage_editor_init (KithStageEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_stage_editor_new (KithStore *store,
                       KithStage *stage)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_STAGE (stage), NULL);

  return g_object_new (KITH_TYPE_STAGE_EDITOR, "store", store, "stage", stage, NULL);
}
