/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailSession: Kith's CamelSession. Services are named by the uid of their
 * evolution-data-server source and configured from it, so accounts from GNOME Online Accounts
 * or Evolution work as they are; passwords come from the keyring through EDS (or, while a new
 * account is being checked, from memory) and OAuth2 tokens from the source registry. Kith
 * never prompts from here: a rejected password becomes an error the account shows.
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-mail-session.h"

struct _KithMailSession
{
  CamelSession     parent_instance;

  ESourceRegistry *registry;
  GMutex           lock;
  GHashTable      *passwords;   /* uid → password, for accounts not saved yet */
};

G_DEFINE_FINAL_TYPE (KithMailSession, kith_mail_session, CAMEL_TYPE_SESSION)

G_DEFINE_QUARK (kith-mail-error-quark, kith_mail_error)

static char *
dup_memory_password (KithMailSession *self,
                     const char      *uid)
{
  char *password;

  g_mutex_lock (&self->lock);
  password = g_strdup (g_hash_table_lookup (self->passwords, uid));
  g_mutex_unlock (&self->lock);

  return password;
}

static char *
kith_mail_session_get_password (CamelSession  *session,
                                CamelService  *service,
                                const char    *prompt,
                                const char    *item,
                                guint32        flags,
                                GError       **error)
{
  KithMailSession *self = KITH_MAIL_SESSION (session);
  const char *uid = camel_service_get_uid (service);
  g_autoptr(ESource) source = NULL;
  char *password = dup_memory_password (self, uid);

  if (password != NULL)
    return password;

  source = self->registry != NULL ? e_source_registry_ref_source (self->registry, uid) : NULL;
  if (source == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"), uid);
      return NULL;
    }
  if (!e_source_lookup_password_sync (source, NULL, &password, error))
    return NULL;
  if (password == NULL)
    g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED,
                 _("No password is saved for “%s”"), e_source_get_display_name (source));

  return password;
}

static gboolean
kith_mail_session_forget_password (CamelSession  *session,
                                   CamelService  *service,
                                   const char    *item,
                                   GError       **error)
{
  /* The saved password stays; the account shows the error and the user decides */
  return TRUE;
}

static CamelCertTrust
kith_mail_session_trust_prompt (CamelSession         *session,
                                CamelService         *service,
                                GTlsCertificate      *certificate,
                                GTlsCertificateFlags  errors)
{
  /* No prompts from a background sync: an untrusted certificate fails the connection */
  return CAMEL_CERT_TRUST_NEVER;
}

static CamelFilterDriver *
kith_mail_session_get_filter_driver (CamelSession  *session,
                                     const char    *type,
                                     CamelFolder   *for_folder,
                                     GError       **error)
{
  return NULL;
}

static void
kith_mail_session_user_alert (CamelSession          *session,
                              CamelService          *service,
                              CamelSessionAlertType  type,
                              const char            *message)
{
  g_message ("%s: %s", camel_service_get_display_name (service), message);
}

static const char *
service_host (CamelService *service,
              guint16      *out_port)
{
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);
  static GPrivate host_key = G_PRIVATE_INIT (g_free);
  char *host = NULL;

  *out_port = 0;
  if (CAMEL_IS_NETWORK_SETTINGS (settings))
    {
      host = camel_network_settings_dup_host (CAMEL_NETWORK_SETTINGS (settings));
      *out_port = camel_network_settings_get_port (CAMEL_NETWORK_SETTINGS (settings));
    }
  g_private_replace (&host_key, host);

  return host != NULL ? host : "";
}

static gboolean
kith_mail_session_authenticate_sync (CamelSession  *session,
                                     CamelService  *service,
                                     const char    *mechanism,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  CamelServiceAuthType *auth_type = mechanism != NULL ? camel_sasl_authtype (mechanism) : NULL;
  CamelAuthenticationResult result;

  if (auth_type == NULL || auth_type->need_password)
    {
      g_autofree char *password = kith_mail_session_get_password (session, service, NULL, NULL, 0, error);

      if (password == NULL)
        return FALSE;
      camel_service_set_password (service, password);
    }

  result = camel_service_authenticate_sync (service, mechanism, cancellable, error);
  if (result == CAMEL_AUTHENTICATION_REJECTED)
    {
      g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);
      g_autofree char *user = CAMEL_IS_NETWORK_SETTINGS (settings)
                              ? camel_network_settings_dup_user (CAMEL_NETWORK_SETTINGS (settings)) : NULL;
      guint16 port;
      const char *host = service_host (service, &port);

      g_clear_error (error);
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED,
                   /* Translators: the user name, then the server */
                   _("%s rejected the password for “%s”. If the account uses two-step verification, "
                     "create an app-specific password for Kith and use that."),
                   host, user != NULL ? user : "");
      return FALSE;
    }

  return result == CAMEL_AUTHENTICATION_ACCEPTED;
}

static gboolean
kith_mail_session_get_oauth2_access_token_sync (CamelSession  *session,
                                                CamelService  *service,
                                                char         **out_access_token,
                                                int           *out_expires_in,
                                                GCancellable  *cancellable,
                                                GError       **error)
{
  KithMailSession *self = KITH_MAIL_SESSION (session);
  g_autoptr(ESource) source = NULL;

  source = self->registry != NULL ? e_source_registry_ref_source (self->registry, camel_service_get_uid (service)) : NULL;
  if (source == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"),
                   camel_service_get_uid (service));
      return FALSE;
    }

  return e_source_get_oauth2_access_token_sync (source, cancellable, out_access_token, out_expires_in, error);
}

/* Every service disconnected as the session goes. A store left connected lives on in its IMAP
 * connection's threads: its IDLE thread selects INBOX again later, which (with QRESYNC) loads
 * the folder's summary from the store's folders.db — after the account's or the test's files
 * may be gone, as a "disk I/O error" in another store's work */
static void
kith_mail_session_dispose (GObject *object)
{
  CamelSession *session = CAMEL_SESSION (object);
  GList *services = camel_session_list_services (session);

  for (GList *l = services; l != NULL; l = l->next)
    {
      camel_service_disconnect_sync (l->data, FALSE, NULL, NULL);
      camel_session_remove_service (session, l->data);
    }
  g_list_free_full (services, g_object_unref);

  G_OBJECT_CLASS (kith_mail_session_parent_class)->dispose (object);
}

static void
kith_mail_session_finalize (GObject *object)
{
  KithMailSession *self = KITH_MAIL_SESSION (object);

  g_clear_object (&self->registry);
  g_hash_table_unref (self->passwords);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (kith_mail_session_parent_class)->finalize (object);
}

static void
kith_mail_session_class_init (KithMailSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CamelSessionClass *session_class = CAMEL_SESSION_CLASS (klass);

  object_class->dispose = kith_mail_session_dispose;
  object_class->finalize = kith_mail_session_finalize;

  session_class->get_password = kith_mail_session_get_password;
  session_class->forget_password = kith_mail_session_forget_password;
  session_class->trust_prompt = kith_mail_session_trust_prompt;
  session_class->get_filter_driver = kith_mail_session_get_filter_driver;
  session_class->authenticate_sync = kith_mail_session_authenticate_sync;
  session_class->get_oauth2_access_token_sync = kith_mail_session_get_oauth2_access_token_sync;
  session_class->user_alert = kith_mail_session_user_alert;
}

static void
kith_mail_session_init (KithMailSession *self)
{
  g_mutex_init (&self->lock);
  self->passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Whether the user headers setting @setting ("Display Name|Header" or "Header") names @header */
static gboolean
names_header (const char *setting,
              const char *header)
{
  g_autofree char *display_name = NULL;
  const char *name = NULL;

  camel_util_decode_user_header_setting (setting, &display_name, &name);

  return name != NULL && g_ascii_strcasecmp (name, header) == 0;
}

/* Camel keeps only a hash of Message-ID, In-Reply-To and References unless the user headers
 * setting of evolution-data-server names them, and it keeps at most CAMEL_UTILS_MAX_USER_HEADERS;
 * Kith needs their text to log a message once and to thread it. The setting is the user's,
 * shared with Evolution, which offers its headers as message list columns: Kith adds the ones
 * it needs, most needed first, while there is room, and never takes out one the user chose.
 * Without room, the messages read through Camel (where capture cannot read a folder over its
 * own connection) come without the text of the headers left out. */
static void
add_user_headers (void)
{
  static const char *needed[] = { "Message-ID", "In-Reply-To", "References" };
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) headers = NULL;
  g_autoptr(GStrvBuilder) merged = g_strv_builder_new ();
  g_auto(GStrv) wanted = NULL;
  guint n;

  schema = schemas != NULL ? g_settings_schema_source_lookup (schemas, "org.gnome.evolution-data-server", TRUE) : NULL;
  if (schema == NULL || !g_settings_schema_has_key (schema, "camel-message-info-user-headers"))
    return;

  settings = g_settings_new ("org.gnome.evolution-data-server");
  headers = g_settings_get_strv (settings, "camel-message-info-user-headers");
  g_strv_builder_addv (merged, (const char **) headers);
  n = g_strv_length (headers);
  for (guint i = 0; i < G_N_ELEMENTS (needed) && n < CAMEL_UTILS_MAX_USER_HEADERS; i++)
    {
      gboolean named = FALSE;

      for (guint j = 0; headers[j] != NULL && !named; j++)
        named = names_header (headers[j], needed[i]);
      if (!named)
        {
          g_strv_builder_add (merged, needed[i]);
          n++;
        }
    }

  wanted = g_strv_builder_end (merged);
  if (!g_strv_equal ((const char * const *) headers, (const char * const *) wanted))
    g_settings_set_strv (settings, "camel-message-info-user-headers", (const char * const *) wanted);
}

static gpointer
init_camel (gpointer data)
{
  const char *data_dir = data;

  camel_init (data_dir, FALSE);
  camel_provider_init ();
  e_source_camel_register_types ();
  add_user_headers ();

  return NULL;
}

/**
 * kith_mail_session_new:
 * @registry: (nullable): where accounts and their passwords are found
 * @data_dir: Camel's data folder
 * @cache_dir: Camel's cache (folder summaries, message bodies)
 */
KithMailSession *
kith_mail_session_new (ESourceRegistry *registry,
                       const char      *data_dir,
                       const char      *cache_dir)
{
  static GOnce once = G_ONCE_INIT;
  KithMailSession *self;

  g_once (&once, init_camel, (gpointer) data_dir);

  self = g_object_new (KITH_TYPE_MAIL_SESSION,
                       "user-data-dir", data_dir,
                       "user-cache-dir", cache_dir,
                       "online", TRUE,
                       NULL);
  self->registry = registry != NULL ? g_object_ref (registry) : NULL;

  return self;
}

ESourceRegistry *
kith_mail_session_get_registry (KithMailSession *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_SESSION (self), NULL);

  return self->registry;
}

/* A password for @uid that is used instead of the keyring's — while a new account is checked */
void
kith_mail_session_set_password (KithMailSession *self,
                                const char      *uid,
                                const char      *password)
{
  g_mutex_lock (&self->lock);
  if (password != NULL)
    g_hash_table_insert (self->passwords, g_strdup (uid), g_strdup (password));
  else
    g_hash_table_remove (self->passwords, uid);
  g_mutex_unlock (&self->lock);
}

/* Camel's IMAP store leaves QRESYNC (RFC 7162, which brings CONDSTORE with it) off unless told:
 * then a folder that changed is brought up to date by fetching every message's flags and
 * loading every message's summary. With it, on a server that has it, only what changed since
 * the last sync is sent. Set on the settings this process has; saved with the account only if
 * it is saved (Evolution's option "Use Quick Resync") */
static void
use_qresync (CamelService *service)
{
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);
  gboolean on = TRUE;

  if (settings == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (settings), "use-qresync") == NULL)
    return;
  g_object_get (settings, "use-qresync", &on, NULL);
  if (!on)
    g_object_set (settings, "use-qresync", TRUE, NULL);
}

/**
 * kith_mail_session_ref_service:
 * @source: the account's (or its transport's) source
 * @protocol: "imapx" or "smtp"
 *
 * Returns: (transfer full): the Camel service for @source, configured from it
 */
CamelService *
kith_mail_session_ref_service (KithMailSession    *self,
                               ESource            *source,
                               const char         *protocol,
                               CamelProviderType   type,
                               GError            **error)
{
  const char *uid = e_source_get_uid (source);
  CamelService *service = camel_session_ref_service (CAMEL_SESSION (self), uid);

  /* Both return a reference of the caller's own: one more would keep the service, and its
   * summary database (folders.db), open after the session and its owner are gone */
  if (service == NULL)
    service = camel_session_add_service (CAMEL_SESSION (self), uid, protocol, type, error);
  if (service == NULL)
    return NULL;

  camel_service_set_display_name (service, e_source_get_display_name (source));
  e_source_camel_configure_service (source, service);
  use_qresync (service);

  return service;
}

/**
 * kith_mail_session_connect_sync:
 *
 * Connects @service, with errors a user can act on: an unreachable server names its host and
 * port, a rejected password says so.
 */
gboolean
kith_mail_session_connect_sync (KithMailSession  *self,
                                CamelService     *service,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  guint16 port;
  const char *host;

  if (camel_service_get_connection_status (service) == CAMEL_SERVICE_CONNECTED)
    return TRUE;
  /* An unknown host or a closed port, said plainly, before Camel turns it into "you must be
   * working online" */
  if (CAMEL_IS_NETWORK_SERVICE (service) &&
      !camel_network_service_can_reach_sync (CAMEL_NETWORK_SERVICE (service), cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      host = service_host (service, &port);
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_UNREACHABLE,
                   _("Could not reach %s:%u: %s"), host, port, local_error != NULL ? local_error->message : "");
      return FALSE;
    }
  g_clear_error (&local_error);

  /* A new store is offline until told otherwise; going online connects it */
  if (CAMEL_IS_OFFLINE_STORE (service) && !camel_offline_store_get_online (CAMEL_OFFLINE_STORE (service)))
    {
      if (camel_offline_store_set_online_sync (CAMEL_OFFLINE_STORE (service), TRUE, cancellable, &local_error) &&
          camel_service_get_connection_status (service) == CAMEL_SERVICE_CONNECTED)
        return TRUE;
    }
  if (local_error == NULL && camel_service_connect_sync (service, cancellable, &local_error))
    return TRUE;

  if (g_error_matches (local_error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED) ||
      g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  host = service_host (service, &port);
  if (local_error->domain == G_IO_ERROR || local_error->domain == G_RESOLVER_ERROR ||
      g_error_matches (local_error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE))
    g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_UNREACHABLE,
                 /* Translators: host:port, then the system's reason */
                 _("Could not reach %s:%u: %s"), host, port, local_error->message);
  else if (g_error_matches (local_error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_CANT_AUTHENTICATE))
    g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED,
                 _("%s rejected the sign-in: %s. If the account uses two-step verification, "
                   "create an app-specific password for Kith and use that."), host, local_error->message);
  else
    g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_FAILED, _("%s:%u: %s"), host, port, local_error->message);

  return FALSE;
}
