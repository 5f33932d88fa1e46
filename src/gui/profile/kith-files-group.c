/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFilesGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-file-row.h"
#include "kith-files-group.h"

/*
 * The Files section of a profile: what is attached (a list model of KithFile), opened with the
 * default application, removable with Undo, and a drop target for files and folders from the
 * file manager.
 */

struct _KithFilesGroup
{
  AdwBin               parent_instance;

  GtkListBox          *files_list;
  GtkWidget           *progress_row;
  GtkProgressBar      *progress_bar;
  GtkWidget           *cancel_button;

  KithStore           *store;
  gint64               record_id;
  GCancellable        *cancellable;  /* reads only */
  GListStore          *files;
  KithFilesMode        mode;         /* as the setting was when the record was shown */
  struct Attach       *attach;       /* the drop being attached */
};

G_DEFINE_FINAL_TYPE (KithFilesGroup, kith_files_group, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  gint64         record_id;
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
show_failures (KithFilesGroup *self,
               GPtrArray      *failures)
{
  KithFileFailure *first;
  g_autofree char *text = NULL;

  if (failures->len == 0)
    return;

  /* One message, however many failed: the first one says why */
  first = g_ptr_array_index (failures, 0);
  if (failures->len == 1)
    /* Translators: a file that could not be attached, and why */
    text = g_strdup_printf (_("Could not attach “%s”: %s"), first->name, first->reason);
  else
    /* Translators: how many files could not be attached, the first of them, and why */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Could not attach %u file, among them “%s”: %s",
                                         "Could not attach %u files, among them “%s”: %s", failures->len),
                            failures->len, first->name, first->reason);
  toast_text (self, text);
}

static void
show_attached (KithFilesGroup *self,
               guint           n)
{
  g_autofree char *text = NULL;

  if (n == 0)
    return;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file attached", "%u files attached", n), n);
  toast (self, adw_toast_new (text));
}

static void
on_attached_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Attach *attach = user_data;
  g_autoptr(KithFilesGroup) self = g_weak_ref_get (&attach->group);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) failures = NULL;
  guint n_attached = 0;
  gboolean done = kith_store_attach_files_finish (KITH_STORE (source), result, &n_attached, &failures, &error);
  gboolean by_user = attach->cancelled_by_user;
  gint64 record_id = attach->record_id;

  /* Attached either way; a group already gone shows nothing */
  if (self == NULL)
    {
      attach_release (attach);
      return;
    }
  if (self->attach == attach)
    {
      g_clear_pointer (&self->attach, attach_release);
      show_progress (self);
    }
  attach_release (attach);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (by_user)
        toast (self, adw_toast_new (_("Copying cancelled: no files were attached")));
      return;
    }
  if (!done)
    {
      toast_text (self, error->message);
      return;
    }

  show_failures (self, failures);
  show_attached (self, n_attached);
  if (record_id == self->record_id)
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

/*
 * Attaches @files to the record in a thread of its own, showing the progress with a Cancel
 * button; what could not be attached gets a toast naming it and the reason. The attaching goes on
 * should the group go away: only Cancel stops it.
 */
static void
attach_files (KithFilesGroup *self,
              GSList         *files)
{
  Attach *attach;

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
  attach->record_id = self->record_id;
  attach->cancellable = g_cancellable_new ();
  self->attach = g_rc_box_acquire (attach);

  show_progress (self);

  kith_store_attach_files_async (self->store, self->record_id, files, self->mode, on_progress, g_rc_box_acquire (attach),
                                 (GDestroyNotify) attach_release, attach->cancellable, on_attached_cb, attach);
}

/* What a drop target on the profile calls with what was dropped, a #GdkFileList or a #GFile;
 * %TRUE when it held files */
static gboolean
handle_drop (KithFilesGroup *self,
             const GValue   *value)
{
  g_autoptr(GSList) list = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    list = g_slist_copy (gdk_file_list_get_files (g_value_get_boxed (value)));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    list = g_slist_prepend (NULL, g_value_get_object (value));
  else
    return FALSE;

  if (list == NULL)
    return FALSE;

  attach_files (self, list);
  return TRUE;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GSList) list = NULL;

  for (guint i = g_list_model_get_n_items (chosen); response == GTK_RESPONSE_ACCEPT && i > 0; i--)
    {
      g_autoptr(GFile) file = g_list_model_get_item (chosen, i - 1);

      list = g_slist_prepend (list, file);
    }
  /* The list holds no references: the files live as long as @chosen. What the user chose is
   * attached even if the profile closed meanwhile, as a drop is (attach_files ()) */
  attach_files (self, list);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* Attach Files…: what a drop does, for the keyboard and for a user with no file manager at hand.
 * Modal, so the record it attaches to stays the one shown. */
static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithFilesGroup *self = KITH_FILES_GROUP (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            KithFilesGroup *self)
{
  return handle_drop (self, value);
}

/**
 * kith_files_group_drop:
 * @value: a dropped #GdkFileList or #GFile
 *
 * Attaches the files and folders of a drop on the profile around the group.
 *
 * Returns: whether the drop was taken
 */
gboolean
kith_files_group_drop (KithFilesGroup *self,
                       const GValue   *value)
{
  g_return_val_if_fail (KITH_IS_FILES_GROUP (self), FALSE);

  return handle_drop (self, value);
}

static GtkDropTarget *
create_drop_target (KithFilesGroup *self)
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

/* Removing, with Undo */

typedef struct {
  KithFilesGroup *self;
  KithFile       *file;
} Removing;

static void
removing_free (gpointer  data,
               GClosure *closure)
{
  Removing *removing = data;

  g_clear_object (&removing->self);
  g_clear_object (&removing->file);
  g_free (removing);
}

static Removing *
removing_new (KithFilesGroup *self,
              KithFile       *file)
{
  Removing *removing = g_new0 (Removing, 1);

  removing->self = g_object_ref (self);
  removing->file = g_object_ref (file);
  return removing;
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_restore_file_finish (KITH_STORE (source), result, &error);

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!ok)
    {
      toast_text (self, error->message);
      return;
    }

  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_undo_cb (AdwToast *t,
            Removing *removing)
{
  /* A write the user asked for completes: no cancellable */
  kith_store_restore_file_async (removing->self->store, removing->file, NULL, on_restored_cb,
                                 g_object_ref (removing->self));
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Removing *removing = user_data;
  KithFilesGroup *self = removing->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_remove_file_finish (KITH_STORE (source), result, &error);
  g_autofree char *text = NULL;
  AdwToast *t;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      removing_free (removing, NULL);
      return;
    }
  if (!ok)
    {
      toast_text (self, error->message);
      removing_free (removing, NULL);
      return;
    }

  text = g_strdup_printf (_("“%s” removed"), kith_file_get_name (removing->file));
  t = adw_toast_new (text);
  adw_toast_set_button_label (t, _("_Undo"));
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
  /* The toast keeps what its Undo puts back */
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_cb), removing, removing_free, 0);
  toast (self, t);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithFilesGroup *self = KITH_FILES_GROUP (widget);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->files)); i++)
    {
      g_autoptr(KithFile) file = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      if (kith_file_get_id (file) == id)
        kith_store_remove_file_async (self->store, file, NULL, on_removed_cb, removing_new (self, file));
    }
}

/* Listing */

static GtkWidget *
create_file_row (gpointer item,
                 gpointer user_data)
{
  return kith_file_row_new (item);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) files = kith_store_list_files_finish (KITH_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (files == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (files);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (files, i));
  g_list_store_splice (self->files, 0, g_list_model_get_n_items (G_LIST_MODEL (self->files)), items->pdata, n);
}

static void
on_mode_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(KithFilesGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  KithFilesMode mode = kith_store_get_files_mode_finish (KITH_STORE (source), result, &error);

  if (error == NULL)
    self->mode = mode;
}

/* The files, and what a drop does with files (read now, so that a drop needs no store call) */
static void
reload (KithFilesGroup *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_get_files_mode_async (self->store, self->cancellable, on_mode_cb, g_object_ref (self));
  kith_store_list_files_async (self->store, self->record_id, self->cancellable, on_listed_cb, g_object_ref (self));
}

static void
kith_files_group_dispose (GObject *object)
{
  KithFilesGroup *self = (KithFilesGroup *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_FILES_GROUP);

  G_OBJECT_CLASS (kith_files_group_parent_class)->dispose (object);
}

static void
kith_files_group_finalize (GObject *object)
{
  KithFilesGroup *self = (KithFilesGroup *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->files);
  g_clear_pointer (&self->attach, attach_release);

  G_OBJECT_CLASS (kith_files_group_parent_class)->finalize (object);
}

static void
kith_files_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithFilesGroup *self = KITH_FILES_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, self->record_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_files_group_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithFilesGroup *self = KITH_FILES_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      kith_files_group_set_record (self, g_value_get_object (value), self->record_id);
      break;
    case PROP_RECORD_ID:
      kith_files_group_set_record (self, self->store, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_files_group_class_init (KithFilesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_files_group_dispose;
  object_class->finalize = kith_files_group_finalize;
  object_class->get_property = kith_files_group_get_property;
  object_class->set_property = kith_files_group_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithFilesGroup::changed:
   *
   * Files were attached or removed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-files-group.ui");
  gtk_widget_class_bind_template_child (widget_class, KithFilesGroup, files_list);
  gtk_widget_class_bind_template_child (widget_class, KithFilesGroup, progress_row);
  gtk_widget_class_bind_template_child (widget_class, KithFilesGroup, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithFilesGroup, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_install_action (widget_class, "files.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "files.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "files.remove", "x", remove_action);
}

static void
kith_files_group_init (KithFilesGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->files = g_list_store_new (KITH_TYPE_FILE);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->files_list, G_LIST_MODEL (self->files), create_file_row, NULL, NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (create_drop_target (self)));
}

GtkWidget *
kith_files_group_new (KithStore *store,
                      gint64     record_id)
{
  return g_object_new (KITH_TYPE_FILES_GROUP, "store", store, "record-id", record_id, NULL);
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

  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  if (self->record_id != record_id)
    {
      self->record_id = record_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD_ID]);
      /* The files of the record shown before are no longer wanted */
      g_cancellable_cancel (self->cancellable);
      g_set_object (&self->cancellable, g_cancellable_new ());
      g_list_store_remove_all (self->files);
    }
  /* a copy for another record goes on, out of sight */
  show_progress (self);
  reload (self);
}
