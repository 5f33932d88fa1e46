/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-core.h"

G_BEGIN_DECLS

/* What `kith-cli send` was told: NULL (or empty lists) where an option was not given */
typedef struct {
  char  *account;     /* the account's source UID or its address */
  char  *from;        /* an alias of that account, or its own address */
  char **to;
  char **cc;
  char **bcc;
  char  *subject;
  char  *body;
  char  *body_file;
  char  *html_file;
  char **attachments;
} KithCliSend;

void          kith_cli_send_clear   (KithCliSend  *options);
KithOutgoing *kith_cli_send_message (KithStore    *store,
                                     const char   *mail_dir,
                                     KithCliSend  *options,
                                     GError      **error);
char         *kith_cli_send_find_identity (const char  *wanted,
                                           const char  *from,
                                           char       **out_address,
                                           char       **out_name,
                                           char       **out_smtp_host,
                                           GError     **error);
gboolean      kith_cli_send_flush   (KithStore    *store,
                                     const char   *mail_dir,
                                     const char   *account_uid,
                                     GError      **error);

G_END_DECLS
