/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "kith-mail.h"

G_BEGIN_DECLS

/* One message whose text is to be fetched, and what came of it */
typedef struct {
  char         *folder;      /* Camel's full name of its folder */
  char         *uid;
  char         *message_id;  /* what the store indexed under that UID */
  CamelFolder  *opened;      /* for Camel's fetch, when the batched one did not bring it */
  KithMailText *text;        /* the text to log it with (kith_mail_mapping_text ()), once fetched */
  GError       *error;       /* why there is no text: the message is logged from its headers */
  gboolean      fetched;     /* fetched with others in one command (kith-mail-imap.c) */
} KithMailFetch;

void               kith_mail_fetch_clear      (KithMailFetch      *fetch);
CamelFolder       *kith_mail_fetch_ref_folder (CamelStore         *store,
                                               GHashTable         *open,
                                               const char         *name,
                                               GCancellable       *cancellable,
                                               GError            **error);

typedef struct _KithMailFetchPool KithMailFetchPool;

KithMailFetchPool *kith_mail_fetch_pool_new   (guint               threads,
                                               CamelService       *service,
                                               GHashTable         *open,
                                               GCancellable       *cancellable);
struct _KithMailImap *kith_mail_fetch_pool_get_imap (KithMailFetchPool *self);
void               kith_mail_fetch_pool_drop_imap (KithMailFetchPool *self,
                                                   const GError      *why);
gboolean           kith_mail_fetch_pool_run   (KithMailFetchPool  *self,
                                               const char         *account,
                                               KithMailFetch      *fetches,
                                               guint               n,
                                               GError            **error);
void               kith_mail_fetch_pool_free  (KithMailFetchPool  *self);

void               kith_mail_fetch_write      (KithStore          *store,
                                               const char         *account,
                                               GPtrArray          *pending,
                                               guint               first,
                                               KithMailFetch      *fetches,
                                               guint               n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailFetchPool, kith_mail_fetch_pool_free)

G_END_DECLS
