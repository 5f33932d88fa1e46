/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFilesGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-files.h"
#include "kith-files-group.h"

/*
 * The Files section of a profile: what is attached, opened with the default application,
 * removable with Undo, and a drop target for files and folders from the file manager.
 */

struct _KithFilesGroup
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *empty_row;
  GPtrArray           *rows;

  KithStore           *store;
  gint64               record_id;
  GCancellable        *cancellable;
  guint                n_files;
  JsonObject          *removed;   /* for Undo */

  GtkWidget           *progress_row;
  GtkProgressBar      *progress_bar;
  GtkWidget           *cancel_button;
  struct Attach       *attach;    /* the drop being attached */
};

G_DEFINE_FINAL_TYPE (KithFilesGroup, kith_files_group, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (KithFilesGroup *self);

static void
toast (KithFilesGroup *self,
       AdwToast       *toast)
{
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
toast_text (KithFilesGroup *self,
            const char     *text)
{
  kith_widget_show_error (GTK_WIDGET (self), text);
}

/*
 * One drop being attached, in a thread of its own; the worker reports its progress here and
 * the main thread shows it. Shared by both, hence reference counted (g_rc_box).
 */
typedef struct Attach {
  GWeakRef       group;
  KithStore     *store;
  gint64         record_id;
  GSList        *files;
  KithFilesMode  mode;
  GCancellable  *cancellable;
  gboolean       cancelled_by_user;

  GMutex         lock;        /* guards what follows */
  char          *name;
  guint          n_done;
  guint          n_files;
  goffset        bytes_done;
  goffset        bytes_total;
  gboolean       update_queued;
} Attach;

static void
attach_clear (Attach *attach)
{
  g_weak_ref_clear (&attach->group);
  g_clear_object (&attach->store);
  g_slist_free_full (attach->files, g_object_unref);
  g_clear_object (&attach->cancellable);
  g_mutex_clear (&attach->lock);
  g_free (attach->name);
}

static void
attach_release (Attach *attach)
{
  g_rc_box_release_full (attach, (GDestroyNotify) attach_clear);
}

static void
show_progress (KithFilesGroup *self)
{
  Attach *attach = self->attach;
  g_autofree char *subtitle = NULL;
  double fraction = 0;

  gtk_widget_set_visible (self->progress_row, attach != NULL && attach->record_id == self->record_id);
  if (attach == NULL)
    return;

  g_mutex_lock (&attach->lock);
  if (g_cancellable_is_cancelled (attach->cancellable))
    subtitle = g_strdup (_("Cancelling…"));
  else if (attach->name == NULL)
    subtitle = g_strdup (_("Looking for files…"));
  else
    /* Translators: the file being copied, which one it is, and how many there are */
    subtitle = g_strdup_printf (_("“%s”, %u of %u"), attach->name, MIN (attach->n_done + 1, attach->n_files),
                                attach->n_files);
  if (attach->bytes_total > 0)
    fraction = (double) attach->bytes_done / attach->bytes_total;
  else if (attach->n_files > 0)
    fraction = (double) attach->n_done / attach->n_files;
  attach->update_queued = FALSE;
  g_mutex_unlock (&attach->lock);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->progress_row), subtitle);
  gtk_widget_set_sensitive (self->cancel_button, !g_cancellable_is_cancelled (attach->cancellable));
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
}

static gboolean
progress_idle_cb (gpointer data)
{
  Attach *attach = data;
  g_autoptr(KithFilesGroup) self = g_weak_ref_get (&attach->group);

  if (self != NULL && self->attach == attach)
    show_progress (self);

  return G_SOURCE_REMOVE;
}

/* Worker thread: keeps the latest numbers, and asks the main thread to show them once */
static void
on_progress (const char *name,
             guint       n_done,
             guint       n_files,
             goffset     bytes_done,
             goffset     bytes_total,
             gpointer    user_data)
{
  Attach *attach = user_data;
  gboolean queue;

  g_mutex_lock (&attach->lock);
  if (g_strcmp0 (attach->name, name) != 0)
    {
      g_free (attach->name);
      attach->name = g_strdup (name);
    }
  attach->n_done = n_done;
  attach->n_files = n_files;
  attach->bytes_done = bytes_done;
  attach->bytes_total = bytes_total;
  queue = !attach->update_queued;
  attach->update_queued = TRUE;
  g_mutex_unlock (&attach->lock);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle_cb, g_rc_box_acquire (attach),
                     (GDestroyNotify) attach_release);
}

static void
attach_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Attach *attach = data;
  GError *error = NULL;
  JsonObject *outcome = kith_files_attach (attach->store, attach->record_id, attach->files, attach->mode,
                                           on_progress, attach, cancellable, &error);

  if (outcome == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, outcome, (GDestroyNotify) json_object_unref);
}

static void
show_failures (KithFilesGroup *self,
               JsonArray      *failed)
{
  guint n = json_array_get_length (failed);
  JsonObject *first;
  g_autofree char *text = NULL;

  if (n == 0)
    return;

  /* One message, however many failed: the first one says why */
  first = json_array_get_object_element (failed, 0);
  if (n == 1)
    /* Translators: a file that could not be attached, and why */
    text = g_strdup_printf (_("Could not attach “%s”: %s"),
                            json_object_get_string_member (first, "name"),
                            json_object_get_string_member (first, "reason"));
  else
    /* Translators: how many files could not be attached, the first of them, and why */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Could not attach %u file, among them “%s”: %s",
                                         "Could not attach %u files, among them “%s”: %s", n),
                            n, json_object_get_string_member (first, "name"),
                            json_object_get_string_member (first, "reason"));
  toast_text (self, text);
}

static void
on_attached_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KithFilesGroup *self = KITH_FILES_GROUP (source);
  Attach *attach = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) outcome = g_task_propagate_pointer (G_TASK (result), &error);

  if (self->attach == attach)
    {
      g_clear_pointer (&self->attach, attach_release);
      show_progress (self);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (attach->cancelled_by_user)
        toast (self, adw_toast_new (_("Copying cancelled: no files were attached")));
      return;
    }

  if (outcome == NULL)
    {
      toast_text (self, error->message);
      return;
    }

  show_failures (self, kith_json_get_array (outcome, "failed"));

  {
    guint n = json_array_get_length (kith_json_get_array (outcome, "attached"));

    if (n > 0)
      {
        g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file attached",
                                                              "%u files attached", n), n);
        toast (self, adw_toast_new (text));
      }
  }

  if (attach->record_id == self->record_id)
    reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_cancel_clicked_cb (KithFilesGroup *self)
{
  if (self->attach == NULL)
    return;

  self->attach->cancelled_by_user = TRUE;
  g_cancellable_cancel (self->attach->cancellable);
  show_progress (self);
}

/**
 * kith_files_group_attach:
 * @files: (element-type GFile): files and folders
 *
 * Attaches @files to the record in a thread of its own, showing the progress with a Cancel
 * button; what could not be attached gets a toast naming it and the reason.
 */
void
kith_files_group_attach (KithFilesGroup *self,
                         GSList         *files)
{
  g_autoptr(GTask) task = NULL;
  Attach *attach;

  g_return_if_fail (KITH_IS_FILES_GROUP (self));

  if (self->store == NULL || files == NULL)
    return;

  if (self->attach != NULL)
    {
      toast_text (self, _("Files are still being attached: drop more when they are done, or cancel them"));
      return;
    }

  attach = g_rc_box_new0 (Attach);
  g_weak_ref_init (&attach->group, self);
  g_mutex_init (&attach->lock);
  attach->store = g_object_ref (self->store);
  attach->record_id = self->record_id;
  attach->files = g_slist_copy_deep (files, (GCopyFunc) g_object_ref, NULL);
  attach->mode = kith_files_get_mode (self->store);
  attach->cancellable = g_cancellable_new ();
  self->attach = g_rc_box_acquire (attach);

  show_progress (self);

  task = g_task_new (self, attach->cancellable, on_attached_cb, attach);
  g_task_set_source_tag (task, kith_files_group_attach);
  g_task_set_task_data (task, attach, (GDestroyNotify) attach_release);
  g_task_run_in_thread (task, attach_thread);
}

/**
 * kith_files_group_handle_drop:
 * @value: a #GdkFileList or a #GFile
 *
 * What a drop target on the profile calls with what was dropped.
 *
 * Returns: %TRUE when @value held files
 */
gboolean
kith_files_group_handle_drop (KithFilesGroup *self,
                              const GValue   *value)
{
  g_autoptr(GSList) list = NULL;

  g_return_val_if_fail (KITH_IS_FILES_GROUP (self), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    list = g_slist_copy (gdk_file_list_get_files (g_value_get_boxed (value)));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    list = g_slist_prepend (NULL, g_value_get_object (value));
  else
    return FALSE;

  if (list == NULL)
    return FALSE;

  kith_files_group_attach (self, list);
  return TRUE;
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            KithFilesGroup *self)
{
  return kith_files_group_handle_drop (self, value);
}

/**
 * kith_files_group_create_drop_target:
 *
 * Returns: (transfer full): a drop target for files and folders that attaches them here; add it to
 *   the whole profile so that a drop anywhere on it works
 */
GtkDropTarget *
kith_files_group_create_drop_target (KithFilesGroup *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);

  return target;
}

static void
on_launched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast_text (self, error->message);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithFilesGroup *self = KITH_FILES_GROUP (widget);
  g_autoptr(GAppLaunchContext) context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));

  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context,
                                           self->cancellable, on_launched_cb, g_object_ref (self));
}

static gpointer
remove_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return kith_files_remove (store, *(gint64 *) data, error);
}

static gpointer
restore_job (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  gint64 id = kith_files_restore (store, data, error);

  return id != 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_run_finish (KITH_STORE (source), result, &error) != NULL;

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_undo_cb (AdwToast       *t,
            KithFilesGroup *self)
{
  if (self->removed == NULL)
    return;

  kith_store_run_async (self->store, restore_job, g_steal_pointer (&self->removed),
                        (GDestroyNotify) json_object_unref, NULL, NULL, on_restored_cb,
                        g_object_ref (self));
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *removed = kith_store_run_finish (KITH_STORE (source), result, &error);
  AdwToast *t;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&removed, json_object_unref);
      return;
    }
  if (removed == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  g_clear_pointer (&self->removed, json_object_unref);
  self->removed = removed;

  text = g_strdup_printf (_("“%s” removed"), json_object_get_string_member (removed, "name"));
  t = adw_toast_new (text);
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_object (t, "button-clicked", G_CALLBACK (on_undo_cb), self, 0);
  toast (self, t);

  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithFilesGroup *self = KITH_FILES_GROUP (widget);
  gint64 id = g_variant_get_int64 (parameter);

  kith_store_run_async (self->store, remove_job, g_memdup2 (&id, sizeof id), g_free,
                        (GDestroyNotify) json_object_unref, NULL, on_removed_cb, g_object_ref (self));
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_list_files (store, *(gint64 *) data, error);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) files = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      const char *content_type = json_object_get_string_member_with_default (file, "contentType", NULL);
      g_autoptr(GIcon) icon = content_type != NULL ? g_content_type_get_symbolic_icon (content_type)
                                                   : g_themed_icon_new ("text-x-generic-symbolic");
      g_autoptr(GDateTime) added = g_date_time_new_from_unix_local (json_object_get_int_member (file, "added") / 1000);
      g_autofree char *date = g_date_time_format (added, "%e %b %Y");
      g_autofree char *size = json_object_has_member (file, "size")
                              ? g_format_size (json_object_get_int_member (file, "size")) : NULL;
      g_autofree char *subtitle = size != NULL ? g_strdup_printf ("%s · %s", size, g_strstrip (date))
                                               : g_strdup (g_strstrip (date));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (file, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_gicon (icon));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "files.open");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                              g_variant_new_string (json_object_get_string_member (file, "uri")));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

      gtk_widget_set_tooltip_text (remove, _("Remove File"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "files.remove");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                              g_variant_new_int64 (json_object_get_int_member (file, "id")));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  self->n_files = json_array_get_length (files);
  gtk_widget_set_visible (self->empty_row, self->n_files == 0);
}

static void
reload (KithFilesGroup *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_run_async (self->store, list_job, g_memdup2 (&self->record_id, sizeof (gint64)), g_free,
                        (GDestroyNotify) json_array_unref, self->cancellable, on_listed_cb, g_object_ref (self));
}

static void
kith_files_group_dispose (GObject *object)
{
  KithFilesGroup *self = (KithFilesGroup *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->attach != NULL)
    g_cancellable_cancel (self->attach->cancellable);

  G_OBJECT_CLASS (kith_files_group_parent_class)->dispose (object);
}

static void
kith_files_group_finalize (GObject *object)
{
  KithFilesGroup *self = (KithFilesGroup *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->removed, json_object_unref);
  g_clear_pointer (&self->attach, attach_release);

  G_OBJECT_CLASS (kith_files_group_parent_class)->finalize (object);
}

static void
kith_files_group_class_init (KithFilesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_files_group_dispose;
  object_class->finalize = kith_files_group_finalize;

  /**
   * KithFilesGroup::changed:
   *
   * Files were attached or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "files.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "files.remove", "x", remove_action);
}

static void
kith_files_group_init (KithFilesGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Files"));
  adw_preferences_group_set_description (self->group, _("Drop files or folders on the profile to attach them"));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));

  /* A copy in progress */
  self->progress_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->progress_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->progress_row), _("Attaching files"));
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 120, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->progress_row), GTK_WIDGET (self->progress_bar));
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (self->cancel_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->progress_row), self->cancel_button);
  gtk_widget_set_visible (self->progress_row, FALSE);
  adw_preferences_group_add (self->group, self->progress_row);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No files attached"));
  adw_preferences_group_add (self->group, self->empty_row);

  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (kith_files_group_create_drop_target (self)));
}

GtkWidget *
kith_files_group_new (void)
{
  return g_object_new (KITH_TYPE_FILES_GROUP, NULL);
}

/**
 * kith_files_group_set_record:
 *
 * Shows the files of @record_id.
 */
void
kith_files_group_set_record (KithFilesGroup *self,
                             KithStore      *store,
                             gint64          record_id)
{
  g_return_if_fail (KITH_IS_FILES_GROUP (self));

  g_set_object (&self->store, store);
  self->record_id = record_id;
  /* a copy for another record goes on, out of sight */
  show_progress (self);
  reload (self);
}

guint
kith_files_group_get_n_files (KithFilesGroup *self)
{
  g_return_val_if_fail (KITH_IS_FILES_GROUP (self), 0);

  return self->n_files;
}
