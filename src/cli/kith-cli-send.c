/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * `kith-cli send`: a message goes through the same Outbox as the composer's, queued with no
 * undo delay, and KithMailSender sends it before kith-cli exits. What comes back is the message
 * as the Outbox has it after that try: `sent`, `failed` with the server's text, or `queued`
 * again for a later try.
 */

#define G_LOG_DOMAIN "KithCli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-cli-send.h"
#include "kith-mail-accounts.h"
#include "kith-mail-sender.h"
#include "kith-mail-session.h"
#include "kith-outbox.h"

/* How long a message another Kith process is sending may take to settle */
#define OTHER_SENDER_WAIT_US (120 * G_USEC_PER_SEC)

void
kith_cli_send_clear (KithCliSend *o)
{
  g_clear_pointer (&o->account, g_free);
  g_clear_pointer (&o->from, g_free);
  g_clear_pointer (&o->to, g_strfreev);
  g_clear_pointer (&o->cc, g_strfreev);
  g_clear_pointer (&o->bcc, g_strfreev);
  g_clear_pointer (&o->subject, g_free);
  g_clear_pointer (&o->body, g_free);
  g_clear_pointer (&o->body_file, g_free);
  g_clear_pointer (&o->html_file, g_free);
  g_clear_pointer (&o->attachments, g_strfreev);
}

/* The account's identity: its address, name and aliases (address → name) */
static ESourceMailIdentity *
identity_of (ESourceRegistry *registry,
             ESource         *account,
             ESource        **out_identity)
{
  ESourceMailAccount *ext = e_source_get_extension (account, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
  const char *uid = e_source_mail_account_get_identity_uid (ext);

  *out_identity = uid != NULL ? e_source_registry_ref_source (registry, uid) : NULL;
  if (*out_identity == NULL || !e_source_has_extension (*out_identity, E_SOURCE_EXTENSION_MAIL_IDENTITY))
    return NULL;
  return e_source_get_extension (*out_identity, E_SOURCE_EXTENSION_MAIL_IDENTITY);
}

static gboolean
same_address (const char *a,
              const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

/* The account named by its source UID or its address (which one account alone may have) */
static ESource *
find_account (ESourceRegistry  *registry,
              const char       *wanted,
              GError          **error)
{
  GList *sources = kith_mail_accounts_list_sources (registry);
  g_autoptr(GString) known = g_string_new (NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = sources; l != NULL; l = l->next)
    {
      g_autoptr(ESource) identity = NULL;
      ESourceMailIdentity *id = identity_of (registry, l->data, &identity);
      const char *address = id != NULL ? e_source_mail_identity_get_address (id) : NULL;

      if (g_strcmp0 (e_source_get_uid (l->data), wanted) == 0 || same_address (address, wanted))
        g_ptr_array_add (found, g_object_ref (l->data));
      g_string_append_printf (known, "%s%s (%s)", known->len > 0 ? ", " : "",
                              address != NULL ? address : "?", e_source_get_uid (l->data));
    }
  g_list_free_full (sources, g_object_unref);

  if (found->len == 1)
    return g_object_ref (found->pdata[0]);
  if (found->len > 1)
    g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                 _("Several accounts have the address “%s”: name one by its ID; the accounts are %s"),
                 wanted, known->str);
  else if (known->len == 0)
    g_set_error_literal (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND,
                         _("No mail account is set up: add one in Kith’s Preferences"));
  else
    g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND,
                 _("No mail account “%s”; the accounts are %s"), wanted, known->str);
  return NULL;
}

/* The From: the account's own address and name, or one of its aliases (by address, or as
 * "Name <address>") with the alias's name where it has one */
static gboolean
pick_from (ESourceRegistry  *registry,
           ESource          *account,
           const char       *wanted,
           KithOutgoing     *msg,
           GError          **error)
{
  g_autoptr(ESource) identity = NULL;
  ESourceMailIdentity *id = identity_of (registry, account, &identity);
  g_autoptr(GHashTable) aliases = NULL;
  g_autofree char *address = NULL;
  GHashTableIter iter;
  gpointer alias, alias_name;

  if (id == NULL || e_source_mail_identity_get_address (id) == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
                   _("The account %s has no address to send from"), e_source_get_uid (account));
      return FALSE;
    }
  kith_outgoing_set_from_address (msg, e_source_mail_identity_get_address (id));
  kith_outgoing_set_from_name (msg, e_source_mail_identity_get_name (id));
  if (wanted == NULL)
    return TRUE;

  /* "Name <address>": the address decides */
  address = strchr (wanted, '<') != NULL ? g_strndup (strchr (wanted, '<') + 1, strcspn (strchr (wanted, '<') + 1, ">"))
                                         : g_strstrip (g_strdup (wanted));
  if (same_address (address, e_source_mail_identity_get_address (id)))
    return TRUE;

  aliases = e_source_mail_identity_get_aliases_as_hash_table (id);
  if (aliases != NULL)
    {
      g_hash_table_iter_init (&iter, aliases);
      while (g_hash_table_iter_next (&iter, &alias, &alias_name))
        if (same_address (alias, address))
          {
            kith_outgoing_set_from_address (msg, alias);
            if (alias_name != NULL && *(const char *) alias_name != '\0')
              kith_outgoing_set_from_name (msg, alias_name);
            return TRUE;
          }
    }

  g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID,
               _("“%s” is neither the address of the account %s nor one of its aliases"),
               wanted, e_source_mail_identity_get_address (id));
  return FALSE;
}

static char *
read_text_file (const char  *path,
                GError     **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID, _("%s is not UTF-8 text"), path);
      return NULL;
    }
  return g_steal_pointer (&text);
}

/* The message as a draft, its fields from the options */
static KithOutgoing *
build_message (ESourceRegistry  *registry,
               ESource          *account,
               KithCliSend      *o,
               GError          **error)
{
  g_autoptr(KithOutgoing) msg = kith_outgoing_new ();
  g_autofree char *body = o->body_file != NULL ? read_text_file (o->body_file, error) : g_strdup (o->body);
  g_autofree char *html = NULL;

  if (body == NULL)
    return NULL;
  if (o->html_file != NULL && (html = read_text_file (o->html_file, error)) == NULL)
    return NULL;
  if (!pick_from (registry, account, o->from, msg, error))
    return NULL;

  kith_outgoing_set_account (msg, e_source_get_uid (account));
  kith_outgoing_set_to (msg, (const char * const *) o->to);
  kith_outgoing_set_cc (msg, (const char * const *) o->cc);
  kith_outgoing_set_bcc (msg, (const char * const *) o->bcc);
  kith_outgoing_set_subject (msg, o->subject != NULL ? o->subject : "");
  kith_outgoing_set_body_text (msg, body);
  kith_outgoing_set_body_html (msg, html);
  kith_outgoing_set_attachments (msg, (const char * const *) o->attachments);

  return g_steal_pointer (&msg);
}

/* Saved and queued with no undo delay; a message the Outbox refuses (a bad address, an
 * unreadable attachment) is not left behind as a draft for a script to pile up */
static gint64
queue_message (KithStore     *store,
               KithOutgoing  *msg,
               GError       **error)
{
  gint64 id = kith_store_outgoing_save (store, msg, error);

  if (id == 0)
    return 0;
  if (!kith_store_outgoing_queue (store, id, 0, error))
    {
      kith_store_outgoing_discard (store, id, NULL);
      return 0;
    }
  return id;
}

/* Camel's files are kith-cli's own: the application may be running on the same data dir, and
 * two processes must not share one cache */
static KithMailSession *
session_new (ESourceRegistry *registry,
             const char      *mail_dir)
{
  g_autofree char *data = g_build_filename (mail_dir, "cli", "data", NULL);
  g_autofree char *cache = g_build_filename (mail_dir, "cli", "cache", NULL);

  return kith_mail_session_new (registry, data, cache);
}

/* A Camel cache of its own starts knowing no folder, and the sender files its copy in Sent by
 * the folder's name: the folders are listed first. When that fails (the IMAP server is down)
 * the message is sent all the same, and the sender says that it could not file the copy. */
static void
list_folders (KithMailSession *session,
              ESource         *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CamelService) store = kith_mail_session_ref_service (session, account, "imapx",
                                                                 CAMEL_PROVIDER_STORE, &error);
  CamelFolderInfo *folders = NULL;

  if (store != NULL && kith_mail_session_connect_sync (session, store, NULL, &error))
    folders = camel_store_get_folder_info_sync (CAMEL_STORE (store), NULL, CAMEL_STORE_FOLDER_INFO_RECURSIVE,
                                                NULL, &error);
  if (folders == NULL)
    g_debug ("Could not list the folders of %s: %s", e_source_get_uid (account),
             error != NULL ? error->message : "none");
  camel_folder_info_free (folders);
}

static void
on_flushed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Sends what is due */
static gboolean
flush (KithStore        *store,
       KithMailSession  *session,
       GError          **error)
{
  g_autoptr(KithMailSender) sender = kith_mail_sender_new (store, session);
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  kith_mail_sender_flush_async (sender, NULL, on_flushed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = kith_mail_sender_flush_finish (sender, result, error);
  kith_mail_sender_stop (sender);

  return ok;
}

/* The message after the try. The application, when it runs on the same data dir, may have
 * taken it first: then it is `sending` there for a while. */
static KithOutgoing *
settle (KithStore  *store,
        gint64      id,
        GError    **error)
{
  gint64 deadline = g_get_monotonic_time () + OTHER_SENDER_WAIT_US;

  while (TRUE)
    {
      g_autoptr(KithOutgoing) msg = kith_store_outgoing_get (store, id, error);

      if (msg == NULL || kith_outgoing_get_state (msg) != KITH_OUTGOING_SENDING ||
          g_get_monotonic_time () > deadline)
        return g_steal_pointer (&msg);
      g_usleep (G_USEC_PER_SEC / 10);
    }
}

/**
 * kith_cli_send_message:
 * @mail_dir: where the application keeps its mail files (DATA_DIR/mail)
 *
 * Queues the message @options describe through the Outbox, with no undo delay, and sends it.
 *
 * Returns: (transfer full): the message after the try (its state says how it went), or %NULL
 *   when it could not be queued: no such account or alias, a bad address, an unreadable file
 */
KithOutgoing *
kith_cli_send_message (KithStore    *store,
                       const char   *mail_dir,
                       KithCliSend  *options,
                       GError      **error)
{
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, error);
  g_autoptr(ESource) account = NULL;
  g_autoptr(KithOutgoing) msg = NULL;
  g_autoptr(KithMailSession) session = NULL;
  gint64 id;

  if (registry == NULL)
    return NULL;
  if ((account = find_account (registry, options->account, error)) == NULL ||
      (msg = build_message (registry, account, options, error)) == NULL ||
      (id = queue_message (store, msg, error)) == 0)
    return NULL;

  session = session_new (registry, mail_dir);
  list_folders (session, account);
  if (!flush (store, session, error))
    return NULL;
  return settle (store, id, error);
}

static char *
dup_smtp_host (ESourceRegistry *registry,
               ESource         *identity)
{
  ESourceMailSubmission *sub;
  g_autoptr(ESource) transport = NULL;

  if (identity == NULL || !e_source_has_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION))
    return NULL;
  sub = e_source_get_extension (identity, E_SOURCE_EXTENSION_MAIL_SUBMISSION);
  if (e_source_mail_submission_get_transport_uid (sub) != NULL)
    transport = e_source_registry_ref_source (registry, e_source_mail_submission_get_transport_uid (sub));
  if (transport == NULL || !e_source_has_extension (transport, E_SOURCE_EXTENSION_AUTHENTICATION))
    return NULL;

  return e_source_authentication_dup_host (e_source_get_extension (transport, E_SOURCE_EXTENSION_AUTHENTICATION));
}

/**
 * kith_cli_send_find_identity:
 * @wanted: the account's source UID or its address
 * @from: (nullable): an alias of it, or %NULL for its own address
 * @out_smtp_host: (out) (transfer full) (nullable): its SMTP server, when known
 *
 * The account and From a merge sends with, as `send` finds them.
 *
 * Returns: the account's UID, or %NULL with @error set
 */
char *
kith_cli_send_find_identity (const char  *wanted,
                             const char  *from,
                             char       **out_address,
                             char       **out_name,
                             char       **out_smtp_host,
                             GError     **error)
{
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, error);
  g_autoptr(ESource) account = NULL;
  g_autoptr(ESource) identity = NULL;
  g_autoptr(KithOutgoing) msg = kith_outgoing_new ();

  if (registry == NULL || (account = find_account (registry, wanted, error)) == NULL ||
      !pick_from (registry, account, from, msg, error))
    return NULL;

  identity_of (registry, account, &identity);
  *out_address = g_strdup (kith_outgoing_get_from_address (msg));
  *out_name = g_strdup (kith_outgoing_get_from_name (msg));
  *out_smtp_host = dup_smtp_host (registry, identity);
  return g_strdup (e_source_get_uid (account));
}

/**
 * kith_cli_send_flush:
 * @account_uid: the account whose folders the copies in Sent need
 *
 * Sends what is due in the Outbox now, as `send` does after queueing.
 */
gboolean
kith_cli_send_flush (KithStore   *store,
                     const char  *mail_dir,
                     const char  *account_uid,
                     GError     **error)
{
  g_autoptr(ESourceRegistry) registry = e_source_registry_new_sync (NULL, error);
  g_autoptr(ESource) account = NULL;
  g_autoptr(KithMailSession) session = NULL;

  if (registry == NULL || (account = find_account (registry, account_uid, error)) == NULL)
    return FALSE;

  session = session_new (registry, mail_dir);
  list_folders (session, account);
  return flush (store, session, error);
}
