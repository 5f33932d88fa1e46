/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTodoRow: one of a profile's open to-dos, bound to its KithTodo: what to do, and by when.
 * Its menu edits or deletes it (the timeline it is on does that: "timeline.edit-todo",
 * "timeline.delete-todo").
 */

#define G_LOG_DOMAIN "KithTodoRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-todo-row.h"
#include "kith-timeline-format.h"

struct _KithTodoRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *menu_button;

  KithTodo     *todo;
};

G_DEFINE_FINAL_TYPE (KithTodoRow, kith_todo_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_TODO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The to-do's properties, shown. Set here rather than by <binding>s in the template, as
 * KithTimelineRow does: GTK 4.8 drops the weak references of a template's expressions twice on
 * a subclass of AdwActionRow (GTK issue 5834) */
static void
show_todo (KithTodoRow *self)
{
  g_autofree char *due = kith_timeline_format_iso_day (kith_todo_get_due (self->todo));
  /* Translators: the button that opens the menu of a to-do, named by its title */
  g_autofree char *label = g_strdup_printf (_("More for “%s”"), kith_todo_get_subject (self->todo));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kith_todo_get_subject (self->todo));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), due != NULL ? due : _("Someday"));
  gtk_widget_set_tooltip_text (self->menu_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The timeline the row is on opens the to-do dialog, filled in */
static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "timeline.edit-todo", "x", kith_todo_get_id (KITH_TODO_ROW (widget)->todo));
}

/* The timeline the row is on deletes it, and offers Undo */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "timeline.delete-todo", "x", kith_todo_get_id (KITH_TODO_ROW (widget)->todo));
}

static void
kith_todo_row_constructed (GObject *object)
{
  KithTodoRow *self = KITH_TODO_ROW (object);

  G_OBJECT_CLASS (kith_todo_row_parent_class)->constructed (object);

  g_signal_connect_object (self->todo, "notify", G_CALLBACK (show_todo), self, G_CONNECT_SWAPPED);
  show_todo (self);
}

static void
kith_todo_row_dispose (GObject *object)
{
  KithTodoRow *self = KITH_TODO_ROW (object);

  /* No gtk_widget_dispose_template (): AdwActionRow takes its prefixes down itself */
  g_clear_object (&self->todo);

  G_OBJECT_CLASS (kith_todo_row_parent_class)->dispose (object);
}

static void
kith_todo_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TODO:
      g_value_set_object (value, KITH_TODO_ROW (object)->todo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_todo_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TODO:
      KITH_TODO_ROW (object)->todo = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_todo_row_class_init (KithTodoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_todo_row_constructed;
  object_class->dispose = kith_todo_row_dispose;
  object_class->get_property = kith_todo_row_get_property;
  object_class->set_property = kith_todo_row_set_property;

  properties[PROP_TODO] = g_param_spec_object ("todo", NULL, NULL, KITH_TYPE_TODO,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-todo-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTodoRow, menu_button);

  gtk_widget_class_install_action (widget_class, "row.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "row.delete", NULL, delete_action);
}

static void
kith_todo_row_init (KithTodoRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_todo_row_new (KithTodo *todo)
{
  g_return_val_if_fail (KITH_IS_TODO (todo), NULL);

  return g_object_new (KITH_TYPE_TODO_ROW, "todo", todo, NULL);
}
