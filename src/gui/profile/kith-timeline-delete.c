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
#include "kith-undo-toast.h"

typedef gint64 (*DeleteFinish) (KithStore     *store,
                                GAsyncResult  *result,
                                GError       **error);

typedef struct {
  GtkWidget    *widget;     /* weak: where the toast or the error shows, while it is there */
  DeleteFinish  finish;
  const char   *what;       /* the toast's text */
} Deleted;

static void
deleted_free (Deleted *deleted)
{
  g_clear_weak_pointer (&deleted->widget);
  g_free (deleted);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Deleted, deleted_free)

static Deleted *
deleted_new (GtkWidget    *widget,
             DeleteFinish  finish,
             const char   *what)
{
  Deleted *deleted = g_new0 (Deleted, 1);

  g_set_weak_pointer (&deleted->widget, widget);
  deleted->finish = finish;
  deleted->what = what;
  return deleted;
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Deleted) deleted = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = deleted->finish (KITH_STORE (source), result, &error);

  if (deleted->widget == NULL)
    return;
  if (undo_id == 0)
    kith_widget_add_toast (deleted->widget, adw_toast_new (error->message));
  else
    kith_undo_toast_show (deleted->widget, KITH_STORE (source), deleted->what, undo_id, NULL);
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
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_store_delete_timeline_item_with_undo_async (store, item_id, on_deleted_cb,
                                                   deleted_new (widget, kith_store_delete_timeline_item_with_undo_finish,
                                                                _("Deleted from the timeline")));
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
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_store_delete_todo_with_undo_async (store, todo_id, on_deleted_cb,
                                          deleted_new (widget, kith_store_delete_todo_with_undo_finish,
                                                       _("To-do deleted")));
}
