/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailPlace: where a message Done in the Inbox is on its mail server — its account, the
 * folder and UID it was read from, its Message-ID (to find it again when the server renumbered
 * the folder) and the key the store keeps it under — for the mail service to archive it there.
 * A plain value: the Inbox keeps it while Done can be undone, then hands it on.
 */

#define G_LOG_DOMAIN "KithMailPlace"

#include "config.h"

#include "kith-mail-place.h"

struct _KithMailPlace
{
  char *account;
  char *folder;
  char *uid;
  char *message_id;
  char *key;
};

G_DEFINE_BOXED_TYPE (KithMailPlace, kith_mail_place, kith_mail_place_copy, kith_mail_place_free)

/**
 * kith_mail_place_new:
 * @message_id: (nullable): the message's own Message-ID
 * @key: (nullable): the key the store keeps it under; not its Message-ID when another message
 *   had that already
 */
KithMailPlace *
kith_mail_place_new (const char *account,
                     const char *folder,
                     const char *uid,
                     const char *message_id,
                     const char *key)
{
  KithMailPlace *self = g_new0 (KithMailPlace, 1);

  self->account = g_strdup (account);
  self->folder = g_strdup (folder);
  self->uid = g_strdup (uid);
  self->message_id = g_strdup (message_id);
  self->key = g_strdup (key);

  return self;
}

KithMailPlace *
kith_mail_place_copy (const KithMailPlace *self)
{
  return kith_mail_place_new (self->account, self->folder, self->uid, self->message_id, self->key);
}

void
kith_mail_place_free (KithMailPlace *self)
{
  if (self == NULL)
    return;

  g_free (self->account);
  g_free (self->folder);
  g_free (self->uid);
  g_free (self->message_id);
  g_free (self->key);
  g_free (self);
}

const char *
kith_mail_place_get_account (const KithMailPlace *self)
{
  return self->account;
}

const char *
kith_mail_place_get_folder (const KithMailPlace *self)
{
  return self->folder;
}

const char *
kith_mail_place_get_uid (const KithMailPlace *self)
{
  return self->uid;
}

/* Returns: (nullable) */
const char *
kith_mail_place_get_message_id (const KithMailPlace *self)
{
  return self->message_id;
}

/* Returns: (nullable) */
const char *
kith_mail_place_get_key (const KithMailPlace *self)
{
  return self->key;
}
