/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailSender: sends what the Outbox holds, exactly once. One thread of its own (never the
 * main thread, never the store's worker) takes each message that is due, commits it as
 * `sending`, hands it to the account's SMTP transport, and commits how that went: `sent`, or
 * back to `queued` for a later try when the failure may pass, or `failed` with the server's
 * text when it will not. A second thread files each message sent in the account's Sent folder
 * and logs it on the timeline, behind the next message's SMTP transaction. A message found
 * `sending` at start was cut off by a crash: the account's Sent folder says whether it left;
 * one `sent` but not filed yet is filed then. Senders of other processes on the same store
 * (`kith-cli send` while Kith runs) take turns: one sends at a time (take_turn ()).
 */

#define G_LOG_DOMAIN "KithMail"

#include "config.h"

#include <glib/gi18n.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include "kith-mail.h"
#include "kith-mail-compose.h"
#include "kith-mail-mapping.h"
#include "kith-mail-sender.h"
#include "kith-outbox.h"

/* How long the thread sleeps with nothing due, at most: a safety net under the wake-ups */
#define IDLE_WAIT (3600 * G_TIME_SPAN_SECOND)
/* How many sent messages may wait for their copy in Sent: SMTP may outrun the copies, and
 * each waiting message is held in memory */
#define FILING_BACKLOG 16
/* How soon it looks again for messages a crash left `sending` when the Sent folder could not
 * be read */
#define UNSETTLED_WAIT (2 * 60 * G_TIME_SPAN_SECOND)
/* How often a sender waiting for another process's sender to finish its pass looks again */
#define TURN_WAIT (200 * G_TIME_SPAN_MILLISECOND)

struct _KithMailSender
{
  GObject          parent_instance;

  KithStore       *store;
  KithMailSession *session;
  GMainContext    *context;     /* where signals are emitted */
  GNetworkMonitor *monitor;
  gulong           changed_id;
  gulong           network_id;

  GThread         *thread;
  GCancellable    *cancellable;
  GMutex           lock;
  GCond            cond;
  gboolean         wake;        /* something may be due: look again */
  gboolean         stopping;
  GPtrArray       *flushes;     /* of GTask, done after the next pass */
  GArray          *unsettled;   /* ids a crash left `sending` whose fate is not known yet */
  guint            filing;      /* messages sent, not filed yet; under lock */
  GCond            filed;
  int              turn_fd;     /* the store's sender lock file (flock), or -1 */
};

G_DEFINE_FINAL_TYPE (KithMailSender, kith_mail_sender, G_TYPE_OBJECT)

enum {
  MESSAGE_SENT,
  MESSAGE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the thread uses of one account while it sends */
typedef struct {
  char         *account;
  ESource      *source;
  CamelService *transport;
  char         *sent_folder;  /* the folder's name on the server, or NULL */
  gboolean      files_sent;   /* the server files what it sends (Gmail): no copy from Kith */
  gboolean      imap_tuned;   /* the IMAP connection filing copies in Sent has no Nagle delay */
  CamelFolder  *sent;         /* frozen while copies are filed in it, or NULL */
} Account;

static void
account_free (Account *a)
{
  g_free (a->account);
  g_clear_object (&a->source);
  if (a->transport != NULL)
    camel_service_disconnect_sync (a->transport, TRUE, NULL, NULL);
  g_clear_object (&a->transport);
  if (a->sent != NULL)
    camel_folder_thaw (a->sent);
  g_clear_object (&a->sent);
  g_free (a->sent_folder);
  g_free (a);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Account, account_free)

typedef struct {
  KithMailSender *self;
  guint           signal;
  gint64          id;
} Emission;

static gboolean
emit_cb (gpointer data)
{
  Emission *e = data;

  g_signal_emit (e->self, signals[e->signal], 0, e->id);

  return G_SOURCE_REMOVE;
}

static void
emission_free (Emission *e)
{
  g_object_unref (e->self);
  g_free (e);
}

/* Signals go out in the context the sender was made in, later and in order */
static void
emit_later (KithMailSender *self,
            guint           signal,
            gint64          id)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Emission *e = g_new0 (Emission, 1);

  e->self = g_object_ref (self);
  e->signal = signal;
  e->id = id;
  g_source_set_callback (source, emit_cb, e, (GDestroyNotify) emission_free);
  g_source_set_static_name (source, "[kith] mail sender");
  g_source_attach (source, self->context);
}

/* The delay before the next try of a message that failed @attempts times in a row, the last
 * time just now: 30 s, 2 min, 10 min, 30 min, then hourly. A server that is busy or greylists
 * is usually fine within minutes; one that is down for hours is not hammered. */
static gint64
backoff (guint attempts)
{
  static const gint64 steps[] = { 30, 2 * 60, 10 * 60, 30 * 60, 60 * 60 };

  return steps[MIN (MAX (attempts, 1), G_N_ELEMENTS (steps)) - 1] * G_USEC_PER_SEC;
}

/* Now on the store's clock (ms), in µs as the Outbox keeps its times */
static gint64
now_us (KithMailSender *self)
{
  return kith_store_now (self->store) * 1000;
}

/* "folder://<account>/<name>" → the folder's name */
static char *
folder_name_from_uri (const char *uri,
                      const char *account)
{
  g_autofree char *prefix = g_strdup_printf ("folder://%s/", account);

  if (uri == NULL || !g_str_has_prefix (uri, prefix) || uri[strlen (prefix)] == '\0')
    return NULL;

  return g_uri_unescape_string (uri + strlen (prefix), NULL);
}

/* Gmail files what goes through its SMTP server in Sent Mail itself: a copy from Kith would be
 * a second one */
static gboolean
is_gmail (CamelService *transport)
{
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (transport);
  g_autofree char *host = NULL;

  if (!CAMEL_IS_NETWORK_SETTINGS (settings))
    return FALSE;
  host = camel_network_settings_dup_host (CAMEL_NETWORK_SETTINGS (settings));
  if (host == NULL)
    return FALSE;

  return g_ascii_strcasecmp (host, "gmail.com") == 0 || g_ascii_strcasecmp (host, "googlemail.com") == 0 ||
         g_str_has_suffix (host, ".gmail.com") || g_str_has_suffix (host, ".googlemail.com");
}

static ESource *
ref_identity (ESourceRegistry  *registry,
              ESource          *source,
              GError          **error)
{
  ESourceMailAccount *ext = e_source_get_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  const char *uid = e_source_mail_account_get_identity_uid (ext);
  ESource *identity = uid != NULL ? e_source_registry_ref_source (registry, uid) : NULL;

  if (identity == NULL || !e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION))
    {
      g_clear_object (&identity);
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND,
                   _("The account “%s” has no identity to send from"), e_source_get_display_name (source));
    }

  return identity;
}

/* The account's transport, as its identity names it: the identity's submission transport
 * source, with Camel's service for it configured from that (host, TLS or STARTTLS, user) */
static Account *
open_account (KithMailSender  *self,
              const char      *account,
              GError         **error)
{
  ESourceRegistry *registry = kith_mail_session_get_registry (self->session);
  g_autoptr(Account) a = g_new0 (Account, 1);
  g_autoptr(ESource) identity = NULL;
  g_autoptr(ESource) transport = NULL;
  g_autofree char *sent = NULL;
  ESourceMailSubmission *submission;
  const char *transport_uid;
  const char *backend = NULL;

  a->account = g_strdup (account);
  a->source = registry != NULL && account != NULL ? e_source_registry_ref_source (registry, account) : NULL;
  if (a->source == NULL || !e_source_has_extension (a->source, E_SOURCE_EXTENSION_MAIL_ACCOUNT))
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"),
                   account != NULL ? account : "");
      return NULL;
    }
  if ((identity = ref_identity (registry, a->source, error)) == NULL)
    return NULL;

  submission = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION);
  transport_uid = e_source_mail_submission_get_transport_uid (submission);
  transport = transport_uid != NULL ? e_source_registry_ref_source (registry, transport_uid) : NULL;
  if (transport == NULL || !e_source_has_extension (transport, E_SOURCE_EXTENSION_MAIL_TRANSPORT))
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND,
                   _("The account “%s” has no server to send through"), e_source_get_display_name (a->source));
      return NULL;
    }
  backend = e_source_backend_get_backend_name (e_source_get_extension (transport, E_SOURCE_EXTENSION_MAIL_TRANSPORT));
  a->transport = kith_mail_session_ref_service (self->session, transport, backend != NULL ? backend : "smtp",
                                                CAMEL_PROVIDER_TRANSPORT, error);
  if (a->transport == NULL)
    return NULL;

  sent = e_source_mail_submission_dup_sent_folder (submission);
  a->sent_folder = folder_name_from_uri (sent, account);
  a->files_sent = is_gmail (a->transport);

  return g_steal_pointer (&a);
}

/* The accounts used in one pass, by uid: each transport connects once for all its messages */
static Account *
lookup_account (KithMailSender  *self,
                GHashTable      *accounts,
                const char      *account,
                GError         **error)
{
  Account *a = g_hash_table_lookup (accounts, account != NULL ? account : "");

  if (a == NULL && (a = open_account (self, account, error)) != NULL)
    g_hash_table_insert (accounts, g_strdup (a->account), a);

  return a;
}

/* The account's IMAP store, connected */
static CamelStore *
ref_imap_store (KithMailSender  *self,
                Account         *a,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(CamelService) service = kith_mail_session_ref_service (self->session, a->source, "imapx",
                                                                   CAMEL_PROVIDER_STORE, error);

  if (service == NULL || !kith_mail_session_connect_sync (self->session, service, cancellable, error))
    return NULL;

  return CAMEL_STORE (g_steal_pointer (&service));
}

static CamelFolder *
ref_sent_folder (KithMailSender  *self,
                 Account         *a,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(CamelStore) store = NULL;

  if (a->sent_folder == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” has no Sent folder"),
                   e_source_get_display_name (a->source));
      return NULL;
    }
  if ((store = ref_imap_store (self, a, cancellable, error)) == NULL)
    return NULL;

  return camel_store_get_folder_sync (store, a->sent_folder, 0, cancellable, error);
}

/* Whether the account's Sent folder holds a message with @message_id */
static gboolean
sent_folder_has (KithMailSender  *self,
                 Account         *a,
                 const char      *message_id,
                 gboolean        *out_found,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(CamelFolder) folder = ref_sent_folder (self, a, cancellable, error);
  g_autofree char *bare = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *expression = NULL;
  GPtrArray *uids;

  if (folder == NULL || !camel_folder_refresh_info_sync (folder, cancellable, error))
    return FALSE;

  /* Without its angle brackets, as a quoted string of Camel's search language */
  bare = g_strdup (message_id);
  g_strdelimit (bare, "<>\"\\", ' ');
  g_strstrip (bare);
  quoted = g_strescape (bare, NULL);
  expression = g_strdup_printf ("(match-all (header-contains \"Message-ID\" \"%s\"))", quoted);
  uids = camel_folder_search_by_expression (folder, expression, cancellable, error);
  if (uids == NULL)
    return FALSE;
  *out_found = uids->len > 0;
  camel_folder_search_free (folder, uids);

  return TRUE;
}

/* A message left `sending` by a crash: sent if the Sent folder has it, else queued again.
 * Returns whether that was settled. */
static gboolean
recover_one (KithMailSender *self,
             GHashTable     *accounts,
             KithOutgoing   *msg)
{
  gint64 id = kith_outgoing_get_id (msg);
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  Account *a = lookup_account (self, accounts, kith_outgoing_get_account (msg), &error);

  if (a == NULL ||
      !sent_folder_has (self, a, kith_outgoing_get_message_id (msg), &found, self->cancellable, &error))
    {
      /* Unknown: it stays `sending`, and the sender looks again later; sending it now could
       * send it twice */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Could not tell yet whether message %" G_GINT64_FORMAT " was sent: %s", id, error->message);
      return FALSE;
    }

  if (found ? kith_store_outgoing_set_sent (self->store, id, &error)
            : kith_store_outgoing_retry_later (self->store, id, NULL, now_us (self), &error))
    {
      if (found)
        emit_later (self, MESSAGE_SENT, id);
      return TRUE;
    }
  g_warning ("Message %" G_GINT64_FORMAT ": %s", id, error->message);
  return FALSE;
}

/* At start, every message found `sending` was cut off by a crash (this sender has claimed
 * none yet); those not settled now are looked at again on each pass (self->unsettled) */
static void
recover (KithMailSender *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sending = kith_store_outgoing_list (self->store, KITH_OUTGOING_MASK (KITH_OUTGOING_SENDING), &error);
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) account_free);

  g_array_set_size (self->unsettled, 0);
  if (sending == NULL)
    {
      g_warning ("Could not read the Outbox: %s", error->message);
      return;
    }
  for (guint i = 0; i < sending->len && !g_cancellable_is_cancelled (self->cancellable); i++)
    {
      KithOutgoing *msg = g_ptr_array_index (sending, i);
      gint64 id = kith_outgoing_get_id (msg);

      if (!recover_one (self, accounts, msg))
        g_array_append_val (self->unsettled, id);
    }
}

/* The messages recovery could not settle yet, tried again */
static void
recover_again (KithMailSender *self)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) account_free);

  for (guint i = self->unsettled->len; i > 0 && !g_cancellable_is_cancelled (self->cancellable); i--)
    {
      gint64 id = g_array_index (self->unsettled, gint64, i - 1);
      g_autoptr(KithOutgoing) msg = kith_store_outgoing_get (self->store, id, NULL);

      if (msg == NULL || kith_outgoing_get_state (msg) != KITH_OUTGOING_SENDING ||
          recover_one (self, accounts, msg))
        g_array_remove_index (self->unsettled, i - 1);
    }
}

/* "4.7.1": class, subject and detail (RFC 3463); not an address like 4.2.2.1 */
static gboolean
is_status_code (const char *word)
{
  guint dots = 0;

  if ((word[0] != '4' && word[0] != '5') || word[1] != '.')
    return FALSE;
  for (const char *p = word + 1; *p != '\0'; p++)
    {
      if (*p == '.')
        dots++;
      else if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return dots == 2 && word[strlen (word) - 1] != '.' && strstr (word, "..") == NULL;
}

/* Camel keeps an SMTP reply's text but not its code. An enhanced status code (RFC 3463) in
 * the text, there when the server does not announce ENHANCEDSTATUSCODES, gives its class;
 * else the words servers use for a refusal that passes. */
static gboolean
reply_is_temporary (const char *text)
{
  static const char *passing[] = {
    "try again", "try later", "temporar", "greylist", "graylist", "too many", "busy", "rate limit",
    "timed out", "timeout", "service not available", "closing transmission channel",
    "insufficient system storage", "error in processing", "deferred", "not available due to local problem",
    NULL
  };
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " \t\n:", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (is_status_code (w))
        return w[0] == '4';
    }
  for (guint i = 0; passing[i] != NULL; i++)
    if (strstr (lower, passing[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Whether a send that failed with @error may work later: the server could not be reached
 * (offline, or down) or dropped the connection, or it said to come back (4xx). A rejected
 * recipient, a refused password, no STARTTLS where it is required: not by waiting. Whether the
 * computer is offline only decides how soon to try again: a server that answered was reached,
 * whatever GNetworkMonitor thinks. */
static gboolean
is_temporary (const GError *error)
{
  GQuark smtp_error = g_quark_try_string ("camel-smtp-transport-error-quark");

  if (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
      (smtp_error != 0 && error->domain == smtp_error) ||
      g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_UNREACHABLE) ||
      g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_UNAVAILABLE) ||
      g_error_matches (error, CAMEL_SERVICE_ERROR, CAMEL_SERVICE_ERROR_NOT_CONNECTED))
    return TRUE;
  if (g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED) ||
      g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID) ||
      g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND))
    return FALSE;

  return reply_is_temporary (error->message);
}

/* Turns Nagle's algorithm off on @service's connections. Camel writes the end of DATA
 * (".\r\n") as a segment of its own, which Nagle holds back until the server acknowledges the
 * message, and the server delays that acknowledgement (40 ms on Linux) while it waits for the
 * terminator: every message would wait for it (and each APPEND to Sent likewise). Camel keeps
 * its sockets to itself, so the process's sockets to the service's port are found by their
 * peer; the option only makes small writes go out at once, harmless on any of them. */
static void
set_no_delay (CamelService *service)
{
  g_autoptr(CamelSettings) settings = camel_service_ref_settings (service);
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint16 port = CAMEL_IS_NETWORK_SETTINGS (settings) ? camel_network_settings_get_port (CAMEL_NETWORK_SETTINGS (settings)) : 0;
  const char *name;

  if (dir == NULL || port == 0)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      struct sockaddr_storage peer;
      socklen_t len = sizeof peer;
      int fd = atoi (name);
      int one = 1;
      guint16 peer_port;

      if (getpeername (fd, (struct sockaddr *) &peer, &len) != 0)
        continue;
      if (peer.ss_family == AF_INET)
        peer_port = ntohs (((struct sockaddr_in *) &peer)->sin_port);
      else if (peer.ss_family == AF_INET6)
        peer_port = ntohs (((struct sockaddr_in6 *) &peer)->sin6_port);
      else
        continue;
      if (peer_port == port)
        setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
}

/* Hands @message to the account's transport, connecting it first when needed */
static gboolean
transmit (KithMailSender    *self,
          Account           *a,
          CamelMimeMessage  *message,
          KithOutgoing      *msg,
          GError           **error)
{
  g_autoptr(CamelInternetAddress) recipients = kith_mail_compose_recipients (msg, error);
  g_autoptr(CamelInternetAddress) from = camel_internet_address_new ();
  gboolean saved = FALSE;
  GError *local_error = NULL;

  if (recipients == NULL)
    return FALSE;
  camel_internet_address_add (from, NULL, kith_outgoing_get_from_address (msg));

  if (camel_service_get_connection_status (a->transport) != CAMEL_SERVICE_CONNECTED)
    {
      if (!kith_mail_session_connect_sync (self->session, a->transport, self->cancellable, error))
        return FALSE;
      set_no_delay (a->transport);
    }
  if (camel_transport_send_to_sync (CAMEL_TRANSPORT (a->transport), message, CAMEL_ADDRESS (from),
                                    CAMEL_ADDRESS (recipients), &saved, self->cancellable, &local_error))
    return TRUE;

  /* The connection is in an unknown state: the next message starts a new one */
  camel_service_disconnect_sync (a->transport, FALSE, NULL, NULL);
  if (local_error == NULL)
    local_error = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, _("The server closed the connection"));
  g_propagate_error (error, local_error);

  return FALSE;
}

/* The copy filed in Sent has the Bcc the server did not see, for the user to see it */
static void
add_bcc (CamelMimeMessage *message,
         KithOutgoing     *msg)
{
  const char * const *bcc = kith_outgoing_get_bcc (msg);
  g_autoptr(CamelInternetAddress) list = camel_internet_address_new ();

  for (guint i = 0; bcc != NULL && bcc[i] != NULL; i++)
    camel_address_decode (CAMEL_ADDRESS (list), bcc[i]);
  if (camel_address_length (CAMEL_ADDRESS (list)) > 0)
    camel_mime_message_set_recipients (message, CAMEL_RECIPIENT_TYPE_BCC, list);
}

/* Appends the message to the account's Sent folder (IMAP APPEND); returns its UID there, or
 * NULL when it is not known (the server files it itself, or the copy failed) */
static char *
file_in_sent (KithMailSender   *self,
              Account          *a,
              CamelMimeMessage *message,
              KithOutgoing     *msg)
{
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  CamelFolder *folder;
  char *uid = NULL;

  if (a->files_sent)
    return NULL;

  add_bcc (message, msg);
  info = camel_message_info_new (NULL);
  camel_message_info_set_flags (info, CAMEL_MESSAGE_SEEN, CAMEL_MESSAGE_SEEN);
  /* Frozen, the folder tells of its changes (and Camel saves its summary of the account's
   * folders) once for the whole pass, not once a copy */
  if (a->sent == NULL && (a->sent = ref_sent_folder (self, a, self->cancellable, &error)) != NULL)
    camel_folder_freeze (a->sent);
  folder = a->sent;
  if (folder == NULL ||
      !camel_folder_append_message_sync (folder, message, info, &uid, self->cancellable, &error))
    {
      /* It was sent: only the copy is missing */
      g_warning ("Message %" G_GINT64_FORMAT " was sent, but not filed in Sent: %s",
                 kith_outgoing_get_id (msg), error->message);
      return NULL;
    }

  /* The APPEND waits for the same delayed acknowledgement as the end of DATA; the connection
   * is there once the first copy is filed */
  if (!a->imap_tuned)
    {
      CamelStore *store = camel_folder_get_parent_store (folder);

      set_no_delay (CAMEL_SERVICE (store));
      /* Camel records each copy in its summary of the folder in four transactions, and its
       * database (a rollback journal) creates, syncs and deletes a journal file for each: that
       * cost more than the rest of the copy. The database is a cache of the server's folders:
       * with a write-ahead log synced at checkpoints a crash can lose its last transactions,
       * which Camel reads from the server again, and never corrupts it. */
      camel_db_command (camel_store_get_db (store), "PRAGMA journal_mode = WAL", NULL);
      camel_db_command (camel_store_get_db (store), "PRAGMA synchronous = NORMAL", NULL);
      a->imap_tuned = TRUE;
    }

  return uid;
}

/* The message's headers as capture would read them from the Sent folder, so that capture
 * finds the same message (Message-ID, sender and date) when it gets there */
static KithMailHeaders *
sent_headers (CamelMimeMessage *message,
              const char       *account,
              const char       *folder,
              const char       *uid)
{
  g_autoptr(CamelMessageInfo) info = camel_message_info_new_from_headers (NULL, camel_medium_get_headers (CAMEL_MEDIUM (message)));
  static const char *kept[] = { "Message-ID", "In-Reply-To", "References", NULL };

  camel_message_info_set_uid (info, uid);
  for (guint i = 0; kept[i] != NULL; i++)
    {
      const char *value = camel_medium_get_header (CAMEL_MEDIUM (message), kept[i]);

      if (value != NULL)
        camel_message_info_set_user_header (info, kept[i], value);
    }

  return kith_mail_mapping_headers (info, account, folder, "sent");
}

/* Whether capture would put message @row on the timeline: someone outside who takes part has
 * a record */
static gboolean
wanted_on_timeline (KithStore   *store,
                    const char  *account,
                    gint64       row)
{
  g_autoptr(GPtrArray) next = kith_store_mail_unlogged (store, account, row - 1, 1, NULL);

  return next != NULL && next->len == 1 && ((KithMailUnlogged *) g_ptr_array_index (next, 0))->id == row;
}

/* Indexes the sent message and logs it as capture would: on every recipient's timeline now,
 * not at the next sync, which then finds it indexed and logs it no second time. Until capture
 * sees the copy, its place is the Sent folder under the UID the server gave it, or one that
 * names the Outbox row */
static gboolean
record_sent (KithMailSender   *self,
             Account          *a,
             CamelMimeMessage *message,
             KithOutgoing     *msg,
             const char       *uid)
{
  g_autofree char *place = uid != NULL ? g_strdup (uid) : g_strdup_printf ("outbox-%" G_GINT64_FORMAT, kith_outgoing_get_id (msg));
  g_autoptr(KithMailHeaders) headers = sent_headers (message, a->account, a->sent_folder != NULL ? a->sent_folder : "Sent", place);
  g_autoptr(KithMailText) text = kith_mail_mapping_text (message);
  g_autoptr(GError) error = NULL;
  gboolean ok;
  gint64 row;

  /* One transaction: one wait for the disk per message less */
  if (!kith_store_begin (self->store, &error))
    {
      g_warning ("Message %" G_GINT64_FORMAT " was sent, but is not on the timeline: %s",
                 kith_outgoing_get_id (msg), error->message);
      return FALSE;
    }
  row = kith_store_mail_index (self->store, headers, NULL, &error);
  ok = row != 0 &&
       (!wanted_on_timeline (self->store, a->account, row) || kith_store_mail_log (self->store, row, text, &error) != 0);
  if (ok)
    ok = kith_store_commit (self->store, &error);
  else
    kith_store_rollback (self->store);

  /* Capture logs it when it finds the copy in Sent */
  if (!ok)
    g_warning ("Message %" G_GINT64_FORMAT " was sent, but is not on the timeline yet: %s",
               kith_outgoing_get_id (msg), error != NULL ? error->message : "");
  return ok;
}

/* Filed and logged, the message is never composed again: its attachments' copies go */
static void
release_files (KithMailSender *self,
               KithOutgoing   *msg)
{
  g_autoptr(GError) error = NULL;

  if (!kith_store_outgoing_release_files (self->store, kith_outgoing_get_id (msg), &error))
    g_warning ("Message %" G_GINT64_FORMAT ": %s", kith_outgoing_get_id (msg), error->message);
}

/* After the server took it: filed in Sent, then on the timeline. Stopped before that was
 * done, the message stays out of the mail index, for the next start to file and log it. */
static void
after_sent (KithMailSender   *self,
            Account          *a,
            CamelMimeMessage *message,
            KithOutgoing     *msg)
{
  g_autofree char *uid = file_in_sent (self, a, message, msg);

  if (!g_cancellable_is_cancelled (self->cancellable) && record_sent (self, a, message, msg, uid))
    release_files (self, msg);
}

/* A message the server took, for the filing thread */
typedef struct {
  KithMailSender   *self;
  Account          *a;        /* owned by the pass, which outlives its filing thread */
  CamelMimeMessage *message;
  KithOutgoing     *msg;
} Filing;

static void
filing_free (Filing *f)
{
  g_object_unref (f->message);
  g_object_unref (f->msg);
  g_free (f);
}

/* The Sent copy and the timeline entry are not part of sending exactly once: a thread of their
 * own does them, while the next message goes over SMTP. `message-sent` follows them, as it
 * always has. */
static void
file_cb (gpointer data,
         gpointer user_data)
{
  Filing *f = data;

  KithMailSender *self = f->self;

  after_sent (self, f->a, f->message, f->msg);
  if (!g_cancellable_is_cancelled (self->cancellable))
    emit_later (self, MESSAGE_SENT, kith_outgoing_get_id (f->msg));
  filing_free (f);

  g_mutex_lock (&self->lock);
  self->filing--;
  g_cond_signal (&self->filed);
  g_mutex_unlock (&self->lock);
}

/* Commits how a failed try went: back in the queue for later, or failed with the server's text */
static void
record_failure (KithMailSender *self,
                KithOutgoing   *msg,
                const GError   *failure)
{
  gint64 id = kith_outgoing_get_id (msg);
  g_autoptr(GError) error = NULL;
  guint attempts = kith_outgoing_get_attempts (msg) + 1;
  gboolean offline = !g_network_monitor_get_network_available (self->monitor);

  if (is_temporary (failure))
    {
      /* Offline, the first step: the network coming back wakes the sender anyway */
      gint64 when = now_us (self) + backoff (offline ? 1 : attempts);

      if (!kith_store_outgoing_retry_later (self->store, id, failure->message, when, &error))
        g_warning ("Message %" G_GINT64_FORMAT ": %s", id, error->message);
      return;
    }

  if (kith_store_outgoing_set_failed (self->store, id, failure->message, &error))
    emit_later (self, MESSAGE_FAILED, id);
  else
    g_warning ("Message %" G_GINT64_FORMAT ": %s", id, error->message);
}

/* Hands a message the server took to the filing thread */
static void
file_later (GThreadPool      *filer,
            KithMailSender   *self,
            Account          *a,
            CamelMimeMessage *message,
            KithOutgoing     *msg)
{
  Filing *f = g_new0 (Filing, 1);

  f->self = self;
  f->a = a;
  f->message = message;
  f->msg = g_object_ref (msg);

  /* Waits for the copies when they are too far behind */
  g_mutex_lock (&self->lock);
  while (self->filing >= FILING_BACKLOG)
    g_cond_wait (&self->filed, &self->lock);
  self->filing++;
  g_mutex_unlock (&self->lock);
  g_thread_pool_push (filer, f, NULL);
}

/* A message committed `sent` whose copy and timeline entry Kith quit before doing: filed now,
 * unless the Sent folder has it already (the copy made, the entry not), and logged */
static void
refile_one (KithMailSender *self,
            GHashTable     *accounts,
            KithOutgoing   *msg)
{
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  Account *a = lookup_account (self, accounts, kith_outgoing_get_account (msg), &error);

  if (a != NULL)
    message = kith_mail_compose_message (msg, &error);
  if (message == NULL ||
      (!a->files_sent && !sent_folder_has (self, a, kith_outgoing_get_message_id (msg), &found,
                                           self->cancellable, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Message %" G_GINT64_FORMAT " was sent, but is not filed yet: %s",
                   kith_outgoing_get_id (msg), error->message);
      return;
    }

  if (found)
    {
      if (record_sent (self, a, message, msg, NULL))
        release_files (self, msg);
    }
  else
    after_sent (self, a, message, msg);
}

/* At start: the messages sent before Kith quit but not filed in Sent and logged yet */
static void
refile_unfiled (KithMailSender *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unfiled = kith_store_outgoing_list_unfiled (self->store, &error);
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) account_free);

  if (unfiled == NULL)
    {
      g_warning ("Could not read the Outbox: %s", error->message);
      return;
    }
  for (guint i = 0; i < unfiled->len && !g_cancellable_is_cancelled (self->cancellable); i++)
    refile_one (self, accounts, g_ptr_array_index (unfiled, i));
}

/* One message, committed `sending` by its claim: composed, sent, and its outcome committed;
 * then handed to @filer */
static void
send_one (KithMailSender *self,
          GHashTable     *accounts,
          GThreadPool    *filer,
          KithOutgoing   *msg)
{
  gint64 id = kith_outgoing_get_id (msg);
  g_autoptr(CamelMimeMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  Account *a = NULL;

  message = kith_mail_compose_message (msg, &error);
  if (message != NULL)
    a = lookup_account (self, accounts, kith_outgoing_get_account (msg), &error);
  if (a == NULL || !transmit (self, a, message, msg, &error))
    {
      /* Stopped mid-way: left `sending`, for the Sent folder to settle at the next start */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        record_failure (self, msg, error);
      return;
    }

  /* Committed before anything else: from here on the message is never sent again */
  if (!kith_store_outgoing_set_sent (self->store, id, &error))
    g_warning ("Message %" G_GINT64_FORMAT " was sent, but could not be marked so: %s", id, error->message);
  file_later (filer, self, a, g_steal_pointer (&message), msg);
}

/* Sends every message that is due, one after the other; returns when each one sent has been
 * filed and logged too */
static void
send_due (KithMailSender *self)
{
  g_autoptr(GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) account_free);
  GThreadPool *filer = g_thread_pool_new (file_cb, self, 1, FALSE, NULL);

  while (!g_cancellable_is_cancelled (self->cancellable))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithOutgoing) msg = kith_store_outgoing_claim (self->store, now_us (self), &error);

      if (msg == NULL)
        {
          if (error != NULL)
            g_warning ("Could not read the Outbox: %s", error->message);
          break;
        }
      send_one (self, accounts, filer, msg);
    }
  g_thread_pool_free (filer, FALSE, TRUE);
}

static void
finish_flushes (GPtrArray *flushes,
                gboolean   cancelled)
{
  for (guint i = 0; flushes != NULL && i < flushes->len; i++)
    {
      GTask *task = g_ptr_array_index (flushes, i);

      if (cancelled)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was stopped"));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* Sleeps until something may be due: the next send_after, a change in the store, the network
 * coming back, a flush, or stop */
static void
wait_for_work (KithMailSender *self,
               gint64          next_due)
{
  gint64 most = self->unsettled->len > 0 ? UNSETTLED_WAIT : IDLE_WAIT;
  gint64 wait = next_due > 0 ? MIN (next_due - now_us (self), most) : most;
  gint64 end = g_get_monotonic_time () + MAX (wait, 0);

  while (!self->wake && !self->stopping)
    if (!g_cond_wait_until (&self->cond, &self->lock, end))
      break;
}

/* Waits until no other sender is sending from this store, and keeps the others out until
 * end_turn (). Kith and `kith-cli send` may run at once on one data dir: without this, one
 * would take a message the other has `sending` (its reply not in yet) for one a crash left
 * behind, and send it a second time. An flock on a file beside the store, so a sender killed
 * mid-pass lets the next one in. Returns FALSE when the sender stops while it waits; sets
 * *out_waited when another sender had the turn (and may have left messages to settle). */
static gboolean
take_turn (KithMailSender *self,
           gboolean       *out_waited)
{
  *out_waited = FALSE;
  if (self->turn_fd < 0)
    {
      g_autofree char *path = g_strconcat (kith_store_get_path (self->store), ".sender-lock", NULL);

      self->turn_fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (self->turn_fd < 0)
        {
          /* Sending alone is then not assured, but the messages still leave */
          g_warning ("Could not open %s: %s", path, g_strerror (errno));
          return TRUE;
        }
    }

  while (flock (self->turn_fd, LOCK_EX | LOCK_NB) != 0)
    {
      gboolean stopping;

      if (errno != EWOULDBLOCK && errno != EINTR)
        {
          g_warning ("Could not lock the Outbox: %s", g_strerror (errno));
          return TRUE;
        }
      *out_waited = TRUE;
      g_mutex_lock (&self->lock);
      if (!self->stopping)
        g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + TURN_WAIT);
      stopping = self->stopping;
      g_mutex_unlock (&self->lock);
      if (stopping)
        return FALSE;
    }

  return TRUE;
}

static void
end_turn (KithMailSender *self)
{
  if (self->turn_fd >= 0)
    flock (self->turn_fd, LOCK_UN);
}

/* One pass, with the store's sending to itself: messages found `sending` are orphans of a
 * crash (a sender alive would hold the turn), settled first; at the first pass, and after
 * another sender had the turn, messages sent but not filed are filed */
static void
send_pass (KithMailSender *self,
           gboolean        first)
{
  gboolean waited;

  if (!take_turn (self, &waited))
    return;
  if (first || waited)
    {
      recover (self);
      refile_unfiled (self);
    }
  else if (self->unsettled->len > 0)
    recover_again (self);
  send_due (self);
  end_turn (self);
}

static gpointer
sender_thread (gpointer data)
{
  KithMailSender *self = data;
  gboolean first = TRUE;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      g_autoptr(GPtrArray) flushes = g_steal_pointer (&self->flushes);
      g_autoptr(GError) error = NULL;
      gint64 next_due;

      self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
      self->wake = FALSE;
      g_mutex_unlock (&self->lock);

      send_pass (self, first);
      first = FALSE;
      finish_flushes (flushes, g_cancellable_is_cancelled (self->cancellable));
      next_due = kith_store_outgoing_next_due (self->store, &error);
      if (error != NULL)
        g_warning ("Could not read the Outbox: %s", error->message);

      g_mutex_lock (&self->lock);
      wait_for_work (self, next_due);
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

static void
wake_up (KithMailSender *self)
{
  g_mutex_lock (&self->lock);
  self->wake = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* A message queued, taken back or given a new time: the next due time may have changed */
static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithMailSender   *self)
{
  if (changes == NULL || kith_store_changes_has_area (changes, KITH_STORE_AREA_OUTGOING))
    wake_up (self);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       KithMailSender  *self)
{
  if (available)
    wake_up (self);
}

static void
kith_mail_sender_dispose (GObject *object)
{
  KithMailSender *self = KITH_MAIL_SENDER (object);

  kith_mail_sender_stop (self);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_signal_handler (&self->network_id, self->monitor);

  G_OBJECT_CLASS (kith_mail_sender_parent_class)->dispose (object);
}

static void
kith_mail_sender_finalize (GObject *object)
{
  KithMailSender *self = KITH_MAIL_SENDER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->flushes, g_ptr_array_unref);
  g_clear_pointer (&self->unsettled, g_array_unref);
  if (self->turn_fd >= 0)
    close (self->turn_fd);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_cond_clear (&self->filed);

  G_OBJECT_CLASS (kith_mail_sender_parent_class)->finalize (object);
}

static void
kith_mail_sender_class_init (KithMailSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_mail_sender_dispose;
  object_class->finalize = kith_mail_sender_finalize;

  /**
   * KithMailSender::message-sent:
   * @id: the Outbox row of the message the server took
   *
   * Emitted in the main context the sender was made in.
   */
  signals[MESSAGE_SENT] = g_signal_new ("message-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * KithMailSender::message-failed:
   * @id: the Outbox row of a message the server refused for good (its error says why)
   */
  signals[MESSAGE_FAILED] = g_signal_new ("message-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
kith_mail_sender_init (KithMailSender *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_cond_init (&self->filed);
  self->context = g_main_context_ref_thread_default ();
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  self->unsettled = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->turn_fd = -1;
}

/**
 * kith_mail_sender_new:
 * @session: the session whose accounts' transports send
 *
 * Returns: (transfer full): a sender, idle until kith_mail_sender_start() or a flush
 */
KithMailSender *
kith_mail_sender_new (KithStore       *store,
                      KithMailSession *session)
{
  KithMailSender *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_MAIL_SESSION (session), NULL);

  self = g_object_new (KITH_TYPE_MAIL_SENDER, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->monitor = g_object_ref (g_network_monitor_get_default ());

  return self;
}

/**
 * kith_mail_sender_start:
 *
 * Sends from now on, on a thread of its own: first it settles the messages a crash left
 * `sending` (sent if the account's Sent folder has them, else queued again), then it sends
 * what is due, and wakes at the next due time, on every change in the store and when the
 * network comes back.
 */
void
kith_mail_sender_start (KithMailSender *self)
{
  g_return_if_fail (KITH_IS_MAIL_SENDER (self));

  if (self->thread != NULL)
    return;

  if (self->changed_id == 0)
    self->changed_id = g_signal_connect (self->store, "changed", G_CALLBACK (on_store_changed_cb), self);
  if (self->network_id == 0)
    self->network_id = g_signal_connect (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);

  self->stopping = FALSE;
  self->cancellable = g_cancellable_new ();
  self->thread = g_thread_new ("kith-mail-sender", sender_thread, self);
}

/**
 * kith_mail_sender_stop:
 *
 * Stops sending, blocking until the thread is gone: a transaction under way is cut off and
 * its message stays `sending`, for the next start to settle.
 */
void
kith_mail_sender_stop (KithMailSender *self)
{
  g_autoptr(GPtrArray) flushes = NULL;

  g_return_if_fail (KITH_IS_MAIL_SENDER (self));

  if (self->thread == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_object (&self->cancellable);

  flushes = g_steal_pointer (&self->flushes);
  self->flushes = g_ptr_array_new_with_free_func (g_object_unref);
  finish_flushes (flushes, TRUE);
}

/**
 * kith_mail_sender_flush_async:
 *
 * Sends every queued message that is due now (`kith-cli send`), starting the sender when it
 * was not; finishes when they have been tried. How each went is in the Outbox.
 */
void
kith_mail_sender_flush_async (KithMailSender      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (KITH_IS_MAIL_SENDER (self));

  g_task_set_source_tag (task, kith_mail_sender_flush_async);
  kith_mail_sender_start (self);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->flushes, g_steal_pointer (&task));
  self->wake = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

gboolean
kith_mail_sender_flush_finish (KithMailSender  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
