/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store.h"

G_BEGIN_DECLS

/* One address in a message's headers */
typedef struct {
  char *value;          /* the address */
  char *name;           /* its display name, or NULL */
} KithMailAddress;

KithMailAddress *kith_mail_address_new    (const char       *value,
                                           const char       *name);
void        kith_mail_address_free        (KithMailAddress  *address);

/* A message's headers and where it is on the server, as the index takes them
 * (kith_store_mail_index()) */
typedef struct {
  char            *account;
  char            *folder;
  char            *uid;
  char            *role;        /* the folder's: "inbox", "sent" or "archive" */
  char            *message_id;  /* "<id@host>" */
  char            *thread_id;   /* the thread's first message's, or NULL: its own */
  gint64           date;        /* ms since the epoch */
  char            *subject;     /* or NULL */
  KithMailAddress *from;        /* or NULL */
  GPtrArray       *to;          /* (element-type KithMailAddress) */
  GPtrArray       *cc;          /* (element-type KithMailAddress) */
} KithMailHeaders;

KithMailHeaders *kith_mail_headers_new    (const char       *account,
                                           const char       *folder,
                                           const char       *uid,
                                           const char       *role);
void        kith_mail_headers_free        (KithMailHeaders  *headers);

/* The index of messages' headers, and where each is on the server */
gint64      kith_store_mail_index         (KithStore   *self,
                                           const KithMailHeaders *headers,
                                           gboolean    *out_new,
                                           GError     **error);
GHashTable *kith_store_mail_known_uids    (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           GError     **error);
gboolean    kith_store_mail_note_copy     (KithStore   *self,
                                           gint64       message,
                                           const char  *account,
                                           const char  *folder,
                                           const char  *uid,
                                           GError     **error);
gboolean    kith_store_mail_prune_copies  (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           GHashTable  *present_uids,
                                           GError     **error);
guint       kith_store_mail_mark_gone     (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           GHashTable  *present_uids,
                                           GError     **error);
gint64      kith_store_mail_last_row      (KithStore   *self,
                                           const char  *account);

/* What a folder held when capture last read all of it: none has moved, nothing is to read */
typedef struct {
  guint32 uidvalidity;  /* 0: not known */
  guint32 messages;
  guint32 last_uid;     /* the highest UID */
} KithMailFolderState;

gboolean    kith_store_mail_folder_state  (KithStore   *self,
                                           const char  *account,
                                           const char  *folder,
                                           KithMailFolderState *out_state,
                                           GError     **error);
gboolean    kith_store_mail_set_folder_state (KithStore *self,
                                           const char  *account,
                                           const char  *folder,
                                           const KithMailFolderState *state,
                                           GError     **error);

char       *kith_mail_thread_id           (const char  *message_id,
                                           const char  *in_reply_to,
                                           const char  *references);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailAddress, kith_mail_address_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailHeaders, kith_mail_headers_free)

G_END_DECLS
