/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailService: mail for the application. It connects to the evolution-data-server
 * registry without blocking, keeps one Camel session and capture, syncs every captured account
 * on a timer and when the server announces mail, and tells the UI what each account is doing.
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-mail.h"
#include "kith-mail-account.h"
#include "kith-mail-accounts.h"
#include "kith-mail-capture.h"
#include "kith-mail-sender.h"
#include "kith-mail-service.h"
#include "kith-synckey.h"

/* After a change in the store (an address added to someone), what is already synced is
 * logged for them: a sync with nothing new on the server is cheap */
#define RESYNC_DELAY_SECONDS 10

struct _KithMailService
{
  GObject          parent_instance;

  KithStore       *store;
  char            *mail_dir;
  ESourceRegistry *registry;
  KithMailSession *session;
  KithMailCapture *capture;
  KithMailSender  *sender;     /* the Outbox, sent with the accounts capture reads */
  GCancellable    *cancellable;
  char            *error;
  guint            interval;
  gboolean         started;
  guint            resync_id;
  gulong           store_changed_id;
  GHashTable      *progress;   /* account → Progress */
  GHashTable      *settings;   /* uid → KithMailAccount: its settings in the store, read off the main thread */
  KithSerial       reload;
  GListStore      *accounts;   /* of KithMailAccount, for Preferences */
};

typedef struct {
  char  *folder;
  guint  done;
  guint  total;
} Progress;

G_DEFINE_FINAL_TYPE (KithMailService, kith_mail_service, G_TYPE_OBJECT)

enum {
  CHANGED,
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static KithMailAccount *
find_account (KithMailService *self,
              const char      *uid,
              guint           *out_position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->accounts)); i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (G_LIST_MODEL (self->accounts), i);

      if (g_str_equal (kith_mail_account_get_uid (account), uid))
        {
          if (out_position != NULL)
            *out_position = i;
          return account;   /* the list keeps it */
        }
    }

  return NULL;
}

/* The typed accounts follow what is known of them: the same objects for the same accounts, so
 * that rows bound to them stay; the list changes only where accounts came or went. Each takes
 * its description in evolution-data-server, then the settings as last read
 * (kith_mail_service_reload_settings()), without touching the store. */
static void
update_accounts (KithMailService *self)
{
  GList *sources = self->registry != NULL ? kith_mail_accounts_list_sources (self->registry) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->accounts));
  gboolean same = n == g_list_length (sources);

  for (GList *l = sources; l != NULL; l = l->next)
    {
      const char *uid = e_source_get_uid (l->data);
      KithMailAccount *account = find_account (self, uid, NULL);
      KithMailAccount *stored = self->settings != NULL ? g_hash_table_lookup (self->settings, uid) : NULL;
      g_autoptr(KithMailAccount) item = account != NULL ? g_object_ref (account) : kith_mail_account_new (uid);
      guint position = G_MAXUINT;

      g_object_freeze_notify (G_OBJECT (item));
      kith_mail_account_update_from_source (item, self->registry, l->data);
      if (stored != NULL)
        kith_mail_account_update_settings (item, stored);
      g_object_thaw_notify (G_OBJECT (item));
      if (account == NULL && g_hash_table_contains (self->progress, uid))
        {
          Progress *p = g_hash_table_lookup (self->progress, uid);

          kith_mail_account_set_progress (item, TRUE, p->folder, p->done, p->total);
        }
      same = same && find_account (self, uid, &position) != NULL && position == items->len;
      g_ptr_array_add (items, g_steal_pointer (&item));
    }
  g_list_free_full (sources, g_object_unref);
  if (!same)
    g_list_store_splice (self->accounts, 0, n, items->pdata, items->len);
}

static void
emit_changed (KithMailService *self)
{
  update_accounts (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
progress_free (Progress *p)
{
  g_free (p->folder);
  g_free (p);
}

static void
on_progress_cb (KithMailCapture *capture,
                const char      *account,
                const char      *folder,
                guint            done,
                guint            total,
                KithMailService *self)
{
  Progress *p = g_new0 (Progress, 1);
  gboolean first = !g_hash_table_contains (self->progress, account);

  p->folder = g_strdup (folder);
  p->done = done;
  p->total = total;
  g_hash_table_insert (self->progress, g_strdup (account), p);

  if (find_account (self, account, NULL) != NULL)
    kith_mail_account_set_progress (find_account (self, account, NULL), TRUE, folder, done, total);
  g_signal_emit (self, signals[PROGRESS], 0, account);
  if (first)
    emit_changed (self);
}

static void reload_settings (KithMailService *self);

static gpointer
settings_job (KithStore  *store,
              gpointer    data,
              GError    **error)
{
  GStrv uids = data;
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (guint i = 0; uids[i] != NULL; i++)
    {
      KithMailAccount *account = kith_store_mail_account_get (store, uids[i], NULL);

      if (account != NULL)
        g_hash_table_insert (settings, g_strdup (uids[i]), account);
    }

  return settings;
}

static void
on_settings_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KithMailService) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *settings = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (settings != NULL)
    {
      g_clear_pointer (&self->settings, g_hash_table_unref);
      self->settings = settings;
      emit_changed (self);
    }
  if (kith_serial_end (&self->reload))
    reload_settings (self);
}

/* Reads every account's settings (capture, domains, last sync and error) in the store's worker:
 * the UI asks for them on every step of a sync, and must not wait for the store behind it */
static void
reload_settings (KithMailService *self)
{
  g_autoptr(GStrvBuilder) uids = g_strv_builder_new ();
  GList *sources;

  if (self->registry == NULL || !kith_serial_begin (&self->reload))
    return;

  sources = kith_mail_accounts_list_sources (self->registry);
  for (GList *l = sources; l != NULL; l = l->next)
    g_strv_builder_add (uids, e_source_get_uid (l->data));
  g_list_free_full (sources, g_object_unref);
  kith_store_run_async (self->store, settings_job, g_strv_builder_end (uids), (GDestroyNotify) g_strfreev,
                        (GDestroyNotify) g_hash_table_unref, self->cancellable, on_settings_loaded_cb,
                        g_object_ref (self));
}

/**
 * kith_mail_service_reload_settings:
 *
 * Reads the accounts' settings again after they were changed in the store; "changed" follows.
 */
void
kith_mail_service_reload_settings (KithMailService *self)
{
  g_return_if_fail (KITH_IS_MAIL_SERVICE (self));

  reload_settings (self);
}

static void
on_synced_cb (KithMailCapture *capture,
              const char      *account,
              const char      *error_message,
              KithMailService *self)
{
  g_hash_table_remove (self->progress, account);
  if (find_account (self, account, NULL) != NULL)
    kith_mail_account_set_progress (find_account (self, account, NULL), FALSE, NULL, 0, 0);
  emit_changed (self);
  reload_settings (self);   /* its last sync and error */
}

static void
on_sources_changed_cb (ESourceRegistry *registry,
                       ESource         *source,
                       KithMailService *self)
{
  if (e_source_has_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT) ||
      e_source_has_extension (source, E_SOURCE_EXTENSION_MAIL_IDENTITY))
    {
      emit_changed (self);
      reload_settings (self);
    }
}

static gboolean
on_resync_cb (gpointer data)
{
  KithMailService *self = data;

  self->resync_id = 0;
  kith_mail_service_sync (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (KithStore       *store,
                     KithStoreChanges *changes,
                     KithMailService *self)
{
  if (!self->started || self->capture == NULL || kith_mail_capture_is_busy (self->capture))
    return;
  /* Only new or changed records make mail to log: not a draft saved every few seconds */
  if (kith_store_changes_get_kinds (changes) == 0)
    return;

  g_clear_handle_id (&self->resync_id, g_source_remove);
  self->resync_id = g_timeout_add_seconds (RESYNC_DELAY_SECONDS, on_resync_cb, self);
}

static void
on_registry_ready_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithMailService) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;

  self->registry = e_source_registry_new_finish (result, &error);
  if (self->registry == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Mail accounts are not available: %s", error->message);
      self->error = g_strdup (error->message);
      emit_changed (self);
      return;
    }

  data = g_build_filename (self->mail_dir, "data", NULL);
  cache = g_build_filename (self->mail_dir, "cache", NULL);
  self->session = kith_mail_session_new (self->registry, data, cache);
  self->capture = kith_mail_capture_new (self->store, self->session);
  self->sender = kith_mail_sender_new (self->store, self->session);
  g_signal_connect_object (self->capture, "progress", G_CALLBACK (on_progress_cb), self, 0);
  g_signal_connect_object (self->capture, "synced", G_CALLBACK (on_synced_cb), self, 0);
  g_signal_connect_object (self->registry, "source-added", G_CALLBACK (on_sources_changed_cb), self, 0);
  g_signal_connect_object (self->registry, "source-removed", G_CALLBACK (on_sources_changed_cb), self, 0);
  g_signal_connect_object (self->registry, "source-changed", G_CALLBACK (on_sources_changed_cb), self, 0);

  if (self->started)
    {
      kith_mail_capture_start (self->capture, self->interval);
      kith_mail_sender_start (self->sender);
    }

  emit_changed (self);
  reload_settings (self);
}

static void
kith_mail_service_dispose (GObject *object)
{
  KithMailService *self = KITH_MAIL_SERVICE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->resync_id, g_source_remove);
  if (self->capture != NULL)
    kith_mail_capture_stop (self->capture);
  if (self->sender != NULL)
    kith_mail_sender_stop (self->sender);
  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_object (&self->capture);
  g_clear_object (&self->sender);
  g_clear_object (&self->session);
  g_clear_object (&self->registry);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_mail_service_parent_class)->dispose (object);
}

static void
kith_mail_service_finalize (GObject *object)
{
  KithMailService *self = KITH_MAIL_SERVICE (object);

  g_hash_table_unref (self->progress);
  g_clear_pointer (&self->settings, g_hash_table_unref);
  g_object_unref (self->accounts);
  g_free (self->mail_dir);
  g_free (self->error);

  G_OBJECT_CLASS (kith_mail_service_parent_class)->finalize (object);
}

static void
kith_mail_service_class_init (KithMailServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_mail_service_dispose;
  object_class->finalize = kith_mail_service_finalize;

  /**
   * KithMailService::changed:
   *
   * The accounts, their settings or whether they are syncing changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  /**
   * KithMailService::progress:
   * @account: the account whose sync moved on (see kith_mail_service_get_progress())
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kith_mail_service_init (KithMailService *self)
{
  self->cancellable = g_cancellable_new ();
  self->progress = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) progress_free);
  self->interval = 300;
  self->accounts = g_list_store_new (KITH_TYPE_MAIL_ACCOUNT);
}

/**
 * kith_mail_service_new:
 * @mail_dir: where Camel keeps its data and cache for Kith
 */
KithMailService *
kith_mail_service_new (KithStore  *store,
                       const char *mail_dir)
{
  KithMailService *self = g_object_new (KITH_TYPE_MAIL_SERVICE, NULL);

  self->store = g_object_ref (store);
  self->mail_dir = g_strdup (mail_dir);
  self->store_changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  e_source_registry_new (self->cancellable, on_registry_ready_cb, g_object_ref (self));

  return self;
}

gboolean
kith_mail_service_is_ready (KithMailService *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_SERVICE (self), FALSE);

  return self->capture != NULL;
}

/* Why mail is unavailable (no evolution-data-server), or %NULL */
const char *
kith_mail_service_get_error (KithMailService *self)
{
  return self->error;
}

KithStore *
kith_mail_service_get_store (KithMailService *self)
{
  return self->store;
}

/**
 * kith_mail_service_get_accounts:
 *
 * Returns: (transfer none): the mail accounts as #KithMailAccount<!-- -->s, kept up to date
 *   ("changed" follows a change)
 */
GListModel *
kith_mail_service_get_accounts (KithMailService *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_SERVICE (self), NULL);

  return G_LIST_MODEL (self->accounts);
}

/**
 * kith_mail_service_get_progress:
 * @out_folder: (out) (optional): the folder being read, or %NULL while messages are logged
 *
 * Returns: whether @account is syncing
 */
gboolean
kith_mail_service_get_progress (KithMailService  *self,
                                const char       *account,
                                char            **out_folder,
                                guint            *out_done,
                                guint            *out_total)
{
  Progress *p = g_hash_table_lookup (self->progress, account);

  if (p == NULL)
    return FALSE;
  if (out_folder != NULL)
    *out_folder = g_strdup (p->folder);
  if (out_done != NULL)
    *out_done = p->done;
  if (out_total != NULL)
    *out_total = p->total;

  return TRUE;
}

/* Captures in the background from now on: now, every @interval_seconds, and on new mail; and
 * sends what the Outbox holds */
void
kith_mail_service_start (KithMailService *self,
                         guint            interval_seconds)
{
  g_return_if_fail (KITH_IS_MAIL_SERVICE (self));

  self->started = TRUE;
  self->interval = interval_seconds;
  if (self->capture != NULL)
    kith_mail_capture_start (self->capture, interval_seconds);
  if (self->sender != NULL)
    kith_mail_sender_start (self->sender);
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The error is kept on the account (kith_store_mail_account_record_sync) */
  if (!kith_mail_capture_sync_finish (KITH_MAIL_CAPTURE (source), result, &error))
    g_debug ("Sync failed: %s", error->message);
}

/**
 * kith_mail_service_sync:
 * @account: (nullable): one account, or %NULL for every captured one
 *
 * Syncs now, in the background ("Retry", "Sync Now").
 */
void
kith_mail_service_sync (KithMailService *self,
                        const char      *account)
{
  GList *sources;

  g_return_if_fail (KITH_IS_MAIL_SERVICE (self));

  if (self->capture == NULL)
    return;

  if (account != NULL)
    {
      kith_mail_capture_sync_async (self->capture, account, self->cancellable, on_sync_done_cb, NULL);
      return;
    }

  sources = kith_mail_accounts_list_sources (self->registry);
  for (GList *l = sources; l != NULL; l = l->next)
    kith_mail_capture_sync_async (self->capture, e_source_get_uid (l->data), self->cancellable, on_sync_done_cb, NULL);
  g_list_free_full (sources, g_object_unref);
}

/* Runs @thread for @task when the accounts are there (@ready); else fails it, saying @why
 * when the service knows why they are not */
static void
run_account_task (GTask           *task,
                  gboolean         ready,
                  const char      *why,
                  GTaskThreadFunc  thread)
{
  if (ready)
    g_task_run_in_thread (task, thread);
  else
    g_task_return_new_error (task, KITH_MAIL_ERROR, KITH_MAIL_ERROR_FAILED, "%s",
                             why != NULL ? why : _("Mail accounts are not available yet"));
}

typedef struct {
  KithMailAccount *draft;
  char            *password;
} AddAccount;

static void
add_account_free (AddAccount *data)
{
  g_object_unref (data->draft);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
add_account_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  KithMailService *self = source_object;
  AddAccount *data = task_data;
  GError *error = NULL;
  char *uid = kith_mail_account_add_sync (self->session, data->draft, data->password, cancellable, &error);

  if (uid != NULL)
    g_task_return_pointer (task, uid, g_free);
  else
    g_task_return_error (task, error);
}

/**
 * kith_mail_service_add_account_async:
 * @draft: the account (kith_mail_account_new_draft()), read on another thread: left as it is
 *   until the call finishes
 * @password: its password, which goes to the keyring only
 *
 * Checks and saves a custom IMAP/SMTP account (kith_mail_account_add_sync()), off the main
 * thread; capture of it starts right away.
 */
void
kith_mail_service_add_account_async (KithMailService     *self,
                                     KithMailAccount     *draft,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  AddAccount *data;

  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (draft));

  g_task_set_source_tag (task, kith_mail_service_add_account_async);
  data = g_new0 (AddAccount, 1);
  data->draft = g_object_ref (draft);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) add_account_free);
  run_account_task (task, self->session != NULL, self->error, add_account_thread);
}

char *
kith_mail_service_add_account_finish (KithMailService  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  char *uid;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  uid = g_task_propagate_pointer (G_TASK (result), error);
  if (uid != NULL)
    kith_mail_service_sync (self, uid);

  return uid;
}

static void
remove_account_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  KithMailService *self = source_object;
  GError *error = NULL;

  if (kith_mail_capture_remove_account (self->capture, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Removes an account from evolution-data-server and Camel's cache of it; everything captured
 * from it stays */
void
kith_mail_service_remove_account_async (KithMailService     *self,
                                        const char          *account,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kith_mail_service_remove_account_async);
  g_task_set_task_data (task, g_strdup (account), g_free);
  run_account_task (task, self->capture != NULL, NULL, remove_account_thread);
}

gboolean
kith_mail_service_remove_account_finish (KithMailService  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_archived_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The message stays Done in Kith and in the store's queue: the next sync retries, and the
   * account shows the error when it keeps failing */
  if (!kith_mail_capture_archive_finish (KITH_MAIL_CAPTURE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not archive the message on the server, will retry: %s", error->message);
}

/**
 * kith_mail_service_archive:
 * @place: where the message is (kith_store_set_message_done_finish())
 *
 * Moves a message that is Done to the account's archive on the server, in the background;
 * a failure is retried by the next sync.
 */
void
kith_mail_service_archive (KithMailService     *self,
                           const KithMailPlace *place)
{
  g_return_if_fail (KITH_IS_MAIL_SERVICE (self));
  g_return_if_fail (place != NULL);

  if (self->capture == NULL)
    return;
  kith_mail_capture_archive_async (self->capture, place, self->cancellable, on_archived_cb, NULL);
}

/* Checks the value of an identity edit: the text to save (%NULL for none), or %FALSE with
 * @error set */
typedef gboolean (*IdentityCheckFunc) (const char  *value,
                                       char       **out_clean,
                                       GError     **error);
typedef void     (*IdentitySetFunc)   (ESourceMailIdentity *identity,
                                       const char          *clean);

typedef struct {
  char              *account;
  char              *value;
  IdentityCheckFunc  check;
  IdentitySetFunc    set;
} IdentityEdit;

static void
identity_edit_free (IdentityEdit *data)
{
  g_free (data->account);
  g_free (data->value);
  g_free (data);
}

/* The identity of @account in evolution-data-server (its name and From addresses) */
static ESource *
ref_identity (KithMailService  *self,
              const char       *account,
              GError          **error)
{
  g_autoptr(ESource) source = e_source_registry_ref_source (self->registry, account);
  ESource *identity = NULL;

  if (source != NULL && e_source_has_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT))
    {
      ESourceMailAccount *ext = e_source_get_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
      const char *uid = e_source_mail_account_get_identity_uid (ext);

      identity = uid != NULL ? e_source_registry_ref_source (self->registry, uid) : NULL;
    }
  if (identity == NULL || !e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY))
    {
      g_clear_object (&identity);
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND,
                   _("The account “%s” has no identity to change"), account);
    }

  return identity;
}

/* The registry sends each source's saved state back to every client of it, a moment after the
 * save: an edit made on @identity before that arrives would be overwritten by it, in the
 * registry's copy and then in what the edit saves and reads into the store. So an edit waits
 * for its own save's state to come back (up to ECHO_WAIT_US) before it returns, and no earlier
 * state is still on its way when the next edit starts. */
#define ECHO_WAIT_US (5 * G_USEC_PER_SEC)

typedef struct {
  GMutex   lock;
  GCond    cond;
  gboolean arrived;
} Echo;

static void
echo_clear (Echo *echo)
{
  g_mutex_clear (&echo->lock);
  g_cond_clear (&echo->cond);
}

static void
echo_unref (gpointer data,
            GClosure *closure)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) echo_clear);
}

/* On the registry's (main) context: the source's data came from the registry */
static void
on_identity_data_cb (GDBusProxy *proxy,
                     GVariant   *changed,
                     GStrv       invalidated,
                     Echo       *echo)
{
  g_mutex_lock (&echo->lock);
  echo->arrived = TRUE;
  g_cond_signal (&echo->cond);
  g_mutex_unlock (&echo->lock);
}

/* Writes @identity and waits for what was written to come back from the registry */
static gboolean
write_identity (ESource       *identity,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GDBusObject) object = e_source_ref_dbus_object (identity);
  g_autoptr(GDBusInterface) proxy = object != NULL ? g_dbus_object_get_interface (object, "org.gnome.evolution.dataserver.Source") : NULL;
  Echo *echo = g_atomic_rc_box_new0 (Echo);
  gulong handler = 0;
  gboolean written;
  gint64 until;

  g_mutex_init (&echo->lock);
  g_cond_init (&echo->cond);
  if (proxy != NULL)
    handler = g_signal_connect_data (proxy, "g-properties-changed", G_CALLBACK (on_identity_data_cb),
                                     g_atomic_rc_box_acquire (echo), echo_unref, 0);

  written = e_source_write_sync (identity, cancellable, error);

  until = g_get_monotonic_time () + ECHO_WAIT_US;
  g_mutex_lock (&echo->lock);
  while (written && handler != 0 && !echo->arrived && g_cond_wait_until (&echo->cond, &echo->lock, until))
    ;
  g_mutex_unlock (&echo->lock);
  if (handler != 0)
    g_signal_handler_disconnect (proxy, handler);
  g_atomic_rc_box_release_full (echo, (GDestroyNotify) echo_clear);

  return written;
}

/* Saves the edited @identity, and reads it into the store so that who the user is follows at
 * once rather than at the next sync. An edit that changes nothing is not written: the registry
 * would send nothing back. */
static void
save_identity (KithMailService *self,
               GTask           *task,
               ESource         *identity,
               const char      *before,
               const char      *account,
               GCancellable    *cancellable)
{
  g_autofree char *after = e_source_to_string (identity, NULL);
  GError *error = NULL;

  if ((g_strcmp0 (before, after) != 0 && !write_identity (identity, cancellable, &error)) ||
      !kith_mail_capture_read_identity (self->capture, account, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Checks the edit's value, then sets it on the identity and saves that */
static void
edit_identity_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  KithMailService *self = source_object;
  IdentityEdit *data = task_data;
  g_autoptr(ESource) identity = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *before = NULL;
  GError *error = NULL;

  if (!data->check (data->value, &clean, &error) ||
      (identity = ref_identity (self, data->account, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  before = e_source_to_string (identity, NULL);
  data->set (e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY), clean);
  save_identity (self, task, identity, before, data->account, cancellable);
}

/* Each alias must be an address: the first that is not is named */
static gboolean
check_aliases (const char  *aliases,
               char       **out_clean,
               GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (aliases, ",", -1);
  g_autoptr(GString) clean = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *key = NULL;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      key = kith_synckey_email (parts[i], NULL);
      if (key == NULL)
        {
          g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                       _("“%s” is not an email address"), parts[i]);
          return FALSE;
        }
      g_string_append_printf (clean, "%s%s", clean->len > 0 ? ", " : "", parts[i]);
    }

  *out_clean = clean->len > 0 ? g_strdup (clean->str) : NULL;
  return TRUE;
}

static gboolean
check_name (const char  *value,
            char       **out_clean,
            GError     **error)
{
  g_autofree char *name = NULL;

  if (!kith_validate_text (_("name"), value, 1024, error))
    return FALSE;
  /* One line of readable text: it goes in the From of the mail you send */
  name = g_strstrip (kith_text_strip_controls (value, FALSE));
  if (*name == '\0')
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                   _("Your name cannot be empty: it is who you are in the mail you send"));
      return FALSE;
    }

  *out_clean = g_steal_pointer (&name);
  return TRUE;
}

/* Edits the identity of @account in a thread: @check checks @value, @set sets it */
static void
edit_identity (KithMailService     *self,
               const char          *account,
               const char          *value,
               gpointer             source_tag,
               IdentityCheckFunc    check,
               IdentitySetFunc      set,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  IdentityEdit *data = g_new0 (IdentityEdit, 1);

  g_task_set_source_tag (task, source_tag);
  data->account = g_strdup (account);
  data->value = g_strdup (value != NULL ? value : "");
  data->check = check;
  data->set = set;
  g_task_set_task_data (task, data, (GDestroyNotify) identity_edit_free);
  run_account_task (task, self->registry != NULL && self->capture != NULL, NULL, edit_identity_thread);
}

/**
 * kith_mail_service_set_aliases_async:
 * @aliases: the account's other From addresses, separated by commas
 *
 * Saves an account's aliases on its identity in evolution-data-server (where Evolution keeps
 * them too); mail from them is outbound, and they are the user's (kith_store_dup_me()) at once.
 */
void
kith_mail_service_set_aliases_async (KithMailService     *self,
                                     const char          *account,
                                     const char          *aliases,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (KITH_IS_MAIL_SERVICE (self));

  edit_identity (self, account, aliases, kith_mail_service_set_aliases_async, check_aliases,
                 e_source_mail_identity_set_aliases, cancellable, callback, user_data);
}

gboolean
kith_mail_service_set_aliases_finish (KithMailService  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * kith_mail_service_set_name_async:
 * @name: the user's name on this account
 *
 * Saves the name of an account's identity in evolution-data-server (the name Evolution sends
 * mail under too); it is who the user is (kith_store_dup_me()) unless the `me-name` setting
 * says otherwise.
 */
void
kith_mail_service_set_name_async (KithMailService     *self,
                                  const char          *account,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (KITH_IS_MAIL_SERVICE (self));

  edit_identity (self, account, name, kith_mail_service_set_name_async, check_name,
                 e_source_mail_identity_set_name, cancellable, callback, user_data);
}

gboolean
kith_mail_service_set_name_finish (KithMailService  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
