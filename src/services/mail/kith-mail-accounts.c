/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * Mail accounts: those in the evolution-data-server registry (GNOME Online Accounts,
 * Evolution) and custom IMAP/SMTP accounts added in Kith, which are stored there too — an
 * account source, its identity and its transport, as Evolution would write them — with the
 * password in the keyring. Kith's own settings for an account (capture, coworkers) are in its
 * store (kith-mail.h).
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-mail-accounts.h"
#include "kith-synckey.h"

/* Backends Kith captures from; POP and local folders have no server-side folders to follow */
static gboolean
is_capturable (ESource *source)
{
  ESourceBackend *ext = e_source_get_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT);

  return g_strcmp0 (e_source_backend_get_backend_name (ext), "imapx") == 0;
}

/* The identity's address, name and aliases; NULL and no aliases when it has none */
static void
read_identity (ESourceRegistry   *registry,
               ESource           *account,
               const char       **out_address,
               const char       **out_name,
               GStrv             *out_aliases)
{
  ESourceMailAccount *ext = e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  const char *identity_uid = e_source_mail_account_get_identity_uid (ext);
  g_autoptr(ESource) identity = identity_uid != NULL ? e_source_registry_ref_source (registry, identity_uid) : NULL;
  g_autoptr(GStrvBuilder) aliases = g_strv_builder_new ();

  *out_address = *out_name = NULL;
  if (identity != NULL && e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY))
    {
      ESourceMailIdentity *id = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY);
      g_autoptr(GHashTable) table = e_source_mail_identity_get_aliases_as_hash_table (id);

      /* Borrowed from the extension, which the registry's source keeps */
      *out_address = e_source_mail_identity_get_address (id);
      *out_name = e_source_mail_identity_get_name (id);
      if (table != NULL)
        {
          GHashTableIter iter;
          gpointer key;

          g_hash_table_iter_init (&iter, table);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            g_strv_builder_add (aliases, key);
        }
    }
  *out_aliases = g_strv_builder_end (aliases);
}

/**
 * kith_mail_account_update_from_source:
 * @account: the typed account of @source
 *
 * Gives @account what evolution-data-server has of @source: its name, its identity's address,
 * name and aliases, and the server it signs in to.
 */
void
kith_mail_account_update_from_source (KithMailAccount *account,
                                      ESourceRegistry *registry,
                                      ESource         *source)
{
  ESourceAuthentication *auth = e_source_has_extension (source, E_SOURCE_EXTENSION_AUTHENTICATION)
                                ? e_source_get_extension (source, E_SOURCE_EXTENSION_AUTHENTICATION) : NULL;
  const char *address, *name;
  g_auto(GStrv) aliases = NULL;

  read_identity (registry, source, &address, &name, &aliases);
  kith_mail_account_update (account, e_source_get_display_name (source), address, name,
                            auth != NULL ? e_source_authentication_get_user (auth) : NULL,
                            auth != NULL ? e_source_authentication_get_host (auth) : NULL,
                            auth != NULL ? e_source_authentication_get_port (auth) : 0,
                            (const char * const *) aliases);
}

/**
 * kith_mail_accounts_list_sources:
 *
 * Returns: (transfer full) (element-type ESource): the enabled IMAP accounts in the registry,
 *   by name
 */
GList *
kith_mail_accounts_list_sources (ESourceRegistry *registry)
{
  GList *sources = e_source_registry_list_enabled (registry, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  GList *out = NULL;

  sources = g_list_sort (sources, (GCompareFunc) e_source_compare_by_display_name);
  for (GList *l = sources; l != NULL; l = l->next)
    if (is_capturable (l->data))
      out = g_list_prepend (out, g_object_ref (l->data));
  g_list_free_full (sources, g_object_unref);

  return g_list_reverse (out);
}

static gboolean
is_host (const char *host)
{
  return *host != '\0' && strpbrk (host, " /\\@") == NULL && g_utf8_validate (host, -1, NULL);
}

static gboolean
missing (const char  *what,
         GError     **error)
{
  g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID, _("The %s is missing"), what);
  return FALSE;
}

static gboolean
not_a_host (const char  *text,
            const char  *what,
            GError     **error)
{
  g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
               _("“%s” is not a host for the %s (use host or host:port, such as imap.example.com:993)"),
               g_utf8_validate (text, -1, NULL) ? text : "?", what);
  return FALSE;
}

static gboolean
not_a_port (const char  *text,
            const char  *what,
            GError     **error)
{
  g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
               _("“%s” is not a port for the %s (use a number from 1 to 65535)"), text, what);
  return FALSE;
}

/**
 * kith_mail_parse_host_port:
 * @text: "host" or "host:port" ("[::1]:993" for an IPv6 address)
 * @what: what the host is for, to name it in an error ("IMAP server")
 * @default_port: the port without one in @text
 */
gboolean
kith_mail_parse_host_port (const char  *text,
                           const char  *what,
                           guint16      default_port,
                           char       **out_host,
                           guint16     *out_port,
                           GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *colon = NULL;
  g_autofree char *host = NULL;
  guint64 port = default_port;

  if (*stripped == '\0')
    return missing (what, error);

  if (stripped[0] == '[')
    {
      const char *end = strchr (stripped, ']');
      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        return not_a_host (stripped, what, error);
      host = g_strndup (stripped + 1, end - stripped - 1);
      colon = end[1] == ':' ? end + 1 : NULL;
    }
  else
    {
      colon = strrchr (stripped, ':');
      if (colon != NULL && strchr (stripped, ':') != colon)
        return not_a_host (stripped, what, error);   /* a bare IPv6 address needs brackets */
      host = colon != NULL ? g_strndup (stripped, colon - stripped) : g_strdup (stripped);
    }

  if (colon != NULL && !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
    return not_a_port (colon + 1, what, error);
  if (!is_host (host))
    return not_a_host (stripped, what, error);

  *out_host = g_steal_pointer (&host);
  *out_port = (guint16) port;
  return TRUE;
}

/* A draft's server: its host, and its port or else @default_port */
static gboolean
check_server (const char  *host,
              guint        port,
              const char  *what,
              guint16      default_port,
              guint16     *out_port,
              GError     **error)
{
  g_autofree char *shown = NULL;

  if (host == NULL || *host == '\0')
    return missing (what, error);
  if (!is_host (host))
    return not_a_host (host, what, error);
  if (port > 65535)
    {
      shown = g_strdup_printf ("%u", port);
      return not_a_port (shown, what, error);
    }

  *out_port = port != 0 ? (guint16) port : default_port;
  return TRUE;
}

static CamelNetworkSecurityMethod
camel_security (KithMailSecurity security)
{
  switch (security)
    {
    case KITH_MAIL_SECURITY_STARTTLS:
      return CAMEL_NETWORK_SECURITY_METHOD_STARTTLS_ON_STANDARD_PORT;
    case KITH_MAIL_SECURITY_NONE:
      return CAMEL_NETWORK_SECURITY_METHOD_NONE;
    case KITH_MAIL_SECURITY_TLS:
    default:
      return CAMEL_NETWORK_SECURITY_METHOD_SSL_ON_ALTERNATE_PORT;
    }
}

static void
set_network (CamelSettings              *settings,
             const char                 *host,
             guint16                     port,
             const char                 *user,
             CamelNetworkSecurityMethod  security)
{
  g_object_set (settings, "host", host, "port", (guint) port, "user", user, "security-method", security, NULL);
}

/* Connects once with the given password, so that a wrong host or password is found before
 * anything is saved */
static gboolean
probe_imap (KithMailSession             *session,
            const char                  *uid,
            const char                  *host,
            guint16                      port,
            const char                  *user,
            CamelNetworkSecurityMethod   security,
            const char                  *password,
            GCancellable                *cancellable,
            GError                     **error)
{
  g_autoptr(CamelService) service = NULL;
  g_autoptr(CamelSettings) settings = NULL;
  gboolean ok;

  /* A reference of our own, dropped on return */
  service = camel_session_add_service (CAMEL_SESSION (session), uid, "imapx", CAMEL_PROVIDER_STORE, error);
  if (service == NULL)
    return FALSE;

  settings = camel_service_ref_settings (service);
  set_network (settings, host, port, user, security);
  kith_mail_session_set_password (session, uid, password);

  ok = kith_mail_session_connect_sync (session, service, cancellable, error);
  if (ok)
    camel_service_disconnect_sync (service, TRUE, cancellable, NULL);

  kith_mail_session_set_password (session, uid, NULL);
  camel_session_remove_service (CAMEL_SESSION (session), service);

  return ok;
}

/* @text, or %NULL when it is empty */
static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* The draft's IMAP and SMTP servers, with the ports of @security where it names none */
static gboolean
check_servers (KithMailAccount             *draft,
               const char                  *imap_host,
               const char                  *smtp_host,
               CamelNetworkSecurityMethod   security,
               guint16                     *out_imap_port,
               guint16                     *out_smtp_port,
               GError                     **error)
{
  return check_server (imap_host, kith_mail_account_get_imap_port (draft), _("IMAP server"),
                       security == CAMEL_NETWORK_SECURITY_METHOD_SSL_ON_ALTERNATE_PORT ? 993 : 143,
                       out_imap_port, error) &&
         check_server (smtp_host, kith_mail_account_get_smtp_port (draft), _("SMTP server"),
                       security == CAMEL_NETWORK_SECURITY_METHOD_SSL_ON_ALTERNATE_PORT ? 465 :
                       security == CAMEL_NETWORK_SECURITY_METHOD_NONE ? 25 : 587,
                       out_smtp_port, error);
}

/* Where @source's server is and who logs in, for evolution-data-server and for Camel's
 * @backend; returns (transfer none) its Camel settings */
static CamelSettings *
set_server (ESource                    *source,
            const char                 *backend,
            const char                 *host,
            guint16                     port,
            const char                 *user,
            CamelNetworkSecurityMethod  security)
{
  ESourceAuthentication *auth = e_source_get_extension (source, E_SOURCE_EXTENSION_AUTHENTICATION);
  ESourceCamel *camel = e_source_get_extension (source, e_source_camel_get_extension_name (backend));
  CamelSettings *settings = e_source_camel_get_settings (camel);

  e_source_authentication_set_host (auth, host);
  e_source_authentication_set_port (auth, port);
  e_source_authentication_set_user (auth, user);
  set_network (settings, host, port, user, security);

  return settings;
}

/* The IMAP account of a new account @account */
static void
set_account (ESource                    *account,
             ESource                    *identity,
             const char                 *email,
             const char                 *host,
             guint16                     port,
             const char                 *user,
             CamelNetworkSecurityMethod  security)
{
  ESourceMailAccount *ext = e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  g_autofree char *archive = g_strdup_printf ("folder://%s/Archive", e_source_get_uid (account));

  e_source_set_display_name (account, email);
  e_source_backend_set_backend_name (E_SOURCE_BACKEND (ext), "imapx");
  e_source_mail_account_set_identity_uid (ext, e_source_get_uid (identity));
  e_source_mail_account_set_archive_folder (ext, archive);
  set_server (account, "imapx", host, port, user, security);
}

/* The identity of the account @uid: who the user is (Kith decides direction with this address
 * and its aliases), the transport and the Sent folder */
static void
set_identity (ESource    *identity,
              ESource    *transport,
              const char *uid,
              const char *email,
              const char *name)
{
  ESourceMailIdentity *ext = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_IDENTITY);
  ESourceMailSubmission *sub = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION);
  g_autofree char *sent = g_strdup_printf ("folder://%s/Sent", uid);

  e_source_set_display_name (identity, email);
  e_source_mail_identity_set_address (ext, email);
  e_source_mail_identity_set_name (ext, name != NULL ? name : email);
  e_source_mail_submission_set_transport_uid (sub, e_source_get_uid (transport));
  e_source_mail_submission_set_sent_folder (sub, sent);
}

/* The SMTP transport of a new account */
static void
set_transport (ESource                    *transport,
               const char                 *email,
               const char                 *host,
               guint16                     port,
               const char                 *user,
               CamelNetworkSecurityMethod  security)
{
  ESourceMailTransport *ext = e_source_get_extension (transport, E_SOURCE_EXTENSION_MAIL_TRANSPORT);

  e_source_set_display_name (transport, email);
  e_source_backend_set_backend_name (E_SOURCE_BACKEND (ext), "smtp");
  g_object_set (set_server (transport, "smtp", host, port, user, security), "auth-mechanism", "PLAIN", NULL);
}

/**
 * kith_mail_account_add_sync:
 * @draft: the account to add (kith_mail_account_new_draft()): its address, name, user (the
 *   address without one), IMAP and SMTP servers (the IMAP host without an SMTP host) and
 *   their security
 * @password: the password, or an app-specific password
 *
 * Checks the IMAP server with the password, then saves the account in evolution-data-server
 * and the password in the keyring. Nothing is saved when any of it fails.
 *
 * Returns: (transfer full): the new account's uid, or %NULL with @error set
 */
char *
kith_mail_account_add_sync (KithMailSession  *session,
                            KithMailAccount  *draft,
                            const char       *password,
                            GCancellable     *cancellable,
                            GError          **error)
{
  ESourceRegistry *registry = kith_mail_session_get_registry (session);
  const char *email = nonempty (kith_mail_account_get_address (draft));
  const char *name = nonempty (kith_mail_account_get_name (draft));
  const char *user = nonempty (kith_mail_account_get_user (draft));
  const char *imap_host = nonempty (kith_mail_account_get_imap_host (draft));
  const char *smtp_host = nonempty (kith_mail_account_get_smtp_host (draft));
  CamelNetworkSecurityMethod security = camel_security (kith_mail_account_get_security (draft));
  g_autofree char *key = NULL;
  guint16 imap_port, smtp_port;
  g_autoptr(ESource) account = NULL;
  g_autoptr(ESource) identity = NULL;
  g_autoptr(ESource) transport = NULL;
  g_autofree char *uid = g_uuid_string_random ();
  GList *sources = NULL;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_MAIL_SESSION (session), NULL);
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (draft), NULL);
  g_return_val_if_fail (registry != NULL, NULL);

  if (email == NULL || (key = kith_synckey_email (email, NULL)) == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID, _("“%s” is not an email address"),
                   email != NULL && g_utf8_validate (email, -1, NULL) ? email : "");
      return NULL;
    }
  if (smtp_host == NULL)
    smtp_host = imap_host;
  if (!check_servers (draft, imap_host, smtp_host, security, &imap_port, &smtp_port, error))
    return NULL;
  if (password == NULL || *password == '\0')
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID, _("The password is missing"));
      return NULL;
    }
  if (user == NULL)
    user = email;

  if (!probe_imap (session, uid, imap_host, imap_port, user, security, password, cancellable, error))
    return NULL;

  /* The account */
  account = e_source_new_with_uid (uid, NULL, error);
  if (account == NULL)
    return NULL;
  identity = e_source_new (NULL, NULL, error);
  transport = e_source_new (NULL, NULL, error);
  if (identity == NULL || transport == NULL)
    return NULL;

  set_account (account, identity, email, imap_host, imap_port, user, security);
  set_identity (identity, transport, uid, email, name);
  set_transport (transport, email, smtp_host, smtp_port, user, security);

  sources = g_list_append (NULL, account);
  sources = g_list_append (sources, identity);
  sources = g_list_append (sources, transport);
  ok = e_source_registry_create_sources_sync (registry, sources, cancellable, error);
  g_list_free (sources);
  if (!ok)
    return NULL;

  /* The password goes to the keyring, for the account and its transport */
  if (!e_source_store_password_sync (account, password, TRUE, cancellable, error) ||
      !e_source_store_password_sync (transport, password, TRUE, cancellable, error))
    {
      kith_mail_account_remove_sync (registry, uid, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&uid);
}

/**
 * kith_mail_account_remove_sync:
 *
 * Removes the account, its identity and transport from evolution-data-server. What Kith has
 * captured from it stays.
 */
gboolean
kith_mail_account_remove_sync (ESourceRegistry  *registry,
                               const char       *uid,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(ESource) account = e_source_registry_ref_source (registry, uid);
  g_autoptr(ESource) identity = NULL;
  g_autoptr(ESource) transport = NULL;

  if (account == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"), uid);
      return FALSE;
    }

  if (e_source_has_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT))
    {
      ESourceMailAccount *ext = e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
      const char *identity_uid = e_source_mail_account_get_identity_uid (ext);

      identity = identity_uid != NULL ? e_source_registry_ref_source (registry, identity_uid) : NULL;
    }
  if (identity != NULL && e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION))
    {
      ESourceMailSubmission *sub = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION);
      const char *transport_uid = e_source_mail_submission_get_transport_uid (sub);

      transport = transport_uid != NULL ? e_source_registry_ref_source (registry, transport_uid) : NULL;
    }

  e_source_delete_password_sync (account, cancellable, NULL);
  if (transport != NULL)
    {
      e_source_delete_password_sync (transport, cancellable, NULL);
      if (e_source_get_removable (transport) && !e_source_remove_sync (transport, cancellable, error))
        return FALSE;
    }
  if (identity != NULL && e_source_get_removable (identity) && !e_source_remove_sync (identity, cancellable, error))
    return FALSE;

  return e_source_remove_sync (account, cancellable, error);
}
