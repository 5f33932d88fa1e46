/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kith-types.h"

G_BEGIN_DECLS

/* Everything a record holds, one field each, in the order docs/json.md shows them */
typedef enum {
  KITH_FIELD_ID,
  KITH_FIELD_SYNC_KEY,
  KITH_FIELD_NAME,
  KITH_FIELD_FIRST,
  KITH_FIELD_LAST,
  KITH_FIELD_HEADLINE,
  KITH_FIELD_DESCRIPTION,
  KITH_FIELD_SUMMARY,        /* a deal's description */
  KITH_FIELD_PICTURE,
  KITH_FIELD_PRIVATE,
  KITH_FIELD_SEGMENT,
  KITH_FIELD_STAGE,
  KITH_FIELD_STEP,
  KITH_FIELD_NOTES,
  KITH_FIELD_ROLE,
  KITH_FIELD_DEPARTMENT,
  KITH_FIELD_LEAD_SOURCE,
  KITH_FIELD_BIRTHDAY,
  KITH_FIELD_COMPANY,
  KITH_FIELD_COMPANY_ID,
  KITH_FIELD_COMPANY_SYNC_KEY,
  KITH_FIELD_ASSIGNEE,
  KITH_FIELD_START,
  KITH_FIELD_END,
  KITH_FIELD_VALUE,
  KITH_FIELD_CURRENCY,
  KITH_FIELD_TYPE,
  KITH_FIELD_FORECAST,
  KITH_FIELD_CADENCE,
  KITH_FIELD_FIRST_SEEN,
  KITH_FIELD_LAST_CHANGED,
  KITH_FIELD_LAST_CONTACT,
  KITH_FIELD_STEP_SINCE,
  KITH_FIELD_DO_NOT_EMAIL,   /* a person who asked not to be emailed: mail merges leave them out */
  KITH_FIELD_EMAILS,
  KITH_FIELD_DOMAINS,
  KITH_FIELD_PHONES,
  KITH_FIELD_FAXES,
  KITH_FIELD_URLS,
  KITH_FIELD_TWITTER,
  KITH_FIELD_FACEBOOK,
  KITH_FIELD_LINKEDIN,
  KITH_FIELD_ADDRESSES,
  KITH_FIELD_ADDRESS,        /* a deal's one address, kept as a list of at most one */
  KITH_FIELD_APP_LINKS,
  KITH_FIELD_KEYWORDS,
  KITH_FIELD_CUSTOM_FIELDS,
  KITH_FIELD_ANNIVERSARIES,
  KITH_FIELD_PARTICIPANTS,
  KITH_FIELD_DEAL_TEAM,
  KITH_N_FIELDS
} KithField;

typedef enum {
  KITH_VALUE_TEXT,
  KITH_VALUE_INT,
  KITH_VALUE_DOUBLE,
  KITH_VALUE_FLAG,
  KITH_VALUE_STRV,
  KITH_VALUE_CHANNELS,       /* KithRecordChannel */
  KITH_VALUE_ADDRESSES,      /* KithRecordAddress */
  KITH_VALUE_APP_LINKS,      /* KithRecordAppLink */
  KITH_VALUE_CUSTOMS,        /* KithRecordCustom */
  KITH_VALUE_OCCASIONS,      /* KithRecordOccasion */
  KITH_VALUE_MEMBERS,        /* KithRecordMember */
} KithValueType;

typedef struct {
  const char    *member;     /* in docs/json.md */
  KithValueType  type;
  guint          kinds;      /* 1 << KithRecordKind of the kinds that have it */
} KithFieldInfo;

/* An email, phone, fax or web page */
typedef struct {
  char     *value;
  char     *label;           /* work, home, mobile, other, or NULL */
  gboolean  preferred;
} KithRecordChannel;

typedef struct {
  char     *street, *city, *state, *country, *postal;
  char     *label;
  gboolean  has_position;
  double    lat, lng;
} KithRecordAddress;

typedef struct {
  char *source, *uniqueid, *label, *url;
} KithRecordAppLink;

/* A custom field's value: one text, or a multi-pick field's choices */
typedef struct {
  char     *key;
  char     *type;            /* NULL until the store has it */
  char     *name;
  char    **values;
  gboolean  multi;
} KithRecordCustom;

typedef struct {
  char *label, *date;
} KithRecordOccasion;

/* A deal's participant or team member: a record of the store, or on a draft, what names one as
 * typed (an email, a domain, #id), for the store to find */
typedef struct {
  gint64          id;
  char           *sync_key;
  char           *name;
  KithRecordKind  kind;
  char           *identifier;
} KithRecordMember;

typedef struct {
  gboolean set;
  union {
    char      *text;
    gint64     num;
    double     real;
    gboolean   flag;
    char     **strv;
    GPtrArray *list;
  };
} KithValue;

/* What a record has, field by field; a field not set is absent (SQL NULL) */
typedef struct {
  KithValue fields[KITH_N_FIELDS];
} KithRecordValues;

/* A set of fields, one bit each */
typedef guint64 KithFieldMask;
#define KITH_FIELD_BIT(field) (G_GUINT64_CONSTANT (1) << (field))

const KithFieldInfo *kith_field_info            (KithField                field);
gboolean             kith_field_applies_to      (KithField                field,
                                                 KithRecordKind           kind);

KithRecordValues    *kith_record_values_new     (void);
KithRecordValues    *kith_record_values_copy    (const KithRecordValues  *values);
void                 kith_record_values_free    (KithRecordValues        *values);
void                 kith_record_values_assign  (KithRecordValues        *values,
                                                 KithField                field,
                                                 const KithValue         *value);
gboolean             kith_value_equal           (KithField                field,
                                                 const KithValue         *a,
                                                 const KithValue         *b);

void                 kith_record_values_set_text (KithRecordValues       *values,
                                                 KithField                field,
                                                 const char              *text);
void                 kith_record_values_take_strv (KithRecordValues      *values,
                                                 KithField                field,
                                                 char                   **strv);
GPtrArray           *kith_record_values_list    (KithRecordValues        *values,
                                                 KithField                field);

KithRecordChannel   *kith_record_channel_new    (const char              *value,
                                                 const char              *label,
                                                 gboolean                 preferred);
KithRecordAddress   *kith_record_address_new    (const char              *street);
char                *kith_record_address_format (const KithRecordAddress *a);
KithRecordCustom    *kith_record_custom_new     (const char              *key,
                                                 const char              *type,
                                                 const char              *name,
                                                 gboolean                 multi);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRecordValues, kith_record_values_free)

G_END_DECLS
