/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "kith-mail.h"

G_BEGIN_DECLS

/* One message whose text is to be fetched, and what came of it */
typedef struct {
  CamelFolder *folder;
  char        *uid;
  KithMailText *text;    /* the text to log it with (kith_mail_mapping_text ()), once fetched */
  GError      *error;    /* why there is no text: the message is logged from its headers */
  gboolean     fetched;  /* fetched with others in one command (kith-mail-imap.c) */
} KithMailFetch;

void               kith_mail_fetch_clear      (KithMailFetch      *fetch);

typedef struct _KithMailFetchPool KithMailFetchPool;

KithMailFetchPool *kith_mail_fetch_pool_new   (guint               threads,
                                               CamelService       *service,
                                               GCancellable       *cancellable);
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
