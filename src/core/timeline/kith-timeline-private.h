/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-store-private.h"

G_BEGIN_DECLS

/* kith-timeline-input.c: the JSON of timeline items and to-dos, and the people they name */
typedef struct {
  const char *role;
  char       *value;
  char       *key;
  char       *name;
  gint64      record_id;
} KithParty;

gboolean      kith_timeline_get_text     (JsonObject    *obj,
                                          const char    *member,
                                          const char    *label,
                                          gsize          max_len,
                                          const char   **out,
                                          GError       **error);
void          kith_timeline_strip_controls (const char **text,
                                          char         **owned,
                                          gboolean       multi_line);
gboolean      kith_timeline_get_time     (JsonObject    *obj,
                                          const char    *member,
                                          gint64         fallback,
                                          gint64        *out,
                                          GError       **error);
gboolean      kith_timeline_check_members (JsonObject   *data,
                                          const char   **known,
                                          const char    *what,
                                          GError       **error);
gboolean      kith_timeline_check_choice (const char    *value,
                                          const char    *label,
                                          const char   **choices,
                                          GError       **error);
KithParty    *kith_party_new             (KithStore     *self,
                                          const char    *role,
                                          const char    *value,
                                          const char    *name,
                                          GHashTable    *unlinked,
                                          GError       **error);
void          kith_party_free            (KithParty     *p);
gboolean      kith_timeline_add_parties  (KithStore     *self,
                                          JsonObject    *data,
                                          const char    *member,
                                          const char    *default_role,
                                          GHashTable    *unlinked,
                                          GPtrArray     *parties,
                                          GError       **error);
gboolean      kith_timeline_check_known  (KithStore     *self,
                                          GPtrArray     *parties,
                                          const char    *role,
                                          GError       **error);

/* kith-timeline-writer.c */
gint64        kith_timeline_add_item     (KithStore     *self,
                                          JsonObject    *data,
                                          GHashTable    *unlinked,
                                          gboolean      *out_existed,
                                          GError       **error);

G_END_DECLS
