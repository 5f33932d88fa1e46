/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The toast that follows a delete the store can take back: it says what went and offers Undo,
 * which replays the store's undo entry. Not a widget: a function and the state its toast needs.
 * The undo is a write the user asked for, so it completes even when @widget is gone by then; an
 * error shows where @widget was, while it is there.
 */

#define G_LOG_DOMAIN "KithUndoToast"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-record-store.h"
#include "kith-undo-toast.h"

typedef struct {
  GtkWidget *widget;     /* weak */
  KithStore    *store;
  gint64        undo_id;
  KithUndoDone  done;
} Undo;

static void
undo_free (Undo *undo)
{
  g_clear_weak_pointer (&undo->widget);
  g_clear_object (&undo->store);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Undo, undo_free)

static Undo *
undo_new (GtkWidget    *widget,
          KithStore    *store,
          gint64        undo_id,
          KithUndoDone  done)
{
  Undo *undo = g_new0 (Undo, 1);

  g_set_weak_pointer (&undo->widget, widget);
  undo->store = g_object_ref (store);
  undo->undo_id = undo_id;
  undo->done = done;
  return undo;
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Undo) undo = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_undo_finish (KITH_STORE (source), result, &error);

  if (undo->widget == NULL)
    return;
  /* Without @done, what was deleted shows again when the store says it changed */
  if (undo->done != NULL)
    undo->done (undo->widget, ok, error);
  else if (!ok)
    kith_widget_show_error (undo->widget, error->message);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Undo     *undo)
{
  kith_store_undo_async (undo->store, undo->undo_id, TRUE, NULL, on_undone_cb,
                         undo_new (undo->widget, undo->store, undo->undo_id, undo->done));
}

/**
 * kith_undo_toast_show:
 * @widget: the widget whose toast overlay shows the toast
 * @what: the toast's text, e.g. "Template deleted"
 * @undo_id: the store's undo entry for the delete
 * @done: (nullable): what to do once undone, for a widget that does not follow the store's
 *   changes; without it an error shows in a toast
 *
 * Shows a toast saying @what with an Undo button that takes the delete back.
 */
void
kith_undo_toast_show (GtkWidget    *widget,
                      KithStore    *store,
                      const char   *what,
                      gint64        undo_id,
                      KithUndoDone  done)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  toast = adw_toast_new (what);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         undo_new (widget, store, undo_id, done), (GClosureNotify) G_CALLBACK (undo_free), 0);
  kith_widget_add_toast (widget, toast);
}
