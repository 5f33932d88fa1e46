/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libebook-contacts/libebook-contacts.h>

#include "kith-core.h"

G_BEGIN_DECLS

/* libebook-contacts 3.46 declares none for its EVCard */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVCard, g_object_unref)

/* How a record's CRM field travels in a vCard: an X-KITH-* property of one value */
typedef enum {
  KITH_VCARD_TEXT,
  KITH_VCARD_INT,
  KITH_VCARD_FLAG,
} KithVCardValue;

typedef struct {
  const char     *property;   /* X-KITH-SEGMENT */
  const char     *member;     /* segment, as docs/json.md names it */
  KithField       field;      /* KITH_FIELD_SEGMENT, the same field as a record's value */
  KithVCardValue  type;
} KithVCardField;

/* The X-KITH-* properties of lists: one property per item */
#define KITH_VCARD_CUSTOM_FIELD "X-KITH-FIELD"       /* ;X-KEY=key[;X-MULTI=TRUE]:value[;value…] */
#define KITH_VCARD_APP_LINK     "X-KITH-APPLINK"     /* :source;uniqueid;label;url */
#define KITH_VCARD_OCCASION     "X-KITH-OCCASION"    /* ;X-LABEL=label:date */
#define KITH_VCARD_DOMAIN       "X-KITH-DOMAIN"      /* a company's */
#define KITH_VCARD_LATITUDE     "X-KITH-LAT"         /* parameters of ADR */
#define KITH_VCARD_LONGITUDE    "X-KITH-LNG"

const KithVCardField *kith_vcard_fields     (guint       *n_fields);
const KithVCardField *kith_vcard_field_find (const char  *property);

/* A social profile's type, its member and the URL its handle goes into */
typedef struct {
  const char *type;
  const char *member;
  KithField   field;
  const char *url_prefix;
} KithVCardSocial;

const KithVCardSocial *kith_vcard_social_find (const char *type);
const KithVCardSocial *kith_vcard_socials     (guint      *n_socials);

G_END_DECLS
