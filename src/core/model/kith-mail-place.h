/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KITH_TYPE_MAIL_PLACE (kith_mail_place_get_type ())

typedef struct _KithMailPlace KithMailPlace;

GType          kith_mail_place_get_type       (void) G_GNUC_CONST;
KithMailPlace *kith_mail_place_new            (const char          *account,
                                               const char          *folder,
                                               const char          *uid,
                                               const char          *message_id,
                                               const char          *key);
KithMailPlace *kith_mail_place_copy           (const KithMailPlace *self);
void           kith_mail_place_free           (KithMailPlace       *self);
const char    *kith_mail_place_get_account    (const KithMailPlace *self);
const char    *kith_mail_place_get_folder     (const KithMailPlace *self);
const char    *kith_mail_place_get_uid        (const KithMailPlace *self);
const char    *kith_mail_place_get_message_id (const KithMailPlace *self);
const char    *kith_mail_place_get_key        (const KithMailPlace *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMailPlace, kith_mail_place_free)

G_END_DECLS
