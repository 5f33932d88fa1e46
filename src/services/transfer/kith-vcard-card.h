/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libebook-contacts/libebook-contacts.h>

#include "kith-core.h"

G_BEGIN_DECLS

/* One card read into a record's typed values: the fields set are those the card has */
typedef struct {
  KithRecordKind    kind;
  KithRecordValues *values;
  char             *extra;      /* a vCard of the properties Kith has no field for, or NULL */
  GBytes           *photo;      /* an inline PHOTO, for the caller to save; NULL: none or a URI */
} KithVCardCard;

gboolean kith_vcard_card_read       (const char     *text,
                                     KithVCardCard  *card,
                                     GError        **error);
gboolean kith_vcard_card_read_vcard (EVCard         *vcard,
                                     KithVCardCard  *card,
                                     GError        **error);
void     kith_vcard_card_clear      (KithVCardCard  *card);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KithVCardCard, kith_vcard_card_clear)

G_END_DECLS
