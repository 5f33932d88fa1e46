/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kith-core.h"

G_BEGIN_DECLS

#define KITH_TYPE_STRUCTURED_GROUP (kith_structured_group_get_type ())
G_DECLARE_DERIVABLE_TYPE (KithStructuredGroup, kith_structured_group, KITH, STRUCTURED_GROUP, AdwBin)

/**
 * KithStructuredGroupClass:
 * @list: the record's list the group edits
 * @kinds: 1 << KithRecordKind of the records that have it
 * @field_titles: what each part of an item is, %NULL-terminated (untranslated, N_())
 * @field_helps: how to write each part, or %NULL, as many as @field_titles (untranslated)
 * @removed: the toast once an item is removed (untranslated, N_())
 * @link_label: what an item's link does (untranslated, N_())
 * @dup_texts: the parts of @item as text, one for each of @field_titles
 * @new_item: an item of @texts, @old the one it replaces (or %NULL); %NULL, setting @error
 *   naming what was typed and what is wrong with it, when they make none
 * @describe: the row's title and subtitle for @item
 * @dup_uri: (nullable): what the row's link for @item opens
 * @max_items: (nullable): how many items @record can have; without it, any number
 *
 * A group that edits a structured list of a record: a subclass says what its items are.
 */
struct _KithStructuredGroupClass
{
  AdwBinClass parent_class;

  KithRecordList      list;
  guint               kinds;
  const char * const *field_titles;
  const char * const *field_helps;
  const char         *removed;
  const char         *link_label;

  char     **(*dup_texts) (gconstpointer       item);
  gpointer   (*new_item)  (const char * const *texts,
                           gconstpointer       old,
                           GError            **error);
  char      *(*describe)  (gconstpointer       item,
                           char              **subtitle);
  char      *(*dup_uri)   (gconstpointer       item);
  guint      (*max_items) (KithRecord         *record);
};

KithRecord *kith_structured_group_get_record (KithStructuredGroup *self);

G_END_DECLS
