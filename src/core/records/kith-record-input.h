/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-records-private.h"
#include "kith-statement.h"

G_BEGIN_DECLS

/* The labels an entry (an email, a phone, an address) can have */
#define KITH_N_ENTRY_LABELS 4
extern const char *const kith_entry_labels[KITH_N_ENTRY_LABELS];

/* email, phone, fax, url, domain, then the handles: twitter, facebook, linkedin */
#define KITH_N_CHANNEL_TYPES 8
extern const char *const kith_channel_types[KITH_N_CHANNEL_TYPES];

typedef struct {
  const char *type;        /* static */
  char       *value;
  char       *key;         /* sync key, or NULL for channels that identify nobody */
  char       *label;
  gboolean    preferred;
} KithChannel;

typedef struct {
  char   *street, *city, *region, *country, *postal_code, *label;
  double  latitude, longitude;
  gboolean has_position;
} KithAddress;

typedef struct {
  char *app_id;
  char *unique_id;
  char *app_name;
  char *url;
} KithAppLink;

typedef struct {
  gint64     field_id;
  GPtrArray *values;  /* char* */
  GArray    *nums;    /* double, NAN for none */
} KithCustomInput;

typedef struct {
  char *label;
  char *date;
} KithOccasion;

/* A value to check: what a JSON member holds, or a typed record's field */
typedef enum {
  KITH_INPUT_NULL,
  KITH_INPUT_TEXT,
  KITH_INPUT_NUMBER,
  KITH_INPUT_FLAG,
  KITH_INPUT_OTHER,    /* a list or an object where one value belongs */
} KithInputKind;

typedef struct {
  KithInputKind  kind;
  const char    *text;
  double         number;
  gboolean       flag;
} KithInputValue;

/* A validated record write */
struct _KithRecordInput {
  KithRecordKind kind;

  /* scalar columns: parallel arrays; a NULL GVariant is SQL NULL */
  GPtrArray *columns;   /* const char* (static) */
  GPtrArray *values;    /* GVariant* or NULL */

  gboolean   has_name, has_first, has_last;
  char      *name, *first, *last;

  gboolean   has_segment, has_stage, has_step;
  char      *segment, *stage, *step;

  /* Lists. A list that was not given is NULL; given lists replace (update) or add (create). */
  GPtrArray *channels[KITH_N_CHANNEL_TYPES];
  GPtrArray *addresses;
  GPtrArray *app_links;
  GPtrArray *tags;
  GPtrArray *custom;
  GPtrArray *occasions;
  GArray    *participants;
  GArray    *team;

  gboolean   has_company;
  char      *company;

  /* A sync key the record had in another Kith (its JSON export): a new record matches the
   * record that has it, or keeps it */
  char      *sync_key;

  /* Resolved before anything is written */
  gboolean   rel_resolved;
  char      *old_segment, *old_stage, *old_step;
  char      *new_segment, *new_stage, *new_step;
};

void          kith_address_free             (KithAddress      *a);
void          kith_app_link_free            (KithAppLink      *l);
void          kith_occasion_free            (KithOccasion     *o);

KithRecordInput *kith_record_input_new      (KithRecordKind    kind);
void          kith_record_input_free        (KithRecordInput  *in);
gboolean      kith_record_input_set_member  (KithStore        *store,
                                             KithRecordInput  *in,
                                             const char       *member,
                                             const KithInputValue *v,
                                             GError          **error);
gboolean      kith_record_input_set_channels (KithStore       *store,
                                             KithRecordInput  *in,
                                             const char       *type,
                                             GPtrArray        *channels,
                                             GError          **error);
gboolean      kith_record_input_set_tags    (KithRecordInput  *in,
                                             const char * const *tags,
                                             GError          **error);
gboolean      kith_record_input_set_custom  (KithStore        *store,
                                             KithRecordInput  *in,
                                             GPtrArray        *customs,
                                             GError          **error);
gboolean      kith_record_input_set_members (KithStore        *store,
                                             KithRecordInput  *in,
                                             gboolean          team,
                                             GPtrArray        *members,
                                             GError          **error);
void          kith_record_input_complete_names (KithRecordInput *in);
gboolean      kith_record_input_add_app_link (KithRecordInput *in,
                                             const char       *source,
                                             const char       *unique_id,
                                             const char       *app_name,
                                             const char       *url,
                                             GError          **error);
gboolean      kith_record_input_add_occasion (KithRecordInput *in,
                                             const char       *label,
                                             const char       *date,
                                             GError          **error);

/* The checks both kinds of input share */
gboolean      kith_input_get_string         (const KithInputValue *v,
                                             const char       *label,
                                             gsize             max_len,
                                             gboolean          allow_null,
                                             char            **out,
                                             GError          **error);
gboolean      kith_input_get_number         (const KithInputValue *v,
                                             const char       *label,
                                             double           *out,
                                             GError          **error);
const char   *kith_input_known_label        (const char       *label);
const char   *kith_channel_label            (const char       *type);
const char   *kith_input_label              (const char       *msgid);
GPtrArray    *kith_record_input_reset_channels (KithRecordInput *in,
                                             const char       *type);
gboolean      kith_record_input_add_channel (KithStore        *store,
                                             const char       *type,
                                             char             *value,
                                             const char       *label,
                                             gboolean          preferred,
                                             GPtrArray        *list,
                                             GError          **error);
gboolean      kith_record_input_add_tag     (KithRecordInput  *in,
                                             const KithInputValue *v,
                                             GError          **error);
void          kith_record_input_reset_custom (KithRecordInput *in);
KithCustomInput *kith_record_input_add_custom (KithStore      *store,
                                             KithRecordInput  *in,
                                             const char       *key,
                                             char            **out_type,
                                             char            **out_name,
                                             char            **out_options,
                                             GError          **error);
gboolean      kith_record_input_add_member  (KithStore        *store,
                                             const char       *label,
                                             const char       *identifier,
                                             GArray           *ids,
                                             GError          **error);
void          kith_record_input_add_column  (KithRecordInput  *in,
                                             const char       *column,
                                             GVariant         *value);
int           kith_channel_type_index       (const char       *type);
const char   *kith_channel_type_of_member   (const char       *member);
gboolean      kith_records_prepare_typed    (KithStatement    *st,
                                             KithStore        *self,
                                             const char       *sql_format,
                                             const char       *type,
                                             GError          **error);
char         *kith_records_sort_name        (const char       *name);
void          kith_records_variant_free0    (gpointer          v);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRecordInput, kith_record_input_free)

G_END_DECLS
