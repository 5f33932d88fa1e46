/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithMergeDialog"

#include "config.h"


#include "kith-core.h"
#include "kith-merge-dialog.h"

/*
 * Which record to merge with the one shown, among its likely duplicates, and which of the two
 * stays. It says what the user chose with ::merge; the profile does the merge, with Undo.
 */

struct _KithMergeDialog
{
  AdwMessageDialog  parent_instance;

  GtkDropDown      *choices;
  GArray           *ids;   /* of the candidates, in the order of the choices */
};

G_DEFINE_FINAL_TYPE (KithMergeDialog, kith_merge_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  MERGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_response_cb (KithMergeDialog *self,
                const char      *response)
{
  guint selected = gtk_drop_down_get_selected (self->choices);

  if (g_str_equal (response, "cancel") || selected >= self->ids->len)
    return;

  g_signal_emit (self, signals[MERGE], 0, g_array_index (self->ids, gint64, selected),
                 g_str_equal (response, "keep-other"));
}

static void
kith_merge_dialog_finalize (GObject *object)
{
  KithMergeDialog *self = (KithMergeDialog *)object;

  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (kith_merge_dialog_parent_class)->finalize (object);
}

static void
kith_merge_dialog_class_init (KithMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kith_merge_dialog_finalize;

  /**
   * KithMergeDialog::merge:
   * @other: the record chosen
   * @keep_other: whether it stays, rather than the one shown
   */
  signals[MERGE] = g_signal_new ("merge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMergeDialog, choices);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
kith_merge_dialog_init (KithMergeDialog *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_merge_dialog_new:
 * @candidates: (element-type KithRecordRow): the records to choose among
 */
GtkWidget *
kith_merge_dialog_new (GtkWindow *parent,
                       GPtrArray *candidates)
{
  KithMergeDialog *self = g_object_new (KITH_TYPE_MERGE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < candidates->len; i++)
    {
      KithRecordRow *row = g_ptr_array_index (candidates, i);
      const char *detail = row->headline != NULL ? row->headline : row->company;
      g_autofree char *label = detail != NULL ? g_strdup_printf ("%s — %s", row->name, detail) : g_strdup (row->name);

      gtk_string_list_append (names, label);
      g_array_append_val (self->ids, row->id);
    }
  gtk_drop_down_set_model (self->choices, G_LIST_MODEL (names));

  return GTK_WIDGET (self);
}
