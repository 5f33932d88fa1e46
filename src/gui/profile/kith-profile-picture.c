/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithProfilePicture"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-profile-picture.h"

/*
 * A record's picture, as the profile sets it: an image dropped on the avatar or chosen with Set
 * Picture…, which the store copies into Kith's files folder on its worker (a file that is not an
 * image it refuses, naming it), or Remove Picture, with Undo. Each is a write the user asked for:
 * it completes whatever becomes of the profile, which then hears of it only while alive.
 */

typedef struct {
  GtkWidget          *owner;
  KithStore          *store;
  gint64              record_id;
  KithPictureSetFunc  done;
} Setting;

static void
setting_free (Setting *setting)
{
  g_clear_object (&setting->owner);
  g_clear_object (&setting->store);
  g_free (setting);
}

static gboolean
is_alive (GtkWidget *owner)
{
  return gtk_widget_get_root (owner) != NULL;
}

static void
on_picture_set_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Setting *setting = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kith_store_set_picture_finish (KITH_STORE (source), result, &error);

  if (is_alive (setting->owner))
    {
      if (path == NULL)
        kith_widget_add_toast (setting->owner, adw_toast_new (error->message));
      else
        setting->done (setting->owner, setting->record_id);
    }
  setting_free (setting);
}

/**
 * kith_profile_picture_set:
 * @owner: the profile, for its toasts
 * @file: the image chosen
 * @done: called once the picture is stored, while @owner is alive
 *
 * Makes a copy of @file the picture of @record_id, or shows why the store refused it.
 */
void
kith_profile_picture_set (GtkWidget          *owner,
                          KithStore          *store,
                          gint64              record_id,
                          GFile              *file,
                          KithPictureSetFunc  done)
{
  Setting *setting = g_new0 (Setting, 1);

  setting->owner = g_object_ref (owner);
  setting->store = g_object_ref (store);
  setting->record_id = record_id;
  setting->done = done;
  kith_store_set_picture_async (store, record_id, file, NULL, on_picture_set_cb, setting);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  Setting *setting = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    kith_profile_picture_set (setting->owner, setting->store, setting->record_id, file, setting->done);
  setting_free (setting);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * kith_profile_picture_choose:
 *
 * Set Picture…: asks for an image, modally (the record it sets stays the one shown), and sets it.
 */
void
kith_profile_picture_choose (GtkWidget          *owner,
                             KithStore          *store,
                             gint64              record_id,
                             KithPictureSetFunc  done)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();
  Setting *setting = g_new0 (Setting, 1);

  setting->owner = g_object_ref (owner);
  setting->store = g_object_ref (store);
  setting->record_id = record_id;
  setting->done = done;

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_mime_type (images, "image/*");
  chooser = gtk_file_chooser_native_new (_("Set Picture"), GTK_WINDOW (gtk_widget_get_root (owner)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Set"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), setting);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Removing, with Undo */

typedef struct {
  GtkWidget  *owner;
  KithStore  *store;
  KithRecord *record;
  char       *picture;   /* the one removed, for Undo */
} Removed;

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *removed = data;

  g_clear_object (&removed->owner);
  g_clear_object (&removed->store);
  g_clear_object (&removed->record);
  g_free (removed->picture);
  g_free (removed);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWidget) owner = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_save_record_finish (KITH_STORE (source), result, &error) && is_alive (owner))
    kith_widget_add_toast (owner, adw_toast_new (error->message));
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Removed  *removed)
{
  g_object_set (removed->record, "picture", removed->picture, NULL);
  kith_store_save_record_async (removed->store, removed->record, NULL, on_restored_cb, g_object_ref (removed->owner));
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Removed *removed = user_data;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!kith_store_save_record_finish (KITH_STORE (source), result, &error) || !is_alive (removed->owner))
    {
      /* Refused: the record shows the picture it still has */
      if (error != NULL)
        kith_record_discard_changes (removed->record);
      if (error != NULL && is_alive (removed->owner))
        kith_widget_add_toast (removed->owner, adw_toast_new (error->message));
      removed_free (removed, NULL);
      return;
    }

  toast = adw_toast_new (_("Picture removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), removed, removed_free, 0);
  kith_widget_add_toast (removed->owner, toast);
}

/**
 * kith_profile_picture_remove:
 * @record: the record shown, which the save changes in place
 *
 * Takes the picture off @record, with an Undo toast. The copy stays in the files folder, for Undo.
 */
void
kith_profile_picture_remove (GtkWidget  *owner,
                             KithStore  *store,
                             KithRecord *record)
{
  Removed *removed = g_new0 (Removed, 1);

  removed->owner = g_object_ref (owner);
  removed->store = g_object_ref (store);
  removed->record = g_object_ref (record);
  g_object_get (record, "picture", &removed->picture, NULL);
  g_object_set (record, "picture", NULL, NULL);
  kith_store_save_record_async (store, record, NULL, on_removed_cb, removed);
}
