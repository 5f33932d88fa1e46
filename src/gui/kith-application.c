/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithApplication"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-application.h"
#include "kith-book-service.h"
#include "kith-calendar-service.h"
#include "compose/kith-composer.h"
#include "compose/kith-draft.h"
#include "kith-notifier.h"
#include "kith-phone.h"
#include "kith-preferences-window.h"
#include "kith-relationship.h"
#include "kith-window.h"

/*
 * The application: opens the store (from --data-dir, $KITH_DATA_DIR or the user's data dir),
 * asks for a preset on the first run, keeps running in the background after the last window
 * closes when that is allowed, so that reminders still come up as notifications.
 *
 * The store is opened off the main thread: after an update, bringing a large database up to
 * date takes a while (52 s at a million people for migration 24), and a window says so. What
 * was asked of the application meanwhile (activate, a mailto: link, an action) waits in
 * `pending` and is done, in order, once the store is open.
 */

struct _KithApplication
{
  AdwApplication  parent_instance;

  /* --data-dir, or else the folder chosen when the store is first opened */
  char           *data_dir;
  KithStore      *store;
  KithNotifier   *notifier;
  KithMailService *mail;
  KithBookService *books;
  KithCalendarService *calendar;
  GSettings      *settings;
  gboolean        held;
  /* The first run's question was asked: asked once, however often Kith is activated */
  gboolean        welcomed;
  /* Quit was asked for: a store that opens after it starts nothing and shows nothing */
  gboolean        quitting;

  /* While the store opens: what waits for it, and the window that says so */
  GPtrArray      *pending;
  gboolean        opening;
  guint           opening_timeout;
  GtkWindow      *opening_window;
};

/* Something asked of the application that needs its data, done once the data is open */
typedef void (*WithStoreFunc) (KithApplication *self,
                               gpointer         data);

typedef struct {
  WithStoreFunc  func;
  gpointer       data;
  GDestroyNotify data_free;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->data_free != NULL)
    pending->data_free (pending->data);
  g_free (pending);
}

/* A store that opens in less than this shows no window of its own */
#define OPENING_WINDOW_DELAY_MS 400

G_DEFINE_FINAL_TYPE (KithApplication, kith_application, ADW_TYPE_APPLICATION)

/* Every captured account is synced this often, besides when the server announces new mail */
#define MAIL_SYNC_INTERVAL_SECONDS (5 * 60)

static KithWindow *
main_window (KithApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (KITH_IS_WINDOW (window))
    return KITH_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (KITH_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static KithWindow *
ensure_window (KithApplication *self)
{
  KithWindow *window = main_window (self);

  if (window == NULL)
    {
      window = kith_window_new (ADW_APPLICATION (self), self->store);
      kith_window_set_mail_service (window, self->mail);
      kith_window_set_calendar_service (window, self->calendar);
    }

  return window;
}

/**
 * kith_application_get_mail_accounts:
 *
 * Returns: (transfer none) (nullable) (element-type KithMailAccount): the mail accounts, for
 *   the user's own addresses; %NULL before the data is open
 */
GListModel *
kith_application_get_mail_accounts (KithApplication *self)
{
  g_return_val_if_fail (KITH_IS_APPLICATION (self), NULL);

  return self->mail != NULL ? kith_mail_service_get_accounts (self->mail) : NULL;
}

static gpointer
apply_preset_job (KithStore  *store,
                  gpointer    data,
                  GError    **error)
{
  return kith_relationship_apply_preset (store, data, error) ? store : NULL;
}

static void
on_preset_applied_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  KithWindow *window = main_window (self);

  if (kith_store_run_finish (KITH_STORE (source), result, &error) != NULL)
    return;

  /* Not saved: asked again at the next activation */
  self->welcomed = FALSE;
  if (window != NULL)
    kith_window_add_toast (window, adw_toast_new (error->message));
}

/* A write: it completes whatever happens to the dialog or the window */
static void
on_preset_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       KithApplication  *self)
{
  const char *preset = g_str_equal (response, "realestate") ? "realestate" : "business";

  kith_store_run_async (self->store, apply_preset_job, g_strdup (preset), g_free, NULL, NULL,
                        on_preset_applied_cb, g_object_ref (self));
}

static void
ask_for_preset (KithApplication *self,
                KithWindow      *window)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/kithcrm/Kith/ui/kith-welcome-dialog.ui");
  GtkWindow *dialog = GTK_WINDOW (gtk_builder_get_object (builder, "dialog"));

  gtk_window_set_transient_for (dialog, GTK_WINDOW (window));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_preset_response_cb), self, 0);
  gtk_window_present (dialog);
}

/* The phone normalizer's region is a setting in the database: read on the worker, ahead of any
 * other job, so that every write normalizes phone numbers for it */
static gpointer
setup_store_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  kith_services_setup_store (store);
  return store;
}

static gboolean
start_books_cb (gpointer user_data)
{
  kith_book_service_start (user_data);
  return G_SOURCE_REMOVE;
}

static gboolean
start_calendars_cb (gpointer user_data)
{
  kith_calendar_service_start (user_data);
  return G_SOURCE_REMOVE;
}

static char *
dup_data_dir (KithApplication *self)
{
  char *dir = g_strdup (self->data_dir != NULL ? self->data_dir : g_getenv ("KITH_DATA_DIR"));

  return dir != NULL ? dir : g_build_filename (g_get_user_data_dir (), "kith", NULL);
}

/* What runs beside the window for as long as the application does, once the store is open */
static void
start_services (KithApplication *self)
{
  g_autofree char *mail_dir = g_build_filename (self->data_dir, "mail", NULL);

  kith_store_run_async (self->store, setup_store_job, NULL, NULL, NULL, NULL, NULL, NULL);
  self->notifier = kith_notifier_new (G_APPLICATION (self), self->store);

  /* Mail capture runs in the background for as long as the application does */
  self->mail = kith_mail_service_new (self->store, mail_dir);
  kith_mail_service_start (self->mail, MAIL_SYNC_INTERVAL_SECONDS);
  /* Address books once the window has drawn: at a low priority, after the first frame */
  self->books = kith_book_service_new (self->store);
  g_idle_add_full (G_PRIORITY_LOW, start_books_cb, g_object_ref (self->books), g_object_unref);
  /* Calendars too, once the window has drawn: at a low priority, after the first frame */
  self->calendar = kith_calendar_service_new (self->store);
  g_idle_add_full (G_PRIORITY_LOW, start_calendars_cb, g_object_ref (self->calendar), g_object_unref);
}

/* Closing the window that says the data is opening quits: an upgrade stopped half way is
 * rolled back, and done again at the next start */
static gboolean
on_opening_close_request_cb (GtkWindow       *window,
                             KithApplication *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
  return FALSE;
}

static gboolean
show_opening_window_cb (gpointer user_data)
{
  KithApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/kithcrm/Kith/ui/kith-opening-window.ui");

  g_debug ("The data is still opening: the window that says so shown");
  self->opening_timeout = 0;
  self->opening_window = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder, "window")));
  gtk_window_set_application (self->opening_window, GTK_APPLICATION (self));
  g_signal_connect_object (self->opening_window, "close-request",
                           G_CALLBACK (on_opening_close_request_cb), self, 0);
  gtk_window_present (self->opening_window);
  return G_SOURCE_REMOVE;
}

static void
close_opening_window (KithApplication *self)
{
  g_clear_handle_id (&self->opening_timeout, g_source_remove);
  if (self->opening_window != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->opening_window, on_opening_close_request_cb, self);
      gtk_window_destroy (self->opening_window);
      g_clear_object (&self->opening_window);
    }
}

/* Nothing to show without the data: say why, plainly, and stop */
static void
show_store_error (KithApplication *self,
                  const GError    *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Kith Cannot Open Its Data"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_store_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithApplication) self = user_data;
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);
  g_autoptr(GError) error = NULL;

  self->opening = FALSE;
  self->store = kith_store_open_finish (result, &error);
  if (self->quitting)
    g_clear_object (&self->store);
  else if (self->store == NULL)
    show_store_error (self, error);
  else
    {
      start_services (self);
      for (guint i = 0; i < pending->len; i++)
        {
          Pending *p = g_ptr_array_index (pending, i);

          p->func (self, p->data);
        }
    }

  /* After the main window is up (or the error is said), so the application always has one */
  close_opening_window (self);
  g_application_release (G_APPLICATION (self));
}

/* Calls @func with @data once the store is open: at once when it is, otherwise after opening
 * it, in the order asked. Nothing is called when the store cannot be opened (the user is told
 * why). */
static void
with_store (KithApplication *self,
            WithStoreFunc    func,
            gpointer         data,
            GDestroyNotify   data_free)
{
  g_autofree char *path = NULL;
  Pending *pending;

  if (self->store != NULL)
    {
      func (self, data);
      if (data_free != NULL)
        data_free (data);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->func = func;
  pending->data = data;
  pending->data_free = data_free;
  if (self->pending == NULL)
    self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_ptr_array_add (self->pending, pending);
  if (self->opening)
    return;

  /* No window yet: the application stays while the store opens. The folder is chosen once,
   * for the store and the services alike. */
  self->opening = TRUE;
  g_application_hold (G_APPLICATION (self));
  self->opening_timeout = g_timeout_add (OPENING_WINDOW_DELAY_MS, show_opening_window_cb, self);
  if (self->data_dir == NULL)
    self->data_dir = dup_data_dir (self);
  path = g_build_filename (self->data_dir, "kith.db", NULL);
  kith_store_open_async (path, NULL, on_store_opened_cb, g_object_ref (self));
}

/* The main window, shown; the store is open */
static KithWindow *
present_window (KithApplication *self)
{
  KithWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gpointer
read_preset_job (KithStore  *store,
                 gpointer    data,
                 GError    **error)
{
  return kith_relationship_dup_preset (store);
}

typedef struct {
  KithApplication *self;
  KithWindow      *window;
} FirstRun;

static void
on_preset_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FirstRun *first_run = user_data;
  g_autoptr(KithApplication) self = first_run->self;
  g_autoptr(KithWindow) window = first_run->window;
  g_autofree char *preset = kith_store_run_finish (KITH_STORE (source), result, NULL);

  g_free (first_run);

  /* The first run: no preset chosen yet, not asked yet, and the window still there to ask
   * over. Kith activated twice before the answer (a second click on its icon while the data
   * opens) reads the preset twice. */
  if (preset == NULL && !self->welcomed && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      self->welcomed = TRUE;
      ask_for_preset (self, window);
    }
}

static void
activate_with_store (KithApplication *self,
                     gpointer         data)
{
  KithWindow *window = present_window (self);
  FirstRun *first_run = g_new0 (FirstRun, 1);

  first_run->self = g_object_ref (self);
  first_run->window = g_object_ref (window);
  kith_store_run_async (self->store, read_preset_job, NULL, NULL, g_free, NULL, on_preset_read_cb, first_run);
}

static void
kith_application_activate (GApplication *app)
{
  with_store (KITH_APPLICATION (app), activate_with_store, NULL, NULL);
}

/* A link Kith cannot open: said over the window, naming it */
static void
show_open_error (KithWindow   *window,
                 const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Cannot Open the Link"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void compose_with_store (KithApplication *self,
                                gpointer         draft);

static void
open_links_with_store (KithApplication *self,
                       gpointer         data)
{
  KithWindow *window = present_window (self);
  char **uris = data;

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithOutgoing) draft = kith_draft_new_from_mailto (uris[i], &error);

      if (draft != NULL)
        compose_with_store (self, draft);
      else
        show_open_error (window, error);
    }
}

/* `kith mailto:…`, and a mailto: link opened in another app (Kith handles the scheme, see
 * the desktop file): a composer for each */
static void
kith_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  GStrvBuilder *builder = g_strv_builder_new ();

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      g_strv_builder_add (builder, uri);
    }
  with_store (KITH_APPLICATION (app), open_links_with_store, g_strv_builder_end (builder),
              (GDestroyNotify) g_strfreev);
  g_strv_builder_unref (builder);
}

static int
kith_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  KithApplication *self = KITH_APPLICATION (app);
  const char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("kith %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_canonicalize_filename (dir, NULL);
      /* Another data dir is another instance */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
kith_application_window_removed (GtkApplication *app,
                                 GtkWindow      *window)
{
  KithApplication *self = KITH_APPLICATION (app);

  /* Reminders need a running application: stay, quietly, when allowed */
  if (!self->held && self->settings != NULL && g_settings_get_boolean (self->settings, "run-in-background") &&
      KITH_IS_WINDOW (window) && !g_getenv ("KITH_NO_BACKGROUND"))
    {
      g_application_hold (G_APPLICATION (app));
      self->held = TRUE;
    }

  GTK_APPLICATION_CLASS (kith_application_parent_class)->window_removed (app, window);
}

/* Preferences over the main window; @data says whether to add a mail account there */
static void
show_preferences_with_store (KithApplication *self,
                             gpointer         data)
{
  GtkWidget *prefs = kith_preferences_window_new (self->store, GTK_WINDOW (ensure_window (self)));

  kith_preferences_window_set_mail_service (KITH_PREFERENCES_WINDOW (prefs), self->mail);
  kith_preferences_window_set_calendar_service (KITH_PREFERENCES_WINDOW (prefs), self->calendar);
  kith_preferences_window_set_book_service (KITH_PREFERENCES_WINDOW (prefs), self->books);
  gtk_window_present (GTK_WINDOW (prefs));
  if (GPOINTER_TO_INT (data))
    kith_preferences_window_add_mail_account (KITH_PREFERENCES_WINDOW (prefs));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  with_store (user_data, show_preferences_with_store, GINT_TO_POINTER (FALSE), NULL);
}

static void
add_mail_account_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  with_store (user_data, show_preferences_with_store, GINT_TO_POINTER (TRUE), NULL);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  KithApplication *self = user_data;
  static const char *developers[] = { "The Kith developers", NULL };
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (main_window (self)));
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Kith"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about), _("Know who to call today"));
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/kithcrm/kith");
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  KithApplication *self = user_data;

  self->quitting = TRUE;
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = gtk_application_get_windows (GTK_APPLICATION (self)))
    gtk_window_destroy (l->data);
  g_application_quit (G_APPLICATION (self));
}

static void
open_record_with_store (KithApplication *self,
                        gpointer         data)
{
  kith_window_open_record (present_window (self), *(gint64 *) data);
}

static void
open_record_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  gint64 id = g_variant_get_int64 (parameter);

  with_store (user_data, open_record_with_store, g_memdup2 (&id, sizeof id), g_free);
}

static void
show_agenda_with_store (KithApplication *self,
                        gpointer         data)
{
  kith_window_show_page (present_window (self), "agenda");
}

static void
show_agenda_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  with_store (user_data, show_agenda_with_store, NULL, NULL);
}

/* A new, empty message */
static void
compose_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  kith_application_compose (user_data, NULL);
}

static void
kith_application_startup (GApplication *app)
{
  KithApplication *self = KITH_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "preferences", preferences_activated },
    { "add-mail-account", add_mail_account_activated },
    { "about", about_activated },
    { "quit", quit_activated },
    { "open-record", open_record_activated, "x" },
    { "show-agenda", show_agenda_activated },
    { "compose", compose_activated },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (kith_application_parent_class)->startup (app);

  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
}

static void
kith_application_finalize (GObject *object)
{
  KithApplication *self = (KithApplication *)object;

  close_opening_window (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->notifier);
  if (self->mail != NULL)
    g_object_run_dispose (G_OBJECT (self->mail));
  g_clear_object (&self->mail);
  if (self->books != NULL)
    g_object_run_dispose (G_OBJECT (self->books));
  g_clear_object (&self->books);
  if (self->calendar != NULL)
    g_object_run_dispose (G_OBJECT (self->calendar));
  g_clear_object (&self->calendar);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_free (self->data_dir);

  G_OBJECT_CLASS (kith_application_parent_class)->finalize (object);
}

static void
kith_application_class_init (KithApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = kith_application_finalize;
  app_class->activate = kith_application_activate;
  app_class->open = kith_application_open;
  app_class->startup = kith_application_startup;
  app_class->handle_local_options = kith_application_handle_local_options;
  gtk_app_class->window_removed = kith_application_window_removed;
}

static void
kith_application_init (KithApplication *self)
{
  const GOptionEntry options[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Where Kith keeps its data"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[MAILTO-LINK…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Kith keeps track of the people you work with: who to call today, "
                                              "and where each client stands."));
}

KithApplication *
kith_application_new (void)
{
  return g_object_new (KITH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       /* mailto: links, from the desktop or `kith mailto:…` */
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/kithcrm/Kith",
                       NULL);
}

/* The composer open on the stored message @id, or %NULL */
static KithComposer *
find_composer (KithApplication *self,
               gint64           id)
{
  if (id == 0)
    return NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      g_autoptr(KithOutgoing) draft = NULL;

      if (!KITH_IS_COMPOSER (l->data))
        continue;
      g_object_get (l->data, "draft", &draft, NULL);
      if (kith_outgoing_get_id (draft) == id)
        return l->data;
    }
  return NULL;
}

static void
compose_with_store (KithApplication *self,
                    gpointer         data)
{
  KithOutgoing *draft = data;
  KithWindow *window = present_window (self);
  KithComposer *composer;

  /* A draft already open is written in one window, not saved from two */
  composer = draft != NULL ? find_composer (self, kith_outgoing_get_id (draft)) : NULL;
  if (composer != NULL)
    {
      gtk_window_present (GTK_WINDOW (composer));
      return;
    }

  composer = kith_composer_new (self->store, kith_mail_service_get_accounts (self->mail), draft);
  gtk_window_set_transient_for (GTK_WINDOW (composer), GTK_WINDOW (window));
  gtk_window_set_application (GTK_WINDOW (composer), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (composer));
}

/**
 * kith_application_compose:
 * @draft: (nullable): the message to write, its fields filled in (a reply, a draft), or %NULL
 *   for a new one
 *
 * Opens a composer on @draft beside the main window (once the data is open).
 */
void
kith_application_compose (KithApplication *self,
                          KithOutgoing    *draft)
{
  g_return_if_fail (KITH_IS_APPLICATION (self));
  g_return_if_fail (draft == NULL || KITH_IS_OUTGOING (draft));

  with_store (self, compose_with_store, draft != NULL ? g_object_ref (draft) : NULL,
              draft != NULL ? g_object_unref : NULL);
}
