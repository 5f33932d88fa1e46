/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailAccount: a mail account as Preferences shows it — what evolution-data-server says
 * of it (its address, your name and aliases on it), Kith's settings for it (whether it is
 * captured, whether two-way conversations create contacts, whether Done archives on the
 * server, its organisation's domains, the folders read), how its last sync went and what its
 * sync is doing now. The mail service keeps one per account up to date; settings are saved on
 * the store's worker, never cancelled.
 *
 * A draft (kith_mail_account_new_draft()) is an account not added yet: the address, name,
 * servers and user the account dialog was given, for kith_mail_service_add_account_async().
 * Its password is never a property: it goes to the keyring, passed on its own.
 */

#define G_LOG_DOMAIN "KithMailAccount"

#include "config.h"

#include "kith-enums.h"
#include "kith-mail.h"
#include "kith-mail-account.h"
#include "kith-model-task.h"
#include "kith-object-util.h"

struct _KithMailAccount
{
  GObject   parent_instance;

  char     *uid;
  char     *title;
  char     *address;
  char     *name;
  char     *user;
  char     *imap_host;
  guint     imap_port;
  char     *smtp_host;
  guint     smtp_port;
  KithMailSecurity security;
  GStrv     aliases;
  gboolean  capture;
  gboolean  auto_create;
  gboolean  archive;
  GStrv     domains;
  GStrv     folders;
  char     *last_error;
  guint     archive_failures;
  char     *archive_error;
  gint64    last_sync;
  gboolean  syncing;
  char     *progress_folder;
  guint     progress_done;
  guint     progress_total;
};

G_DEFINE_FINAL_TYPE (KithMailAccount, kith_mail_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UID,
  PROP_TITLE,
  PROP_ADDRESS,
  PROP_NAME,
  PROP_USER,
  PROP_IMAP_HOST,
  PROP_IMAP_PORT,
  PROP_SMTP_HOST,
  PROP_SMTP_PORT,
  PROP_SECURITY,
  PROP_ALIASES,
  PROP_CAPTURE,
  PROP_AUTO_CREATE,
  PROP_ARCHIVE,
  PROP_DOMAINS,
  PROP_FOLDERS,
  PROP_LAST_ERROR,
  PROP_ARCHIVE_FAILURES,
  PROP_ARCHIVE_ERROR,
  PROP_LAST_SYNC,
  PROP_SYNCING,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_mail_account_finalize (GObject *object)
{
  KithMailAccount *self = KITH_MAIL_ACCOUNT (object);

  g_free (self->uid);
  g_free (self->title);
  g_free (self->address);
  g_free (self->name);
  g_free (self->user);
  g_free (self->imap_host);
  g_free (self->smtp_host);
  g_strfreev (self->aliases);
  g_strfreev (self->domains);
  g_strfreev (self->folders);
  g_free (self->last_error);
  g_free (self->archive_error);
  g_free (self->progress_folder);

  G_OBJECT_CLASS (kith_mail_account_parent_class)->finalize (object);
}

static void
kith_mail_account_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithMailAccount *self = KITH_MAIL_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_IMAP_HOST:
      g_value_set_string (value, self->imap_host);
      break;
    case PROP_IMAP_PORT:
      g_value_set_uint (value, self->imap_port);
      break;
    case PROP_SMTP_HOST:
      g_value_set_string (value, self->smtp_host);
      break;
    case PROP_SMTP_PORT:
      g_value_set_uint (value, self->smtp_port);
      break;
    case PROP_SECURITY:
      g_value_set_enum (value, self->security);
      break;
    case PROP_ALIASES:
      g_value_set_boxed (value, self->aliases);
      break;
    case PROP_CAPTURE:
      g_value_set_boolean (value, self->capture);
      break;
    case PROP_AUTO_CREATE:
      g_value_set_boolean (value, self->auto_create);
      break;
    case PROP_ARCHIVE:
      g_value_set_boolean (value, self->archive);
      break;
    case PROP_DOMAINS:
      g_value_set_boxed (value, self->domains);
      break;
    case PROP_FOLDERS:
      g_value_set_boxed (value, self->folders);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_ARCHIVE_FAILURES:
      g_value_set_uint (value, self->archive_failures);
      break;
    case PROP_ARCHIVE_ERROR:
      g_value_set_string (value, self->archive_error);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, self->syncing);
      break;
    case PROP_PROGRESS:
      g_value_set_uint (value, self->progress_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void set_str  (KithMailAccount *self, char **field, const char *value, guint prop);
static void set_uint (KithMailAccount *self, guint *field, guint value, guint prop);

/* What a draft is given, and what the store read of an account (construct-only); an account
 * listed takes its values from kith_mail_account_update() and _update_settings() */
static void
kith_mail_account_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithMailAccount *self = KITH_MAIL_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_UID:
      kith_set_str (&self->uid, g_value_get_string (value));
      break;
    case PROP_CAPTURE:
      self->capture = g_value_get_boolean (value);
      break;
    case PROP_AUTO_CREATE:
      self->auto_create = g_value_get_boolean (value);
      break;
    case PROP_ARCHIVE:
      self->archive = g_value_get_boolean (value);
      break;
    case PROP_DOMAINS:
      kith_set_strv (&self->domains, g_value_get_boxed (value));
      break;
    case PROP_FOLDERS:
      kith_set_strv (&self->folders, g_value_get_boxed (value));
      break;
    case PROP_LAST_ERROR:
      kith_set_str (&self->last_error, g_value_get_string (value));
      break;
    case PROP_ARCHIVE_FAILURES:
      self->archive_failures = g_value_get_uint (value);
      break;
    case PROP_ARCHIVE_ERROR:
      kith_set_str (&self->archive_error, g_value_get_string (value));
      break;
    case PROP_LAST_SYNC:
      self->last_sync = g_value_get_int64 (value);
      break;
    case PROP_ADDRESS:
      set_str (self, &self->address, g_value_get_string (value), prop_id);
      break;
    case PROP_NAME:
      set_str (self, &self->name, g_value_get_string (value), prop_id);
      break;
    case PROP_USER:
      set_str (self, &self->user, g_value_get_string (value), prop_id);
      break;
    case PROP_IMAP_HOST:
      set_str (self, &self->imap_host, g_value_get_string (value), prop_id);
      break;
    case PROP_IMAP_PORT:
      set_uint (self, &self->imap_port, g_value_get_uint (value), prop_id);
      break;
    case PROP_SMTP_HOST:
      set_str (self, &self->smtp_host, g_value_get_string (value), prop_id);
      break;
    case PROP_SMTP_PORT:
      set_uint (self, &self->smtp_port, g_value_get_uint (value), prop_id);
      break;
    case PROP_SECURITY:
      set_uint (self, (guint *) &self->security, g_value_get_enum (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_account_class_init (KithMailAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags draft = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  /* Kith's own settings of the account, given when the store reads them */
  GParamFlags stored = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_mail_account_finalize;
  object_class->get_property = kith_mail_account_get_property;
  object_class->set_property = kith_mail_account_set_property;

  /* The uid of its ESource in evolution-data-server */
  properties[PROP_UID] = g_param_spec_string ("uid", NULL, NULL, NULL, stored);
  /* Its address, or its name in evolution-data-server when it has none */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  /* Your address on its identity */
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, draft);
  /* Your name on its identity */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, draft);
  /* Who it logs in as on its servers; a draft without one logs in as its address */
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, draft);
  properties[PROP_IMAP_HOST] = g_param_spec_string ("imap-host", NULL, NULL, NULL, draft);
  /* 0 for the standard port of its security */
  properties[PROP_IMAP_PORT] = g_param_spec_uint ("imap-port", NULL, NULL, 0, G_MAXUINT, 0, draft);
  /* Where it sends mail; a draft without one sends through its IMAP host */
  properties[PROP_SMTP_HOST] = g_param_spec_string ("smtp-host", NULL, NULL, NULL, draft);
  /* 0 for the standard submission port of its security */
  properties[PROP_SMTP_PORT] = g_param_spec_uint ("smtp-port", NULL, NULL, 0, G_MAXUINT, 0, draft);
  /* How a draft's connections to both servers are secured */
  properties[PROP_SECURITY] = g_param_spec_enum ("security", NULL, NULL, KITH_TYPE_MAIL_SECURITY,
                                                 KITH_MAIL_SECURITY_TLS, draft);
  properties[PROP_ALIASES] = g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_CAPTURE] = g_param_spec_boolean ("capture", NULL, NULL, TRUE, stored);
  properties[PROP_AUTO_CREATE] = g_param_spec_boolean ("auto-create", NULL, NULL, TRUE, stored);
  properties[PROP_ARCHIVE] = g_param_spec_boolean ("archive", NULL, NULL, TRUE, stored);
  /* Its organisation's domains: whose people are coworkers, never logged */
  properties[PROP_DOMAINS] = g_param_spec_boxed ("domains", NULL, NULL, G_TYPE_STRV, stored);
  /* The folders read; %NULL for every folder but Junk, Trash and Drafts */
  properties[PROP_FOLDERS] = g_param_spec_boxed ("folders", NULL, NULL, G_TYPE_STRV, stored);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, stored);
  /* Messages Done in Kith that the server keeps refusing to archive, and why */
  properties[PROP_ARCHIVE_FAILURES] = g_param_spec_uint ("archive-failures", NULL, NULL, 0, G_MAXUINT, 0, stored);
  properties[PROP_ARCHIVE_ERROR] = g_param_spec_string ("archive-error", NULL, NULL, NULL, stored);
  /* When it last synced, in milliseconds since the epoch; 0 for never */
  properties[PROP_LAST_SYNC] = g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, stored);
  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, flags);
  /* How far the sync is (kith_mail_account_get_progress()); notified on every step */
  properties[PROP_PROGRESS] = g_param_spec_uint ("progress", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_mail_account_init (KithMailAccount *self)
{
  self->capture = TRUE;
  self->auto_create = TRUE;
  self->archive = TRUE;
}

KithMailAccount *
kith_mail_account_new (const char *uid)
{
  return g_object_new (KITH_TYPE_MAIL_ACCOUNT, "uid", uid, NULL);
}

/**
 * kith_mail_account_new_draft:
 *
 * Returns: (transfer full): an account to add, without a uid until it is added; give it its
 *   address, servers and the like as properties
 */
KithMailAccount *
kith_mail_account_new_draft (void)
{
  return g_object_new (KITH_TYPE_MAIL_ACCOUNT, NULL);
}

const char *
kith_mail_account_get_uid (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->uid;
}

const char *
kith_mail_account_get_title (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->title;
}

const char *
kith_mail_account_get_address (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->address;
}

const char *
kith_mail_account_get_name (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->name;
}

const char *
kith_mail_account_get_user (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->user;
}

const char *
kith_mail_account_get_imap_host (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->imap_host;
}

guint
kith_mail_account_get_imap_port (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), 0);

  return self->imap_port;
}

const char *
kith_mail_account_get_smtp_host (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->smtp_host;
}

guint
kith_mail_account_get_smtp_port (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), 0);

  return self->smtp_port;
}

KithMailSecurity
kith_mail_account_get_security (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), KITH_MAIL_SECURITY_TLS);

  return self->security;
}

const char * const *
kith_mail_account_get_aliases (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return (const char * const *) self->aliases;
}

gboolean
kith_mail_account_get_capture (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), FALSE);

  return self->capture;
}

gboolean
kith_mail_account_get_auto_create (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), FALSE);

  return self->auto_create;
}

gboolean
kith_mail_account_get_archive (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), FALSE);

  return self->archive;
}

const char * const *
kith_mail_account_get_domains (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return (const char * const *) self->domains;
}

const char * const *
kith_mail_account_get_folders (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return (const char * const *) self->folders;
}

const char *
kith_mail_account_get_last_error (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->last_error;
}

guint
kith_mail_account_get_archive_failures (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), 0);

  return self->archive_failures;
}

const char *
kith_mail_account_get_archive_error (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  return self->archive_error;
}

gint64
kith_mail_account_get_last_sync (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), 0);

  return self->last_sync;
}

gboolean
kith_mail_account_get_syncing (KithMailAccount *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), FALSE);

  return self->syncing;
}

/**
 * kith_mail_account_get_progress:
 * @out_done: (out) (optional): messages read or logged so far
 * @out_total: (out) (optional): of how many; 0 while it checks for new mail
 *
 * Returns: (nullable): the folder being read, or %NULL while messages are logged (or when it
 *   is not syncing: see kith_mail_account_get_syncing())
 */
const char *
kith_mail_account_get_progress (KithMailAccount *self,
                                guint           *out_done,
                                guint           *out_total)
{
  g_return_val_if_fail (KITH_IS_MAIL_ACCOUNT (self), NULL);

  if (out_done != NULL)
    *out_done = self->progress_done;
  if (out_total != NULL)
    *out_total = self->progress_total;

  return self->progress_folder;
}

static void
set_str (KithMailAccount *self,
         char           **field,
         const char      *value,
         guint            prop)
{
  if (kith_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_strv (KithMailAccount    *self,
          GStrv              *field,
          const char * const *value,
          guint               prop)
{
  if (kith_set_strv (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint (KithMailAccount *self,
          guint           *field,
          guint            value,
          guint            prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (KithMailAccount *self,
          gboolean        *field,
          gboolean         value,
          guint            prop)
{
  set_uint (self, (guint *) field, !!value, prop);
}

/**
 * kith_mail_account_update:
 * @display_name: (nullable): the account's name in evolution-data-server, its title when it
 *   has no @address
 * @address: (nullable): its identity's address
 * @name: (nullable): its identity's name
 * @user: (nullable): the user it signs in as
 * @imap_host: (nullable): its server
 * @imap_port: the server's port, 0 for the default
 * @aliases: (nullable): its identity's other addresses
 *
 * Takes the values evolution-data-server has of the account, notifying those that changed.
 */
void
kith_mail_account_update (KithMailAccount    *self,
                          const char         *display_name,
                          const char         *address,
                          const char         *name,
                          const char         *user,
                          const char         *imap_host,
                          guint               imap_port,
                          const char * const *aliases)
{
  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_str (self, &self->title, address != NULL ? address : display_name, PROP_TITLE);
  set_str (self, &self->address, address, PROP_ADDRESS);
  set_str (self, &self->name, name, PROP_NAME);
  set_str (self, &self->user, user, PROP_USER);
  set_str (self, &self->imap_host, imap_host, PROP_IMAP_HOST);
  set_uint (self, &self->imap_port, imap_port, PROP_IMAP_PORT);
  set_strv (self, &self->aliases, aliases, PROP_ALIASES);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * kith_mail_account_update_settings:
 * @stored: the same account as kith_store_mail_account_get() read it
 *
 * Takes the values Kith keeps of the account (its switches, domains, folders, last sync and
 * error, archive failures, and its identity's name where Kith has one), notifying those that
 * changed, so that rows bound to @self follow.
 */
void
kith_mail_account_update_settings (KithMailAccount *self,
                                   KithMailAccount *stored)
{
  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (self));
  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (stored));

  g_object_freeze_notify (G_OBJECT (self));
  if (stored->name != NULL)
    set_str (self, &self->name, stored->name, PROP_NAME);
  set_flag (self, &self->capture, stored->capture, PROP_CAPTURE);
  set_flag (self, &self->auto_create, stored->auto_create, PROP_AUTO_CREATE);
  set_flag (self, &self->archive, stored->archive, PROP_ARCHIVE);
  set_strv (self, &self->domains, (const char * const *) stored->domains, PROP_DOMAINS);
  set_strv (self, &self->folders, (const char * const *) stored->folders, PROP_FOLDERS);
  set_str (self, &self->last_error, stored->last_error, PROP_LAST_ERROR);
  set_uint (self, &self->archive_failures, stored->archive_failures, PROP_ARCHIVE_FAILURES);
  set_str (self, &self->archive_error, stored->archive_error, PROP_ARCHIVE_ERROR);
  if (self->last_sync != stored->last_sync)
    {
      self->last_sync = stored->last_sync;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * kith_mail_account_set_progress:
 * @folder: (nullable): the folder being read, or %NULL while messages are logged
 *
 * Says how far the account's sync is, or (@syncing %FALSE) that it is not syncing.
 */
void
kith_mail_account_set_progress (KithMailAccount *self,
                                gboolean         syncing,
                                const char      *folder,
                                guint            done,
                                guint            total)
{
  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (self));

  g_object_freeze_notify (G_OBJECT (self));
  kith_set_str (&self->progress_folder, syncing ? folder : NULL);
  self->progress_done = syncing ? done : 0;
  self->progress_total = syncing ? total : 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  set_flag (self, &self->syncing, syncing, PROP_SYNCING);
  g_object_thaw_notify (G_OBJECT (self));
}

typedef struct {
  char     *uid;
  char     *property;
  gboolean  on;
  GStrv     values;
  KithMailAccount *owner;   /* what takes the value once saved; held on the calling thread */
} Save;

static void
save_free (Save *save)
{
  g_free (save->uid);
  g_free (save->property);
  g_strfreev (save->values);
  g_clear_object (&save->owner);
  g_free (save);
}

/* The store's switch a property is saved in; -1 for none */
static int
switch_of (const char *property)
{
  static const struct { const char *property; KithMailSwitch which; } switches[] = {
    { "capture", KITH_MAIL_SWITCH_CAPTURE }, { "auto-create", KITH_MAIL_SWITCH_AUTO_CREATE },
    { "archive", KITH_MAIL_SWITCH_ARCHIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    if (g_str_equal (switches[i].property, property))
      return switches[i].which;

  return -1;
}

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Save *save = data;
  const char * const *values = (const char * const *) save->values;
  gboolean ok;

  if (switch_of (save->property) >= 0)
    ok = kith_store_mail_account_set_switch (store, save->uid, switch_of (save->property), save->on, error);
  else if (g_str_equal (save->property, "domains"))
    ok = kith_store_mail_account_set_domains (store, save->uid, values, error);
  else
    ok = kith_store_mail_account_set_folders (store, save->uid, values, error);

  return GINT_TO_POINTER (ok);
}

static void
apply_save (gpointer data,
            gpointer saved)
{
  Save *save = data;
  KithMailAccount *self = save->owner;

  if (g_str_equal (save->property, "capture"))
    set_flag (self, &self->capture, save->on, PROP_CAPTURE);
  else if (g_str_equal (save->property, "auto-create"))
    set_flag (self, &self->auto_create, save->on, PROP_AUTO_CREATE);
  else if (g_str_equal (save->property, "archive"))
    set_flag (self, &self->archive, save->on, PROP_ARCHIVE);
  else if (g_str_equal (save->property, "domains"))
    set_strv (self, &self->domains, (const char * const *) save->values, PROP_DOMAINS);
  else
    set_strv (self, &self->folders, (const char * const *) save->values, PROP_FOLDERS);
}

static void
run_save (KithMailAccount     *self,
          KithStore           *store,
          Save                *save,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  save->uid = g_strdup (self->uid);
  save->owner = g_object_ref (self);
  /* The job reads @save while the call keeps it, to apply once saved */
  kith_model_run_then (self, store, save_job, save, NULL, NULL, apply_save, save, (GDestroyNotify) save_free, NULL,
                       run_save, callback, user_data);
}

/**
 * kith_mail_account_save_flag_async:
 * @property: "capture", "auto-create" or "archive"
 *
 * Saves one of the account's switches in the store; never cancelled. @self has the value once
 * it is saved (kith_mail_account_save_finish()).
 */
void
kith_mail_account_save_flag_async (KithMailAccount     *self,
                                   KithStore           *store,
                                   const char          *property,
                                   gboolean             on,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Save *save;

  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (self));
  g_return_if_fail (switch_of (property) >= 0);

  save = g_new0 (Save, 1);
  save->property = g_strdup (property);
  save->on = on;
  run_save (self, store, save, callback, user_data);
}

/**
 * kith_mail_account_save_list_async:
 * @property: "domains" or "folders"
 * @values: (nullable): the list; none for folders is every folder but Junk, Trash and Drafts
 *
 * Saves one of the account's lists in the store; never cancelled.
 */
void
kith_mail_account_save_list_async (KithMailAccount     *self,
                                   KithStore           *store,
                                   const char          *property,
                                   const char * const  *values,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Save *save;

  g_return_if_fail (KITH_IS_MAIL_ACCOUNT (self));
  g_return_if_fail (g_strcmp0 (property, "domains") == 0 || g_strcmp0 (property, "folders") == 0);

  save = g_new0 (Save, 1);
  save->property = g_strdup (property);
  save->values = values != NULL && values[0] != NULL ? g_strdupv ((char **) values) : NULL;
  run_save (self, store, save, callback, user_data);
}

gboolean
kith_mail_account_save_finish (KithMailAccount  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  return kith_model_finish_boolean (self, result, run_save, error);
}
