/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSegmentDialog: the form of a new segment — its name, and whether people or deals are in
 * it. The store says what is wrong with it (no name, a name taken) when it is added.
 */

#define G_LOG_DOMAIN "KithSegmentDialog"

#include "config.h"

#include "kith-segment-dialog.h"

struct _KithSegmentDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *name_entry;
  GtkDropDown      *kind_dropdown;
};

G_DEFINE_FINAL_TYPE (KithSegmentDialog, kith_segment_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
kith_segment_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_SEGMENT_DIALOG);

  G_OBJECT_CLASS (kith_segment_dialog_parent_class)->dispose (object);
}

static void
kith_segment_dialog_class_init (KithSegmentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_segment_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-segment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithSegmentDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KithSegmentDialog, kind_dropdown);
}

static void
kith_segment_dialog_init (KithSegmentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_segment_dialog_new (GtkWindow *parent)
{
  return g_object_new (KITH_TYPE_SEGMENT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

/**
 * kith_segment_dialog_dup_name:
 *
 * Returns: (transfer full): the name typed, without spaces around it
 */
char *
kith_segment_dialog_dup_name (KithSegmentDialog *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (self->name_entry)));
}

/* Whether deals are to be in the segment rather than people (the second choice) */
gboolean
kith_segment_dialog_get_for_deals (KithSegmentDialog *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT_DIALOG (self), FALSE);

  return gtk_drop_down_get_selected (self->kind_dropdown) == 1;
}
