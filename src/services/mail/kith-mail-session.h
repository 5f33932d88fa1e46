/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>
#include <libedataserver/libedataserver.h>

G_BEGIN_DECLS

#define KITH_MAIL_ERROR (kith_mail_error_quark ())
typedef enum {
  KITH_MAIL_ERROR_FAILED,
  KITH_MAIL_ERROR_INVALID,        /* bad input: the message names the field and the value */
  KITH_MAIL_ERROR_UNREACHABLE,    /* the message names the host and port */
  KITH_MAIL_ERROR_REJECTED,       /* the server refused the user name or password */
  KITH_MAIL_ERROR_NOT_FOUND,
} KithMailError;

GQuark kith_mail_error_quark (void);

#define KITH_TYPE_MAIL_SESSION (kith_mail_session_get_type ())
G_DECLARE_FINAL_TYPE (KithMailSession, kith_mail_session, KITH, MAIL_SESSION, CamelSession)

KithMailSession *kith_mail_session_new           (ESourceRegistry *registry,
                                                  const char      *data_dir,
                                                  const char      *cache_dir);
ESourceRegistry *kith_mail_session_get_registry  (KithMailSession *self);
CamelService    *kith_mail_session_ref_service   (KithMailSession *self,
                                                  ESource         *source,
                                                  const char      *protocol,
                                                  CamelProviderType type,
                                                  GError         **error);
void             kith_mail_session_set_password  (KithMailSession *self,
                                                  const char      *uid,
                                                  const char      *password);
gboolean         kith_mail_session_connect_sync  (KithMailSession *self,
                                                  CamelService    *service,
                                                  GCancellable    *cancellable,
                                                  GError         **error);

G_END_DECLS
