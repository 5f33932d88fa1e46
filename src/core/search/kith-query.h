/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "kith-types.h"

G_BEGIN_DECLS

#define KITH_QUERY_ERROR (kith_query_error_quark ())

typedef enum {
  KITH_QUERY_ERROR_SYNTAX,        /* unbalanced parenthesis, dangling OR, unterminated quote */
  KITH_QUERY_ERROR_UNKNOWN_TERM,  /* foo:bar with an unknown foo */
  KITH_QUERY_ERROR_BAD_VALUE,     /* last-contact>xyz, #price>abc, birthday:next-q */
  KITH_QUERY_ERROR_UNKNOWN_FIELD, /* #no_such_field */
} KithQueryError;

GQuark kith_query_error_quark (void);

typedef struct _KithQuery KithQuery;

/* What the term that names a query's records through an index of their values compares */
typedef enum {
  KITH_QUERY_ID_SET_NONE,
  KITH_QUERY_ID_SET_FIELD,     /* #price>500000 */
  KITH_QUERY_ID_SET_ADDRESS,   /* email:ada, email:ada@acme.com */
  KITH_QUERY_ID_SET_DOMAIN,    /* email:@acme.com */
  KITH_QUERY_ID_SET_TAG,       /* tag:vip */
} KithQueryIdSet;

/* What compiling a query needs to know about the store. */
typedef struct {
  KithRecordKind kind;
  gint64         now_ms;           /* "now" for relative terms: last-contact>30d, birthday:next-7d */
  int            utc_offset_min;   /* local time zone, for "today" */
  const char    *me;               /* the user's own addresses, comma-separated, for assigned:me; may be NULL */
  /* Looks up a custom field by key (`lead_source`); returns FALSE when there is none. */
  gboolean     (*lookup_field) (const char *key,
                                gint64     *out_field_id,
                                char      **out_type,
                                gpointer    user_data);
  gpointer       user_data;
  /* Write the id set (kith_query_id_set_to_sql()) as a lookup per record: for walking the
   * records in the order of an index until a page is full, when the set is large */
  gboolean       walk_id_set;
} KithQueryContext;

KithQuery  *kith_query_parse         (const char             *text,
                                      GError                **error);
void        kith_query_free          (KithQuery              *query);
gboolean    kith_query_is_empty      (KithQuery              *query);
gboolean    kith_query_to_sql        (KithQuery              *query,
                                      const KithQueryContext *context,
                                      GString                *sql,
                                      GPtrArray              *params,
                                      GError                **error);
KithQueryIdSet kith_query_get_id_set (KithQuery              *query);
gboolean    kith_query_is_id_set     (KithQuery              *query);
gboolean    kith_query_id_set_to_sql (KithQuery              *query,
                                      const KithQueryContext *context,
                                      GString                *sql,
                                      GPtrArray              *params,
                                      GError                **error);
/* What of an id source's term (kith_query_id_source_to_sql()) */
typedef enum {
  KITH_QUERY_IDS_ALL,       /* the records it names */
  KITH_QUERY_IDS_RECORDS,   /* a word: the records whose own text it names */
  KITH_QUERY_IDS_ITEMS,     /* a word: the timeline items whose text it names */
} KithQueryIdPart;

guint       kith_query_get_n_id_sources (KithQuery           *query);
gboolean    kith_query_id_source_is_id_set (KithQuery        *query,
                                         guint                   index);
gboolean    kith_query_has_rest      (KithQuery              *query);
gboolean    kith_query_rest_to_sql   (KithQuery              *query,
                                      const KithQueryContext *context,
                                      GString                *sql,
                                      GPtrArray              *params,
                                      GError                **error);
gboolean    kith_query_id_source_has_items (KithQuery        *query,
                                         guint                   index);
GStrv       kith_query_id_source_get_prefixes (KithQuery     *query,
                                         guint                   index,
                                         const char            **out_column);
gboolean    kith_query_id_source_to_sql (KithQuery              *query,
                                         guint                   index,
                                         KithQueryIdPart         part,
                                         const KithQueryContext *context,
                                         KithQueryIdSet         *out_what,
                                         GString                *sql,
                                         GPtrArray              *params,
                                         GError                **error);
void        kith_query_append_order  (KithSort                sort,
                                      KithGroup               group,
                                      GString                *sql);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithQuery, kith_query_free)

G_END_DECLS
