/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailCapture: reads a captured account's folders (every one but Junk, Trash and Drafts;
 * on Gmail INBOX and All Mail) with Camel, in a worker thread, and hands each new message's
 * headers to the store, which decides what goes on the timeline (kith-mail.h). Where it can, a
 * folder is read on capture's own IMAP connection instead (read_folder ()), a slice of its
 * messages' headers at a time. Then it fetches the bodies of the messages the store wants
 * logged (the pool in kith-mail-fetch.c; what is read of a message in kith-mail-mapping.c).
 * While it runs in the background (kith_mail_capture_start ()), each INBOX is watched with
 * IDLE on a connection of its own (watch_inbox ()), and new mail syncs the account at once.
 * Every step is committed as it goes and every step is idempotent, so a sync that is
 * killed, or whose server drops the connection, resumes where it stopped the next time.
 */

#define G_LOG_DOMAIN "KithMail"
#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kith-mail.h"
#include "kith-mail-accounts.h"
#include "kith-mail-capture.h"
#include "kith-mail-fetch.h"
#include "kith-mail-imap.h"
#include "kith-mail-mapping.h"

/* Messages indexed per transaction */
#define BATCH 200
/* Messages whose text is fetched and written together, and how many are fetched at once */
#define LOG_BATCH 64
#define FETCH_THREADS 4
/* Messages to log read from the store at a time */
#define LOG_PAGE 1024
/* Messages whose headers are read without Camel in one `UID FETCH` */
#define QUICK_MAX 1000
/* The first of them: few, so that the first messages come at once */
#define SLICE_FIRST 50
/* How long the INBOX is watched with one IDLE: servers end it after 30 minutes */
#define IDLE_SECONDS (25 * 60)

struct _KithMailCapture
{
  GObject          parent_instance;

  KithStore       *store;
  KithMailSession *session;
  GMainContext    *context;     /* where signals are emitted */
  GMutex           sync_lock;   /* one sync at a time */
  GMutex           watch_lock;
  GMutex           identity_lock;   /* an identity read and written to the store in one go */
  gint             busy;

  guint            timer_id;
  GCancellable    *cancellable;
  GHashTable      *watched;     /* account → the Watch of its INBOX */
  GHashTable      *news;        /* accounts told of new mail during a sync (watch_lock) */
  KithMailFetchPool *pool;      /* the running sync's (sync_lock held): its connections last the sync */
};

G_DEFINE_FINAL_TYPE (KithMailCapture, kith_mail_capture, G_TYPE_OBJECT)

enum {
  PROGRESS,
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  KithMailCapture *self;
  char            *account;
  char            *folder;
  char            *error_message;
  guint            done;
  guint            total;
  gboolean         synced;
} Event;

static void
event_free (Event *event)
{
  g_object_unref (event->self);
  g_free (event->account);
  g_free (event->folder);
  g_free (event->error_message);
  g_free (event);
}

static gboolean
emit_event_cb (gpointer data)
{
  Event *event = data;

  if (event->synced)
    g_signal_emit (event->self, signals[SYNCED], 0, event->account, event->error_message);
  else
    g_signal_emit (event->self, signals[PROGRESS], 0, event->account, event->folder, event->done, event->total);

  return G_SOURCE_REMOVE;
}

/* Runs @func in the capture's context, always later and in order: g_main_context_invoke()
 * would call it at once in the calling thread whenever that thread can acquire the context (a
 * sync thread, while the main loop is between iterations), out of order with what was queued
 * before and on the wrong thread */
static void
invoke_later (KithMailCapture *self,
              gint             priority,
              GSourceFunc      func,
              gpointer         data,
              GDestroyNotify   notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[kith] mail capture");
  g_source_attach (source, self->context);
}

static void
emit_progress (KithMailCapture *self,
               const char      *account,
               const char      *folder,
               guint            done,
               guint            total)
{
  Event *event = g_new0 (Event, 1);

  event->self = g_object_ref (self);
  event->account = g_strdup (account);
  event->folder = g_strdup (folder);
  event->done = done;
  event->total = total;
  invoke_later (self, G_PRIORITY_DEFAULT, emit_event_cb, event, (GDestroyNotify) event_free);
}

static void
emit_synced (KithMailCapture *self,
             const char      *account,
             const GError    *error)
{
  Event *event = g_new0 (Event, 1);

  event->self = g_object_ref (self);
  event->account = g_strdup (account);
  event->error_message = error != NULL ? g_strdup (error->message) : NULL;
  event->synced = TRUE;
  invoke_later (self, G_PRIORITY_DEFAULT, emit_event_cb, event, (GDestroyNotify) event_free);
}

/* Puts the special-use flags (RFC 6154) the server gave each folder on @fi. Camel leaves them out
 * of its folder info (in Evolution the user's choice of Sent or Trash takes their place) but
 * keeps them in the store's summary, which it saves whenever it lists the folders: read there. */
static void
apply_special_use (CamelService    *service,
                   CamelFolderInfo *fi)
{
  GType type = g_type_from_name ("CamelIMAPXStoreSummary");
  g_autofree char *path = g_build_filename (camel_service_get_user_cache_dir (service), ".ev-store-summary", NULL);
  g_autoptr(GObject) object = NULL;
  CamelStoreSummary *summary;
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GPtrArray) stack = NULL;
  GPtrArray *infos;

  if (type == G_TYPE_INVALID || !g_type_is_a (type, CAMEL_TYPE_STORE_SUMMARY))
    return;
  object = g_object_new (type, NULL);
  summary = CAMEL_STORE_SUMMARY (object);
  camel_store_summary_set_filename (summary, path);
  if (camel_store_summary_load (summary) == -1)
    return;

  types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  infos = camel_store_summary_array (summary);
  for (guint i = 0; i < infos->len; i++)
    {
      CamelStoreInfo *si = infos->pdata[i];

      g_hash_table_insert (types, g_strdup (camel_store_info_path (summary, si)),
                           GUINT_TO_POINTER (si->flags & CAMEL_STORE_INFO_FOLDER_TYPE_MASK));
    }
  camel_store_summary_array_free (summary, infos);

  stack = g_ptr_array_new ();
  if (fi != NULL)
    g_ptr_array_add (stack, fi);
  while (stack->len > 0)
    {
      CamelFolderInfo *i = g_ptr_array_steal_index (stack, stack->len - 1);
      guint32 found = GPOINTER_TO_UINT (g_hash_table_lookup (types, i->full_name));

      if (found != 0 && (i->flags & CAMEL_FOLDER_TYPE_MASK) != CAMEL_FOLDER_TYPE_INBOX)
        i->flags = (i->flags & ~CAMEL_FOLDER_TYPE_MASK) | found;
      if (i->next != NULL)
        g_ptr_array_add (stack, i->next);
      if (i->child != NULL)
        g_ptr_array_add (stack, i->child);
    }
}

/* The account's folders as the server lists them now, with their special-use flags */
static CamelFolderInfo *
list_folders (CamelStore    *store,
              GCancellable  *cancellable,
              GError       **error)
{
  CamelFolderInfo *fi = camel_store_get_folder_info_sync (store, NULL,
                                                          CAMEL_STORE_FOLDER_INFO_RECURSIVE |
                                                          CAMEL_STORE_FOLDER_INFO_NO_VIRTUAL,
                                                          cancellable, error);

  apply_special_use (CAMEL_SERVICE (store), fi);

  return fi;
}

/* The first folder of a special-use type (\All, \Archive…), at any depth */
static const char *
find_folder_of_type (CamelFolderInfo *fi,
                     guint32          type)
{
  for (; fi != NULL; fi = fi->next)
    {
      const char *found;

      if ((fi->flags & CAMEL_FOLDER_TYPE_MASK) == type && (fi->flags & CAMEL_FOLDER_NOSELECT) == 0)
        return fi->full_name;
      if ((found = find_folder_of_type (fi->child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* Junk, Trash, Drafts and Outbox hold nothing to capture: by their special-use flags, else by
 * their name, for servers without SPECIAL-USE */
static gboolean
is_skipped_folder (CamelFolderInfo *fi)
{
  static const char *names[] = { "junk", "junk e-mail", "junk email", "spam", "bulk mail", "trash", "bin",
                                 "deleted items", "deleted messages", "drafts", "draft", "outbox", NULL };
  guint32 type = fi->flags & CAMEL_FOLDER_TYPE_MASK;
  const char *base = fi->display_name != NULL ? fi->display_name : fi->full_name;

  if (type == CAMEL_FOLDER_TYPE_JUNK || type == CAMEL_FOLDER_TYPE_TRASH || type == CAMEL_FOLDER_TYPE_DRAFTS ||
      type == CAMEL_FOLDER_TYPE_OUTBOX)
    return TRUE;
  if (type != CAMEL_FOLDER_TYPE_NORMAL)
    return FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (base, names[i]) == 0)
      return TRUE;

  return FALSE;
}

static const char *
folder_role (CamelFolderInfo *fi)
{
  guint32 type = fi->flags & CAMEL_FOLDER_TYPE_MASK;

  if (g_ascii_strcasecmp (fi->full_name, "INBOX") == 0 || type == CAMEL_FOLDER_TYPE_INBOX)
    return "inbox";
  if (type == CAMEL_FOLDER_TYPE_SENT)
    return "sent";

  return "archive";
}

static void
add_folder (GPtrArray  *names,
            GPtrArray  *roles,
            const char *name,
            const char *role)
{
  if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
    return;
  g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (roles, (gpointer) role);
}

/* @only: the folders the account is set to read, or %NULL for every folder worth reading */
static void
collect_folders (CamelFolderInfo    *fi,
                 const char * const *only,
                 GPtrArray          *names,
                 GPtrArray          *roles)
{
  for (; fi != NULL; fi = fi->next)
    {
      if ((fi->flags & (CAMEL_FOLDER_NOSELECT | CAMEL_FOLDER_VIRTUAL)) == 0 &&
          (only != NULL ? g_strv_contains (only, fi->full_name) : !is_skipped_folder (fi)))
        add_folder (names, roles, fi->full_name, folder_role (fi));
      collect_folders (fi->child, only, names, roles);
    }
}

/* Which folders make an account's history. On Gmail — a server with a special-use \All folder —
 * INBOX (for the Inbox) and All Mail, which holds everything else once: reading the labels too
 * would read each message once per label. Elsewhere INBOX and every folder but Junk, Trash and
 * Drafts, or the folders the account is set to read. Each name goes in @names, INBOX first,
 * and its role ("inbox", "sent" or "archive") in @roles.
 */
static void
choose_folders (CamelFolderInfo    *fi,
                const char * const *only,
                GPtrArray          *names,
                GPtrArray          *roles)
{
  const char *all = find_folder_of_type (fi, CAMEL_FOLDER_TYPE_ALL);

  add_folder (names, roles, "INBOX", "inbox");
  if (only != NULL)
    collect_folders (fi, only, names, roles);
  else if (all != NULL)
    add_folder (names, roles, all, "archive");
  else
    collect_folders (fi, NULL, names, roles);
}

/* The account's own addresses (its address and aliases), kept in the store for direction, and
 * its identity's name: who the user is (kith_store_dup_me()) */
static gboolean
update_own_addresses (KithMailCapture  *self,
                      ESource          *source,
                      GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->identity_lock);
  g_autoptr(KithMailAccount) account = kith_mail_account_new (e_source_get_uid (source));
  g_autoptr(GStrvBuilder) addresses = g_strv_builder_new ();
  g_auto(GStrv) own = NULL;

  /* Read and written under one lock: a sync that read the identity before an edit of its
   * aliases or name cannot then write the old ones over what the edit wrote. A new account
   * object, not the service's: that one belongs to the main thread, and this is a sync's. */
  kith_mail_account_update_from_source (account, kith_mail_session_get_registry (self->session), source);
  if (kith_mail_account_get_address (account) != NULL)
    g_strv_builder_add (addresses, kith_mail_account_get_address (account));
  if (kith_mail_account_get_aliases (account) != NULL)
    g_strv_builder_addv (addresses, (const char **) kith_mail_account_get_aliases (account));
  own = g_strv_builder_end (addresses);

  return kith_store_mail_account_set_identity (self->store, e_source_get_uid (source),
                                               kith_mail_account_get_name (account),
                                               (const char * const *) own, error);
}

/**
 * kith_mail_capture_read_identity:
 *
 * Reads an account's identity (its address, aliases and name) into the store now, as every
 * sync does: after it was edited, who the user is (kith_store_dup_me()) follows at once.
 */
gboolean
kith_mail_capture_read_identity (KithMailCapture  *self,
                                 const char       *account,
                                 GError          **error)
{
  g_autoptr(ESource) source = NULL;

  g_return_val_if_fail (KITH_IS_MAIL_CAPTURE (self), FALSE);

  source = e_source_registry_ref_source (kith_mail_session_get_registry (self->session), account);
  if (source == NULL || !e_source_has_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT))
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"), account);
      return FALSE;
    }

  return update_own_addresses (self, source, error);
}

static int
compare_uids (gconstpointer a,
              gconstpointer b)
{
  guint64 x = g_ascii_strtoull (*(const char * const *) a, NULL, 10);
  guint64 y = g_ascii_strtoull (*(const char * const *) b, NULL, 10);

  return x < y ? -1 : x > y;
}

static void retry_archives (KithMailCapture *self, const char *account, ESource *source, gboolean archive,
                            CamelStore *store, GCancellable *cancellable);
static gboolean log_messages (KithMailCapture *self, const char *account, guint max, GCancellable *cancellable,
                              GError **error);

/* The UIDs of @folder into @present, and those @known does not have into @fresh: in UID order,
 * which the store keeps, as messages are later fetched in it. Only the new ones are sorted:
 * camel_folder_sort_uids() would load every message's summary */
static void
find_fresh_uids (GPtrArray  *uids,
                 GHashTable *known,
                 GHashTable *present,
                 GPtrArray  *fresh)
{
  for (guint i = 0; i < uids->len; i++)
    {
      g_hash_table_add (present, uids->pdata[i]);
      if (!g_hash_table_contains (known, uids->pdata[i]))
        g_ptr_array_add (fresh, uids->pdata[i]);
    }
  g_ptr_array_sort (fresh, compare_uids);
}

/* Indexes one message's headers; one bad message is skipped, never the sync. Returns whether
 * it was indexed */
static gboolean
index_headers (KithMailCapture *self,
               KithMailHeaders *headers)
{
  g_autoptr(GError) local_error = NULL;
  gint64 row;

  row = kith_store_mail_index (self->store, headers, NULL, &local_error);
  if (row == 0)
    g_warning ("%s/%s: message %s not indexed: %s", headers->account, headers->folder, headers->uid,
               local_error->message);
  /* Seen elsewhere already (INBOX and All Mail): not read again here */
  else if (!kith_store_mail_note_copy (self->store, row, headers->account, headers->folder, headers->uid,
                                       &local_error))
    g_warning ("%s/%s: message %s: %s", headers->account, headers->folder, headers->uid, local_error->message);

  return local_error == NULL;
}

/* New messages of a folder: their UIDs, and their headers from Camel's summary of @folder or
 * read already into @read (of KithMailHeaders, in the UIDs' order) */
typedef struct {
  const char  *name;
  const char  *role;
  GPtrArray   *uids;
  CamelFolder *folder;
  GPtrArray   *read;
  guint        done;    /* of the folder's fresh ones, read before these */
  guint        total;   /* the folder's fresh ones; 0: these */
} Fresh;

static gboolean
index_fresh_one (KithMailCapture *self,
                 const char      *account,
                 const Fresh     *fresh,
                 guint            i)
{
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autoptr(KithMailHeaders) headers = NULL;

  if (fresh->read != NULL)
    return index_headers (self, g_ptr_array_index (fresh->read, i));

  info = camel_folder_get_message_info (fresh->folder, fresh->uids->pdata[i]);
  if (info == NULL)
    return FALSE;
  headers = kith_mail_mapping_headers (info, account, fresh->name, fresh->role);

  return index_headers (self, headers);
}

/* Indexes @fresh in transactions of BATCH messages. With @log_early, the first batch with
 * known people goes on the timeline as soon as it is indexed: the user sees mail arrive at
 * once. @out_all: whether every one was indexed */
static gboolean
index_fresh (KithMailCapture  *self,
             const char       *account,
             const Fresh      *fresh,
             gboolean         *log_early,
             gboolean         *out_all,
             GCancellable     *cancellable,
             GError          **error)
{
  guint n = fresh->uids->len;
  guint total = fresh->total > 0 ? fresh->total : n;
  gboolean ok = TRUE;
  guint in_batch = 0;

  if (fresh->done == 0)
    emit_progress (self, account, fresh->name, 0, total);
  for (guint i = 0; ok && i < n; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (in_batch == 0 && !kith_store_begin (self->store, error))
        return FALSE;

      if (!index_fresh_one (self, account, fresh, i))
        *out_all = FALSE;

      if (++in_batch == BATCH || i + 1 == n)
        {
          in_batch = 0;
          ok = kith_store_commit (self->store, error);
          emit_progress (self, account, fresh->name, fresh->done + i + 1, total);
          if (ok && *log_early)
            {
              *log_early = FALSE;
              ok = log_messages (self, account, LOG_BATCH, cancellable, error);
            }
        }
    }
  if (!ok && in_batch > 0)
    kith_store_rollback (self->store);

  return ok;
}

/* What the server no longer has in @folder: INBOX messages gone from it were handled
 * elsewhere, and copies gone are forgotten */
static gboolean
note_gone (KithMailCapture  *self,
           const char       *account,
           const char       *name,
           const char       *role,
           GHashTable       *present,
           GError          **error)
{
  if (g_str_equal (role, "inbox") &&
      kith_store_mail_mark_gone (self->store, account, name, present, error) == (guint) -1)
    return FALSE;

  return kith_store_mail_prune_copies (self->store, account, name, present, error);
}

typedef guint32 (*UidvalidityFunc) (GObject *mailbox);

/* camel_imapx_mailbox_get_uidvalidity(), from the IMAP provider Camel loaded (it installs no
 * header), or NULL */
static UidvalidityFunc
find_uidvalidity_func (CamelFolder *folder)
{
  static UidvalidityFunc func;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      Dl_info info = { 0, };
      void *module;

      if (dladdr ((void *) CAMEL_FOLDER_GET_CLASS (folder)->refresh_info_sync, &info) != 0 &&
          info.dli_fname != NULL && (module = dlopen (info.dli_fname, RTLD_LAZY | RTLD_NOLOAD)) != NULL)
        func = (UidvalidityFunc) dlsym (module, "camel_imapx_mailbox_get_uidvalidity");
      g_once_init_leave (&done, 1);
    }

  return func;
}

/* The UIDVALIDITY of the UIDs Camel's summary of @folder holds after a refresh (Camel empties
 * the summary when it changes), or 0 when it cannot be read */
static guint32
folder_uidvalidity (CamelFolder *folder)
{
  g_autoptr(GObject) mailbox = NULL;
  UidvalidityFunc func;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (folder), "CamelIMAPXFolder") ||
      g_object_class_find_property (G_OBJECT_GET_CLASS (folder), "mailbox") == NULL ||
      (func = find_uidvalidity_func (folder)) == NULL)
    return 0;

  g_object_get (folder, "mailbox", &mailbox, NULL);

  return mailbox != NULL && g_str_equal (G_OBJECT_TYPE_NAME (mailbox), "CamelIMAPXMailbox") ? func (mailbox) : 0;
}

typedef enum {
  PASS_NONE,    /* nothing moved: nothing to read */
  PASS_NEW,     /* only new UIDs came: those are read */
  PASS_FULL,    /* every UID compared with the store's, and those gone noted */
} Pass;

/* What @folder holds now into @now, its UIDs above @was's highest into @above, and how much
 * of it to read. UIDs only grow within a UIDVALIDITY, so the same count and highest UID are
 * the same UIDs, and a count grown by exactly the UIDs above the old highest means none went */
static Pass
choose_pass (CamelFolder                *folder,
             GPtrArray                  *uids,
             const KithMailFolderState  *was,
             KithMailFolderState        *now,
             GPtrArray                  *above)
{
  now->uidvalidity = folder_uidvalidity (folder);
  now->messages = uids->len;
  now->last_uid = 0;
  for (guint i = 0; i < uids->len; i++)
    {
      guint64 uid = g_ascii_strtoull (uids->pdata[i], NULL, 10);

      now->last_uid = MAX (now->last_uid, (guint32) MIN (uid, G_MAXUINT32));
      if (uid > was->last_uid)
        g_ptr_array_add (above, uids->pdata[i]);
    }

  if (now->uidvalidity == 0 || now->uidvalidity != was->uidvalidity)
    return PASS_FULL;
  if (now->messages == was->messages && now->last_uid == was->last_uid)
    return PASS_NONE;
  if (now->last_uid > was->last_uid && now->messages == was->messages + above->len)
    return PASS_NEW;

  return PASS_FULL;
}

/* The UIDs of @name the store has indexed, as a set of strings. After a UIDVALIDITY change the
 * store's UIDs name other messages: none, so that every UID is read again, and each message's
 * place updated */
static GHashTable *
read_known_uids (KithMailCapture            *self,
                 const char                 *account,
                 const char                 *name,
                 const KithMailFolderState  *was,
                 const KithMailFolderState  *now,
                 GError                    **error)
{
  if (was->uidvalidity != 0 && was->uidvalidity != now->uidvalidity)
    return g_hash_table_new (g_str_hash, g_str_equal);

  return kith_store_mail_known_uids (self->store, account, name, error);
}

/* The UIDs of @folder the store has not seen into @fresh, and all of them into @present */
static gboolean
find_unknown_uids (KithMailCapture            *self,
                   const char                 *account,
                   CamelFolder                *folder,
                   GPtrArray                  *uids,
                   const KithMailFolderState  *was,
                   const KithMailFolderState  *now,
                   GHashTable                 *present,
                   GPtrArray                  *fresh,
                   GError                    **error)
{
  g_autoptr(GHashTable) known = read_known_uids (self, account, camel_folder_get_full_name (folder), was, now, error);

  if (known == NULL)
    return FALSE;
  find_fresh_uids (uids, known, present, fresh);

  return TRUE;
}

/* Indexes the headers of @folder's new messages, and notes those gone: as much of the folder
 * as moved since it was last read whole (kith_store_mail_folder_state()) */
static gboolean
index_folder (KithMailCapture  *self,
              const char       *account,
              CamelFolder      *folder,
              const char       *role,
              gboolean         *log_early,
              GCancellable     *cancellable,
              GError          **error)
{
  const char *name = camel_folder_get_full_name (folder);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  KithMailFolderState was, now;
  gboolean ok, all = TRUE;
  GPtrArray *uids;
  Pass pass;

  if (!camel_folder_refresh_info_sync (folder, cancellable, error) ||
      !kith_store_mail_folder_state (self->store, account, name, &was, error))
    return FALSE;

  uids = camel_folder_get_uids (folder);
  pass = choose_pass (folder, uids, &was, &now, fresh);
  if (pass == PASS_NEW)
    g_ptr_array_sort (fresh, compare_uids);
  else
    g_ptr_array_set_size (fresh, 0);

  ok = pass != PASS_FULL || find_unknown_uids (self, account, folder, uids, &was, &now, present, fresh, error);
  ok = ok && index_fresh (self, account, &(Fresh) { name, role, fresh, folder, NULL }, log_early, &all,
                          cancellable, error);
  if (ok && pass == PASS_FULL)
    ok = note_gone (self, account, name, role, present, error);

  /* Camel's summary saved now, not by the next sync */
  if (ok && fresh->len > 0)
    camel_folder_synchronize_sync (folder, FALSE, cancellable, NULL);

  /* A message that could not be indexed is tried again by the next sync */
  if (ok && all && pass != PASS_NONE && now.uidvalidity != 0)
    ok = kith_store_mail_set_folder_state (self->store, account, name, &now, error);

  camel_folder_free_uids (folder, uids);

  return ok;
}

/* New messages' headers, as the server sends them */
typedef struct {
  const char *account;
  const char *name;
  const char *role;
  GArray     *arrived;     /* of Arrived */
  gboolean    unreadable;  /* one came without a Message-ID, or broken */
} Arrivals;

typedef struct {
  guint32          uid;
  KithMailHeaders *headers;
} Arrived;

static void
arrived_clear (Arrived *arrived)
{
  g_clear_pointer (&arrived->headers, kith_mail_headers_free);
}

static int
compare_arrived (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = ((const Arrived *) a)->uid;
  guint32 y = ((const Arrived *) b)->uid;

  return x < y ? -1 : x > y;
}

static void
on_arrived (guint32       uid,
            const char   *internaldate,
            const guint8 *header,
            gsize         len,
            gpointer      user_data)
{
  Arrivals *arrivals = user_data;
  g_autofree char *text = g_strdup_printf ("%u", uid);
  Arrived arrived = { uid, NULL };

  arrived.headers = kith_mail_mapping_raw_headers (header, len, internaldate, text, arrivals->account, arrivals->name,
                                                   arrivals->role);
  if (arrived.headers == NULL)
    arrivals->unreadable = TRUE;
  else
    g_array_append_val (arrivals->arrived, arrived);
}

/* Why reading a folder without Camel failed: a cancelled sync stops; a folder the server
 * refused or answered oddly is left to Camel; a broken connection is closed, and Camel reads
 * the rest of the sync */
static gboolean
quick_failed (KithMailCapture  *self,
              const char       *name,
              GError           *failure,
              GError          **error)
{
  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, failure);
      return FALSE;
    }
  if (g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_FAILED) ||
      g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    g_debug ("%s: read through Camel: %s", name, failure->message);
  else
    kith_mail_fetch_pool_drop_imap (self->pool, failure);
  g_error_free (failure);

  return TRUE;
}

/* The UIDs of @listed the store has not indexed into @fresh, and all of them, as the store
 * writes them, into @present */
static gboolean
find_unknown_listed (KithMailCapture            *self,
                     const char                 *account,
                     const char                 *name,
                     GArray                     *listed,
                     const KithMailFolderState  *was,
                     const KithMailFolderState  *now,
                     GHashTable                 *present,
                     GArray                     *fresh,
                     GError                    **error)
{
  g_autoptr(GHashTable) known = read_known_uids (self, account, name, was, now, error);

  if (known == NULL)
    return FALSE;
  for (guint i = 0; i < listed->len; i++)
    {
      guint32 uid = g_array_index (listed, guint32, i);
      char *text = g_strdup_printf ("%u", uid);

      if (!g_hash_table_contains (known, text))
        g_array_append_val (fresh, uid);
      g_hash_table_add (present, text);
    }

  return TRUE;
}

/* Indexes the messages of @uids (a slice of the folder's fresh ones, @done of @total read
 * before it) from their headers as the server sends them. A slice with a message that cannot be
 * told apart without Camel (no Message-ID) is left whole to Camel: @out_left is set. A message
 * gone meanwhile clears @out_whole, as one not indexed clears @out_all. The fetch failing sets
 * @out_fetch_error; the store failing fails */
static gboolean
read_slice (KithMailCapture  *self,
            KithMailImap     *imap,
            Arrivals         *arrivals,
            GArray           *uids,
            guint             done,
            guint             total,
            gboolean         *log_early,
            gboolean         *out_all,
            gboolean         *out_whole,
            gboolean         *out_left,
            GError          **out_fetch_error,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GPtrArray) read = NULL;
  GArray *arrived = arrivals->arrived;
  Fresh fresh = { arrivals->name, arrivals->role, NULL, NULL, NULL, done, total };

  g_array_set_size (arrived, 0);
  arrivals->unreadable = FALSE;
  if (!kith_mail_imap_fetch_headers_sync (imap, arrivals->name, uids, on_arrived, arrivals, cancellable,
                                          out_fetch_error))
    return TRUE;
  if (arrivals->unreadable)
    {
      *out_left = TRUE;
      return TRUE;
    }
  if (arrived->len != uids->len)
    *out_whole = FALSE;

  g_array_sort (arrived, compare_arrived);
  strings = g_ptr_array_new_full (arrived->len, g_free);
  read = g_ptr_array_new_full (arrived->len, (GDestroyNotify) kith_mail_headers_free);
  for (guint i = 0; i < arrived->len; i++)
    {
      Arrived *a = &g_array_index (arrived, Arrived, i);

      g_ptr_array_add (strings, g_strdup_printf ("%u", a->uid));
      g_ptr_array_add (read, g_steal_pointer (&a->headers));
    }
  fresh.uids = strings;
  fresh.read = read;

  return index_fresh (self, arrivals->account, &fresh, log_early, out_all, cancellable, error);
}

/* Reads a folder without Camel: capture's own connection asks what the folder holds (EXAMINE,
 * then `UID SEARCH` above the highest UID the store read, or of every UID when the folder was
 * never read whole or did not only grow), and `UID FETCH` brings the headers of the messages
 * the store does not have, SLICE_FIRST of them first, then QUICK_MAX at a time, each slice
 * indexed (and the first logged) as it comes. Camel's refresh fetches every message's headers
 * into its summary before it answers (camel_imapx_server_refresh_info_sync ()): on a large
 * INBOX, seconds before the first message and its whole summary in memory. Left to Camel
 * (@out_read stays FALSE): a folder the server refuses here, a UID list too long for one line,
 * a broken connection (for the rest of the sync), and a slice with a message without a
 * Message-ID, which Camel then reads with whatever else this left */
static gboolean
read_folder (KithMailCapture  *self,
             const char       *account,
             const char       *name,
             const char       *role,
             gboolean         *log_early,
             gboolean         *out_read,
             GCancellable     *cancellable,
             GError          **error)
{
  g_autoptr(GArray) listed = NULL;
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) arrived = g_array_new (FALSE, TRUE, sizeof (Arrived));
  g_autoptr(GHashTable) present = NULL;
  g_autoptr(GError) local_error = NULL;
  Arrivals arrivals = { account, name, role, arrived, FALSE };
  KithMailFolderState was, now = { 0, };
  KithMailImap *imap;
  gboolean grown, all = TRUE, whole = TRUE, left = FALSE;
  guint done = 0;

  *out_read = FALSE;
  g_array_set_clear_func (arrived, (GDestroyNotify) arrived_clear);
  if (!kith_store_mail_folder_state (self->store, account, name, &was, error))
    return FALSE;
  if ((imap = kith_mail_fetch_pool_get_imap (self->pool)) == NULL)
    return TRUE;

  listed = kith_mail_imap_list_new_sync (imap, name, was.uidvalidity != 0 ? was.last_uid : 0, &now.uidvalidity,
                                         &now.messages, cancellable, &local_error);
  grown = listed != NULL && was.uidvalidity != 0 && now.uidvalidity == was.uidvalidity &&
          now.messages == was.messages + listed->len;
  /* Not only grown: every UID, to compare with the store's and to note those gone */
  if (listed != NULL && !grown && was.uidvalidity != 0)
    {
      g_clear_pointer (&listed, g_array_unref);
      listed = kith_mail_imap_list_new_sync (imap, name, 0, &now.uidvalidity, &now.messages, cancellable,
                                             &local_error);
    }
  if (listed == NULL)
    return quick_failed (self, name, g_steal_pointer (&local_error), error);

  if (grown)
    {
      if (listed->len == 0)
        {
          *out_read = TRUE;
          return TRUE;
        }
      g_array_append_vals (fresh, listed->data, listed->len);
    }
  else
    {
      present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!find_unknown_listed (self, account, name, listed, &was, &now, present, fresh, error))
        return FALSE;
    }
  now.last_uid = listed->len > 0 ? g_array_index (listed, guint32, listed->len - 1) : 0;

  while (done < fresh->len)
    {
      guint n = MIN (done == 0 ? SLICE_FIRST : QUICK_MAX, fresh->len - done);
      g_autoptr(GArray) slice = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);

      g_array_append_vals (slice, &g_array_index (fresh, guint32, done), n);
      /* Logging the first slice's mail may have lost the connection: Camel reads the rest */
      if ((imap = kith_mail_fetch_pool_get_imap (self->pool)) == NULL)
        return TRUE;
      if (!read_slice (self, imap, &arrivals, slice, done, fresh->len, log_early, &all, &whole, &left,
                       &local_error, cancellable, error))
        return FALSE;
      /* What is not indexed yet is read by Camel now, or by the next sync */
      if (local_error != NULL)
        return quick_failed (self, name, g_steal_pointer (&local_error), error);
      done += n;
    }

  if (present != NULL && !note_gone (self, account, name, role, present, error))
    return FALSE;
  if (left)
    {
      g_debug ("%s/%s: a message without a Message-ID: left to Camel", account, name);
      return TRUE;
    }
  /* A message that could not be indexed, or gone meanwhile, is looked for again next time */
  if (all && whole && !kith_store_mail_set_folder_state (self->store, account, name, &now, error))
    return FALSE;

  g_debug ("%s/%s: %u of %u read without Camel", account, name, fresh->len, now.messages);
  *out_read = TRUE;
  return TRUE;
}

/* Puts on the timeline every indexed message the store now wants there, with its text: the
 * texts are fetched a batch at a time, several at once, and each batch is written in one
 * transaction */
/* @max: stop after about this many (0: all) */
static gboolean
log_messages (KithMailCapture  *self,
              const char       *account,
              guint             max,
              GCancellable     *cancellable,
              GError          **error)
{
  KithMailFetch fetches[LOG_BATCH] = { { 0 } };
  KithMailFetchPool *pool = self->pool;
  gboolean ok = TRUE;
  gint64 after = 0;
  guint done = 0;

  /* A page of the list at a time: a first sync may have tens of thousands to log */
  while (ok)
    {
      g_autoptr(GPtrArray) pending = NULL;
      guint n;

      if (max > 0 && done >= max)
        break;
      pending = kith_store_mail_unlogged (self->store, account, after, max > 0 ? MIN (LOG_PAGE, max - done) : LOG_PAGE,
                                          error);

      if (pending == NULL)
        {
          ok = FALSE;
          break;
        }
      n = pending->len;
      if (n == 0)
        break;
      after = ((KithMailUnlogged *) g_ptr_array_index (pending, n - 1))->id;

      for (guint first = 0; ok && first < n; first += LOG_BATCH)
        {
          guint count = MIN (LOG_BATCH, n - first);

          for (guint k = 0; ok && k < count; k++)
            {
              KithMailUnlogged *m = g_ptr_array_index (pending, first + k);

              fetches[k].folder = g_strdup (m->folder);
              fetches[k].uid = g_strdup (m->uid);
              fetches[k].message_id = g_strdup (m->message_id);
            }

          if (ok)
            ok = kith_mail_fetch_pool_run (pool, account, fetches, count, error);
          if (ok)
            {
              kith_mail_fetch_write (self->store, account, pending, first, fetches, count);
              done += count;
              emit_progress (self, account, NULL, done, done + (n - first - count));
            }
          for (guint k = 0; k < count; k++)
            kith_mail_fetch_clear (&fetches[k]);
        }
    }

  return ok;
}

/* News of an account's INBOX, for the capture's context: the capture may be gone by then */
typedef struct {
  GWeakRef  capture;
  char     *account;
} News;

static void
news_free (News *news)
{
  g_weak_ref_clear (&news->capture);
  g_free (news->account);
  g_free (news);
}

static News *
news_new (KithMailCapture *self,
          const char      *account)
{
  News *news = g_new0 (News, 1);

  g_weak_ref_init (&news->capture, self);
  news->account = g_strdup (account);

  return news;
}

static void announce (KithMailCapture *self, const char *account);

static gboolean
on_news_cb (gpointer data)
{
  News *news = data;
  g_autoptr(KithMailCapture) self = g_weak_ref_get (&news->capture);

  if (self == NULL || self->cancellable == NULL)
    return G_SOURCE_REMOVE;
  if (kith_mail_capture_is_busy (self))
    announce (self, news->account);
  else
    kith_mail_capture_sync_async (self, news->account, self->cancellable, NULL, NULL);

  return G_SOURCE_REMOVE;
}

/* New mail announced by the server: sync now, or once the sync that runs has ended (it may have
 * read the INBOX already). Called on any thread */
static void
announce (KithMailCapture *self,
          const char      *account)
{
  gboolean later;

  g_mutex_lock (&self->watch_lock);
  later = kith_mail_capture_is_busy (self);
  if (later)
    g_hash_table_add (self->news, g_strdup (account));
  g_mutex_unlock (&self->watch_lock);

  if (!later)
    invoke_later (self, G_PRIORITY_DEFAULT_IDLE, on_news_cb, news_new (self, account), (GDestroyNotify) news_free);
}

/* After a sync: the news that came during it is synced now */
static void
announce_held_news (KithMailCapture *self)
{
  g_autoptr(GHashTable) held = NULL;
  GHashTableIter iter;
  gpointer account;

  g_mutex_lock (&self->watch_lock);
  held = g_steal_pointer (&self->news);
  self->news = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_unlock (&self->watch_lock);

  g_hash_table_iter_init (&iter, held);
  while (g_hash_table_iter_next (&iter, &account, NULL))
    announce (self, account);
}

/* How an account's INBOX is watched while capture runs in the background: IDLE on a connection
 * of capture's own, in a thread of its own; or, where that connection cannot be made, Camel's
 * folder kept open, whose IDLE Camel runs (it reads the folder through Camel first) */
typedef struct {
  KithMailCapture *self;         /* the watch is ended before the capture goes */
  char            *account;
  char            *folder;
  CamelService    *service;
  GCancellable    *cancellable;
  GThread         *thread;
  CamelFolder     *camel_folder;
} Watch;

static void
watch_free (Watch *watch)
{
  if (watch->thread != NULL)
    {
      g_cancellable_cancel (watch->cancellable);
      g_thread_join (watch->thread);
    }
  if (watch->camel_folder != NULL)
    {
      g_signal_handlers_disconnect_by_data (watch->camel_folder, watch);
      g_object_unref (watch->camel_folder);
    }
  g_clear_object (&watch->cancellable);
  g_clear_object (&watch->service);
  g_free (watch->account);
  g_free (watch->folder);
  g_free (watch);
}

/* Waits @seconds, or less when @cancellable is cancelled */
static void
pause_cancellable (GCancellable *cancellable,
                   guint         seconds)
{
  GPollFD fd;

  if (!g_cancellable_make_pollfd (cancellable, &fd))
    {
      for (guint i = 0; i < seconds && !g_cancellable_is_cancelled (cancellable); i++)
        g_usleep (G_USEC_PER_SEC);
      return;
    }
  g_poll (&fd, 1, (int) seconds * 1000);
  g_cancellable_release_fd (cancellable);
}

/* Whether the folder holds another count of messages than when the store last read it */
static gboolean
folder_moved (Watch   *watch,
              guint32  messages)
{
  KithMailFolderState state;

  return kith_store_mail_folder_state (watch->self->store, watch->account, watch->folder, &state, NULL) &&
         state.messages != messages;
}

/* Keeps a connection in IDLE on the INBOX, and syncs the account when mail comes or goes. A
 * lost connection is made again, after a pause that grows with each failure; a server that
 * refuses the sign-in or has no IDLE leaves the account to the timer */
static gpointer
watch_thread (gpointer data)
{
  Watch *watch = data;
  guint failures = 0;

  while (!g_cancellable_is_cancelled (watch->cancellable))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithMailImap) imap = kith_mail_imap_connect_sync (watch->service, watch->cancellable, &error);
      gboolean news = FALSE;
      guint32 messages = 0;

      /* What came while nobody watched (before the first wait, or while the connection was
       * down) is told by the count: the store's is the folder's as last read */
      if (imap != NULL && !kith_mail_imap_select_sync (imap, watch->folder, &messages, watch->cancellable, &error))
        g_clear_pointer (&imap, kith_mail_imap_free);
      if (imap != NULL && folder_moved (watch, messages))
        announce (watch->self, watch->account);

      while (imap != NULL && kith_mail_imap_idle_sync (imap, watch->folder, IDLE_SECONDS, &news, watch->cancellable,
                                                       &error))
        {
          failures = 0;
          if (news)
            announce (watch->self, watch->account);
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        break;
      g_debug ("%s: watching %s again after a pause: %s", watch->account, watch->folder, error->message);
      pause_cancellable (watch->cancellable, MIN (10u << MIN (failures, 5u), 300u));
      failures++;
    }

  return NULL;
}

static void
on_inbox_changed_cb (CamelFolder           *folder,
                     CamelFolderChangeInfo *changes,
                     Watch                 *watch)
{
  announce (watch->self, watch->account);
}

/* While capture runs in the background, each INBOX is watched, so that new mail comes in at
 * once: with IDLE on a connection of capture's own when @own, else through Camel's @folder */
static void
watch_inbox (KithMailCapture *self,
             const char      *account,
             CamelService    *service,
             const char      *name,
             gboolean         own,
             CamelFolder     *folder)
{
  g_mutex_lock (&self->watch_lock);
  if (self->watched != NULL && !g_hash_table_contains (self->watched, account))
    {
      Watch *watch = g_new0 (Watch, 1);

      watch->self = self;
      watch->account = g_strdup (account);
      watch->folder = g_strdup (name);
      if (own)
        {
          watch->service = g_object_ref (service);
          watch->cancellable = g_cancellable_new ();
          watch->thread = g_thread_new ("kith-mail-idle", watch_thread, watch);
        }
      else
        {
          watch->camel_folder = g_object_ref (folder);
          g_signal_connect (folder, "changed", G_CALLBACK (on_inbox_changed_cb), watch);
        }
      g_hash_table_insert (self->watched, g_strdup (account), watch);
    }
  g_mutex_unlock (&self->watch_lock);
}

/* The account's capture settings, after its identity is read: who the user is comes also from
 * an account whose mail is not captured */
static KithMailAccount *
read_account (KithMailCapture  *self,
              const char       *account,
              ESource         **out_source,
              GError          **error)
{
  ESourceRegistry *registry = kith_mail_session_get_registry (self->session);
  g_autoptr(ESource) source = registry != NULL ? e_source_registry_ref_source (registry, account) : NULL;
  KithMailAccount *settings;

  if (source == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"), account);
      return NULL;
    }
  if (!update_own_addresses (self, source, error))
    return NULL;
  settings = kith_store_mail_account_get (self->store, account, error);
  if (settings != NULL)
    *out_source = g_steal_pointer (&source);

  return settings;
}

/* Connects to the account's IMAP store, and chooses the folders to read into @names and @roles */
static CamelService *
connect_account (KithMailCapture  *self,
                 ESource          *source,
                 KithMailAccount  *settings,
                 GPtrArray        *names,
                 GPtrArray        *roles,
                 GCancellable     *cancellable,
                 GError          **error)
{
  g_autoptr(CamelService) service = NULL;
  CamelFolderInfo *fi;

  service = kith_mail_session_ref_service (self->session, source, "imapx", CAMEL_PROVIDER_STORE, error);
  if (service == NULL || !kith_mail_session_connect_sync (self->session, service, cancellable, error))
    return NULL;

  fi = list_folders (CAMEL_STORE (service), cancellable, error);
  if (fi == NULL)
    return NULL;
  choose_folders (fi, kith_mail_account_get_folders (settings), names, roles);
  camel_folder_info_free (fi);

  return g_steal_pointer (&service);
}

/* Whether capture runs in the background and does not yet keep @account's INBOX open */
static gboolean
wants_inbox (KithMailCapture *self,
             const char      *account)
{
  gboolean wants;

  g_mutex_lock (&self->watch_lock);
  wants = self->watched != NULL && !g_hash_table_contains (self->watched, account);
  g_mutex_unlock (&self->watch_lock);

  return wants;
}

/* Whether @account's INBOX can be watched on a connection of capture's own, which then says
 * whether the server has IDLE */
static gboolean
can_watch_own (KithMailCapture *self)
{
  KithMailImap *imap = kith_mail_fetch_pool_get_imap (self->pool);

  return imap != NULL && kith_mail_imap_can_idle (imap);
}

/* Indexes the chosen folders in turn; mail with people Kith knows goes on the timeline folder
 * by folder, without waiting for the others. Each is read without Camel where it can be */
static gboolean
index_folders (KithMailCapture  *self,
               const char       *account,
               CamelStore       *store,
               GHashTable       *open,
               GPtrArray        *names,
               GPtrArray        *roles,
               GCancellable     *cancellable,
               GError          **error)
{
  gboolean log_early = TRUE;

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(CamelFolder) folder = NULL;
      gboolean watch = g_str_equal (roles->pdata[i], "inbox") && wants_inbox (self, account);
      /* An INBOX watched through Camel is read through Camel once, whose refresh selects it:
       * Camel's IDLE then runs on it */
      gboolean own = watch && can_watch_own (self);
      gboolean read = FALSE;

      if (!read_folder (self, account, names->pdata[i], roles->pdata[i], &log_early, &read, cancellable, error) ||
          (read && !log_messages (self, account, 0, cancellable, error)))
        return FALSE;
      if (!read || (watch && !own))
        {
          folder = kith_mail_fetch_ref_folder (store, open, names->pdata[i], cancellable, error);
          if (folder == NULL ||
              !index_folder (self, account, folder, roles->pdata[i], &log_early, cancellable, error) ||
              !log_messages (self, account, 0, cancellable, error))
            return FALSE;
        }

      if (watch)
        watch_inbox (self, account, CAMEL_SERVICE (store), names->pdata[i], own, folder);
    }

  return TRUE;
}

/* A folder the account is set to read and the server does not have: the rest is read, and
 * the account says which one is missing */
static gboolean
check_folders_found (const char * const  *only,
                     GPtrArray           *names,
                     GError             **error)
{
  for (guint i = 0; only != NULL && only[i] != NULL; i++)
    {
      if (!g_ptr_array_find_with_equal_func (names, only[i], g_str_equal, NULL))
        {
          g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND,
                       _("The folder “%s” that this account is set to read is not on the server"), only[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
sync_account_locked (KithMailCapture  *self,
                     const char       *account,
                     GCancellable     *cancellable,
                     GError          **error)
{
  g_autoptr(ESource) source = NULL;
  g_autoptr(KithMailAccount) settings = NULL;
  g_autoptr(CamelService) service = NULL;
  g_autoptr(GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) roles = g_ptr_array_new ();
  gint64 last_row;
  gboolean ok;

  settings = read_account (self, account, &source, error);
  if (settings == NULL)
    return FALSE;
  if (!kith_mail_account_get_capture (settings))
    return TRUE;
  last_row = kith_store_mail_last_row (self->store, account);

  service = connect_account (self, source, settings, names, roles, cancellable, error);
  if (service == NULL)
    return FALSE;

  /* Done in Kith, not yet archived on the server: before INBOX is read, which then finds them
   * gone from it */
  retry_archives (self, account, source, kith_mail_account_get_archive (settings), CAMEL_STORE (service),
                  cancellable);

  self->pool = kith_mail_fetch_pool_new (FETCH_THREADS, service, open, cancellable);
  ok = index_folders (self, account, CAMEL_STORE (service), open, names, roles, cancellable, error) &&
       kith_store_mail_create_contacts (self->store, account, last_row, error) != (guint) -1 &&
       log_messages (self, account, 0, cancellable, error) &&
       check_folders_found (kith_mail_account_get_folders (settings), names, error);
  g_clear_pointer (&self->pool, kith_mail_fetch_pool_free);

  return ok;
}

/**
 * kith_mail_capture_sync_account:
 *
 * Syncs one account, blocking: for worker threads, kith-cli and tests. The first sync pulls
 * the folders' history; later ones only what changed.
 */
gboolean
kith_mail_capture_sync_account (KithMailCapture  *self,
                                const char       *account,
                                GCancellable     *cancellable,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_MAIL_CAPTURE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  g_mutex_lock (&self->sync_lock);
  g_atomic_int_inc (&self->busy);
  ok = sync_account_locked (self, account, cancellable, &local_error);
  g_atomic_int_dec_and_test (&self->busy);
  g_mutex_unlock (&self->sync_lock);
  announce_held_news (self);

  kith_store_mail_account_record_sync (self->store, account, ok ? NULL : local_error->message);
  emit_synced (self, account, ok ? NULL : local_error);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (kith_mail_capture_sync_account (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kith_mail_capture_sync_async (KithMailCapture     *self,
                              const char          *account,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kith_mail_capture_sync_async);
  g_task_set_task_data (task, g_strdup (account), g_free);
  g_task_run_in_thread (task, sync_thread);
}

gboolean
kith_mail_capture_sync_finish (KithMailCapture  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Where Done puts a message: the folder flagged \Archive; on Gmail (a folder flagged \All) All
 * Mail, which takes the message out of INBOX and makes no label; else the archive folder the
 * account names, else "Archive", created when missing */
static CamelFolder *
ref_archive_folder (CamelStore    *store,
                    ESource       *source,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) local_error = NULL;
  CamelFolderInfo *fi;
  CamelFolder *folder;

  fi = list_folders (store, cancellable, NULL);
  name = g_strdup (find_folder_of_type (fi, CAMEL_FOLDER_TYPE_ARCHIVE));
  if (name == NULL)
    name = g_strdup (find_folder_of_type (fi, CAMEL_FOLDER_TYPE_ALL));
  if (fi != NULL)
    camel_folder_info_free (fi);

  if (name == NULL && e_source_has_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT))
    {
      ESourceMailAccount *ext = e_source_get_extension (source, E_SOURCE_EXTENSION_MAIL_ACCOUNT);
      const char *uri = e_source_mail_account_get_archive_folder (ext);
      g_autofree char *prefix = g_strdup_printf ("folder://%s/", e_source_get_uid (source));

      if (uri != NULL && g_str_has_prefix (uri, prefix))
        name = g_uri_unescape_string (uri + strlen (prefix), NULL);
    }
  if (name == NULL)
    name = g_strdup ("Archive");

  folder = camel_store_get_folder_sync (store, name, 0, cancellable, &local_error);
  if (folder == NULL && g_error_matches (local_error, CAMEL_STORE_ERROR, CAMEL_STORE_ERROR_NO_FOLDER))
    {
      CamelFolderInfo *created;

      g_clear_error (&local_error);
      created = camel_store_create_folder_sync (store, NULL, name, cancellable, error);
      if (created == NULL)
        return NULL;
      camel_folder_info_free (created);
      folder = camel_store_get_folder_sync (store, name, 0, cancellable, error);
    }
  else if (folder == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return folder;
}

/* Moves one message from INBOX to the archive, on a connected store; one that is no longer in
 * INBOX is left where it is */
static gboolean
archive_locked (CamelStore           *store,
                ESource              *source,
                const KithMailPlace  *place,
                GCancellable         *cancellable,
                GError              **error)
{
  const char *name = kith_mail_place_get_folder (place) != NULL ? kith_mail_place_get_folder (place) : "INBOX";
  const char *uid = kith_mail_place_get_uid (place);
  const char *message_id = kith_mail_place_get_message_id (place);
  g_autoptr(CamelFolder) inbox = NULL;
  g_autoptr(CamelFolder) archive = NULL;
  g_autoptr(CamelMessageInfo) info = NULL;
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);

  inbox = camel_store_get_folder_sync (store, name, 0, cancellable, error);
  if (inbox == NULL || !camel_folder_refresh_info_sync (inbox, cancellable, error))
    return FALSE;

  /* The UID may be stale (the server renumbered): find the message by its Message-ID */
  if (uid != NULL && (info = camel_folder_get_message_info (inbox, uid)) != NULL &&
      g_strcmp0 (camel_message_info_get_user_header (info, "Message-ID"), message_id) == 0)
    g_ptr_array_add (uids, g_strdup (uid));
  else if (message_id != NULL)
    {
      GPtrArray *all = camel_folder_get_uids (inbox);

      for (guint i = 0; i < all->len && uids->len == 0; i++)
        {
          g_autoptr(CamelMessageInfo) mi = camel_folder_get_message_info (inbox, all->pdata[i]);
          g_autofree char *id = mi != NULL ? kith_mail_mapping_message_id (camel_message_info_get_user_header (mi, "Message-ID")) : NULL;

          if (g_strcmp0 (id, message_id) == 0)
            g_ptr_array_add (uids, g_strdup (all->pdata[i]));
        }
      camel_folder_free_uids (inbox, all);
    }

  /* Already gone from INBOX: nothing to move */
  if (uids->len == 0)
    return TRUE;

  archive = ref_archive_folder (store, source, cancellable, error);

  return archive != NULL &&
         camel_folder_transfer_messages_to_sync (inbox, uids, archive, TRUE, NULL, cancellable, error) &&
         camel_folder_synchronize_sync (inbox, FALSE, cancellable, error);
}

/* Keeps the outcome in the store's queue: archived, the message leaves it; failed, it stays
 * there for the next sync to retry */
static void
record_archive (KithMailCapture     *self,
                const KithMailPlace *place,
                const GError        *error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!kith_store_mail_archive_record (self->store, place, error != NULL ? error->message : NULL, &local_error))
    g_warning ("Could not keep the archive of %s: %s",
               kith_mail_place_get_message_id (place) != NULL ? kith_mail_place_get_message_id (place) : "",
               local_error->message);
}

/* The messages Done in Kith that the server has not archived yet (it failed, or Kith quit
 * first); with archive on Done turned off since, they stay where they are */
static void
retry_archives (KithMailCapture *self,
                const char      *account,
                ESource         *source,
                gboolean         archive,
                CamelStore      *store,
                GCancellable    *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pending = kith_store_mail_archive_pending (self->store, account, &error);

  if (pending == NULL)
    {
      g_warning ("%s: %s", account, error->message);
      return;
    }

  for (guint i = 0; i < pending->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      KithMailPlace *place = g_ptr_array_index (pending, i);
      g_autoptr(GError) local_error = NULL;

      if (archive && !archive_locked (store, source, place, cancellable, &local_error))
        g_debug ("%s: archiving %s failed again: %s", account,
                 kith_mail_place_get_message_id (place), local_error->message);
      record_archive (self, place, local_error);
    }
}

/**
 * kith_mail_capture_archive:
 * @place: where the message is, as kith_store_inbox_set_done() gives it when the account
 *   archives on Done
 *
 * Done in the Inbox: moves the message from INBOX to the account's archive on the server. A
 * failure is kept in the store and retried by the next sync.
 */
gboolean
kith_mail_capture_archive (KithMailCapture      *self,
                           const KithMailPlace  *place,
                           GCancellable         *cancellable,
                           GError              **error)
{
  ESourceRegistry *registry = kith_mail_session_get_registry (self->session);
  const char *account = kith_mail_place_get_account (place);
  g_autoptr(ESource) source = account != NULL && registry != NULL ? e_source_registry_ref_source (registry, account) : NULL;
  g_autoptr(CamelService) service = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (source == NULL)
    {
      g_set_error (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_NOT_FOUND, _("The account “%s” no longer exists"),
                   account != NULL ? account : "");
      return FALSE;
    }

  g_mutex_lock (&self->sync_lock);
  service = kith_mail_session_ref_service (self->session, source, "imapx", CAMEL_PROVIDER_STORE, &local_error);
  ok = service != NULL && kith_mail_session_connect_sync (self->session, service, cancellable, &local_error) &&
       archive_locked (CAMEL_STORE (service), source, place, cancellable, &local_error);
  record_archive (self, place, local_error);
  g_mutex_unlock (&self->sync_lock);

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

static void
archive_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (kith_mail_capture_archive (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kith_mail_capture_archive_async (KithMailCapture     *self,
                                 const KithMailPlace *place,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, kith_mail_capture_archive_async);
  g_task_set_task_data (task, kith_mail_place_copy (place), (GDestroyNotify) kith_mail_place_free);
  g_task_run_in_thread (task, archive_thread);
}

gboolean
kith_mail_capture_archive_finish (KithMailCapture  *self,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
delete_tree (const char  *path,
             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not remove “%s”: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (!delete_tree (child, error))
        return FALSE;
    }

  if (g_rmdir (path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not remove “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/**
 * kith_mail_capture_remove_account:
 *
 * Removes an account from this computer, blocking: from evolution-data-server (its identity,
 * transport and password too) and Camel's data and cache of it (folder summaries and message
 * bodies, easily tens of megabytes). What Kith captured from it stays.
 */
gboolean
kith_mail_capture_remove_account (KithMailCapture  *self,
                                  const char       *account,
                                  GCancellable     *cancellable,
                                  GError          **error)
{
  CamelSession *session = CAMEL_SESSION (self->session);
  g_autoptr(CamelService) service = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;
  Watch *watch;
  gboolean ok;

  g_return_val_if_fail (KITH_IS_MAIL_CAPTURE (self), FALSE);

  if (!kith_mail_account_remove_sync (kith_mail_session_get_registry (self->session), account, cancellable, error))
    return FALSE;

  /* Its INBOX is no longer watched, and no sync of it runs while its files go */
  g_mutex_lock (&self->watch_lock);
  watch = self->watched != NULL ? g_hash_table_lookup (self->watched, account) : NULL;
  if (watch != NULL)
    g_hash_table_steal (self->watched, account);
  g_mutex_unlock (&self->watch_lock);
  g_clear_pointer (&watch, watch_free);

  g_mutex_lock (&self->sync_lock);
  service = camel_session_ref_service (session, account);
  if (service != NULL)
    {
      camel_service_disconnect_sync (service, FALSE, NULL, NULL);
      camel_session_remove_service (session, service);
    }
  cache = g_build_filename (camel_session_get_user_cache_dir (session), account, NULL);
  data = g_build_filename (camel_session_get_user_data_dir (session), account, NULL);
  ok = delete_tree (cache, error) && delete_tree (data, error);
  g_mutex_unlock (&self->sync_lock);

  return ok;
}

/* Background capture: every account with capture on, one after the other, on a timer */
static void
sync_all_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  KithMailCapture *self = source_object;
  GList *sources = kith_mail_accounts_list_sources (kith_mail_session_get_registry (self->session));

  for (GList *l = sources; l != NULL && !g_cancellable_is_cancelled (cancellable); l = l->next)
    {
      const char *uid = e_source_get_uid (l->data);
      g_autoptr(GError) error = NULL;

      if (!kith_mail_capture_sync_account (self, uid, cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Sync of %s failed: %s", uid, error->message);
    }
  g_list_free_full (sources, g_object_unref);
  g_task_return_boolean (task, TRUE);
}

static gboolean
on_timer_cb (gpointer data)
{
  KithMailCapture *self = data;
  g_autoptr(GTask) task = NULL;

  if (kith_mail_capture_is_busy (self))
    return G_SOURCE_CONTINUE;

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, on_timer_cb);
  g_task_run_in_thread (task, sync_all_thread);

  return G_SOURCE_CONTINUE;
}

/**
 * kith_mail_capture_start:
 * @interval_seconds: how often every account is synced
 *
 * Syncs every captured account now, then on a timer, off the main thread.
 */
void
kith_mail_capture_start (KithMailCapture *self,
                         guint            interval_seconds)
{
  g_return_if_fail (KITH_IS_MAIL_CAPTURE (self));

  kith_mail_capture_stop (self);
  self->cancellable = g_cancellable_new ();
  g_mutex_lock (&self->watch_lock);
  self->watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) watch_free);
  g_mutex_unlock (&self->watch_lock);
  on_timer_cb (self);
  self->timer_id = g_timeout_add_seconds (MAX (interval_seconds, 30), on_timer_cb, self);
}

void
kith_mail_capture_stop (KithMailCapture *self)
{
  GHashTable *watched;

  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* The watches end (their threads joined) outside the lock */
  g_mutex_lock (&self->watch_lock);
  watched = g_steal_pointer (&self->watched);
  g_mutex_unlock (&self->watch_lock);
  g_clear_pointer (&watched, g_hash_table_unref);
}

gboolean
kith_mail_capture_is_busy (KithMailCapture *self)
{
  return g_atomic_int_get (&self->busy) > 0;
}

static void
kith_mail_capture_dispose (GObject *object)
{
  KithMailCapture *self = KITH_MAIL_CAPTURE (object);

  kith_mail_capture_stop (self);

  G_OBJECT_CLASS (kith_mail_capture_parent_class)->dispose (object);
}

static void
kith_mail_capture_finalize (GObject *object)
{
  KithMailCapture *self = KITH_MAIL_CAPTURE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->news, g_hash_table_unref);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->sync_lock);
  g_mutex_clear (&self->watch_lock);
  g_mutex_clear (&self->identity_lock);

  G_OBJECT_CLASS (kith_mail_capture_parent_class)->finalize (object);
}

static void
kith_mail_capture_class_init (KithMailCaptureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_mail_capture_dispose;
  object_class->finalize = kith_mail_capture_finalize;

  /**
   * KithMailCapture::progress:
   * @folder: (nullable): the folder being read, or %NULL while messages are logged
   *
   * Emitted in the main context the capture was made in.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * KithMailCapture::synced:
   * @error_message: (nullable): why the sync failed, or %NULL
   */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
kith_mail_capture_init (KithMailCapture *self)
{
  g_mutex_init (&self->sync_lock);
  g_mutex_init (&self->watch_lock);
  g_mutex_init (&self->identity_lock);
  self->news = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_ref_thread_default ();
}

KithMailCapture *
kith_mail_capture_new (KithStore       *store,
                       KithMailSession *session)
{
  KithMailCapture *self = g_object_new (KITH_TYPE_MAIL_CAPTURE, NULL);

  self->store = g_object_ref (store);
  self->session = g_object_ref (session);

  return self;
}
