/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithViewNameDialog: asks for the name of a saved view, when a search is saved as one and when
 * one is renamed. It answers "confirm" with the name typed, or "cancel".
 */

#define G_LOG_DOMAIN "KithViewNameDialog"

#include "config.h"

#include "kith-view-name-dialog.h"

struct _KithViewNameDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *name_entry;
};

G_DEFINE_FINAL_TYPE (KithViewNameDialog, kith_view_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The keyboard starts at the name, not at the buttons */
static void
kith_view_name_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kith_view_name_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (GTK_WIDGET (KITH_VIEW_NAME_DIALOG (widget)->name_entry));
}

static void
kith_view_name_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_VIEW_NAME_DIALOG);

  G_OBJECT_CLASS (kith_view_name_dialog_parent_class)->dispose (object);
}

static void
kith_view_name_dialog_class_init (KithViewNameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_view_name_dialog_dispose;
  widget_class->map = kith_view_name_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/kith-view-name-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithViewNameDialog, name_entry);
}

static void
kith_view_name_dialog_init (KithViewNameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_view_name_dialog_new:
 * @body: (nullable): what the view will be
 * @confirm_label: the suggested response ("_Save", "_Rename")
 * @name: (nullable): the name it has now
 *
 * Returns: (transfer floating): the question, over @parent
 */
GtkWidget *
kith_view_name_dialog_new (GtkWindow  *parent,
                           const char *heading,
                           const char *body,
                           const char *confirm_label,
                           const char *name)
{
  KithViewNameDialog *self = g_object_new (KITH_TYPE_VIEW_NAME_DIALOG, "transient-for", parent, "modal", TRUE,
                                           "heading", heading, NULL);

  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "confirm", confirm_label);
  gtk_editable_set_text (self->name_entry, name != NULL ? name : "");
  return GTK_WIDGET (self);
}

/**
 * kith_view_name_dialog_dup_name:
 *
 * Returns: (transfer full): the name typed, without the spaces around it
 */
char *
kith_view_name_dialog_dup_name (KithViewNameDialog *self)
{
  g_return_val_if_fail (KITH_IS_VIEW_NAME_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
}
