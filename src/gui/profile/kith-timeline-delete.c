/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Deleting a timeline item or a to-do from a profile: it goes at once, and a toast offers to
 * bring it back. The delete and the undo are writes the user asked for: they complete even when the
 * profile is closed meanwhile.
 */

#define G_LOG_DOMAIN "KithTimelineDelete"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-record-store.h"
#include "kith-timeline-delete.h"
#include "kith-timeline-store.h"
#include "kith-todo-store.h"

typedef gint64 (*DeleteFinish) (KithStore     *store,
                                GAsyncResult  *result,
                                GError       **error);

typedef struct {
  GtkWidget    *widget;     /* weak: where to say what went wrong, while it is there */
  KithStore    *store;
  gint64        undo_id;
  DeleteFinish  finish;
  const char   *what;       /* the toast's text */
} Deleted;

static void
deleted_free (Deleted *deleted)
{
  g_clear_weak_pointer (&deleted->widget);
  g_clear_object (&deleted->store);
  g_free (deleted);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deleted, deleted_free)

static Deleted *
deleted_new (GtkWidget *widget,
             KithStore *store)
{
  Deleted *deleted = g_new0 (Deleted, 1);

  g_set_weak_pointer (&deleted->widget, widget);
  deleted->store = g_object_ref (store);
  return deleted;
}

static void
show_error (Deleted      *deleted,
            const GError *error)
{
  if (deleted->widget != NULL)
    kith_widget_add_toast (deleted->widget, adw_toast_new (error->message));
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Deleted) deleted = user_data;
  g_autoptr(GError) error = NULL;

  /* The timeline shows it again when the store says it changed */
  if (!kith_store_undo_finish (KITH_STORE (source), result, &error))
    show_error (deleted, error);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Deleted  *deleted)
{
  Deleted *undo = deleted_new (deleted->widget, deleted->store);

  kith_store_undo_async (deleted->store, deleted->undo_id, TRUE, NULL, on_undone_cb, undo);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Deleted) deleted = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *widget;
  AdwToast *toast;

  deleted->undo_id = deleted->finish (KITH_STORE (source), result, &error);
  if (deleted->undo_id == 0)
    {
      show_error (deleted, error);
      return;
    }
  if (deleted->widget == NULL)
    return;

  widget = deleted->widget;
  toast = adw_toast_new (deleted->what);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         g_steal_pointer (&deleted), (GClosureNotify) G_CALLBACK (deleted_free), 0);
  kith_widget_add_toast (widget, toast);
}

/**
 * kith_timeline_delete_item:
 * @widget: where the toast shows
 * @item_id: the item to delete
 *
 * Deletes the item on the store's worker; a toast then offers Undo.
 */
void
kith_timeline_delete_item (GtkWidget *widget,
                           KithStore *store,
                           gint64     item_id)
{
  Deleted *deleted;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  deleted = deleted_new (widget, store);
  deleted->finish = kith_store_delete_timeline_item_with_undo_finish;
  deleted->what = _("Deleted from the timeline");
  kith_store_delete_timeline_item_with_undo_async (store, item_id, on_deleted_cb, deleted);
}

/**
 * kith_timeline_delete_todo:
 * @widget: where the toast shows
 * @todo_id: the to-do to delete
 *
 * Deletes the to-do on the store's worker; a toast then offers Undo.
 */
void
kith_timeline_delete_todo (GtkWidget *widget,
                           KithStore *store,
                           gint64     todo_id)
{
  Deleted *deleted;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  deleted = deleted_new (widget, store);
  deleted->finish = kith_store_delete_todo_with_undo_finish;
  deleted->what = _("To-do deleted");
  kith_store_delete_todo_with_undo_async (store, todo_id, on_deleted_cb, deleted);
}
