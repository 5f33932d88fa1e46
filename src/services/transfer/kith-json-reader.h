/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kith-json-format.h"

G_BEGIN_DECLS

/* Reading a JSON export: the state kith-json-import.c (the file, line by line) and
 * kith-json-sections.c (what each section's elements become) share */
typedef struct {
  KithImport               *import;
  KithStore                *store;
  const KithImportOptions  *options;
  GHashTable               *ids;          /* the file's record id → this store's */
  GHashTable               *field_keys;   /* definitions this store has */
  GHashTable               *view_names;
  char                     *section;
  guint                     index;        /* of the element in its section, from 1 */
  guint                     row;          /* the line, or the element of the whole file */
  gboolean                  seen_header;
  gboolean                  closed;       /* the line closing the file's object was read */
  gboolean                  was_empty;    /* no records before: nothing to match items against */
  GHashTable               *todos;        /* the store's to-dos before, as todo_signature() */
  GHashTable               *segment_keys; /* the file's segment key → this store's, where they differ */
  GHashTable               *step_keys;    /* the same for steps */
  gboolean                  open;         /* in a transaction of ours, for what is not a record */
  guint                     in_batch;
} Reader;

gboolean    kith_json_invalid        (GError     **error,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void        kith_json_reject         (Reader      *r,
                                      const char  *message);
void        kith_json_import_element (Reader      *r,
                                      JsonNode    *node);
GHashTable *kith_json_field_keys     (KithStore   *store);
GHashTable *kith_json_view_names     (KithStore   *store);
GHashTable *kith_json_todos          (KithStore   *store);

G_END_DECLS
